import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/calendar/work-calendar.js';
import { ConfigError } from '../../src/errors.js';
import { CaseMetricsAccumulator } from '../../src/metrics/cases.js';
import { compileCustomMetrics } from '../../src/metrics/custom.js';
import { DEFAULT_METRIC_SETTINGS } from '../../src/metrics/defaults.js';
import type { CustomMetricSpec } from '../../src/types.js';
import { CASES, PERIOD, REGISTRY, kase, t } from './cases.fixture.js';

const calendar = await WorkCalendar.load({});

const spec = (id: string, aggregate: CustomMetricSpec['aggregate'], expr: string | null, filter: string | null = null): CustomMetricSpec => ({
  id,
  source: 'cases',
  filter,
  aggregate,
  expr,
});

function runCustom(custom: CustomMetricSpec[], customChunkSize?: number) {
  const acc = new CaseMetricsAccumulator({ settings: { ...DEFAULT_METRIC_SETTINGS, custom }, calendar, period: PERIOD, units: REGISTRY, customChunkSize });
  for (const r of CASES) acc.add(r);
  return acc.finish();
}

/*
 * Expected values from the per-case table in cases.fixture.ts:
 * - noise_on_time: 噪音扰民 cases of A are A1 (on time), A2 (late), A6 (pending → on_time null): 1 true of 3 rows
 *   → 1/3; B and C have no such rows → null.
 * - noise_count: A 3, B 0, C 0.
 * - urgent_hours: A4 closed after 24 h, A5 after 24 h + 1 s → (24 + 24 + 1/3600) / 2 = 24 + 1/7200.
 * - contact_rate (filter: the deadline has been tested) reproduces first_contact_rate: A 5/9, B 0/1.
 * - on_time_rate likewise reproduces on_time_close_rate: A 3/8, B 1/1.
 * - verified_share: mean of a boolean over closed cases = share verified: A 3/6, B 0/1.
 * - includes_count uses an op function: categories containing 噪 → A 3.
 * - received_in_october counts by a datetime field (wall-time ms): A3 A4 A5 A6 A9 A10 → 6; B1 → 1.
 */
const SPECS: CustomMetricSpec[] = [
  spec('noise_on_time', 'rate', 'd => d.on_time === true', "d => d.category === '噪音扰民'"),
  spec('noise_count', 'count', null, "d.category === '噪音扰民'"),
  spec('urgent_hours', 'mean', 'd.close_hours', "d.urgency === 'urgent' && d.closed"),
  spec('contact_rate', 'rate', 'd.contacted_in_time', 'd.contacted_in_time != null'),
  spec('on_time_rate', 'rate', 'd.on_time', 'd.on_time != null'),
  spec('verified_share', 'mean', 'd.verified', 'd.closed'),
  spec('includes_count', 'count', null, "op.includes(d.category, '噪')"),
  spec('received_in_october', 'count', null, `d.received_at >= ${Date.UTC(2026, 9, 1)}`),
];

describe('custom metrics: values', () => {
  it('computes rate, mean and count per unit', () => {
    const { custom, cases } = runCustom(SPECS);
    expect(custom.noise_on_time).toEqual({ A: expect.closeTo(1 / 3, 12), B: null, C: null });
    expect(custom.noise_count).toEqual({ A: 3, B: 0, C: 0 });
    expect(custom.urgent_hours.A).toBeCloseTo(24 + 1 / 7200, 12);
    expect(custom.urgent_hours.B).toBeNull();
    expect(custom.contact_rate).toEqual({ A: expect.closeTo(5 / 9, 12), B: 0, C: null });
    expect(custom.contact_rate.A).toBeCloseTo(cases.A.first_contact_rate as number, 12);
    expect(custom.on_time_rate).toEqual({ A: 0.375, B: 1, C: null });
    expect(custom.verified_share).toEqual({ A: 0.5, B: 0, C: null });
    expect(custom.includes_count).toEqual({ A: 3, B: 0, C: 0 });
    expect(custom.received_in_october).toEqual({ A: 6, B: 1, C: 0 });
  });

  it('accepts destructured fields', () => {
    // 道路: A4, A5 in A; B1 in B
    expect(runCustom([spec('roads', 'count', null, "({ category }) => category === '道路'")]).custom.roads).toEqual({ A: 2, B: 1, C: 0 });
  });

  it('gives the same values whatever the chunk size', () => {
    expect(runCustom(SPECS, 2).custom).toEqual(runCustom(SPECS).custom);
    expect(runCustom(SPECS, 1).custom).toEqual(runCustom(SPECS).custom);
  });

  it('returns no custom metrics when none are configured', () => {
    expect(runCustom([]).custom).toEqual({});
  });

  it('buffers only the fields the expressions read', () => {
    expect(compileCustomMetrics([spec('x', 'rate', 'd.closed', "d.category === 'a'")]).fields.sort()).toEqual(['category', 'closed', 'unit']);
  });
});

describe('custom metrics: checked when configured, never executed', () => {
  const refuses = (s: CustomMetricSpec, ...parts: (string | RegExp)[]) => {
    let err: unknown;
    try {
      compileCustomMetrics([spec('ok', 'count', null), s]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const e = err as ConfigError;
    expect(e.message).toContain(`"${s.id}"`);
    for (const p of parts) expect(e.message).toMatch(p);
    return e;
  };

  it('names an unknown field', () => {
    const e = refuses(spec('m1', 'rate', 'd.satisfied === true'), /unknown field "satisfied"/);
    expect(e.location.path).toBe('custom[1].expr');
    refuses(spec('m2', 'count', null, "d['street'] === 'x'"), /unknown field "street"/);
    // destructured parameters are field references too
    refuses(spec('m3', 'count', null, '({ nope }) => nope > 1'), /unknown field "nope"/);
  });

  it('names a call outside arquero op functions', () => {
    refuses(spec('c1', 'rate', 'process.exit(1)'), /calls process\.exit/);
    refuses(spec('c2', 'rate', 'foo(d.unit)'), /calls foo/);
    refuses(spec('c3', 'count', null, 'd.unit.toString() === "A"'), /calls d\.unit\.toString/);
    refuses(spec('c4', 'rate', "d.unit.constructor.constructor('return process')()"), /calls/);
  });

  it('refuses constructs arquero itself would let through', () => {
    refuses(spec('t1', 'rate', 'd.unit.constructor.constructor`return 1`'), /TaggedTemplateExpression|constructor/);
    refuses(spec('t2', 'rate', 'd.unit.constructor'), /property constructor/);
    refuses(spec('t3', 'rate', 'd => { return d.closed }'), /single expression/);
    refuses(spec('t4', 'rate', 'this.x'), /unsupported syntax/);
    refuses(spec('t5', 'rate', 'd.unit?.length'), /unsupported syntax|name d/);
  });

  it('refuses aggregate and window functions, assignments and bad syntax', () => {
    refuses(spec('a1', 'mean', 'op.mean(d.close_hours)'), /aggregate function/);
    refuses(spec('a2', 'mean', 'op.lag(d.close_hours)'), /window function/);
    refuses(spec('a3', 'rate', 'd.closed = true'), /not a valid row expression|Assignments/);
    refuses(spec('a4', 'rate', 'd.closed &&'), /not a valid row expression/);
  });

  it('refuses incomplete or duplicate specs', () => {
    refuses(spec('r1', 'rate', null), /needs an expr/);
    refuses(spec('ok', 'count', null), /defined twice/);
    refuses({ ...spec('s1', 'count', null), source: 'survey' as 'cases' }, /source must be "cases"/);
    refuses({ ...spec('g1', 'count', null), aggregate: 'sum' as 'count' }, /rate, mean or count/);
  });

  it('fails the accumulator construction, before any row is read', () => {
    expect(
      () => new CaseMetricsAccumulator({ settings: { ...DEFAULT_METRIC_SETTINGS, custom: [spec('bad', 'rate', 'd.nope')] }, calendar, period: PERIOD, units: null }),
    ).toThrow(ConfigError);
  });
});

describe('custom metrics: on_time and contacted_in_time follow the deadline rule (design §4, issue 12)', () => {
  it('counts a case due Friday and closed or contacted on the Saturday as late', () => {
    // No holiday in March 2026. W1, general, received Thu 03-12: contact due Fri 03-13, contacted Sat 03-14 → late;
    // closing due Thu 03-19 (03-13, 16, 17, 18, 19), closed Thu 03-19 18:00 → on time. W2 received Fri 03-06:
    // contact due Mon 03-09, contacted then → in time; closing due Fri 03-13, closed Sat 03-14 → late (the old rule,
    // close_workdays 5 ≤ 5 and contact workdays 1 ≤ 1, called both on time). So 1/2 for each.
    const period = { from: '2026-03-01', to: '2026-03-31', as_of: '2026-03-31T23:59:59' };
    const specs = [spec('on_time_rate', 'rate', 'd.on_time', 'd.on_time != null'), spec('contact_rate', 'rate', 'd.contacted_in_time', 'd.contacted_in_time != null')];
    const acc = new CaseMetricsAccumulator({ settings: { ...DEFAULT_METRIC_SETTINGS, custom: specs }, calendar, period, units: null });
    acc.add(kase({ caseId: 'W1', unit: 'A', urgency: 'general', receivedAt: t('2026-03-12 10:00'), firstContactAt: t('2026-03-14 09:00'), closedAt: t('2026-03-19 18:00') }));
    acc.add(kase({ caseId: 'W2', unit: 'A', urgency: 'general', receivedAt: t('2026-03-06 10:00'), firstContactAt: t('2026-03-09 09:00'), closedAt: t('2026-03-14 11:00') }));
    const { custom, cases } = acc.finish();
    expect(custom.on_time_rate.A).toBe(0.5);
    expect(custom.contact_rate.A).toBe(0.5);
    expect(cases.A.on_time_close_rate).toBe(0.5);
    expect(cases.A.first_contact_rate).toBe(0.5);
  });
});
