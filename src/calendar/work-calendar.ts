import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { ConfigError, DataError } from '../errors.js';
import { isoDate, isoWeekday, parseIsoDay, yearOf } from '../time.js';
import type { DayNumber } from '../types.js';

/**
 * The working-day calendar of design §4: which days count as working days when a time limit is given in
 * working days (工作日).
 *
 * - Built in: China's official calendar from the `chinese-days` package — statutory holidays (法定节假日) are off,
 *   adjusted working weekend days (调休上班) are on, every other Monday–Friday is on.
 * - A user calendar file (JSON) is merged on top; its days override the built-in ones:
 *   `{"base"?: "china" | "weekends", "holidays": ["2027-01-01", …], "workdays": ["2027-02-07", …]}`.
 *   `base: "weekends"` drops the built-in China calendar (Mon–Fri working except the listed holidays, plus the
 *   listed workdays), e.g. for New York 311 data. The years a user file lists become known years.
 * - A date in a year the calendar does not know is a DataError, unless `weekendsOnly` is set: then such dates
 *   follow the weekends-only rule (Saturday and Sunday off, every other day working).
 *
 * workdaysBetween(a, b) = W(b) − W(a), where W is a running count of working days: a prefix-sum array over the
 * known range, extended outside it by the closed-form count of Mondays–Fridays, so each call is O(1).
 *
 * @throws ConfigError from `load` for a calendar file that is not JSON, has the wrong shape or a bad date
 *   (the file and the entry are named); DataError from the queries for a date in an unknown year.
 * @example
 *   const cal = await WorkCalendar.load({});
 *   // received Wed 2026-09-30, closed Thu 2026-10-08: 10-01..07 are the National Day holiday → 1 working day
 *   cal.workdaysBetween(dayOf(wallTime(2026, 9, 30)), dayOf(wallTime(2026, 10, 8))) // → 1
 */
export class WorkCalendar {
  /** Day number of Jan 1 of the first year of the array range. */
  private readonly start: DayNumber;
  /** Day number of Dec 31 of the last year of the array range. */
  private readonly end: DayNumber;
  /** 1 = working day, per day of [start, end]. */
  private readonly working: Uint8Array;
  /** prefix[i] = working days in [start, start + i]. */
  private readonly prefix: Int32Array;
  /** unknownPrefix[i] = days in [start, start + i] that lie in a year the calendar does not know (a gap year). */
  private readonly unknownPrefix: Int32Array;
  private readonly years: ReadonlySet<number>;
  private readonly weekendsOnly: boolean;
  /** Describes where the calendar came from, for messages and the report. */
  readonly source: string;

  private constructor(args: {
    years: Set<number>;
    holidays: Set<DayNumber>;
    workdays: Set<DayNumber>;
    weekendsOnly: boolean;
    source: string;
  }) {
    this.years = args.years;
    this.weekendsOnly = args.weekendsOnly;
    this.source = args.source;
    const sorted = [...args.years].sort((a, b) => a - b);
    if (sorted.length === 0) {
      // An empty range: every date is outside the known years (only weekendsOnly makes this calendar usable).
      this.start = 0;
      this.end = -1;
      this.working = new Uint8Array(0);
      this.prefix = new Int32Array(0);
      this.unknownPrefix = new Int32Array(0);
      return;
    }
    this.start = Date.UTC(sorted[0], 0, 1) / 86_400_000;
    this.end = Date.UTC(sorted[sorted.length - 1], 11, 31) / 86_400_000;
    const n = this.end - this.start + 1;
    this.working = new Uint8Array(n);
    this.prefix = new Int32Array(n);
    this.unknownPrefix = new Int32Array(n);
    let run = 0;
    let unknownRun = 0;
    let year = sorted[0];
    let nextYearStart = Date.UTC(year + 1, 0, 1) / 86_400_000;
    for (let i = 0; i < n; i++) {
      const day = this.start + i;
      if (day >= nextYearStart) {
        year++;
        nextYearStart = Date.UTC(year + 1, 0, 1) / 86_400_000;
      }
      let work = isoWeekday(day) <= 5;
      if (args.holidays.has(day)) work = false;
      if (args.workdays.has(day)) work = true;
      this.working[i] = work ? 1 : 0;
      run += this.working[i];
      this.prefix[i] = run;
      if (!args.years.has(year)) unknownRun++;
      this.unknownPrefix[i] = unknownRun;
    }
  }

  /**
   * The built-in China calendar, optionally merged with a user calendar file.
   * @throws ConfigError for an unreadable or malformed calendar file, naming the file and the entry
   */
  static async load(opts: { file?: string; weekendsOnly?: boolean }): Promise<WorkCalendar> {
    const weekendsOnly = Boolean(opts.weekendsOnly);
    const years = new Set<number>();
    const holidays = new Set<DayNumber>();
    const workdays = new Set<DayNumber>();
    let user: UserCalendar | null = null;
    if (opts.file !== undefined) user = await readUserCalendar(opts.file);

    const sources: string[] = [];
    if (!user || user.base === 'china') {
      const builtIn = await loadChinaCalendar();
      for (const y of builtIn.years) years.add(y);
      for (const d of builtIn.holidays) holidays.add(d);
      for (const d of builtIn.workdays) workdays.add(d);
      sources.push(`China official calendar (chinese-days ${builtIn.version}, ${builtIn.years[0]}–${builtIn.years[builtIn.years.length - 1]})`);
    } else {
      sources.push('Monday–Friday working days');
    }
    if (user) {
      // The user's days override the built-in ones: a listed holiday is off even if China's calendar made it an
      // adjusted working day, and vice versa.
      for (const d of user.holidays) {
        workdays.delete(d);
        holidays.add(d);
        years.add(yearOf(d));
      }
      for (const d of user.workdays) {
        holidays.delete(d);
        workdays.add(d);
        years.add(yearOf(d));
      }
      sources.push(`calendar file ${opts.file}`);
    }
    if (weekendsOnly) sources.push('weekends-only rule outside the known years');
    return new WorkCalendar({ years, holidays, workdays, weekendsOnly, source: sources.join(' + ') });
  }

  /** The first and last known year ([0, -1] when the calendar knows no year). */
  knownYears(): [number, number] {
    if (this.end < this.start) return [0, -1];
    return [yearOf(this.start), yearOf(this.end)];
  }

  /**
   * Whether `day` is a working day.
   * @throws DataError for a day in an unknown year (unless weekendsOnly)
   */
  isWorkday(day: DayNumber): boolean {
    const i = day - this.start;
    if (i >= 0 && day <= this.end && !this.inGapYear(i)) return this.working[i] === 1;
    if (!this.weekendsOnly) throw this.unknownDate(day);
    return isoWeekday(day) <= 5;
  }

  /**
   * Number of working days d with afterDay < d ≤ throughDay (the first day is not counted); 0 when
   * throughDay ≤ afterDay. O(1).
   * @throws DataError when either day lies in an unknown year (unless weekendsOnly)
   * @example cal.workdaysBetween(day('2026-10-09'), day('2026-10-12')) // Fri → Mon, Sat 10-10 is worked: 2
   */
  workdaysBetween(afterDay: DayNumber, throughDay: DayNumber): number {
    const wb = this.runningCount(throughDay);
    const wa = this.runningCount(afterDay);
    if (!this.weekendsOnly) {
      // A gap year (known years 2026 and 2028, not 2027) between the two days must not be counted silently.
      const ia = afterDay - this.start;
      const ib = throughDay - this.start;
      if (ib > ia && this.unknownAt(ib) - this.unknownAt(ia) !== 0) {
        throw this.unknownDate(this.firstUnknownAfter(afterDay));
      }
    }
    return throughDay <= afterDay ? 0 : wb - wa;
  }

  /**
   * Whether `day` is no later than the n-th working day after `afterDay` (n = 0: `afterDay` itself), i.e.
   * day ≤ addWorkdays(afterDay, n), in O(1): a limit of n working days ends with that day (design §4), so a case
   * closed on the non-working days that follow it is late although it took no further working day.
   * With k = workdaysBetween(afterDay, day): k < n, or k = n and `day` is itself a working day (then it is the
   * n-th); for n = 0, day ≤ afterDay.
   * @throws DataError when either day lies in an unknown year (unless weekendsOnly)
   * @example cal.byNthWorkday(day('2026-10-12'), 4, day('2026-10-16')) // Mon → Fri, the 4th working day: true
   * @example cal.byNthWorkday(day('2026-10-12'), 4, day('2026-10-17')) // the Saturday after it: false
   */
  byNthWorkday(afterDay: DayNumber, n: number, day: DayNumber): boolean {
    const k = this.workdaysBetween(afterDay, day);
    if (n === 0) return day <= afterDay;
    return k < n || (k === n && this.isWorkday(day));
  }

  /**
   * The n-th working day after `day` (n = 0 → `day` itself). A limit of n working days ends at 24:00 of it.
   * @throws DataError when the walk enters an unknown year (unless weekendsOnly)
   * @example cal.addWorkdays(day('2026-09-30'), 1) // → 2026-10-08 (10-01..07 are holidays)
   */
  addWorkdays(day: DayNumber, n: number): DayNumber {
    let d = day;
    let left = n;
    while (left > 0) {
      d++;
      if (this.isWorkday(d)) left--;
    }
    return d;
  }

  /** W(day): a running count of working days, valid for any day when weekendsOnly, else only in known years. */
  private runningCount(day: DayNumber): number {
    const i = day - this.start;
    if (i >= 0 && day <= this.end) {
      if (!this.weekendsOnly && this.inGapYear(i)) throw this.unknownDate(day);
      return this.prefix[i];
    }
    if (!this.weekendsOnly) throw this.unknownDate(day);
    if (this.end < this.start) return weekdaysThrough(day);
    // Outside the array, continue the count with the closed-form number of Mondays–Fridays so that
    // differences across the range boundary stay right.
    if (day < this.start) return weekdaysThrough(day) - weekdaysThrough(this.start - 1);
    return this.prefix[this.prefix.length - 1] + weekdaysThrough(day) - weekdaysThrough(this.end);
  }

  /** Whether array index i falls in a year between the known years that the calendar does not know. */
  private inGapYear(i: number): boolean {
    return this.unknownAt(i) !== this.unknownAt(i - 1);
  }

  private unknownAt(i: number): number {
    return i < 0 ? 0 : this.unknownPrefix[i];
  }

  private firstUnknownAfter(day: DayNumber): DayNumber {
    let d = day + 1;
    while (this.years.has(yearOf(d))) d++;
    return d;
  }

  private unknownDate(day: DayNumber): DataError {
    const [from, to] = this.knownYears();
    const known = to < from ? 'no year' : from === to ? `${from}` : `${from}–${to}${this.hasGaps() ? ' (with gaps)' : ''}`;
    return new DataError(
      `date ${isoDate(day)} is outside the working-day calendar's known years (${known})`,
      {},
      'pass a calendar file listing that year\'s holidays and working days (--calendar FILE), or use --weekends-only to treat only Saturdays and Sundays as days off',
    );
  }

  private hasGaps(): boolean {
    return this.unknownPrefix.length > 0 && this.unknownPrefix[this.unknownPrefix.length - 1] > 0;
  }
}

/**
 * Number of Mondays–Fridays in (anchor, day] up to a constant: differences give the count between two days.
 * Day 4 (1970-01-05) is a Monday; each full week adds 5, the partial week adds min(position + 1, 5).
 */
function weekdaysThrough(day: DayNumber): number {
  const k = day - 4;
  const weeks = Math.floor(k / 7);
  const pos = k - 7 * weeks;
  return 5 * weeks + Math.min(pos + 1, 5);
}

// ───────────────────────────── the built-in China calendar ─────────────────────────────

interface ChinaCalendar {
  version: string;
  years: number[];
  holidays: DayNumber[];
  workdays: DayNumber[];
}

let chinaCache: Promise<ChinaCalendar> | null = null;

/** Reads chinese-days' JSON data once per process (resolved through Node's resolver, so it works from src and dist). */
function loadChinaCalendar(): Promise<ChinaCalendar> {
  chinaCache ??= (async () => {
    const require = createRequire(import.meta.url);
    const dataPath = require.resolve('chinese-days/dist/chinese-days.json');
    const pkgPath = require.resolve('chinese-days/package.json');
    const data = JSON.parse(await readFile(dataPath, 'utf8')) as { holidays: Record<string, unknown>; workdays: Record<string, unknown> };
    const version = (JSON.parse(await readFile(pkgPath, 'utf8')) as { version: string }).version;
    const toDays = (keys: string[]): DayNumber[] =>
      keys.map((k) => {
        const d = parseIsoDay(k);
        if (d === null) throw new Error(`chinese-days data has a bad date: ${k}`);
        return d;
      });
    const holidays = toDays(Object.keys(data.holidays));
    const workdays = toDays(Object.keys(data.workdays));
    const years = [...new Set(holidays.map(yearOf))].sort((a, b) => a - b);
    return { version, years, holidays, workdays };
  })();
  return chinaCache;
}

// ───────────────────────────── user calendar files ─────────────────────────────

interface UserCalendar {
  base: 'china' | 'weekends';
  holidays: DayNumber[];
  workdays: DayNumber[];
}

const USER_KEYS = ['base', 'holidays', 'workdays', 'name', 'description'];

/**
 * Reads and checks a user calendar file.
 * @throws ConfigError naming the file and the offending entry (e.g. `holidays[3]`)
 */
async function readUserCalendar(file: string): Promise<UserCalendar> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read the calendar file: ${(e as Error).message}`, { file });
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ConfigError(`the calendar file is not valid JSON: ${(e as Error).message}`, { file });
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new ConfigError('a calendar file must be a JSON object like {"holidays": ["2027-01-01"], "workdays": ["2027-02-07"]}', { file });
  }
  const obj = json as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!USER_KEYS.includes(key)) {
      throw new ConfigError(`unknown key "${key}" (allowed: ${USER_KEYS.join(', ')})`, { file, path: key });
    }
  }
  let base: 'china' | 'weekends' = 'china';
  if (obj.base !== undefined) {
    if (obj.base !== 'china' && obj.base !== 'weekends') {
      throw new ConfigError(`base must be "china" or "weekends", not ${JSON.stringify(obj.base)}`, { file, path: 'base' });
    }
    base = obj.base;
  }
  const days = (key: 'holidays' | 'workdays'): DayNumber[] => {
    const v = obj[key];
    if (v === undefined) return [];
    if (!Array.isArray(v)) throw new ConfigError(`${key} must be a list of dates "YYYY-MM-DD"`, { file, path: key });
    return v.map((entry, i) => {
      const d = typeof entry === 'string' ? parseIsoDay(entry) : null;
      if (d === null) {
        throw new ConfigError(`${JSON.stringify(entry)} is not a date "YYYY-MM-DD"`, { file, path: `${key}[${i}]` });
      }
      return d;
    });
  };
  const holidays = days('holidays');
  const workdays = days('workdays');
  const holidaySet = new Set(holidays);
  workdays.forEach((d, i) => {
    if (holidaySet.has(d)) {
      throw new ConfigError(`${isoDate(d)} is listed both as a holiday and as a working day`, { file, path: `workdays[${i}]` });
    }
  });
  if (base === 'weekends' && holidays.length === 0 && workdays.length === 0) {
    throw new ConfigError('with base "weekends" the file must list at least one holiday or working day: the years it lists become the known years', { file });
  }
  return { base, holidays, workdays };
}
