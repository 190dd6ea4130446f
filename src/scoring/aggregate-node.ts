import type { Aggregation } from '../model/indicator-system.js';

/** Geometric aggregation floors child scores here, so that one score of 0 does not make the whole node 0. */
export const GEOMETRIC_FLOOR = 1;

/**
 * A node's score for one unit (design §6.3, §6.4), over the children the unit has a score for, with their weights
 * rescaled to sum 1:
 * - arithmetic (default): score = Σ_{c available} w_c·s_c / Σ_{c available} w_c, the weighted sum;
 * - geometric: score = exp(Σ_{c available} w_c·ln max(s_c, 1) / Σ_{c available} w_c), the weighted geometric mean
 *   of the children's scores floored at 1 (GEOMETRIC_FLOOR): on a 0..100 scale a child at 0 pulls the node down
 *   hard but does not zero it, and a weak child cannot be fully offset by a strong one (less compensation than the
 *   weighted sum).
 * With every child available and normalised weights the arithmetic rule is the plain weighted sum Σ w_c·s_c. With
 * none available (or only zero-weight ones) the node itself is missing (null) and its parent skips it the same way.
 * @example nodeScore([80, null, 50], [0.5, 0.3, 0.2]) // → 71.43
 * @example nodeScore([100, 25], [0.5, 0.5], 'geometric') // → 50
 * @example nodeScore([100, 0], [0.5, 0.5], 'geometric') // → 10
 */
export function nodeScore(childScores: readonly (number | null)[], weights: readonly number[], aggregation: Aggregation = 'arithmetic'): number | null {
  let sum = 0;
  let wsum = 0;
  const geometric = aggregation === 'geometric';
  for (let c = 0; c < childScores.length; c++) {
    const s = childScores[c];
    if (s === null) continue;
    sum += weights[c] * (geometric ? Math.log(s < GEOMETRIC_FLOOR ? GEOMETRIC_FLOOR : s) : s);
    wsum += weights[c];
  }
  if (!(wsum > 0)) return null;
  return geometric ? Math.exp(sum / wsum) : sum / wsum;
}
