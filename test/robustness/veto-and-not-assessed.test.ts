/**
 * The robustness and comparison stages rank as the scoring stage does (design §6.3): a vetoed unit after every unit
 * without a veto (veto_rank: last), no rank for a vetoed unit under `none`, and no part for a unit that was not
 * assessed. Built on fixtures.threeUnits (U1 95 beats U2 70 and U3 67.5 on both indicators).
 */
import { describe, expect, it } from 'vitest';
import { compareScenarios } from '../../src/robustness/compare-scenarios.js';
import { monteCarloRobustness } from '../../src/robustness/monte-carlo.js';
import { comparePeriods } from '../../src/robustness/previous.js';
import type { AssessmentResult, ScoringRules, UnitResult } from '../../src/model/result.js';
import type { VetoRank } from '../../src/model/indicator-system.js';
import { threeUnits, unit } from './fixtures.js';

const rules = (vetoRank: VetoRank): ScoringRules => ({
  bonus_cap: null,
  penalty_cap: null,
  adjustments: [],
  vetoes: [{ id: 'safety', name: { zh: '安全', en: 'safety' }, description: null, max_grade: '合格' }],
  veto_rank: vetoRank,
  time_limits: null,
});

const notAssessed = (id: string): UnitResult => ({
  ...unit({ unit: id, scores: { A: null, B: null }, total: 0, rank: 0, grade: '' }),
  assessed: false,
  total: null,
  base: null,
  grade: null,
  grade_before_veto: null,
  rank: null,
});

/** threeUnits with U1 vetoed (capped at 合格) and ranked by `vetoRank`, plus a not-assessed U4. */
function vetoed(vetoRank: VetoRank): AssessmentResult {
  const r = threeUnits();
  r.rules = rules(vetoRank);
  const [u1, u2, u3] = r.units;
  Object.assign(u1, { vetoes: ['safety'], grade: '合格', grade_before_veto: '优秀', grade_cap: '合格' });
  if (vetoRank === 'last') Object.assign(u1, { rank: 3, rank_note: 'veto_last' });
  if (vetoRank === 'none') Object.assign(u1, { rank: null, rank_note: 'veto_unranked' });
  if (vetoRank !== 'keep') {
    u2.rank = 1;
    u3.rank = 2;
  }
  r.units.push(notAssessed('U4'));
  return r;
}

describe('Monte Carlo ranks by the rule of the scoring stage', () => {
  it('veto_rank: last — the vetoed unit is last in every draw, whatever its total; the others share ranks 1–2', () => {
    const r = monteCarloRobustness(vetoed('last'), { draws: 2000, seed: 3, perturbation: 0.5, topK: 1 });
    expect(r.units.map((u) => u.unit)).toEqual(['U1', 'U2', 'U3']); // U4, not assessed, takes no part
    const [u1, u2, u3] = r.units;
    expect([u1.base_rank, u1.median_rank, u1.p05_rank, u1.p95_rank, u1.p_bottom_k, u1.p_top_k]).toEqual([3, 3, 3, 3, 1, 0]);
    // U2 and U3 swap as in fixtures.threeUnits (25/96 of the draws), now for ranks 1 and 2.
    expect(u2.p_top_k + u3.p_top_k).toBeGreaterThan(0.995);
    expect(Math.abs(u3.p_top_k - 25 / 96)).toBeLessThan(0.04);
    // U1 is capped at 合格 and its total (92.5..97.5) stays above 合格's minimum: it keeps its grade.
    expect(u1.p_keep_grade).toBe(1);
    expect(r.scheme).toContain('vetoed units ranked after the others');
  });

  it('veto_rank: none — the unranked vetoed unit is left out, the others rank 1..2', () => {
    const r = monteCarloRobustness(vetoed('none'), { draws: 500, seed: 3, perturbation: 0.5, topK: 1 });
    expect(r.units.map((u) => [u.unit, u.base_rank])).toEqual([
      ['U2', 1],
      ['U3', 2],
    ]);
    expect(Math.max(...r.units.map((u) => u.p95_rank))).toBe(2);
  });

  it('veto_rank: keep — the vetoed unit ranks by total (first in every draw)', () => {
    const r = monteCarloRobustness(vetoed('keep'), { draws: 500, seed: 3, perturbation: 0.5, topK: 1 });
    expect(r.units[0]).toMatchObject({ unit: 'U1', base_rank: 1, median_rank: 1, p95_rank: 1 });
    expect(r.mean_spearman).toBeGreaterThan(0.5);
  });
});

describe('period comparison with unranked and not-assessed units', () => {
  it('gives a total delta but no rank change to an unranked unit, and counts a not-assessed unit as absent', () => {
    const previous = vetoed('keep');
    const current = vetoed('none');
    // Previously U4 was assessed; now it is not (dropped). U3 was not assessed before: new now.
    previous.units[3] = unit({ unit: 'U4', scores: { A: 50, B: 50 }, total: 50, rank: 4, grade: '不合格' });
    const u3 = previous.units.findIndex((u) => u.unit === 'U3');
    previous.units[u3] = notAssessed('U3');
    const c = comparePeriods(current, previous, 'q2.json');
    const by = new Map(c.units.map((u) => [u.unit, u]));
    expect(by.get('U1')).toMatchObject({ status: 'both', total_delta: 0, rank: null, previous_rank: 1, rank_change: null });
    expect(by.get('U2')).toMatchObject({ status: 'both', rank: 1, previous_rank: 2, rank_change: 1 });
    expect(by.get('U3')).toMatchObject({ status: 'new', previous_total: null });
    expect(by.get('U4')).toMatchObject({ status: 'dropped', total: null, previous_total: 50, previous_rank: 4 });
    expect(c.units).toHaveLength(4);
  });
});

describe('scenario comparison', () => {
  it('correlates ranks over the units ranked in both runs, so a vetoed unit counts where it is ranked', () => {
    const base = vetoed('last');
    const keep = vetoed('keep');
    const c = compareScenarios(base, [{ name: 'keep', result: keep }]);
    // last: U2 1, U3 2, U1 3; keep: U1 1, U2 2, U3 3 — ρ over ranks = 1 − 6·(4 + 1 + 1)/(3·8) = −0.5.
    expect(c.correlations[0]).toMatchObject({ a: 'base', b: 'keep', n: 3 });
    expect(c.correlations[0].spearman).toBeCloseTo(-0.5, 12);
    const u4 = c.units.find((u) => u.unit === 'U4')!;
    expect([u4.base_total, u4.base_rank, u4.base_grade]).toEqual([null, null, null]);
    expect(u4.scenarios.keep).toMatchObject({ rank: null, rank_change: null, grade_changed: false });
    expect(c.units.find((u) => u.unit === 'U1')!.scenarios.keep.rank_change).toBe(2); // 3 → 1
  });
});
