/**
 * computeFindings on the hand-made fixture and on a three-unit result whose numbers are worked out by hand below.
 */
import { describe, expect, it } from 'vitest';
import { computeFindings } from '../../src/findings/compute-findings.js';
import { makeFixture, VETO_UNIT } from '../report/fixture.js';
import type { AssessmentResult } from '../../src/model/result.js';

/** Three units, two level-1 dimensions a (weight 0.6, one leaf) and b (0.4, one leaf). */
function tiny(): AssessmentResult {
  const base = makeFixture({ survey: false, ratings: false, robustness: false, comparison: false });
  const info = (id: string, parent: string | null, level: number, weight: number, global: number, leaf: boolean) => ({
    id, name: { zh: id, en: id }, parent, level, weight, global_weight: global, method: 'direct', leaf, metric: null, direction: null, scoring: null, missing: null, description: null,
  });
  const unit = (u: string, a: number | null, b: number, total: number, rank: number) => ({
    unit: u, name: null, parent: null, assessed: true, total, base: total, bonus: 0, penalty: 0, grade: '良好', grade_before_veto: '良好', vetoes: [], rank, rank_note: null, topsis: null,
    indicators: { a: { raw: null, score: a }, a1: { raw: a, score: a }, b: { raw: null, score: b }, b1: { raw: b, score: b } },
  });
  return {
    ...base,
    indicators: [info('a', null, 1, 0.6, 0.6, false), info('a1', 'a', 2, 1, 0.6, true), info('b', null, 1, 0.4, 0.4, false), info('b1', 'b', 2, 1, 0.4, true)],
    units: [unit('u1', 90, 60, 78, 1), unit('u2', 80, 70, 76, 2), unit('u3', null, 100, 100, 3)],
    metrics: { ...base.metrics, caseCounts: {} },
    comparison: null,
  };
}

describe('computeFindings', () => {
  it('compares level-1 scores with the median unit and ranks the costliest leaves (hand-computed)', () => {
    const f = computeFindings(tiny());
    const u1 = f.units[0];
    // Medians: a over u1, u2 (u3 missing) = (90 + 80)/2 = 85; b over 60, 70, 100 = 70.
    expect(u1.strongest).toEqual({ indicator: 'a', score: 90, median: 85, gap: 5, side: 'above' });
    expect(u1.weakest).toEqual({ indicator: 'b', score: 60, median: 70, gap: -10, side: 'below' });
    // Lost points: a1 0.6 × (100 − 90) = 6; b1 0.4 × (100 − 60) = 16.
    expect(u1.costliest.map((c) => [c.indicator, c.lost_points])).toEqual([
      ['b1', 16],
      ['a1', expect.closeTo(6, 12)],
    ]);
    // u3 has one dimension only: nothing to compare; b1 = 100 costs nothing and a1 is missing.
    expect(f.units[2].strongest).toBeNull();
    expect(f.units[2].costliest).toEqual([]);
    expect(u1.cases).toBeNull();
    expect(u1.survey).toBeNull();
    expect(u1.of).toBe(3);
  });

  it('counts overdue cases and returns from the case counts, and notes veto, change, new and dropped units', () => {
    const r = makeFixture();
    const f = computeFindings(r);
    const dong = f.units.find((u) => u.unit === '东湖社区')!;
    // fixture COUNTS row 1: closedLate 12, openOverdue 3, returned 6 of 412.
    expect(dong.cases).toEqual({ cases: 412, closed_late: 12, open_overdue: 3, overdue: 15, returned: 6, return_rate: 6 / 412 });
    expect(dong.change).not.toBeNull();
    const veto = f.units.find((u) => u.unit === VETO_UNIT)!;
    expect(veto.grade_before_veto).toBe('良好');
    expect(veto.grade).toBe('合格');
    expect(f.units.find((u) => u.unit === '中心社区')!.new_unit).toBe(true);
    expect(f.dropped_units).toEqual(['旧城社区']);
    // 西湖 has 12 respondents (< 30); 中心社区 none.
    expect(f.low_n_units.sort()).toEqual(['中心社区', '西湖社区'].sort());
    expect(f.units.map((u) => u.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('leaves not-assessed units out (listed by name), and counts only ranked units in "of"', () => {
    const r = tiny();
    // u3 unranked by a veto (veto_rank: none); u4 with no data at all (未评估).
    Object.assign(r.units[2], { vetoes: ['safety'], rank: null, rank_note: 'veto_unranked' });
    r.units.push({ ...r.units[0], unit: 'u4', assessed: false, total: null, base: null, grade: null, grade_before_veto: null, rank: null, rank_note: null,
      indicators: Object.fromEntries(Object.keys(r.units[0].indicators).map((id) => [id, { raw: null, score: null }])) });
    const f = computeFindings(r);
    expect(f.units.map((u) => [u.unit, u.rank, u.rank_note, u.of])).toEqual([
      ['u1', 1, null, 2],
      ['u2', 2, null, 2],
      ['u3', null, 'veto_unranked', 2],
    ]);
    expect(f.not_assessed_units).toEqual(['u4']);
  });
});
