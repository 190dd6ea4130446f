import { sampleStandardDeviation } from 'simple-statistics';

/** z for a two-sided 95 % interval. */
export const Z_95 = 1.96;

/**
 * The 95 % margin of error of a (weighted) mean: half the width of its normal-approximation
 * confidence interval.
 *
 * Unweighted: MOE = 1.96 · s / √n, s the sample standard deviation (n − 1 denominator).
 *
 * Weighted (survey weights w_i ≥ 0): x̄_w = Σw x / Σw; Kish's effective sample size
 * n_eff = (Σw)² / Σw²; weighted variance s²_w = Σw(x − x̄_w)² / Σw · n_eff / (n_eff − 1);
 * MOE = 1.96 · s_w / √n_eff. With equal weights n_eff = n and s²_w is the sample variance, so the
 * weighted form reduces to the unweighted one.
 *
 * @param values the observations (e.g. respondents' satisfaction scores)
 * @param weights optional weights, one per value
 * @returns the margin of error, or null when n < 2 (or n_eff ≤ 1: all the weight on one value)
 * @throws RangeError if a value is not finite, a weight is negative or not finite, or the lengths differ
 * @example marginOfError([80, 100, 60, 80]) // → 16.0033
 */
export function marginOfError(values: readonly number[], weights?: readonly number[]): number | null {
  for (const v of values) {
    if (!Number.isFinite(v)) throw new RangeError(`marginOfError: ${v} is not a finite number`);
  }
  if (weights !== undefined) {
    if (weights.length !== values.length) {
      throw new RangeError(`marginOfError: ${values.length} values but ${weights.length} weights`);
    }
    for (const w of weights) {
      if (!Number.isFinite(w) || w < 0) throw new RangeError(`marginOfError: weight ${w} is not a finite number ≥ 0`);
    }
  }
  const n = values.length;
  if (n < 2) return null;
  if (weights === undefined) return (Z_95 * sampleStandardDeviation(values as number[])) / Math.sqrt(n);

  let sumW = 0;
  let sumW2 = 0;
  let sumWX = 0;
  for (let i = 0; i < n; i++) {
    sumW += weights[i];
    sumW2 += weights[i] * weights[i];
    sumWX += weights[i] * values[i];
  }
  if (!(sumW > 0)) return null;
  const effectiveN = (sumW * sumW) / sumW2;
  // n_eff is 1 (up to rounding) when one value carries all the weight: no spread can be estimated
  if (effectiveN - 1 <= 1e-9) return null;
  const weightedMean = sumWX / sumW;
  let sumWDev2 = 0;
  for (let i = 0; i < n; i++) sumWDev2 += weights[i] * (values[i] - weightedMean) ** 2;
  const weightedVariance = (sumWDev2 / sumW) * (effectiveN / (effectiveN - 1));
  return Z_95 * Math.sqrt(weightedVariance / effectiveN);
}
