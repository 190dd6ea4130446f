import type { Aggregation } from '../model/indicator-system.js';
import { AGGREGATION_METHODS } from './aggregation/aggregation-methods.js';

export { GEOMETRIC_FLOOR } from './aggregation/geometric.js';

/**
 * A node's score for one unit (design §6.3, §6.4), over the children the unit has a score for, with their weights
 * rescaled to sum 1, by the node's aggregation method from the table (src/scoring/aggregation/aggregation-methods.ts):
 * - arithmetic (default): score = Σ_{c available} w_c·s_c / Σ_{c available} w_c, the weighted sum;
 * - geometric: score = exp(Σ_{c available} w_c·ln max(s_c, 1) / Σ_{c available} w_c), the weighted geometric mean
 *   of the children's scores floored at 1 (GEOMETRIC_FLOOR).
 * With none available (or only zero-weight ones) the node itself is missing (null) and its parent skips it the same way.
 * @example nodeScore([80, null, 50], [0.5, 0.3, 0.2]) // → 71.43
 * @example nodeScore([100, 25], [0.5, 0.5], 'geometric') // → 50
 * @example nodeScore([100, 0], [0.5, 0.5], 'geometric') // → 10
 */
export function nodeScore(childScores: readonly (number | null)[], weights: readonly number[], aggregation: Aggregation = 'arithmetic'): number | null {
  return AGGREGATION_METHODS[aggregation].combine(childScores, weights);
}
