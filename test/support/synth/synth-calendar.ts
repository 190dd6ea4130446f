/**
 * The working-day calendar as the synthetic data needs it: which days handlers work (so closing times land
 * on working days and holidays shift volumes), and fast wall-time formatting. Deliberately independent of
 * src/calendar (the metrics' calendar) so the generator does not become a second oracle for the metrics:
 * it only has to be realistic, not exact. Outside the years chinese-days knows, weekends only.
 */
import { createRequire } from 'node:module';
import { DAY_MS, isoWeekday } from '../../../src/time.js';
import type { DayNumber, WallTime } from '../../../src/types.js';

interface ChineseDaysJson {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const require = createRequire(import.meta.url);
const table = require('chinese-days/dist/chinese-days.json') as ChineseDaysJson;

function dayNumberOf(iso: string): DayNumber {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
}

const holidays = new Set<DayNumber>(Object.keys(table.holidays).map(dayNumberOf));
const adjustedWorkdays = new Set<DayNumber>(Object.keys(table.workdays).map(dayNumberOf));

/** True on a statutory holiday (not on ordinary weekends). */
export function isStatutoryHoliday(day: DayNumber): boolean {
  return holidays.has(day);
}

/** True when government offices work that day: weekdays that are not holidays, plus adjusted working weekend days. */
export function isWorkingDay(day: DayNumber): boolean {
  if (holidays.has(day)) return false;
  if (adjustedWorkdays.has(day)) return true;
  return isoWeekday(day) <= 5;
}

/** The n-th working day after `day` (n ≥ 1), or `day` itself for n = 0 — the receipt day is not counted. */
export function addWorkingDays(day: DayNumber, n: number): DayNumber {
  let d = day;
  let left = n;
  while (left > 0) {
    d++;
    if (isWorkingDay(d)) left--;
  }
  return d;
}

/** The first working day on or after `day`. */
export function nextWorkingDayFrom(day: DayNumber): DayNumber {
  let d = day;
  while (!isWorkingDay(d)) d++;
  return d;
}

const dateCache = new Map<DayNumber, string>();

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** 'YYYY-MM-DD HH:mm:ss', the form 12345 systems export; dates are cached because millions of rows share a few hundred days. */
export function formatWallTime(t: WallTime): string {
  const day = Math.floor(t / DAY_MS);
  let date = dateCache.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dateCache.set(day, date);
  }
  const secs = Math.floor((t - day * DAY_MS) / 1000);
  return `${date} ${pad2(Math.floor(secs / 3600))}:${pad2(Math.floor(secs / 60) % 60)}:${pad2(secs % 60)}`;
}
