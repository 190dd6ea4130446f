import type { DayNumber, WallTime } from './types.js';

/** Milliseconds in a day; wall times have no DST, so every day has exactly this many. */
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** The calendar day a wall time falls on. */
export function dayOf(t: WallTime): DayNumber {
  return Math.floor(t / DAY_MS);
}

/** Wall time of a civil date and clock time (month 1..12); no time zone is involved. */
export function wallTime(year: number, month: number, day: number, h = 0, m = 0, s = 0, ms = 0): WallTime {
  return Date.UTC(year, month - 1, day, h, m, s, ms);
}

/** 'YYYY-MM-DD' of a day number. */
export function isoDate(day: DayNumber): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DDTHH:mm:ss' of a wall time. */
export function isoDateTime(t: WallTime): string {
  return new Date(t).toISOString().slice(0, 19);
}

/** Day number of a strict 'YYYY-MM-DD' string, or null if it is not a real date (2026-02-30 → null). */
export function parseIsoDay(s: string): DayNumber | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t / DAY_MS;
}

/** Year of a day number. */
export function yearOf(day: DayNumber): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: DayNumber): number {
  // 1970-01-01 was a Thursday (4).
  return ((((day + 3) % 7) + 7) % 7) + 1;
}
