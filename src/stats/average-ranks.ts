/**
 * Ranks of values in ascending order, 1-based, with tied values sharing the mean of the ranks they occupy
 * (the "average" or "fractional" ranking that Kendall's W and Spearman's rho assume).
 * r_i = 1 + #{j : x_j < x_i} + (#{j : x_j = x_i} − 1) / 2.
 * @throws RangeError if a value is not a finite number
 * @example averageRanks([10, 20, 20, 5]) // → [2, 3.5, 3.5, 1]
 */
export function averageRanks(values: readonly number[]): number[] {
  for (const v of values) {
    if (!Number.isFinite(v)) throw new RangeError(`averageRanks: ${v} is not a finite number`);
  }
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Array<number>(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1]] === values[order[start]]) end++;
    // positions start..end (0-based) hold equal values: they share the mean of ranks start+1..end+1
    const shared = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k]] = shared;
    start = end + 1;
  }
  return ranks;
}

/**
 * The tie term Σ(t³ − t) over the groups of tied values, t being the size of each group
 * (0 when there are no ties). Used by the tie corrections of Kendall's W and of rank correlations.
 * @throws RangeError if a value is not a finite number
 * @example tieTerm([1, 2, 2, 3, 3, 3]) // → 30
 */
export function tieTerm(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) {
    if (!Number.isFinite(v)) throw new RangeError(`tieTerm: ${v} is not a finite number`);
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  let total = 0;
  for (const t of counts.values()) total += t * t * t - t;
  return total;
}
