import { describe, expect, it } from 'vitest';
import { parseIndicatorSystem } from '../../src/config/indicator-system.js';
import { compareScenarios } from '../../src/robustness/compare-scenarios.js';
import { scoreScenario } from '../../src/robustness/score-scenario.js';
import { scoreAssessment } from '../../src/scoring/score-assessment.js';
import { buildMetrics } from '../scoring/metrics-fixture.js';

/**
 * Two leaves scored as given (identity: a = case satisfaction score, b = survey index), direct weights 1 : 1.
 *   U1: a 90, b 60 → 75    U2: a 60, b 80 → 70    U3: a 70, b 70 → 70   ranks 1, 2, 2 — all 合格.
 * Scenario 重b, weights {b: 3} → a 1/4, b 3/4:  U1 67.5, U2 75, U3 70 → ranks 3, 1, 2.
 * Scenario 重a, weights {a: 4} → a 4/5, b 1/5:  U1 84 (良好), U2 64, U3 70 → ranks 1, 3, 2.
 */
const SYSTEM = parseIndicatorSystem(
  `
name: {zh: 测试, en: Test}
survey: {items: [{id: q1}]}
indicators:
  - {id: a, name: 甲, weight: 1, metric: cases.satisfaction_score, scoring: {method: identity}}
  - {id: b, name: 乙, weight: 1, metric: survey.satisfaction_index, scoring: {method: identity}}
`,
  'test.yaml',
);
const METRICS = buildMetrics({ units: ['U1', 'U2', 'U3'], cases: { satisfaction_score: [90, 60, 70] }, surveyIndex: [60, 80, 70] });
const FILE = { path: 'test.yaml', sha256: 'x' };
const base = scoreAssessment({ system: SYSTEM, systemFile: FILE, assessment: null, metrics: METRICS, version: 't', generatedAt: '2026-10-08T09:00:00' });

describe('scenario weight overrides', () => {
  it('rescore the units the hand-computed way', () => {
    const heavyB = scoreScenario(base, SYSTEM, FILE, { b: 3 });
    const byUnit = new Map(heavyB.units.map((u) => [u.unit, u]));
    expect(byUnit.get('U1')!.total).toBeCloseTo(67.5, 9);
    expect(byUnit.get('U2')!.total).toBeCloseTo(75, 9);
    expect(['U1', 'U2', 'U3'].map((u) => byUnit.get(u)!.rank)).toEqual([3, 1, 2]);
  });
});

describe('compareScenarios', () => {
  const c = compareScenarios(base, [
    { name: '重b', overrides: { b: 3 }, result: scoreScenario(base, SYSTEM, FILE, { b: 3 }) },
    { name: '重a', description: 'a counts four times b', overrides: { a: 4 }, result: scoreScenario(base, SYSTEM, FILE, { a: 4 }) },
  ]);
  const row = (unit: string) => c.units.find((u) => u.unit === unit)!;

  it('lists base and scenario totals, ranks and rank changes side by side', () => {
    expect(c.scenarios.map((s) => s.name)).toEqual(['base', '重b', '重a']);
    expect(row('U1')).toMatchObject({ base_total: 75, base_rank: 1, base_grade: '合格' });
    // rank_change = base rank − scenario rank: U1 1 → 3 is −2; U2 2 → 1 is +1; U3 stays 2.
    expect(['U1', 'U2', 'U3'].map((u) => row(u).scenarios['重b'].rank_change)).toEqual([-2, 1, 0]);
    expect(['U1', 'U2', 'U3'].map((u) => row(u).scenarios['重a'].rank)).toEqual([1, 3, 2]);
    expect(row('U1').scenarios['重a'].total).toBeCloseTo(84, 9);
  });

  it('names the units whose grade changes', () => {
    expect(c.grade_changes).toEqual([{ unit: 'U1', scenario: '重a', from: '合格', to: '良好' }]);
    expect(row('U1').scenarios['重a'].grade_changed).toBe(true);
    expect(row('U2').scenarios['重a'].grade_changed).toBe(false);
  });

  it('correlates every pair of rankings, base included (hand-computed)', () => {
    expect(c.correlations.map((r) => [r.a, r.b])).toEqual([
      ['base', '重b'],
      ['base', '重a'],
      ['重b', '重a'],
    ]);
    // base totals (75, 70, 70) vs 重b (67.5, 75, 70): average ranks (3, 1.5, 1.5) and (1, 3, 2), mean 2;
    // deviations (1, −.5, −.5) · (−1, 1, 0) = −1.5; Σ² 1.5 and 2 → ρ = −1.5/√3 = −0.8660.
    // Pairs: (U1,U2) and (U1,U3) discordant, (U2,U3) tied in base → τb = (0 − 2)/√((3 − 1)·3) = −0.8165.
    // (scipy.stats 1.17.1: spearmanr −0.8660254, kendalltau −0.8164966.)
    const [bb, ba] = c.correlations;
    expect(bb.spearman).toBeCloseTo(-1.5 / Math.sqrt(3), 12);
    expect(bb.kendall_tau_b).toBeCloseTo(-2 / Math.sqrt(6), 12);
    expect(bb.n).toBe(3);
    // base vs 重a (84, 64, 70): deviations (1, −.5, −.5) · (1, −1, 0) = 1.5 → ρ = 1.5/√3 = 0.8660 (scipy agrees).
    expect(ba.spearman).toBeCloseTo(1.5 / Math.sqrt(3), 12);
  });

  it('leaves a unit missing from a scenario out of its cells and correlations', () => {
    const partial = scoreScenario(base, SYSTEM, FILE, { b: 3 });
    partial.units = partial.units.filter((u) => u.unit !== 'U3');
    const r = compareScenarios(base, [{ name: 'x', result: partial }]);
    expect(r.units.find((u) => u.unit === 'U3')!.scenarios.x).toEqual({ total: null, rank: null, rank_change: null, grade: null, grade_changed: null });
    expect(r.correlations[0].n).toBe(2);
  });
});
