import { describe, expect, it } from 'vitest';
import { parseIndicatorSystem } from '../../src/config/indicator-system.js';
import { scoreAssessment, type ScoreAssessmentInput } from '../../src/scoring/score-assessment.js';
import { topsis } from '../../src/scoring/topsis.js';
import { ahp } from '../../src/scoring/weights/ahp.js';
import { combineWeights } from '../../src/scoring/weights/combined.js';
import { entropyWeights } from '../../src/scoring/weights/entropy.js';
import { criticWeights } from '../../src/scoring/weights/critic.js';
import type { MetricsResult } from '../../src/types.js';
import type { AssessmentResult } from '../../src/model/result.js';
import { buildMetrics } from './metrics-fixture.js';

function run(yaml: string, metrics: MetricsResult, extra: Partial<ScoreAssessmentInput> = {}): AssessmentResult {
  return scoreAssessment({
    system: parseIndicatorSystem(yaml, 'test.yaml'),
    systemFile: { path: 'test.yaml', sha256: 'x' },
    assessment: null,
    metrics,
    version: '0.0.0-test',
    generatedAt: '2026-10-08T09:00:00',
    ...extra,
  });
}

const unitOf = (r: AssessmentResult, id: string) => r.units.find((u) => u.unit === id)!;

/**
 * The worked example every expectation below is computed from:
 *   A1 on-time close rate, threshold 0.6 → 0.95:  U1 0.95 → 100, U2 0.88 → 80, U3 0.60 → 0, U4 missing
 *   A2 return rate, cost threshold 0.30 → 0.05:   U1 0.05 → 100, U2 0.10 → 80, U3 0.30 → 0, U4 0.175 → 50
 *   A = (2·A1 + 1·A2)/3;  B = survey index (identity): U1 60, U2 90, U3 missing, U4 70
 *   root = (3·A + 1·B)/4
 */
const SYSTEM = (missing = 'renormalize', extra = '') => `
name: {zh: 测试体系, en: Test system}
survey: {items: [{id: q1}]}
${extra}
indicators:
  - id: A
    name: {zh: 诉求处置, en: Case handling}
    weight: 3
    children:
      - {id: A1, name: 按时办结率, weight: 2, metric: cases.on_time_close_rate, missing: ${missing},
         scoring: {method: threshold, floor: 0.6, target: 0.95}}
      - {id: A2, name: 退单率, weight: 1, metric: cases.return_rate, direction: cost,
         scoring: {method: threshold, floor: 0.3, target: 0.05}}
  - {id: B, name: 满意度, weight: 1, metric: survey.satisfaction_index}
`;
const METRICS = (ratings?: Record<string, (number | null)[]>) =>
  buildMetrics({
    units: ['U1', 'U2', 'U3', 'U4'],
    cases: { on_time_close_rate: [0.95, 0.88, 0.6, null], return_rate: [0.05, 0.1, 0.3, 0.175] },
    surveyIndex: [60, 90, null, 70],
    ratings,
  });

describe('scoreAssessment: the worked example', () => {
  const r = run(SYSTEM(), METRICS());

  it('normalises direct weights and multiplies them down the path', () => {
    const w = Object.fromEntries(r.indicators.map((i) => [i.id, [i.weight, i.global_weight]]));
    expect(w.A[0]).toBeCloseTo(0.75, 12); // 3/(3 + 1)
    expect(w.B[0]).toBeCloseTo(0.25, 12);
    expect(w.A1[0]).toBeCloseTo(2 / 3, 12);
    expect(w.A1[1]).toBeCloseTo(0.5, 12); // 0.75 · 2/3
    expect(w.A2[1]).toBeCloseTo(0.25, 12); // 0.75 · 1/3
    expect(r.indicators.map((i) => [i.id, i.parent, i.level, i.leaf])).toEqual([
      ['A', null, 1, false],
      ['A1', 'A', 2, true],
      ['A2', 'A', 2, true],
      ['B', null, 1, true],
    ]);
    expect(r.weighting.map((w) => [w.node, w.method])).toEqual([
      ['root', 'direct'],
      ['A', 'direct'],
    ]);
  });

  it('scores leaves, nodes and totals', () => {
    const u2 = unitOf(r, 'U2');
    expect(u2.indicators.A1).toEqual({ raw: 0.88, score: expect.closeTo(80, 9) });
    expect(u2.indicators.A2.score).toBeCloseTo(80, 9);
    expect(u2.indicators.A).toEqual({ raw: null, score: expect.closeTo(80, 9) });
    // 0.75·80 + 0.25·90 = 82.5
    expect(u2.total).toBeCloseTo(82.5, 9);
    expect(unitOf(r, 'U1').total).toBeCloseTo(90, 9); // 0.75·100 + 0.25·60
  });

  it('renormalize: a missing leaf keeps a null score and its siblings carry the node', () => {
    const u4 = unitOf(r, 'U4');
    expect(u4.indicators.A1).toEqual({ raw: null, score: null, imputed: 'renormalize' });
    expect(u4.indicators.A.score).toBeCloseTo(50, 9); // only A2 = 50 remains
    expect(u4.total).toBeCloseTo(55, 9); // 0.75·50 + 0.25·70
    const u3 = unitOf(r, 'U3');
    expect(u3.indicators.B).toEqual({ raw: null, score: null, imputed: 'renormalize' });
    expect(u3.total).toBeCloseTo(0, 9); // B skipped: A alone = 0
  });

  it('grades by bands and ranks by total, sorted by rank', () => {
    expect(r.units.map((u) => [u.unit, u.rank, u.grade])).toEqual([
      ['U1', 1, '优秀'], // 90 ≥ 90
      ['U2', 2, '良好'], // 82.5
      ['U4', 3, '不合格'], // 55 < 60
      ['U3', 4, '不合格'],
    ]);
    expect(r.data_quality).toBe(r.metrics.dataQuality);
    expect(r.robustness).toBeNull();
  });

  it('reports TOPSIS beside the weighted sum, filling a renormalized leaf with its parent score', () => {
    expect(r.units.every((u) => u.topsis !== null)).toBe(true);
    // U1 is best on A1, A2 and its B (60) is lower than U2's 90; with global weights 0.5/0.25/0.25 U1 stays first.
    expect(unitOf(r, 'U1').topsis!.rank).toBe(1);
    expect(unitOf(r, 'U3').topsis!.rank).toBe(4);
    // the matrix TOPSIS sees (A1, A2, B; global weights 0.5, 0.25, 0.25): U4's missing A1 takes its A score 50,
    // U3's missing B takes its root score 0
    const expected = topsis(
      [
        [100, 100, 60],
        [80, 80, 90],
        [0, 0, 0],
        [50, 50, 70],
      ],
      [0.5, 0.25, 0.25],
      ['benefit', 'benefit', 'benefit'],
    );
    ['U1', 'U2', 'U3', 'U4'].forEach((id, i) => {
      expect(unitOf(r, id).topsis!.closeness).toBeCloseTo(expected.closeness[i], 9);
      expect(unitOf(r, id).topsis!.rank).toBe(expected.ranks[i]);
    });
  });

  it('marks an inner node with no scored child as skipped', () => {
    const none = buildMetrics({
      units: ['U1', 'U2'],
      cases: { on_time_close_rate: [0.9, null], return_rate: [0.1, null] },
      surveyIndex: [80, 70],
    });
    const u2 = unitOf(run(SYSTEM(), none), 'U2');
    expect(u2.indicators.A).toEqual({ raw: null, score: null, imputed: 'renormalize' });
    expect(u2.total).toBeCloseTo(70, 9); // B alone
  });
});

describe('missing-value policies', () => {
  it('zero scores the missing leaf 0', () => {
    const u4 = unitOf(run(SYSTEM('zero'), METRICS()), 'U4');
    expect(u4.indicators.A1).toEqual({ raw: null, score: 0, imputed: 'zero' });
    // A = (2·0 + 50)/3 = 16.667; total = 0.75·16.667 + 0.25·70 = 12.5 + 17.5 = 30
    expect(u4.total).toBeCloseTo(30, 9);
  });
  it('average uses the mean score of the units that have it', () => {
    const u4 = unitOf(run(SYSTEM('average'), METRICS()), 'U4');
    // mean of 100, 80, 0 = 60; A = (2·60 + 50)/3 = 56.667; total = 0.75·56.667 + 17.5 = 42.5 + 17.5 = 60
    expect(u4.indicators.A1).toEqual({ raw: null, score: 60, imputed: 'average' });
    expect(u4.total).toBeCloseTo(60, 9);
  });
});

describe('ranks with ties', () => {
  const yaml = `
name: ties
indicators:
  - {id: X, name: x, weight: 1, metric: custom.x, scoring: identity}
  - {id: Y, name: y, weight: 1, metric: custom.y, scoring: identity}
  - {id: Z, name: z, weight: 1, metric: custom.z, scoring: identity}
custom_metrics:
  - {id: x, aggregate: count}
  - {id: y, aggregate: count}
  - {id: z, aggregate: count}
`;
  it('share the best rank (1, 2, 2, 4) even when the sums differ by float noise', () => {
    // P and Q hold the same three scores in a different order: (10 + 20 + 70)/3 in floating point may differ in the
    // last bit; totals are compared rounded to 1e-9 so they tie.
    const metrics = buildMetrics({
      units: ['P', 'Q', 'R', 'S'],
      custom: { x: [0.1, 70, 90, 1], y: [20, 0.1, 90, 1], z: [70, 20, 90, 1] },
    });
    const r = run(yaml, metrics);
    expect(r.units.map((u) => [u.unit, u.rank])).toEqual([
      ['R', 1],
      ['P', 2],
      ['Q', 2],
      ['S', 4],
    ]);
  });
});

describe('grades and ranks on totals rounded to 2 decimals (design §6.3)', () => {
  const yaml = `
name: rounding
indicators:
  - {id: X, name: x, weight: 1, metric: custom.x, scoring: identity}
custom_metrics:
  - {id: x, aggregate: count}
`;
  it('84.999999 and 85.004 both print 85.00 and tie; 89.995 prints 90.00 and is 优秀', () => {
    const r = run(yaml, buildMetrics({ units: ['A', 'B', 'C', 'D'], custom: { x: [84.999999, 85.004, 89.995, 50] } }));
    expect(r.units.map((u) => [u.unit, u.rank, u.grade])).toEqual([
      ['C', 1, '优秀'],
      ['A', 2, '良好'],
      ['B', 2, '良好'],
      ['D', 4, '不合格'],
    ]);
    // the totals themselves are not rounded
    expect(unitOf(r, 'A').total).toBe(84.999999);
  });
});

describe('units with no data for any indicator are not assessed (design §6.3)', () => {
  const four = METRICS();
  /** The worked example's four units plus U5, which has no case metric, no survey response and no rating. */
  const withU5 = (): MetricsResult => {
    const m = buildMetrics({
      units: ['U1', 'U2', 'U3', 'U4', 'U5'],
      cases: { on_time_close_rate: [0.95, 0.88, 0.6, null, null], return_rate: [0.05, 0.1, 0.3, 0.175, null] },
      surveyIndex: [60, 90, null, 70, null],
    });
    return m;
  };

  it('gives U5 no total, grade or rank, warns, and leaves the other units exactly as without it', () => {
    const before = run(SYSTEM('average'), four);
    const after = run(SYSTEM('average'), withU5());
    const u5 = unitOf(after, 'U5');
    expect([u5.assessed, u5.total, u5.base, u5.grade, u5.grade_before_veto, u5.rank, u5.rank_note, u5.topsis]).toEqual([false, null, null, null, null, null, null, null]);
    expect(Object.values(u5.indicators).every((s) => s.score === null)).toBe(true);
    expect(after.units.at(-1)!.unit).toBe('U5');
    expect(after.warnings).toEqual([expect.objectContaining({ code: 'unit_not_assessed', where: 'U5', params: { unit: 'U5' } })]);
    // `average` fills from the units that have data; U5 must not count among them, nor in TOPSIS or ranks.
    for (const u of before.units) {
      const v = unitOf(after, u.unit);
      expect(v.assessed).toBe(true);
      expect([v.total, v.grade, v.rank, v.topsis]).toEqual([u.total, u.grade, u.rank, u.topsis]);
      expect(v.indicators).toEqual(u.indicators);
    }
    expect(after.indicators).toEqual(before.indicators);
  });

  it('counts a case count of 0 as no data, judged on raw values before the missing-value policy', () => {
    const yaml = `
name: counts
survey: {items: [{id: q1}]}
indicators:
  - {id: C, name: 工单量, weight: 1, metric: cases.case_count, scoring: minmax, direction: cost, missing: zero}
  - {id: S, name: 满意度, weight: 1, metric: survey.satisfaction_index, missing: zero}
`;
    const metrics = buildMetrics({ units: ['A', 'B', 'Z'], cases: { case_count: [10, 30, 0] }, surveyIndex: [80, 60, null] });
    const r = run(yaml, metrics);
    // Z's only values are a case count of 0 and a missing survey (which `zero` would have filled): not assessed.
    const z = unitOf(r, 'Z');
    expect([z.assessed, z.total, z.grade, z.rank]).toEqual([false, null, null, null]);
    expect(z.indicators.C.raw).toBe(0);
    // minmax over A and B only: A (10 cases, the fewest) 100, B 0 — Z's 0 does not become the best.
    expect(unitOf(r, 'A').indicators.C.score).toBe(100);
    expect(unitOf(r, 'B').indicators.C.score).toBe(0);
    // A case count of 0 beside any other data is assessed.
    const r2 = run(yaml, buildMetrics({ units: ['A', 'B', 'Z'], cases: { case_count: [10, 30, 0] }, surveyIndex: [80, 60, 75] }));
    expect(unitOf(r2, 'Z').assessed).toBe(true);
    expect(r2.warnings).toEqual([]);
  });
});

describe('bonus, penalty and veto', () => {
  const extra = `
bonus:
  cap: 5
  items:
    - {id: innovation, name: 创新加分, cap: 3}
    - {id: honour, name: 荣誉加分}
penalty:
  cap: 10
  items:
    - {id: accident, name: 安全事故扣分, cap: 8}
veto:
  - {id: safety, name: 重大安全事故一票否决, grade: 合格}
`;
  const metrics = METRICS({
    // U1: innovation 4 → capped at 3; honour 3 → Σ 6 → overall cap 5
    innovation: [4, null, null, null],
    honour: [3, null, 2, null],
    // U2: 12 → item cap 8 (under the overall cap 10)
    accident: [null, 12, null, null],
    // U1 had a serious incident: the rating says 是 (scored > 0)
    safety: [1, null, null, 0],
  });
  const r = run(SYSTEM('renormalize', extra), metrics);

  it('caps each item and the sum', () => {
    const u1 = unitOf(r, 'U1');
    expect(u1.bonus).toBe(5);
    expect(u1.base).toBeCloseTo(90, 9);
    expect(u1.total).toBeCloseTo(95, 9);
    const u2 = unitOf(r, 'U2');
    expect(u2.penalty).toBe(8);
    expect(u2.total).toBeCloseTo(74.5, 9); // 82.5 − 8
    expect(u2.grade).toBe('合格');
    expect(unitOf(r, 'U3').bonus).toBe(2);
  });

  it('a veto caps the grade but not the total, and ranks the unit after every unit without one (veto_rank: last, the default)', () => {
    const u1 = unitOf(r, 'U1');
    expect(u1.vetoes).toEqual(['safety']);
    expect(u1.grade_before_veto).toBe('优秀');
    expect(u1.grade).toBe('合格');
    expect(u1.grade_cap).toBe('合格');
    // U1 has the highest total (95; U2 74.5, U3 and U4 below 90) yet ranks 4th of 4 (design §6.3).
    expect(u1.total).toBeCloseTo(95, 9);
    expect(Math.max(...r.units.filter((u) => u.unit !== 'U1').map((u) => u.total!))).toBeLessThan(95);
    expect(u1.rank).toBe(4);
    expect(u1.rank_note).toBe('veto_last');
    expect(r.units.map((u) => u.unit).at(-1)).toBe('U1');
    expect(r.units.filter((u) => u.unit !== 'U1').map((u) => [u.rank, u.rank_note])).toEqual([
      [1, null],
      [2, null],
      [3, null],
    ]);
    // a rating of 0 (否) does not fire
    expect(unitOf(r, 'U4').vetoes).toEqual([]);
    expect(r.rules?.vetoes).toEqual([{ id: 'safety', name: { zh: '重大安全事故一票否决', en: '重大安全事故一票否决' }, description: null, max_grade: '合格' }]);
    expect(r.rules?.veto_rank).toBe('last');
  });

  it('veto_rank: keep ranks a vetoed unit by its total', () => {
    const kept = run(SYSTEM('renormalize', `${extra}veto_rank: keep\n`), metrics);
    expect(unitOf(kept, 'U1').rank).toBe(1);
    expect(unitOf(kept, 'U1').rank_note).toBeNull();
    expect(unitOf(kept, 'U1').grade).toBe('合格');
    expect(kept.rules?.veto_rank).toBe('keep');
  });

  it('veto_rank: none leaves a vetoed unit unranked and numbers the others 1..k without gaps', () => {
    const none = run(SYSTEM('renormalize', `${extra}veto_rank: none\n`), metrics);
    const u1 = unitOf(none, 'U1');
    expect([u1.rank, u1.rank_note, u1.grade]).toEqual([null, 'veto_unranked', '合格']);
    expect(none.units.filter((u) => u.rank !== null).map((u) => u.rank)).toEqual([1, 2, 3]);
    // listed after the ranked units
    expect(none.units.at(-1)!.unit).toBe('U1');
  });

  it('a veto that fires ranks the unit last even when its cap does not lower the grade', () => {
    // Capped at 优秀, the best grade: U1 keeps 优秀, but the veto still fired.
    const mild = run(SYSTEM('renormalize', extra.replace('grade: 合格', 'grade: 优秀')), metrics);
    const u1 = unitOf(mild, 'U1');
    expect([u1.grade, u1.grade_before_veto, u1.vetoes]).toEqual(['优秀', '优秀', ['safety']]);
    expect([u1.rank, u1.rank_note]).toEqual([4, 'veto_last']);
  });

  it('several vetoed units rank after the others, by total among themselves', () => {
    const two = run(SYSTEM('renormalize', extra), METRICS({ innovation: [4, null, null, null], honour: [3, null, 2, null], accident: [null, 12, null, null], safety: [1, 1, null, 0] }));
    // U1 95 > U2 74.5: 3rd and 4th behind U3 and U4.
    expect([unitOf(two, 'U1').rank, unitOf(two, 'U2').rank]).toEqual([3, 4]);
    expect(two.units.map((u) => u.unit).slice(2)).toEqual(['U1', 'U2']);
  });

  it('clips the total to 0..100', () => {
    const big = METRICS({ innovation: [3, null, null, null], honour: [2, null, null, null], accident: [null, null, 8, null], safety: [null, null, null, null] });
    const sys = SYSTEM('renormalize', extra).replace('floor: 0.6, target: 0.95', 'floor: 0.5, target: 0.6');
    const r2 = run(sys, big);
    // U1: A1 100, A2 100, B 60 → 90 + 5 = 95; U3: A1 0.6 → 100, A2 0 → A = 66.67 → base 66.67 − 8 = 58.67
    expect(unitOf(r2, 'U1').total).toBeCloseTo(95, 9);
    const zeroed = run(SYSTEM('renormalize', extra), big);
    expect(unitOf(zeroed, 'U3').total).toBe(0); // base 0 − 8 → clipped at 0
  });
});

describe('weighting methods inside the tree', () => {
  const units = ['U1', 'U2', 'U3', 'U4', 'U5'];
  const x = [0.7, 0.8, 0.9, 0.75, 0.95];
  const y = [10, 40, 20, 30, 50];
  const z = [55, 65, 60, 90, 70];
  const metrics = buildMetrics({ units, custom: { x, y, z } });
  const leaves = `
      - {id: L1, name: l1, metric: custom.x, scoring: {method: threshold, floor: 0.6, target: 1}}
      - {id: L2, name: l2, metric: custom.y, scoring: minmax}
      - {id: L3, name: l3, metric: custom.z, scoring: identity}`;
  const custom = `
custom_metrics:
  - {id: x, aggregate: count}
  - {id: y, aggregate: count}
  - {id: z, aggregate: count}`;
  const sys = (weights: string, leafList = leaves) => `
name: methods
${custom}
indicators:
  - id: N
    name: n
    weight: 1
    weights: ${weights}
    children:${leafList}
`;
  // the children's scores, as the leaf methods give them (threshold: (x − 0.6)/0.4·100; minmax over 10..50; identity)
  const scores = units.map((_, u) => [((x[u] - 0.6) / 0.4) * 100, ((y[u] - 10) / 40) * 100, z[u]]);

  it('ahp: the weights of a direct ahp() call, with λmax, CI, CR and the RI table', () => {
    const matrix = [
      [1, 3, 5],
      [1 / 3, 1, 2],
      [1 / 5, 1 / 2, 1],
    ];
    const expected = ahp(matrix);
    const r = run(sys("{method: ahp, matrix: [[1, 3, 5], ['1/3', 1, 2], ['1/5', '1/2', 1]]}"), metrics);
    const w = r.weighting.find((k) => k.node === 'N')!;
    expect(w.method).toBe('ahp');
    expect([w.weights.L1, w.weights.L2, w.weights.L3]).toEqual(expected.weights);
    expect(w.cr).toBe(expected.cr);
    expect(w.lambda_max).toBe(expected.lambdaMax);
    expect(w.ri).toBe(expected.ri.name);
    expect(r.indicators.find((i) => i.id === 'L1')!.method).toBe('ahp');
  });

  it('entropy and critic: from the units × children score matrix', () => {
    const e = run(sys('entropy'), metrics).weighting.find((k) => k.node === 'N')!;
    const expected = entropyWeights(scores);
    expect(e.weights.L1).toBeCloseTo(expected[0], 12);
    expect(e.weights.L2).toBeCloseTo(expected[1], 12);
    expect(e.weights.L3).toBeCloseTo(expected[2], 12);
    const c = run(sys('critic'), metrics).weighting.find((k) => k.node === 'N')!;
    const ec = criticWeights(scores, ['benefit', 'benefit', 'benefit']);
    expect(c.weights.L2).toBeCloseTo(ec[1], 12);
  });

  it('combined: α·direct + (1 − α)·entropy', () => {
    const withWeights = leaves.replace('l1,', 'l1, weight: 2,').replace('l2,', 'l2, weight: 1,').replace('l3,', 'l3, weight: 1,');
    const r = run(sys('{method: combined, subjective: direct, objective: entropy, alpha: 0.3}', withWeights), metrics);
    const expected = combineWeights([0.5, 0.25, 0.25], entropyWeights(scores), 0.3);
    const w = r.weighting.find((k) => k.node === 'N')!;
    expect(w.method).toBe('combined');
    expect(w.weights.L1).toBeCloseTo(expected[0], 12);
    expect(w.weights.L3).toBeCloseTo(expected[2], 12);
    // the node's score is the weighted sum with those weights
    const u1 = unitOf(r, 'U1');
    const s = scores[0];
    expect(u1.indicators.N.score).toBeCloseTo(expected[0] * s[0] + expected[1] * s[1] + expected[2] * s[2], 9);
  });

  it('data-driven weights leave out units with a missing child score, and say so', () => {
    const gappy = buildMetrics({ units, custom: { x: [0.7, null, 0.9, 0.75, 0.95], y, z } });
    const r = run(sys('entropy'), gappy);
    const w = r.weighting.find((k) => k.node === 'N')!;
    const complete = [0, 2, 3, 4].map((u) => scores[u]);
    expect(w.weights.L1).toBeCloseTo(entropyWeights(complete)[0], 12);
    expect(w.note).toMatch(/1 unit\(s\) with a missing child score left out/);
  });

  it('weight overrides replace direct weights before normalisation (scenarios)', () => {
    const withWeights = leaves.replace('l1,', 'l1, weight: 2,').replace('l2,', 'l2, weight: 1,').replace('l3,', 'l3, weight: 1,');
    const r = run(sys('direct', withWeights), metrics, { weightOverrides: { L1: 6 } });
    const w = r.weighting.find((k) => k.node === 'N')!;
    expect(w.weights.L1).toBeCloseTo(0.75, 12); // 6/(6 + 1 + 1)
    expect(w.weights.L2).toBeCloseTo(0.125, 12);
  });

  it('rejects overrides for unknown ids or negative weights', () => {
    expect(() => run(sys('entropy'), metrics, { weightOverrides: { L9: 1 } })).toThrow(/"L9", which is not an indicator/);
    expect(() => run(sys('entropy'), metrics, { weightOverrides: { L1: -1 } })).toThrow(/must be a number ≥ 0/);
  });

  it('overrides under a data-driven method replace the computed weight and renormalise', () => {
    const r = run(sys('entropy'), metrics, { weightOverrides: { L1: 0.5 } });
    const e = entropyWeights(scores);
    const w = r.weighting.find((k) => k.node === 'N')!;
    // L1 takes 0.5, the others keep their entropy weights; the three are renormalised to sum 1
    const sum = 0.5 + e[1] + e[2];
    expect(w.weights.L1).toBeCloseTo(0.5 / sum, 12);
    expect(w.weights.L3).toBeCloseTo(e[2] / sum, 12);
    expect(w.note).toMatch(/scenario weights override/);
  });
});

describe('the full documented system', () => {
  it('scores every unit on every node, with every weighting recorded', async () => {
    const { loadIndicatorSystem } = await import('../../src/config/indicator-system.js');
    const { system, sha256 } = await loadIndicatorSystem('test/fixtures/config/full-system.yaml');
    const units = ['东湖社区', '西湖社区', '南湖社区', '北湖社区'];
    const metrics = buildMetrics({
      units,
      cases: { on_time_close_rate: [0.9, 0.8, null, 0.97], return_rate: [0.1, null, 0.2, 0.02] },
      custom: { noise_on_time: [0.5, null, 0.9, 0.7] },
      surveyIndex: [82, 75, 90, null],
      ratings: { C1: [90, 85, 70, 95], C2: [80, 60, 75, null], innovation: [5, null, null, null], safety: [null, 100, null, null] },
      distributions: { C1: [{ 优: 2, 良: 1 }, { 良: 3 }, { 中: 3 }, { 优: 3 }] },
    });
    const r = scoreAssessment({
      system,
      systemFile: { path: 'full-system.yaml', sha256 },
      assessment: { path: 'a.yaml', sha256: 'y', title: '第三季度评估', client: '区政府', evaluator: '评估机构', texts: { background: '背景' } },
      metrics,
      version: '1.0.0',
      generatedAt: '2026-10-08T09:00:00',
    });
    expect(r.assessment).toEqual({ title: '第三季度评估', client: '区政府', evaluator: '评估机构', texts: { background: '背景' } });
    expect(r.config.indicator_system).toEqual({ path: 'full-system.yaml', sha256, name: system.name });
    expect(r.weighting.map((w) => w.node)).toEqual(['root', 'A', 'B', 'C']);
    expect(r.weighting[0].cr).toBeGreaterThanOrEqual(0);
    expect(r.weighting[2]).toMatchObject({ method: 'combined', ri: expect.stringMatching(/龚木森/) });
    for (const u of r.units) expect(Object.keys(u.indicators)).toEqual(['A', 'A1', 'A2', 'A3', 'B', 'B1', 'B2', 'C', 'C1', 'C2']);
    // grade table: 东湖 C1 = (2·100 + 80)/3; 西湖's veto caps it at 合格 at best
    expect(unitOf(r, '东湖社区').indicators.C1.score).toBeCloseTo(280 / 3, 9);
    expect(unitOf(r, '东湖社区').bonus).toBe(3);
    const xihu = unitOf(r, '西湖社区');
    expect(xihu.vetoes).toEqual(['safety']);
    expect(['合格', '不合格']).toContain(xihu.grade);
    expect(unitOf(r, '西湖社区').indicators.A2).toEqual({ raw: null, score: 0, imputed: 'zero' });
    // A3 average: mean of minmax scores 0, 100, 50 = 50
    expect(unitOf(r, '西湖社区').indicators.A3).toEqual({ raw: null, score: 50, imputed: 'average' });
    expect(r.rules?.bonus_cap).toBe(5);
  });
});
