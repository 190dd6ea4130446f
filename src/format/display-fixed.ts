/*
 * Numbers as the workbook's cells display them (a spreadsheet shows at most 15 significant digits and rounds halves
 * away from zero on that decimal value). Here, below findings and report, so that the findings sentences and the
 * report's cells round the same way without findings importing the report (src/report/format.ts re-exports it).
 */

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
