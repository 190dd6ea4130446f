import type { WorkCalendar } from '../calendar/work-calendar.js';
import { ConfigError } from '../errors.js';
import { DAY_MS, HOUR_MS, dayOf } from '../time.js';
import type { CaseRecord, MetricSettings, TimeLimit, WallTime } from '../types.js';

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
 * Timing of one case against its limits (design §4), at the cut-off `asOf`.
 *
 * Closing. A limit of N working days ends at 24:00 of the N-th working day after the receipt date (the receipt
 * day is not counted): a closed case is on time iff close_workdays ≤ N; an open case is overdue iff
 * workdaysBetween(receipt day, day of asOf) > N, i.e. only once it could no longer close on time. A limit of h
 * hours is calendar hours: on time iff closed_at ≤ received_at + h; open overdue iff received_at + h < asOf.
 * An explicit deadline_at replaces the closing limit: on time iff closed_at ≤ deadline_at; open overdue iff
 * deadline_at < asOf.
 *
 * First contact. Contact time = the earlier of first_contact_at and closed_at (either may be missing); the case
 * was contacted by the cut-off iff contact time ≤ asOf. The contact limit is judged like the closing one
 * (contact_workdays ≤ N, or contact time ≤ received_at + h); deadline_at does not apply to it.
 *
 * @throws DataError (from the calendar) when a date falls in a year the calendar does not know
 * @example
 *   // general case (close within 5 working days) received Wed 2026-09-30 10:00, closed Fri 2026-10-09 09:00:
 *   // working days after 09-30 through 10-09 are 10-08, 10-09 → close_workdays 2 → on_time
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
  if (closed) {
    const closedAt = rec.closedAt as WallTime;
    closeWorkdays = calendar.workdaysBetween(receiptDay, dayOf(closedAt));
    closeHours = (closedAt - rec.receivedAt) / HOUR_MS;
    let onTime: boolean;
    if (rec.deadlineAt !== null) onTime = closedAt <= rec.deadlineAt;
    else if (limits.close.unit === 'hours') onTime = closedAt <= rec.receivedAt + limits.close.amount * HOUR_MS;
    else onTime = closeWorkdays <= limits.close.amount;
    closeStatus = onTime ? 'on_time' : 'late';
  } else {
    let overdue: boolean;
    if (rec.deadlineAt !== null) overdue = rec.deadlineAt < asOf;
    else if (limits.close.unit === 'hours') overdue = rec.receivedAt + limits.close.amount * HOUR_MS < asOf;
    else overdue = calendar.workdaysBetween(receiptDay, dayOf(asOf)) > limits.close.amount;
    closeStatus = overdue ? 'overdue' : 'pending';
  }

  const contactAt = earliest(rec.firstContactAt, rec.closedAt);
  let contactStatus: DeadlineStatus;
  if (contactAt !== null && contactAt <= asOf) {
    const inTime =
      limits.contact.unit === 'hours'
        ? contactAt <= rec.receivedAt + limits.contact.amount * HOUR_MS
        : calendar.workdaysBetween(receiptDay, dayOf(contactAt)) <= limits.contact.amount;
    contactStatus = inTime ? 'on_time' : 'late';
  } else {
    const overdue =
      limits.contact.unit === 'hours'
        ? rec.receivedAt + limits.contact.amount * HOUR_MS < asOf
        : calendar.workdaysBetween(receiptDay, dayOf(asOf)) > limits.contact.amount;
    contactStatus = overdue ? 'overdue' : 'pending';
  }

  const verified = closed && rec.verifiedAt !== null && rec.verifiedAt <= asOf;
  return { closed, closeWorkdays, closeHours, closeStatus, contactStatus, verified };
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
