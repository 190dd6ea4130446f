/**
 * The assessment period and its cut-off (design §4, issue 2 §7).
 *
 * A period is written `2026Q3` (a quarter), `2026-09` (a month) or `2026-09-01..2026-10-31` (an inclusive range of
 * days). The cut-off (`as_of`) defaults to the last second of the period's last day; `--as-of` takes
 * `YYYY-MM-DD`, `YYYY-MM-DD HH:mm` or `YYYY-MM-DD HH:mm:ss` (a `T` may replace the space). A date without a time
 * means the end of that day, like the default, because "as of 30 September" includes 30 September.
 *
 * All values are wall-clock times (src/time.ts): no time zone is involved.
 *
 * @throws UsageError for any other form, an impossible date (2026-02-30), a range that ends before it starts,
 *   or a cut-off before the period starts
 * @example parsePeriod('2026Q3') // → { from: '2026-07-01', to: '2026-09-30', as_of: '2026-09-30T23:59:59' }
 * @example parsePeriod('2026-09', '2026-10-15 12:00') // → { from: '2026-09-01', to: '2026-09-30', as_of: '2026-10-15T12:00:00' }
 */
import { UsageError } from './errors.js';
import { DAY_MS, isoDate, isoDateTime, parseIsoDay, wallTime } from './time.js';
import type { DayNumber, Period, WallTime } from './types.js';

const QUARTER = /^(\d{4})[Qq]([1-4])$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const RANGE = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;
const AS_OF = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

const PERIOD_FORMS = '2026Q3, 2026-09 or 2026-09-01..2026-10-31';

/** Day number of a strict YYYY-MM-DD or a UsageError saying which part of the option is wrong. */
function dayOrThrow(s: string, what: string): DayNumber {
  const d = parseIsoDay(s);
  if (d === null) throw new UsageError(`${what}: ${s} is not a real date`);
  return d;
}

function parseAsOf(s: string, fromDay: DayNumber): WallTime {
  const m = AS_OF.exec(s.trim());
  if (!m) throw new UsageError(`--as-of: cannot read "${s}"; write YYYY-MM-DD, YYYY-MM-DD HH:mm or YYYY-MM-DD HH:mm:ss`);
  const day = dayOrThrow(m[1], '--as-of');
  let t: WallTime;
  if (m[2] === undefined) {
    t = day * DAY_MS + DAY_MS - 1000;
  } else {
    const h = Number(m[2]);
    const min = Number(m[3]);
    const sec = m[4] === undefined ? 0 : Number(m[4]);
    if (h > 23 || min > 59 || sec > 59) throw new UsageError(`--as-of: ${s} is not a real time of day`);
    t = day * DAY_MS + ((h * 60 + min) * 60 + sec) * 1000;
  }
  if (t < fromDay * DAY_MS) throw new UsageError(`--as-of: the cut-off ${isoDateTime(t)} is before the period starts (${isoDate(fromDay)})`);
  return t;
}

/** First and last day of the period written `p`. */
function periodDays(p: string): { fromDay: DayNumber; toDay: DayNumber } {
  const s = p.trim();
  let m = QUARTER.exec(s);
  if (m) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    const fromDay = wallTime(y, 3 * q - 2, 1) / DAY_MS;
    // Day 0 of the month after the quarter is the quarter's last day.
    const toDay = Date.UTC(y, 3 * q, 0) / DAY_MS;
    return { fromDay, toDay };
  }
  m = MONTH.exec(s);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) throw new UsageError(`--period: ${p} is not a real month`);
    return { fromDay: wallTime(y, mo, 1) / DAY_MS, toDay: Date.UTC(y, mo, 0) / DAY_MS };
  }
  m = RANGE.exec(s);
  if (m) {
    const fromDay = dayOrThrow(m[1], '--period');
    const toDay = dayOrThrow(m[2], '--period');
    if (toDay < fromDay) throw new UsageError(`--period: ${p} ends before it starts`);
    return { fromDay, toDay };
  }
  throw new UsageError(`--period: cannot read "${p}"; write ${PERIOD_FORMS} (inclusive)`);
}

export function parsePeriod(p: string, asOf?: string): Period {
  const { fromDay, toDay } = periodDays(p);
  const cut = asOf === undefined || asOf === '' ? toDay * DAY_MS + DAY_MS - 1000 : parseAsOf(asOf, fromDay);
  return { from: isoDate(fromDay), to: isoDate(toDay), as_of: isoDateTime(cut) };
}

/**
 * The period as day numbers and the cut-off as a wall time, for the per-row checks (a case is in the period iff
 * fromDay ≤ dayOf(receivedAt) ≤ toDay).
 * @throws UsageError if the period object holds malformed dates (it was not made by parsePeriod)
 * @example periodBounds({ from: '2026-07-01', to: '2026-09-30', as_of: '2026-09-30T23:59:59' }).toDay // → 20726
 */
export function periodBounds(p: Period): { fromDay: DayNumber; toDay: DayNumber; asOf: WallTime } {
  const fromDay = dayOrThrow(p.from, 'period.from');
  const toDay = dayOrThrow(p.to, 'period.to');
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(p.as_of);
  if (!m) throw new UsageError(`period.as_of: cannot read "${p.as_of}"; expected YYYY-MM-DDTHH:mm:ss`);
  const day = dayOrThrow(m[1], 'period.as_of');
  const asOf = day * DAY_MS + ((Number(m[2]) * 60 + Number(m[3])) * 60 + Number(m[4])) * 1000;
  return { fromDay, toDay, asOf };
}
