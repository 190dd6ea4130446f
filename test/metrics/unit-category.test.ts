/**
 * Each unit's cases by category (breakdowns.unit_category), for the report's unit profiles: per unit the category
 * counts sum to the unit's counts, each (unit, category) cell equals the category breakdown restricted to that
 * unit's cases, categories come in the order of the category breakdown ('' last), and taking a case back out
 * (remove) leaves no empty group. Expected counts: cases.fixture.ts (unit A's cases by category).
 */
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/calendar/work-calendar.js';
import { CaseMetricsAccumulator } from '../../src/metrics/cases.js';
import { DEFAULT_METRIC_SETTINGS } from '../../src/metrics/defaults.js';
import type { CaseCounts, CaseRecord } from '../../src/types.js';
import { CASES, PERIOD, REGISTRY } from './cases.fixture.js';

const calendar = await WorkCalendar.load({});

function run(records: CaseRecord[]) {
  const acc = new CaseMetricsAccumulator({ settings: DEFAULT_METRIC_SETTINGS, calendar, period: PERIOD, units: REGISTRY, file: 'cases.csv' });
  for (const r of records) acc.add(r);
  return { acc, out: acc.finish() };
}

describe('cases by unit and category', () => {
  it('per unit, the category counts add up to the unit’s counts and equal the breakdown of that unit’s cases', () => {
    const { out } = run(CASES);
    const byUnit = out.breakdowns.unit_category;
    for (const [unit, rows] of Object.entries(byUnit)) {
      const sum = rows.reduce<Record<string, number>>((acc, r) => {
        for (const [k, v] of Object.entries(r.counts)) acc[k] = (acc[k] ?? 0) + v;
        return acc;
      }, {});
      expect(sum, unit).toEqual({ ...out.caseCounts[unit] });
      // The same cell from the category breakdown of only this unit's cases.
      const alone = run(CASES.filter((c) => c.unit === unit)).out.breakdowns.category;
      expect(rows.map((r) => r.key)).toEqual(alone.map((r) => r.key));
      rows.forEach((r, i) => expect(r.counts).toEqual(alone[i].counts as CaseCounts));
    }
    // Unit A's categories (cases.fixture.ts): 噪音扰民 A1 A2 A6, 道路 A4 A5, 物业 A7 A8, and the rest without one.
    const a = new Map(byUnit.A.map((r) => [r.key, r.counts.cases]));
    expect([a.get('噪音扰民'), a.get('道路'), a.get('物业')]).toEqual([3, 2, 2]);
    expect(byUnit.A[byUnit.A.length - 1].key).toBe('');
    // A registry unit without cases has no rows.
    expect(byUnit.C).toBeUndefined();
  });

  it('taking a case back out drops a group left empty', () => {
    const only = CASES.filter((c) => c.unit === 'B');
    const { acc } = run(only);
    for (const c of only) acc.remove(c);
    expect(acc.finish().breakdowns.unit_category).toEqual({});
  });
});
