import { averageRanks, tieTerm } from './average-ranks.js';

/**
 * Kendall's coefficient of concordance W: how far m raters agree on the order of n objects
 * (0 = no agreement, 1 = all raters order the objects identically).
 *
 * Each rater's values are ranked within that rater (ascending; ties get the mean of their ranks — only
 * the order matters, so "higher is better" or "lower is better" gives the same W). With R_j the rank
 * sum of object j and R̄ = m(n + 1)/2:
 *
 *   S = Σ_j (R_j − R̄)²,   W = 12 S / (m²(n³ − n) − m Σ_i T_i),   T_i = Σ (t³ − t) over rater i's tie groups.
 *
 * Without ties this is the classical 12S / (m²(n³ − n)) (Kendall & Babington Smith 1939; Siegel &
 * Castellan 1988, §9.4, with their tie correction).
 *
 * Missing values: a rater who left any object unrated (null) is left out entirely, because W needs a
 * complete raters × objects table; m counts only the complete raters.
 *
 * @param table one row per rater, one column per object; null where the rater did not rate the object
 * @returns W, or null when fewer than 2 complete raters or fewer than 2 objects remain, or when every
 *   rater tied all objects (the corrected denominator is 0: no order to agree on)
 * @throws RangeError if rows have different lengths or a value is not finite
 * @example kendallW([[1, 2, 3], [1, 3, 2], [2, 1, 3]]) // → 0.4444
 */
export function kendallW(table: readonly (readonly (number | null)[])[]): number | null {
  if (table.length === 0) return null;
  const n = table[0].length;
  for (const row of table) {
    if (row.length !== n) throw new RangeError(`kendallW: rows have different lengths (${n} and ${row.length})`);
    for (const v of row) {
      if (v !== null && !Number.isFinite(v)) throw new RangeError(`kendallW: ${v} is not a finite number`);
    }
  }
  const complete = table.filter((row) => row.every((v) => v !== null)) as number[][];
  const m = complete.length;
  if (m < 2 || n < 2) return null;

  const rankSums = new Array<number>(n).fill(0);
  let ties = 0;
  for (const row of complete) {
    averageRanks(row).forEach((r, j) => (rankSums[j] += r));
    ties += tieTerm(row);
  }
  const meanRankSum = (m * (n + 1)) / 2;
  let s = 0;
  for (const rj of rankSums) s += (rj - meanRankSum) ** 2;
  const denominator = m * m * (n * n * n - n) - m * ties;
  if (denominator <= 0) return null;
  // S is a sum of squares of exact halves, so W cannot stray outside [0, 1] except by rounding
  return Math.min(1, Math.max(0, (12 * s) / denominator));
}
