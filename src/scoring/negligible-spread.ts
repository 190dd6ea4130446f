/**
 * When do values count as all equal? When their spread is negligible against their magnitude (issue 12):
 *
 *   spread = max − min;  negligible ⇔ spread ≤ 1e-12 · max(1, max |x|).
 *
 * Every method that divides by a spread or ranks by it — min–max and z-score leaf scores, entropy, CRITIC and
 * standard-deviation weights, TOPSIS — treats such values as constant (each then does what it documents for a
 * constant column), so that float noise never decides a score or a weight.
 *
 * Why relative: a spread computed from sums or means of the same numbers in another order differs by a few units
 * in the last place, ≈ 1e-16·|x| per operation; 1e-12 leaves four orders of magnitude for that and is still far below
 * any difference the inputs can carry (a rate from 10⁶ cases moves in steps of 1e-6). Why the floor of 1: values here
 * are on the scale of a metric or a score (rates 0..1, scores 0..100, counts, workdays), so a difference below 1e-12
 * is noise whatever the values' own size — 2.1e-109 against 0 (a product of underflowing weights, found by the
 * unit-order property test with seed 1834149431) is no spread, although relative to its own magnitude it is 100 %.
 * Non-finite values are the callers' to reject; an empty list counts as constant.
 * @example isNegligibleSpread([2.1e-109, 0, 0]) // true
 * @example isNegligibleSpread([50, 50 + 1e-11]) // true: 1e-11 ≤ 1e-12 · 50
 * @example isNegligibleSpread([0.1, 0.1000001]) // false
 */

/** The relative tolerance: spreads up to this share of max(1, max |x|) are treated as zero. */
export const NEGLIGIBLE_SPREAD = 1e-12;

export function isNegligibleSpread(values: readonly number[]): boolean {
  let min = Infinity;
  let max = -Infinity;
  let magnitude = 1;
  for (const x of values) {
    if (x < min) min = x;
    if (x > max) max = x;
    const a = Math.abs(x);
    if (a > magnitude) magnitude = a;
  }
  return !(max - min > NEGLIGIBLE_SPREAD * magnitude);
}
