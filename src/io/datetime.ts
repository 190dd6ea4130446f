/**
 * Cell values → wall-clock times (design §3.1).
 *
 * Recognised without configuration: `2026-07-14 01:05:28`, `2026-07-14T01:05`, `2026/7/14 1:05`, `2026.7.14`,
 * `2026年7月14日 1:05`, a date alone (00:00), Excel serial numbers (numeric cells, or text such as `46217.5`
 * with a five-digit day part, so that a bare year like `2026` is never taken for a serial) and native XLSX dates
 * (exceljs hands them over as a Date whose UTC fields are the wall clock). Other conventions, such as
 * `02/28/2023 11:45:00 PM`, need a per-column format (compileDateFormat) with the tokens
 * YYYY MM M DD D HH H hh h mm ss A.
 *
 * The result is milliseconds of the wall clock computed with Date.UTC: the machine's TZ never matters. Impossible
 * dates (2026-02-30) and times past 24:00 give null; `24:00` / `24:00:00` itself is read as the next day's 00:00,
 * as deadlines are often written that way. Excel serials and Dates are rounded to the whole second, since a
 * spreadsheet's day fraction cannot hold more precision than that reliably.
 *
 * Nothing here throws on cell input: unparseable → null.
 * @example parseDateTime('2026/7/14 1:05') // → Date.UTC(2026, 6, 14, 1, 5)
 * @example parseDateTime('2026-02-30') // → null
 */
import type { WallTime } from '../types.js';

export type CellValue = string | number | Date | null;

/** Excel's day 25569 is 1970-01-01 in the 1900 date system (which counts the phantom 1900-02-29). */
const EXCEL_EPOCH_DAYS = 25_569;
/** Serial numbers this codebase accepts: 1900-01-01 … 9999-12-31. */
const SERIAL_MIN = 1;
const SERIAL_MAX = 2_958_466;

const YMD =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,3})\d*)?)?)?$/;
const YMD_ZH = /^(\d{4})年(\d{1,2})月(\d{1,2})日(?:\s*(\d{1,2})[:：](\d{1,2})(?:[:：](\d{1,2}))?)?$/;
const SERIAL_TEXT = /^\d{5}(?:\.\d+)?$/;

/**
 * Wall time of the given civil fields, or null if they do not name a real moment.
 * Hour 24 is allowed only as 24:00:00 (end of the day).
 */
export function civilTime(y: number, mo: number, d: number, h: number, mi: number, s: number, ms = 0): WallTime | null {
  // Date.UTC maps years 0..99 to 1900..1999; four-digit years below 1000 are not dates any export writes.
  if (y < 1000 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || mi > 59 || s > 59 || h > 24) return null;
  if (h === 24 && (mi !== 0 || s !== 0 || ms !== 0)) return null;
  return daysFromCivil(y, mo, d) * 86_400_000 + ((h * 60 + mi) * 60 + s) * 1000 + ms;
}

/**
 * Days from 1970-01-01 to the Gregorian date y-mo-d: the same number Date.UTC(y, mo - 1, d) / 86 400 000 gives
 * (a fast-check property in test/io/datetime.test.ts checks it), by integer arithmetic, which is several times
 * cheaper than Date.UTC on the per-cell path. Counting years from March puts the leap day last:
 * day-of-year = ⌊(153·m' + 2) / 5⌋ + d − 1 with m' = 0 for March, and 146 097 days per 400-year era.
 */
export function daysFromCivil(y: number, mo: number, d: number): number {
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Gregorian month length; February has 29 days in years divisible by 4, except centuries not divisible by 400. */
function daysInMonth(y: number, mo: number): number {
  if (mo === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0)) return 29;
  return MONTH_DAYS[mo - 1];
}

/** Wall time of an Excel (1900-system) serial number, or null outside 1900..9999. */
export function fromExcelSerial(v: number): WallTime | null {
  if (!Number.isFinite(v) || v < SERIAL_MIN || v >= SERIAL_MAX) return null;
  return Math.round((v - EXCEL_EPOCH_DAYS) * 86_400) * 1000;
}

function fromDate(d: Date): WallTime | null {
  const t = d.getTime();
  if (!Number.isFinite(t)) return null;
  return Math.round(t / 1000) * 1000;
}

/** Value of the digits s[i..i+n), or -1 if any is not a digit. */
function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = i; k < i + n; k++) {
    const d = s.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * The form nearly every Chinese export writes, `YYYY-MM-DD HH:mm:ss` (or with T, or without seconds), read without
 * a regular expression: on a ten-million-row log this is the hottest cell parser. Undefined when `s` is not in it.
 */
function parseIsoFast(s: string): WallTime | null | undefined {
  const n = s.length;
  if ((n !== 19 && n !== 16) || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58) return undefined;
  const sep = s.charCodeAt(10);
  if (sep !== 32 && sep !== 84) return undefined;
  if (n === 19 && s.charCodeAt(16) !== 58) return undefined;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const sec = n === 19 ? digits(s, 17, 2) : 0;
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || sec < 0) return undefined;
  return civilTime(y, mo, d, h, mi, sec);
}

/** The built-in forms only. */
function parseDefault(s: string): WallTime | null {
  const fast = parseIsoFast(s);
  if (fast !== undefined) return fast;
  let m = YMD.exec(s) ?? YMD_ZH.exec(s);
  if (m) {
    const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));
    return civilTime(
      Number(m[1]),
      Number(m[2]),
      Number(m[3]),
      m[4] === undefined ? 0 : Number(m[4]),
      m[5] === undefined ? 0 : Number(m[5]),
      m[6] === undefined ? 0 : Number(m[6]),
      ms,
    );
  }
  m = SERIAL_TEXT.exec(s);
  if (m) return fromExcelSerial(Number(s));
  return null;
}

/** A compiled per-column format: text → wall time or null; `hasTime` when the format reads a clock time. */
export type DateFormat = ((s: string) => WallTime | null) & { hasTime?: boolean };

const TOKENS = ['YYYY', 'MM', 'M', 'DD', 'D', 'HH', 'H', 'hh', 'h', 'mm', 'ss', 'A'] as const;
type Token = (typeof TOKENS)[number];
const TOKEN_PATTERN: Record<Token, string> = {
  YYYY: '(\\d{4})',
  MM: '(\\d{2})',
  M: '(\\d{1,2})',
  DD: '(\\d{2})',
  D: '(\\d{1,2})',
  HH: '(\\d{2})',
  H: '(\\d{1,2})',
  hh: '(\\d{2})',
  h: '(\\d{1,2})',
  mm: '(\\d{2})',
  ss: '(\\d{2})',
  A: '(AM|PM|am|pm|上午|下午)',
};

/**
 * Compiles a date format such as `MM/DD/YYYY hh:mm:ss A` once per column. Any character that is not part of a
 * token is literal. 12-hour tokens (hh, h) need A; 12 AM is 00 h and 12 PM is 12 h.
 * @throws Error with a readable message if the format has no year, month and day, or mixes 12-hour without A
 *   (the mapping loader turns it into a ConfigError at the mapping's path)
 * @example compileDateFormat('MM/DD/YYYY hh:mm:ss A')('02/28/2023 11:45:00 PM') // → Date.UTC(2023, 1, 28, 23, 45)
 */
export function compileDateFormat(format: string): DateFormat {
  let pattern = '^';
  const order: Token[] = [];
  let i = 0;
  while (i < format.length) {
    const tok = TOKENS.find((t) => format.startsWith(t, i));
    if (tok) {
      if (order.includes(tok)) throw new Error(`token ${tok} appears twice in date format "${format}"`);
      order.push(tok);
      pattern += TOKEN_PATTERN[tok];
      i += tok.length;
    } else {
      const ch = format[i];
      pattern += /\s/.test(ch) ? '\\s+' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      i++;
    }
  }
  pattern += '$';
  const has = (...t: Token[]) => t.some((x) => order.includes(x));
  if (!has('YYYY') || !has('MM', 'M') || !has('DD', 'D')) {
    throw new Error(`date format "${format}" needs a year (YYYY), a month (MM or M) and a day (DD or D)`);
  }
  const twelveHour = has('hh', 'h');
  if (twelveHour && !has('A')) throw new Error(`date format "${format}" uses a 12-hour clock (hh) without AM/PM (A)`);
  if (has('A') && !twelveHour) throw new Error(`date format "${format}" has AM/PM (A) but a 24-hour clock; use hh`);
  const re = new RegExp(pattern);
  const idx = (t: Token) => order.indexOf(t) + 1;
  const iY = idx('YYYY');
  const iMo = Math.max(idx('MM'), idx('M'));
  const iD = Math.max(idx('DD'), idx('D'));
  const iH = Math.max(idx('HH'), idx('H'), idx('hh'), idx('h'));
  const iMi = idx('mm');
  const iS = idx('ss');
  const iA = idx('A');
  const parse = (s: string) => {
    const m = re.exec(s);
    if (!m) return null;
    let h = iH ? Number(m[iH]) : 0;
    if (iA) {
      if (h < 1 || h > 12) return null;
      const pm = m[iA] === 'PM' || m[iA] === 'pm' || m[iA] === '下午';
      h = (h % 12) + (pm ? 12 : 0);
    }
    return civilTime(Number(m[iY]), Number(m[iMo]), Number(m[iD]), h, iMi ? Number(m[iMi]) : 0, iS ? Number(m[iS]) : 0);
  };
  return Object.assign(parse, { hasTime: iH > 0 });
}

/**
 * Any cell → wall time, or null when it is empty or unparseable. With a column format, text is tried against it
 * first and then against the built-in forms (which all start with the year, so they cannot be misread).
 */
export function parseDateTime(v: CellValue | undefined, format?: DateFormat | null): WallTime | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return fromExcelSerial(v);
  if (v instanceof Date) return fromDate(v);
  if (typeof v !== 'string') return null;
  if (!format) {
    // The common case first, before trim() allocates a copy: a string with surrounding spaces cannot match it.
    const fast = parseIsoFast(v);
    if (fast !== undefined) return fast;
  }
  const s = v.trim();
  if (s === '') return null;
  if (format) {
    const t = format(s);
    if (t !== null) return t;
  }
  return parseDefault(s);
}

/**
 * Whether a date-time cell that parseDateTime read states a time of day, or only a date (design §4: a date-only
 * deadline means the end of that day). Text states a time when it has a clock (`:` or `：`, AM/PM, 上午/下午) —
 * every built-in form with a time writes one — or when it matched a column format that reads the hour; an Excel
 * serial or a native XLSX date states one when its time of day is not 00:00:00 (a whole serial is a date cell).
 * @example statesTimeOfDay('2026-07-14') // → false
 * @example statesTimeOfDay('2026-07-14 00:00') // → true
 */
export function statesTimeOfDay(v: CellValue | undefined, format?: DateFormat | null): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === 'number' || v instanceof Date) {
    const t = parseDateTime(v);
    return t !== null && t % 86_400_000 !== 0;
  }
  const s = v.trim();
  if (format && format(s) !== null) return format.hasTime === true;
  return /[:：]|[ap]\.?m\b|上午|下午/i.test(s);
}
