/**
 * Rank correlations between two rankings of the same units: Spearman's ρ and Kendall's τ-b.
 * Both accept raw values (totals, scores or ranks — only the order matters) and handle ties the standard way,
 * so two scenarios whose totals tie in places are compared correctly.
 */
import { averageRanks } from './average-ranks.js';

function checkPair(x: readonly number[], y: readonly number[]): void {
  if (x.length !== y.length) throw new RangeError(`the two rankings differ in length (${x.length} and ${y.length})`);
}

/**
 * Spearman's rank correlation ρ with ties: Pearson's correlation of the average ranks,
 *   ρ = Σ (r_i − r̄)(s_i − s̄) / √( Σ (r_i − r̄)² · Σ (s_i − s̄)² ),  r = averageRanks(x), s = averageRanks(y).
 * Without ties this equals the textbook 1 − 6 Σ d_i² / (n (n² − 1)); with ties only the Pearson form is right.
 * Returns null when it is undefined: fewer than 2 pairs, or one side entirely tied (a zero denominator).
 * @throws RangeError if the lengths differ or a value is not a finite number
 * @example spearman([106, 86, 100, 101, 99, 103, 97, 113, 112, 110], [7, 0, 27, 50, 28, 29, 20, 12, 6, 17]) // → −29/165 ≈ −0.1758
 */
export function spearman(x: readonly number[], y: readonly number[]): number | null {
  checkPair(x, y);
  const n = x.length;
  if (n < 2) return null;
  const r = averageRanks(x);
  const s = averageRanks(y);
  const mean = (n + 1) / 2; // the mean of average ranks is always (n + 1) / 2
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const a = r[i] - mean;
    const b = s[i] - mean;
    sxy += a * b;
    sxx += a * a;
    syy += b * b;
  }
  if (sxx === 0 || syy === 0) return null;
  return clampUnit(sxy / Math.sqrt(sxx * syy));
}

/**
 * Kendall's τ-b, which corrects τ for ties on either side:
 *   τ_b = (n_c − n_d) / √( (n_0 − n_1)(n_0 − n_2) ),
 * n_c / n_d = concordant / discordant pairs, n_0 = n(n − 1)/2, n_1 = Σ t_i(t_i − 1)/2 over groups of ties in x,
 * n_2 likewise in y. A pair tied in x or y is neither concordant nor discordant. O(n²) pair count, ample for the
 * hundreds of units an assessment has.
 * Returns null when it is undefined: fewer than 2 pairs, or one side entirely tied.
 * @throws RangeError if the lengths differ or a value is NaN
 * @example kendallTauB([1, 2, 3, 4], [1, 3, 2, 4]) // → (5 − 1) / 6 = 0.6667
 */
export function kendallTauB(x: readonly number[], y: readonly number[]): number | null {
  checkPair(x, y);
  const n = x.length;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(x[i]) || Number.isNaN(y[i])) throw new RangeError(`pair ${i + 1} has a value that is not a number`);
  }
  if (n < 2) return null;
  let concordant = 0;
  let discordant = 0;
  let tiedX = 0; // pairs tied in x (n_1), including those tied in both
  let tiedY = 0; // pairs tied in y (n_2)
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = Math.sign(x[i] - x[j]);
      const dy = Math.sign(y[i] - y[j]);
      if (dx === 0) tiedX++;
      if (dy === 0) tiedY++;
      if (dx !== 0 && dy !== 0) {
        if (dx === dy) concordant++;
        else discordant++;
      }
    }
  }
  const n0 = (n * (n - 1)) / 2;
  const denominator = Math.sqrt((n0 - tiedX) * (n0 - tiedY));
  if (denominator === 0) return null;
  return clampUnit((concordant - discordant) / denominator);
}

/** Rounding can push a perfect correlation a hair past ±1; the true value never is. */
function clampUnit(v: number): number {
  return v > 1 ? 1 : v < -1 ? -1 : v;
}
