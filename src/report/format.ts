/**
 * Numbers as the workbook's cells display them, so that a number in a findings sentence equals its cell.
 * A spreadsheet shows at most 15 significant digits and rounds halves away from zero on that decimal value
 * (so 1.005 with format 0.00 shows 1.01, where Number.prototype.toFixed gives 1.00): we round the 15-digit
 * decimal string, not the binary value.
 */

import { displayWidth } from '../format/table.js';

/** Number formats used across the workbook (issue 5 §5). */
export const NUMFMT = {
  score: '0.0',
  rate: '0.0%',
  weight: '0.0000',
  points: '0.00',
  integer: '0',
  signedScore: '+0.0;-0.0;0.0',
  ratio: '0.000',
} as const;

/**
 * `x` rounded to `decimals` places as a spreadsheet displays it.
 * @example displayFixed(1.005, 2) // → '1.01'
 * @example displayFixed(-2.25, 1) // → '-2.3'
 */
export function displayFixed(x: number, decimals: number): string {
  if (!Number.isFinite(x)) return String(x);
  const neg = x < 0;
  const [mantissa, expText] = Math.abs(x).toExponential(14).split('e');
  const digits = mantissa.replace('.', '');
  // value = 0.d1d2…d15 × 10^(exp + 1): keep the digits up to `decimals` places after the point.
  const keep = Number(expText) + 1 + decimals;
  let n: bigint;
  if (keep < 0) n = 0n;
  else {
    n = BigInt(digits.slice(0, keep) || '0');
    if (keep < digits.length && digits[keep] >= '5') n += 1n;
  }
  let s = n.toString().padStart(decimals + 1, '0');
  if (decimals > 0) s = `${s.slice(0, s.length - decimals)}.${s.slice(s.length - decimals)}`;
  return neg && n !== 0n ? `-${s}` : s;
}

/** A score as format 0.0 shows it. @example fmtScore(87.349) // → '87.3' */
export const fmtScore = (x: number): string => displayFixed(x, 1);

/** A share as format 0.0% shows it. @example fmtRate(0.0125) // → '1.3%' */
export const fmtRate = (x: number): string => `${displayFixed(x * 100, 1)}%`;

/** Points as format 0.00 shows them. @example fmtPoints(0.875) // → '0.88' */
export const fmtPoints = (x: number): string => displayFixed(x, 2);

/** Width of a text in spreadsheet column units: CJK and other full-width characters count 2. */
export const textWidth = displayWidth;
