/**
 * A hand-built case log around China's National Day week 2026, shared by the case metric tests.
 *
 * Calendar facts (chinese-days 1.5.7 data): 09-25 (Fri) Mid-Autumn holiday, 09-26/27 weekend; Sun 09-20 and
 * Sat 10-10 are adjusted working days; 10-01 (Thu) .. 10-07 (Wed) National Day holidays; 10-11 is a Sunday.
 * Cut-off: 2026-10-12T18:00:00 (a Monday).
 */
import type { CaseCounts, CaseMetrics, CaseRecord, Period, UnitInfo, Urgency } from '../../src/types.js';
import { wallTime } from '../../src/time.js';

export const PERIOD: Period = { from: '2026-09-01', to: '2026-10-12', as_of: '2026-10-12T18:00:00' };

export const REGISTRY: UnitInfo[] = [
  { unit: 'A', name: '东湖社区', parent: 'S', population: 20_000 },
  { unit: 'B', name: '西湖社区', parent: 'S', population: null },
  { unit: 'C', name: '南湖社区', parent: 'S', population: 5_000 },
];

/** 'YYYY-MM-DD HH:mm[:ss]' → wall time. */
export function t(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (!m) throw new Error(`bad test time ${s}`);
  return wallTime(+m[1], +m[2], +m[3], +m[4], +m[5], +(m[6] ?? 0));
}

let rowNo = 1;
export function kase(p: Partial<CaseRecord> & { caseId: string; unit: string; urgency: Urgency; receivedAt: number }): CaseRecord {
  return {
    row: ++rowNo,
    firstContactAt: null,
    closedAt: null,
    verifiedAt: null,
    deadlineAt: null,
    resolved: null,
    satisfaction: null,
    returnedCount: 0,
    repeat: false,
    category: null,
    department: null,
    channel: null,
    grid: null,
    ...p,
  };
}

/*
 * Expected per case (default limits: general close 5 workdays / contact 1; complex 15 / 1; consult 1 / 1;
 * urgent close 24 h / contact 2 h). "wd" = working days after the receipt date through the given date.
 *
 * A1 general  rcv Wed 09-30 10:00, contact 10-08 09:00, closed 10-09 16:00
 *             close wd (09-30,10-09] = 10-08,10-09 = 2 ≤ 5 → on time; contact wd 1 ≤ 1 → in time;
 *             verified 10-10 10:00 ≤ cut-off → verified; resolved yes; level 5
 * A2 general  rcv Thu 09-24 09:00, no contact, closed Sat 10-10 11:00 (adjusted working day)
 *             close wd (09-24,10-10] = 09-28,29,30,10-08,09,10 = 6 > 5 → late (09-25 holiday, 26/27 weekend);
 *             contact via closed_at: 6 > 1 → late; resolved no; level 2; returned once
 * A3 consult  rcv Fri 10-09 08:00, contact 09:00, closed 17:00 same day → 0 wd ≤ 1 → on time; contact in time;
 *             resolved unknown; level 4; verified 10-09 18:00 → verified; repeat
 * A4 urgent   rcv Sat 10-03 10:00 (holiday), contact 12:00:00 = exactly 2 h → in time; closed 10-04 10:00:00 =
 *             exactly 24 h → on time; close wd (10-03,10-04] = 0 (holiday); resolved yes; level 3; not verified
 * A5 urgent   rcv Mon 10-05 08:00, contact 10:00:01 (2 h + 1 s) → late; closed 10-06 08:00:01 (24 h + 1 s) → late;
 *             close wd 0; resolved yes; verified 10-12 18:00:01, after the cut-off → not verified
 * A6 general  rcv Thu 10-08 09:00, contact 15:00, closed 10-13 10:00 — after the cut-off, so open:
 *             wd (10-08, 10-12] = 10-09, 10-10, 10-12 = 3 ≤ 5 → pending; contact in time; level 1 (rated);
 *             resolved yes but not closed → not counted
 * A7 general  rcv Mon 09-28 09:00, deadline_at 09-29 18:00, closed 09-30 10:00 → deadline_at overrides the
 *             5-workday limit (2 wd would be on time) → late; contact via closed_at: wd 2 > 1 → late;
 *             resolved yes; verified 09-30 12:00 → verified
 * A8 complex  rcv Thu 09-10 09:00, open, never contacted: wd (09-10, 10-12] = 11; 14-18; 20 (Sun, adjusted);
 *             21-24; 28-30; 10-08,09,10,12 = 1+5+1+4+3+4 = 18 > 15 → overdue; contact overdue (18 > 1)
 * A9 general  rcv Sat 10-10 09:00 (adjusted working day), deadline_at 10-12 12:00 < cut-off → open overdue
 *             (without the override: wd 1 ≤ 5, pending); contact Mon 10-12 09:00: wd (10-10,10-12] = 1 → in time
 * A10 general rcv Mon 10-12 09:00, nothing else: wd 0 → close pending, contact not yet due; returned twice
 * B1 complex  rcv Fri 10-09 10:00, closed Mon 10-12 09:00: wd = 10-10, 10-12 = 2 ≤ 15 → on time;
 *             contact via closed_at: 2 > 1 → late
 * C has no cases.
 */
export const CASES: CaseRecord[] = [
  kase({ caseId: 'A1', unit: 'A', urgency: 'general', receivedAt: t('2026-09-30 10:00'), firstContactAt: t('2026-10-08 09:00'),
    closedAt: t('2026-10-09 16:00'), verifiedAt: t('2026-10-10 10:00'), resolved: true, satisfaction: 5, category: '噪音扰民', department: '城管' }),
  kase({ caseId: 'A2', unit: 'A', urgency: 'general', receivedAt: t('2026-09-24 09:00'), closedAt: t('2026-10-10 11:00'),
    resolved: false, satisfaction: 2, returnedCount: 1, category: '噪音扰民', department: '住建' }),
  kase({ caseId: 'A3', unit: 'A', urgency: 'consult', receivedAt: t('2026-10-09 08:00'), firstContactAt: t('2026-10-09 09:00'),
    closedAt: t('2026-10-09 17:00'), verifiedAt: t('2026-10-09 18:00'), satisfaction: 4, repeat: true, department: '城管' }),
  kase({ caseId: 'A4', unit: 'A', urgency: 'urgent', receivedAt: t('2026-10-03 10:00'), firstContactAt: t('2026-10-03 12:00:00'),
    closedAt: t('2026-10-04 10:00:00'), resolved: true, satisfaction: 3, category: '道路', department: '城管' }),
  kase({ caseId: 'A5', unit: 'A', urgency: 'urgent', receivedAt: t('2026-10-05 08:00'), firstContactAt: t('2026-10-05 10:00:01'),
    closedAt: t('2026-10-06 08:00:01'), verifiedAt: t('2026-10-12 18:00:01'), resolved: true, category: '道路', department: '城管' }),
  kase({ caseId: 'A6', unit: 'A', urgency: 'general', receivedAt: t('2026-10-08 09:00'), firstContactAt: t('2026-10-08 15:00'),
    closedAt: t('2026-10-13 10:00'), verifiedAt: t('2026-10-13 12:00'), resolved: true, satisfaction: 1, category: '噪音扰民' }),
  kase({ caseId: 'A7', unit: 'A', urgency: 'general', receivedAt: t('2026-09-28 09:00'), deadlineAt: t('2026-09-29 18:00'),
    closedAt: t('2026-09-30 10:00'), verifiedAt: t('2026-09-30 12:00'), resolved: true, category: '物业' }),
  kase({ caseId: 'A8', unit: 'A', urgency: 'complex', receivedAt: t('2026-09-10 09:00'), category: '物业' }),
  kase({ caseId: 'A9', unit: 'A', urgency: 'general', receivedAt: t('2026-10-10 09:00'), deadlineAt: t('2026-10-12 12:00'),
    firstContactAt: t('2026-10-12 09:00') }),
  kase({ caseId: 'A10', unit: 'A', urgency: 'general', receivedAt: t('2026-10-12 09:00'), returnedCount: 2 }),
  kase({ caseId: 'B1', unit: 'B', urgency: 'complex', receivedAt: t('2026-10-09 10:00'), closedAt: t('2026-10-12 09:00'),
    category: '道路', department: '住建' }),
];

/** Unit A's counts, from the per-case table above (the sums worked out at the top of cases.test.ts). */
export const UNIT_A_COUNTS: CaseCounts = {
  cases: 10,
  closed: 6,
  closedOnTime: 3,
  closedLate: 3,
  openOverdue: 2,
  openPending: 2,
  contactDue: 9,
  contactedInTime: 5,
  resolvedKnown: 5,
  resolved: 4,
  rated: 5,
  satisfied: 3,
  satisfactionScoreSum: 300,
  verified: 3,
  returned: 2,
  repeat: 1,
  closeWorkdaysSum: 10,
  // No repeat detection configured (issue 14): nothing reopened or merged.
  reopened: 0,
  merged: 0,
  mergedOut: 0,
};

/** Unit A's metrics with a population of 20 000 (worked out at the top of cases.test.ts). */
export const UNIT_A_METRICS: CaseMetrics = {
  case_count: 10,
  on_time_close_rate: 0.375,
  first_contact_rate: 5 / 9,
  resolution_rate: 0.8,
  satisfaction_rate: 0.6,
  satisfaction_score: 60,
  verification_rate: 0.5,
  return_rate: 0.2,
  repeat_rate: 0.1,
  mean_close_workdays: 10 / 6,
  cases_per_10k: 5,
  // No repeats: block, so no detection (issue 14): unknown, not 0.
  reopen_rate: null,
  merged_share: null,
};
