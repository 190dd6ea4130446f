import { mean } from 'simple-statistics';

/**
 * The trimmed mean of raters' scores as Chinese review panels use it, 去掉一个最高分和一个最低分:
 * drop one highest and one lowest value, then average the rest:
 *
 *   x̄_trim = (Σx − max x − min x) / (n − 2)   for n ≥ 3;
 *
 * with fewer than 3 values nothing can be dropped and the plain mean is returned. Only one value is
 * dropped at each end even when several raters share the highest or lowest score.
 *
 * @returns the trimmed mean, or null for an empty list
 * @throws RangeError if a value is not a finite number
 * @example trimmedMean([90, 85, 70, 88, 60]) // → 81
 */
export function trimmedMean(values: readonly number[]): number | null {
  for (const v of values) {
    if (!Number.isFinite(v)) throw new RangeError(`trimmedMean: ${v} is not a finite number`);
  }
  if (values.length === 0) return null;
  if (values.length < 3) return mean(values as number[]);
  const sorted = [...values].sort((a, b) => a - b);
  return mean(sorted.slice(1, -1));
}
