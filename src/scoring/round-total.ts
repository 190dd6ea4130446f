/**
 * The total as grades and ranks see it (design §6.3): rounded to 2 decimals, half away from zero, like the
 * workbook's ROUND(total, 2) — so a spreadsheet's floating point cannot move a grade or break a tie, and two totals
 * that print alike (84.999999 and 85.004 both show 85.00) tie.
 *
 * Spreadsheets round the decimal number they display (15 significant digits), not the binary double: ROUND(2.675, 2)
 * is 2.68 although the double nearest 2.675 is 2.67499999999999982236431605997495353221893310546875. So does this
 * function: it takes the value to 15 significant digits first and rounds that decimal. Away from a half (the usual
 * case) this is plain Math.round(x · 100), taken as a fast path since the Monte Carlo calls it per unit and draw.
 * @example roundTotal(84.999999) // → 85
 * @example roundTotal(2.675) // → 2.68
 * @example totalHundredths(89.995) // → 9000
 */

/** The total rounded to 2 decimals, as an integer number of hundredths (exact, for comparing). */
export function totalHundredths(total: number): number {
  if (!Number.isFinite(total)) return total;
  const k = total * 100;
  const frac = k - Math.floor(k);
  // Far from a half, float error (≈1e-12 here) cannot change the side on which x·100 rounds.
  if (Math.abs(k) < 1e12 && Math.abs(frac - 0.5) > 1e-6) return Math.round(k);
  const decimal = Number(total.toPrecision(15));
  // Shifting the decimal exponent in the text is exact: 2.675 → 267.5, which Math.round takes up.
  const [mantissa, exponent = '0'] = String(Math.abs(decimal)).split('e');
  const shifted = Number(`${mantissa}e${Number(exponent) + 2}`);
  return Math.sign(decimal) * Math.round(shifted);
}

/** The total rounded to 2 decimals (half away from zero, after 15 significant digits). */
export function roundTotal(total: number): number {
  return totalHundredths(total) / 100;
}
