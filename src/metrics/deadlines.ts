import type { WorkCalendar } from '../calendar/work-calendar.js';
import { ConfigError } from '../errors.js';
import { DAY_MS, HOUR_MS, dayOf } from '../time.js';
import type { CaseRecord, DayNumber, MetricSettings, TimeLimit, WallTime } from '../types.js';

/**
 * Where a case stands against one of its deadlines at the cut-off:
 * `on_time` / `late` — done (closed, or contacted) by the cut-off, within or after the limit;
 * `overdue` — not done by the cut-off and the limit already passed;
 * `pending` — not done by the cut-off and the limit not yet passed (it could still be done in time).
 */
export type DeadlineStatus = 'on_time' | 'late' | 'overdue' | 'pending';

/** The per-row derived fields of one case (design §4), computed once and shared by every metric. */
export interface CaseTiming {
  /** Closed by the cut-off (a case closed after the cut-off counts as open). */
  closed: boolean;
  /** Working days d with receipt date < d ≤ closing date; null unless closed. */
  closeWorkdays: number | null;
  /** Calendar hours from received_at to closed_at; null unless closed. */
  closeHours: number | null;
  closeStatus: DeadlineStatus;
  contactStatus: DeadlineStatus;
  /** Closed by the cut-off and verified_at ≤ cut-off. */
  verified: boolean;
}

/**
 * Timing of one case against its limits (design §4), at the cut-off `asOf`. Every deadline is a last on-time
 * instant, inclusive, and is judged alike: a case done (closed, or contacted) by the cut-off is on time iff it was
 * done at or before its deadline; a case not done by the cut-off is overdue iff its deadline is before the cut-off
 * (it can no longer be done in time), else pending.
 *
 * - A limit of N working days ends with the N-th working day after the receipt date (the receipt day is not
 *   counted): on time iff done before 00:00 of the next day, so a case due Friday and closed on Saturday, with a
 *   time or without, is late although it took no further working day; open overdue iff the cut-off falls after
 *   that day.
 * - A limit of h hours: on time iff done ≤ received_at + h hours; open overdue iff received_at + h < cut-off.
 * - An explicit deadline_at replaces the closing limit: on time iff closed_at ≤ deadline_at (a date-only
 *   deadline_at was read as the end of its day, src/io/read-cases.ts); open overdue iff deadline_at < cut-off.
 *
 * First contact. Contact time = the earlier of first_contact_at and closed_at (either may be missing); the case
 * was contacted by the cut-off iff contact time ≤ asOf. The contact limit is judged like the closing one;
 * deadline_at does not apply to it.
 *
 * close_workdays (working days d with receipt date < d ≤ closing date) feeds mean_close_workdays only; it does not
 * decide on time.
 *
 * @throws DataError (from the calendar) when a date falls in a year the calendar does not know
 * @example
 *   // general case (close within 5 working days) received Wed 2026-09-30 10:00, closed Fri 2026-10-09 09:00:
 *   // the 5th working day after 09-30 is 10-13 (10-08, 10-09, Sat 10-10 worked, 10-12, 10-13) → on_time
 *   caseTiming(rec, DEFAULT_METRIC_SETTINGS.timeLimits.general, cal, asOf).closeStatus // → 'on_time'
 */
export function caseTiming(
  rec: CaseRecord,
  limits: { contact: TimeLimit; close: TimeLimit },
  calendar: WorkCalendar,
  asOf: WallTime,
): CaseTiming {
  const receiptDay = dayOf(rec.receivedAt);
  const closed = rec.closedAt !== null && rec.closedAt <= asOf;

  let closeWorkdays: number | null = null;
  let closeHours: number | null = null;
  let closeStatus: DeadlineStatus;
  if (rec.deadlineAt !== null) {
    closeStatus = closed ? ((rec.closedAt as WallTime) <= rec.deadlineAt ? 'on_time' : 'late') : rec.deadlineAt < asOf ? 'overdue' : 'pending';
  } else {
    closeStatus = statusAgainst(closed ? rec.closedAt : null, rec.receivedAt, receiptDay, limits.close, calendar, asOf);
  }
  if (closed) {
    const closedAt = rec.closedAt as WallTime;
    closeWorkdays = calendar.workdaysBetween(receiptDay, dayOf(closedAt));
    closeHours = (closedAt - rec.receivedAt) / HOUR_MS;
  }

  const contactAt = earliest(rec.firstContactAt, rec.closedAt);
  const contactStatus = statusAgainst(contactAt !== null && contactAt <= asOf ? contactAt : null, rec.receivedAt, receiptDay, limits.contact, calendar, asOf);

  const verified = closed && rec.verifiedAt !== null && rec.verifiedAt <= asOf;
  return { closed, closeWorkdays, closeHours, closeStatus, contactStatus, verified };
}

/**
 * Where a case stands against one limit counted from its receipt: `doneAt` is when it was done (closed or
 * contacted) if that was by the cut-off, else null.
 */
function statusAgainst(
  doneAt: WallTime | null,
  receivedAt: WallTime,
  receiptDay: DayNumber,
  limit: TimeLimit,
  calendar: WorkCalendar,
  asOf: WallTime,
): DeadlineStatus {
  if (limit.unit === 'hours') {
    const deadline = receivedAt + limit.amount * HOUR_MS;
    if (doneAt !== null) return doneAt <= deadline ? 'on_time' : 'late';
    return deadline < asOf ? 'overdue' : 'pending';
  }
  // The limit ends with the N-th working day: done on it or before is on time; once the cut-off's day is past it,
  // the case can no longer be done in time.
  if (doneAt !== null) return calendar.byNthWorkday(receiptDay, limit.amount, dayOf(doneAt)) ? 'on_time' : 'late';
  return calendar.byNthWorkday(receiptDay, limit.amount, dayOf(asOf)) ? 'pending' : 'overdue';
}

/** true for on_time, false for late or overdue, null while pending (the deadline has not been tested yet). */
export function metDeadline(status: DeadlineStatus): boolean | null {
  return status === 'on_time' ? true : status === 'pending' ? null : false;
}

/**
 * The instant a limit expires for a case received at `receivedAt`: received_at + h hours, or 24:00 of the N-th
 * working day after the receipt date. For reports (e.g. listing overdue cases with their deadline).
 * @throws DataError (from the calendar) for a date in an unknown year
 * @example limitExpiry(wallTime(2026, 9, 30, 10), { amount: 1, unit: 'workdays' }, cal) // → 2026-10-09T00:00 (24:00 of 10-08)
 */
export function limitExpiry(receivedAt: WallTime, limit: TimeLimit, calendar: WorkCalendar): WallTime {
  if (limit.unit === 'hours') return receivedAt + limit.amount * HOUR_MS;
  return (calendar.addWorkdays(dayOf(receivedAt), limit.amount) + 1) * DAY_MS;
}

/** The closing deadline of a case: deadline_at when given, else the expiry of its class's closing limit. */
export function closeDeadline(rec: CaseRecord, settings: MetricSettings, calendar: WorkCalendar): WallTime {
  return rec.deadlineAt ?? limitExpiry(rec.receivedAt, settings.timeLimits[rec.urgency].close, calendar);
}

/**
 * The cut-off of a Period ('YYYY-MM-DDTHH:mm:ss', also 'YYYY-MM-DDTHH:mm' or with a space) as a wall time.
 * @throws ConfigError for anything else, or an impossible date or clock time
 * @example parseAsOf('2026-09-30T23:59:59') // → Date.UTC(2026, 8, 30, 23, 59, 59)
 */
export function parseAsOf(s: string): WallTime {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/.exec(s);
  if (m) {
    const [y, mo, d, h, mi, sec] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
    const ms = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
    const t = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
    const back = new Date(t);
    if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && h < 24 && mi < 60 && sec < 60) {
      return t;
    }
  }
  throw new ConfigError(`the cut-off "${s}" is not a date and time like 2026-09-30T23:59:59`, { path: 'period.as_of' });
}

function earliest(a: WallTime | null, b: WallTime | null): WallTime | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}
