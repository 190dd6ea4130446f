import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/calendar/work-calendar.js';
import { DataError } from '../../src/errors.js';
import { CaseMetricsAccumulator, caseMetricsOf, emptyCaseCounts } from '../../src/metrics/cases.js';
import { DEFAULT_METRIC_SETTINGS } from '../../src/metrics/defaults.js';
import { wallTime } from '../../src/time.js';
import { CASE_METRIC_IDS } from '../../src/model/case-metrics.js';
import { URGENCIES } from '../../src/types.js';
import type { CaseMetrics, CaseRecord, MetricSettings, SatisfactionLevel } from '../../src/types.js';
import { CASES, PERIOD, REGISTRY, UNIT_A_COUNTS, UNIT_A_METRICS, kase, t } from './cases.fixture.js';

const calendar = await WorkCalendar.load({});

function run(records: CaseRecord[], settings: MetricSettings = DEFAULT_METRIC_SETTINGS, withRegistry = true) {
  const acc = new CaseMetricsAccumulator({ settings, calendar, period: PERIOD, units: withRegistry ? REGISTRY : null, file: 'cases.csv' });
  for (const r of records) acc.add(r);
  return acc.finish();
}

/*
 * Unit A, from the per-case table in cases.fixture.ts (cut-off 2026-10-12T18:00:00):
 *   cases 10; closed by the cut-off A1 A2 A3 A4 A5 A7 = 6 (A6 closed after the cut-off counts as open)
 *   on time A1 A3 A4 = 3; open overdue A8 A9 = 2          → on_time_close_rate 3 / (6 + 2) = 0.375
 *   contact due: all but A10 = 9; in time A1 A3 A4 A6 A9   → first_contact_rate 5 / 9
 *   closed with a resolved value A1 A2 A4 A5 A7 = 5, resolved 4 (A2 no) → 0.8
 *   rated A1 5, A2 2, A3 4, A4 3, A6 1 = 5; satisfied (5/4/3) 3 → 0.6; scores 100+40+80+60+20 = 300 → 60
 *   verified by the cut-off among the 6 closed: A1 A3 A7 = 3 (A5 verified after it) → 0.5
 *   returned A2 A10 → 2/10 = 0.2; repeat A3 → 0.1
 *   close workdays A1 2, A2 6, A3 0, A4 0, A5 0, A7 2 = 10 over 6 closed → 10/6
 *   population 20 000 → 10 / 20 000 × 10 000 = 5
 * Unit B: one complex case closed on time, contacted late (via closed_at), no resolved value, not rated,
 *   not verified, 2 workdays, no population.
 * Unit C: registry unit without cases: count 0, rates null, cases_per_10k 0 / 5 000 × 10 000 = 0.
 */
const EXPECTED: Record<string, CaseMetrics> = {
  A: UNIT_A_METRICS,
  B: {
    case_count: 1,
    on_time_close_rate: 1,
    first_contact_rate: 0,
    resolution_rate: null,
    satisfaction_rate: null,
    satisfaction_score: null,
    verification_rate: 0,
    return_rate: 0,
    repeat_rate: 0,
    mean_close_workdays: 2,
    cases_per_10k: null,
    // No repeats: block, so no detection (issue 14): unknown, not 0.
    reopen_rate: null,
    merged_share: null,
  },
  C: {
    case_count: 0,
    on_time_close_rate: null,
    first_contact_rate: null,
    resolution_rate: null,
    satisfaction_rate: null,
    satisfaction_score: null,
    verification_rate: null,
    return_rate: null,
    repeat_rate: null,
    mean_close_workdays: null,
    cases_per_10k: 0,
    // No repeats: block, so no detection (issue 14): unknown, not 0.
    reopen_rate: null,
    merged_share: null,
  },
};

describe('case metrics on the hand-computed National Day log', () => {
  it('gives every metric of design §4 per unit, registry units without cases included', () => {
    const out = run(CASES);
    expect(Object.keys(out.cases)).toEqual(['A', 'B', 'C']);
    for (const unit of ['A', 'B', 'C']) {
      for (const id of CASE_METRIC_IDS) {
        const want = EXPECTED[unit][id];
        const got = out.cases[unit][id];
        if (want === null) expect([unit, id, got]).toEqual([unit, id, null]);
        else expect([unit, id, got]).toEqual([unit, id, expect.closeTo(want, 12)]);
      }
    }
    expect(Object.keys(out.cases.A)).toEqual([...CASE_METRIC_IDS]);
  });

  it('keeps the counts behind the metrics', () => {
    const a = run(CASES).caseCounts.A;
    expect(a).toEqual(UNIT_A_COUNTS);
  });

  it('lists only the units seen, sorted, without a registry', () => {
    const out = run([...CASES].reverse(), DEFAULT_METRIC_SETTINGS, false);
    expect(Object.keys(out.cases)).toEqual(['A', 'B']);
    expect(out.cases.A.cases_per_10k).toBeNull(); // no population without a registry
    expect(out.cases.A.on_time_close_rate).toBe(0.375);
  });

  it('breaks down by urgency class, category and department over all units', () => {
    const { breakdowns } = run(CASES);
    // urgent A4 (on time) A5 (late): 1/2. general: closed A1 on time, A2 A7 late; A9 overdue; A6 A10 pending → 1/4.
    // complex: A8 overdue, B1 on time → 1/2. consult: A3 on time → 1.
    expect(breakdowns.urgency.map((r) => [r.key, r.counts.cases, r.metrics.on_time_close_rate])).toEqual([
      ['urgent', 2, 0.5],
      ['general', 6, 0.25],
      ['complex', 2, 0.5],
      ['consult', 1, 1],
    ]);
    // 噪音扰民 A1 A2 A6 = 3, 道路 A4 A5 B1 = 3 (tie: code point order, 噪 U+566A < 道 U+9053), 物业 A7 A8 = 2,
    // not filled ('') A3 A9 A10 = 3, always last.
    expect(breakdowns.category.map((r) => [r.key, r.counts.cases])).toEqual([
      ['噪音扰民', 3],
      ['道路', 3],
      ['物业', 2],
      ['', 3],
    ]);
    // 道路: A4 on time, A5 late, B1 on time → 2/3
    expect(breakdowns.category[1].metrics.on_time_close_rate).toBeCloseTo(2 / 3, 12);
    expect(breakdowns.department.map((r) => [r.key, r.counts.cases])).toEqual([
      ['城管', 4],
      ['住建', 2],
      ['', 5],
    ]);
    for (const row of [...breakdowns.urgency, ...breakdowns.category]) expect(row.metrics.cases_per_10k).toBeNull();
  });

  it('names the row and file when a case falls outside the calendar', () => {
    const acc = new CaseMetricsAccumulator({ settings: DEFAULT_METRIC_SETTINGS, calendar, period: { ...PERIOD, as_of: '2027-01-31T00:00:00' },
      units: null, file: 'cases.csv' });
    const rec = kase({ caseId: 'Z9', unit: 'A', urgency: 'general', receivedAt: t('2026-12-28 10:00'), closedAt: t('2027-01-05 10:00') });
    let err: unknown;
    try {
      acc.add(rec);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).location).toEqual({ file: 'cases.csv', row: rec.row });
    expect((err as DataError).message).toContain('Z9');
    expect((err as DataError).message).toContain('2027-01-05');
  });

  it('caseMetricsOf gives null for empty denominators and for missing or zero population', () => {
    const m = caseMetricsOf(emptyCaseCounts(), null);
    for (const id of CASE_METRIC_IDS) expect([id, m[id]]).toEqual([id, id === 'case_count' ? 0 : null]);
    expect(caseMetricsOf({ ...emptyCaseCounts(), cases: 3 }, 0).cases_per_10k).toBeNull();
    // 4 cases, 1 returned → 0.25; 4 / 20 000 × 10 000 = 2
    const four = caseMetricsOf({ ...emptyCaseCounts(), cases: 4, returned: 1 }, 20_000);
    expect([four.return_rate, four.cases_per_10k]).toEqual([0.25, 2]);
  });
});

describe('time-zone independence', () => {
  it.each(['UTC', 'Asia/Shanghai', 'America/New_York'])('gives the same numbers under TZ=%s', (tz) => {
    const before = process.env.TZ;
    process.env.TZ = tz;
    try {
      // Prove the switch took effect: 2026-07-01 local midnight is offset by the zone's summer offset.
      const offset = new Date(2026, 6, 1).getTimezoneOffset();
      expect(offset).toBe({ UTC: 0, 'Asia/Shanghai': -480, 'America/New_York': 240 }[tz]);
      const out = run(CASES);
      expect(out.cases.A.on_time_close_rate).toBe(0.375);
      expect(out.cases.A.first_contact_rate).toBeCloseTo(5 / 9, 12);
      expect(out.cases.A.mean_close_workdays).toBeCloseTo(10 / 6, 12);
      expect(out.caseCounts.A.verified).toBe(3);
      expect(out.cases.B.mean_close_workdays).toBe(2);
      expect(out.breakdowns.urgency.map((r) => r.metrics.on_time_close_rate)).toEqual([0.5, 0.25, 0.5, 1]);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});

// ───────────────────────────── properties ─────────────────────────────

const START = wallTime(2026, 8, 1);
const HOUR = 3_600_000;
const arbCase = fc
  .record({
    unit: fc.constantFrom('A', 'B', 'C', 'D'),
    urgency: fc.constantFrom(...URGENCIES),
    recvH: fc.integer({ min: 0, max: 72 * 24 }),
    contactH: fc.option(fc.integer({ min: 0, max: 400 })),
    closeH: fc.option(fc.integer({ min: 0, max: 900 })),
    verifyH: fc.option(fc.integer({ min: 0, max: 200 })),
    deadlineH: fc.option(fc.integer({ min: 0, max: 400 }), { freq: 4 }),
    resolved: fc.option(fc.boolean()),
    satisfaction: fc.option(fc.constantFrom<SatisfactionLevel>(1, 2, 3, 4, 5)),
    returnedCount: fc.integer({ min: 0, max: 3 }),
    repeat: fc.boolean(),
    category: fc.option(fc.constantFrom('噪音扰民', '道路', '物业')),
  })
  .map((p): CaseRecord => {
    const receivedAt = START + p.recvH * HOUR;
    const closedAt = p.closeH === null ? null : receivedAt + p.closeH * HOUR;
    return kase({
      caseId: 'x',
      unit: p.unit,
      urgency: p.urgency,
      receivedAt,
      firstContactAt: p.contactH === null ? null : receivedAt + p.contactH * HOUR,
      closedAt,
      verifiedAt: closedAt === null || p.verifyH === null ? null : closedAt + p.verifyH * HOUR,
      deadlineAt: p.deadlineH === null ? null : receivedAt + p.deadlineH * HOUR,
      resolved: p.resolved,
      satisfaction: p.satisfaction,
      returnedCount: p.returnedCount,
      repeat: p.repeat,
      category: p.category,
    });
  });

const RATE_IDS = CASE_METRIC_IDS.filter((id) => id.endsWith('_rate'));

describe('properties', () => {
  it('rates stay in [0, 1], scores in [20, 100], and nothing is NaN', () => {
    fc.assert(
      fc.property(fc.array(arbCase, { maxLength: 60 }), (records) => {
        const out = run(records, DEFAULT_METRIC_SETTINGS, false);
        for (const m of [...Object.values(out.cases), ...out.breakdowns.category.map((r) => r.metrics)]) {
          for (const id of CASE_METRIC_IDS) expect(Number.isNaN(m[id])).toBe(false);
          for (const id of RATE_IDS) {
            if (m[id] === null) continue;
            expect(m[id]).toBeGreaterThanOrEqual(0);
            expect(m[id]).toBeLessThanOrEqual(1);
          }
          if (m.satisfaction_score !== null) {
            expect(m.satisfaction_score).toBeGreaterThanOrEqual(20);
            expect(m.satisfaction_score).toBeLessThanOrEqual(100);
          }
        }
        const total = Object.values(out.caseCounts).reduce((s, c) => s + c.cases, 0);
        expect(total).toBe(records.length);
        for (const c of Object.values(out.caseCounts)) {
          expect(c.closedOnTime + c.closedLate).toBe(c.closed);
          expect(c.closed + c.openOverdue + c.openPending).toBe(c.cases);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the order of add calls changes nothing (custom metrics included)', () => {
    const settings: MetricSettings = {
      ...DEFAULT_METRIC_SETTINGS,
      custom: [
        { id: 'late_noise', source: 'cases', filter: "d.category === '噪音扰民'", aggregate: 'rate', expr: 'd.on_time === false' },
        { id: 'wd', source: 'cases', filter: 'd.closed', aggregate: 'mean', expr: 'd.close_workdays' },
        { id: 'n_urgent', source: 'cases', filter: "d.urgency === 'urgent'", aggregate: 'count', expr: null },
      ],
    };
    fc.assert(
      fc.property(
        fc.array(arbCase, { maxLength: 60 }).chain((rs) => fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length }))),
        ([records, shuffled]) => {
          expect(run(shuffled, settings)).toEqual(run(records, settings));
        },
      ),
      { numRuns: 100 },
    );
  });
});
