import { MethodInputError } from './weights/method-error.js';

/**
 * Standard competition ranking ("1224" ranking): equal values share the best rank and the next distinct value
 * skips as many ranks as were shared, so ranks are 1, 2, 2, 4 (design §6.3: ties share the best rank).
 * rank_i = 1 + #{j : v_j is strictly better than v_i}, "better" being larger for 'desc' (the default) and
 * smaller for 'asc'.
 * Values are compared exactly; NaN is not allowed (a missing score has no rank — filter it out first).
 * @throws MethodInputError if a value is NaN
 * @example competitionRanks([90, 85, 85, 70]) // → [1, 2, 2, 4]
 * @example competitionRanks([3, 1, 2], 'asc') // → [3, 1, 2]
 */
export function competitionRanks(values: number[], order: 'desc' | 'asc' = 'desc'): number[] {
  values.forEach((v, i) => {
    if (Number.isNaN(v)) throw new MethodInputError(`value ${i + 1} is not a number; it cannot be ranked`, i);
  });
  const sign = order === 'desc' ? -1 : 1;
  // Sort indices best first, then walk: a value equal to its predecessor inherits the predecessor's rank.
  const idx = values.map((_, i) => i).sort((a, b) => sign * (values[a] - values[b]) || a - b);
  const ranks = new Array<number>(values.length);
  idx.forEach((i, pos) => {
    ranks[i] = pos > 0 && values[idx[pos - 1]] === values[i] ? ranks[idx[pos - 1]] : pos + 1;
  });
  return ranks;
}
