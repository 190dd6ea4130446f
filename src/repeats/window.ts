/**
 * Detection windows (design §4.1): `"30 days"`, `"72 hours"`, `"10 workdays"` (also 天/日, 小时, 工作日, and the
 * mapping `{amount, unit}`), and whether a later instant lies inside one.
 *
 * Gaps are wall-clock differences. A window of hours or days ends at earlier + N·h (inclusive: exactly 30 days
 * counts); a window of N workdays ends with the N-th working day after the earlier date, i.e. the later instant
 * must be before 00:00 of the next day.
 * @example parseWindow('30 days') // → { amount: 30, unit: 'days' }
 * @example withinWindow(t, t + 30 * DAY_MS, { amount: 30, unit: 'days' }, cal) // → true
 */
import type { WorkCalendar } from '../calendar/work-calendar.js';
import { DAY_MS, HOUR_MS, dayOf } from '../time.js';
import type { DetectionWindow, WallTime } from '../types.js';

const HOURS = /^(h|hr|hrs|hour|hours|小时|个小时)$/i;
const DAYS = /^(d|day|days|calendar days?|天|日|自然日|个自然日)$/i;
const WORKDAYS = /^(wd|workday|workdays|work days?|working days?|business days?|工作日|个工作日)$/i;

/**
 * Parses a window phrase or `{amount, unit}`; returns an error message (string) when it cannot.
 * @example parseWindow('72 hours') // → { amount: 72, unit: 'hours' }
 * @example parseWindow('soon') // → 'expected a window such as …'
 */
export function parseWindow(value: unknown): DetectionWindow | string {
  if (value !== null && typeof value === 'object') {
    const o = value as { amount?: unknown; unit?: unknown };
    if (typeof o.amount === 'number' && typeof o.unit === 'string') return parseWindow(`${o.amount} ${o.unit}`);
    return `expected {amount: <number>, unit: hours|days|workdays}, got ${JSON.stringify(value)}`;
  }
  if (typeof value !== 'string') return `expected a window such as "30 days", "72 hours" or "10 workdays", got ${JSON.stringify(value)}`;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(.*?)\s*$/.exec(value);
  if (!m) return `expected a window such as "30 days", "72 hours" or "10 workdays", got ${JSON.stringify(value)}`;
  const amount = Number(m[1]);
  if (!(amount > 0)) return `a window must be longer than 0, got ${JSON.stringify(value)}`;
  const unit = m[2];
  if (HOURS.test(unit)) return { amount, unit: 'hours' };
  if (DAYS.test(unit)) return { amount, unit: 'days' };
  if (WORKDAYS.test(unit)) {
    if (!Number.isInteger(amount)) return `a window in working days must be a whole number, got ${m[1]}`;
    return { amount, unit: 'workdays' };
  }
  return `unknown window unit ${JSON.stringify(unit)} in ${JSON.stringify(value)}; use hours, days or workdays (e.g. "30 days")`;
}

/** The window back in phrase form (for the JSON and the report). */
export function formatWindow(w: DetectionWindow): string {
  const one = w.amount === 1;
  const word = w.unit === 'hours' ? (one ? 'hour' : 'hours') : w.unit === 'days' ? (one ? 'day' : 'days') : one ? 'workday' : 'workdays';
  return `${w.amount} ${word}`;
}

/**
 * A predicate `later ≤ end of the window that opens at earlier`, with the workday arithmetic cached per day
 * (detection asks it millions of times).
 * @throws DataError (from the calendar) for a workday window over a date in an unknown year
 */
export function windowEnd(w: DetectionWindow, calendar: WorkCalendar | null): (earlier: WallTime, later: WallTime) => boolean {
  if (w.unit === 'hours' || w.unit === 'days') {
    const span = w.amount * (w.unit === 'hours' ? HOUR_MS : DAY_MS);
    return (earlier, later) => later - earlier <= span;
  }
  if (calendar === null) throw new Error('a workday window needs the working-day calendar');
  const cache = new Map<number, number>();
  return (earlier, later) => {
    const day = dayOf(earlier);
    let end = cache.get(day);
    if (end === undefined) {
      end = (calendar.addWorkdays(day, w.amount) + 1) * DAY_MS;
      cache.set(day, end);
    }
    return later < end;
  };
}

/** Convenience form of windowEnd for one pair. */
export function withinWindow(earlier: WallTime, later: WallTime, w: DetectionWindow, calendar: WorkCalendar | null): boolean {
  return windowEnd(w, calendar)(earlier, later);
}
