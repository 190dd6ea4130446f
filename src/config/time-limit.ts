/**
 * Time limits as written in an indicator system file.
 *
 * A limit is either a short phrase — `"2 hours"`, `"24h"`, `"1 workday"`, `"5 working days"`, `"5 工作日"`,
 * `"2 小时"` — or the explicit mapping `{amount: 5, unit: workdays}`. Hours are calendar hours from receipt;
 * working days follow the official calendar (design §4). Calendar days are not accepted: local rules state limits
 * in working days or hours, and "3 days" is ambiguous between the two.
 */
import type { TimeLimit } from '../types.js';

const HOURS = /^(h|hr|hrs|hour|hours|小时|个小时)$/i;
const WORKDAYS = /^(wd|workday|workdays|work days?|working days?|business days?|工作日|个工作日)$/i;

/**
 * Parses a time-limit phrase; returns an error message (string) when it cannot.
 * @example parseTimeLimit('1 workday') // → { amount: 1, unit: 'workdays' }
 * @example parseTimeLimit('24h') // → { amount: 24, unit: 'hours' }
 */
export function parseTimeLimit(text: string): TimeLimit | string {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(.*?)\s*$/.exec(text);
  if (!m) return `expected a time limit such as "2 hours" or "5 workdays", got ${JSON.stringify(text)}`;
  const amount = Number(m[1]);
  const unitWord = m[2];
  if (HOURS.test(unitWord)) return { amount, unit: 'hours' };
  if (WORKDAYS.test(unitWord)) {
    if (!Number.isInteger(amount)) return `a limit in working days must be a whole number, got ${m[1]}`;
    return { amount, unit: 'workdays' };
  }
  return `unknown time unit ${JSON.stringify(unitWord)}; use hours or workdays (e.g. "2 hours", "5 workdays")`;
}

/** Formats a limit back into the phrase form, for reports. */
export function formatTimeLimit(limit: TimeLimit): string {
  const one = limit.amount === 1;
  return `${limit.amount} ${limit.unit === 'hours' ? (one ? 'hour' : 'hours') : one ? 'workday' : 'workdays'}`;
}
