import type { Aggregation } from '../../model/indicator-system.js';
import type { LocalizedText } from '../../types.js';

/**
 * One aggregation method (design §6.3): how a node combines its children's scores for one unit, and its words on
 * the method sheet. A method is one file that exports one of these and adds its id to `AggregationKinds`
 * (src/model/indicator-system.ts), plus one line in src/scoring/aggregation/aggregation-methods.ts.
 */
export interface AggregationMethod<A extends Aggregation = Aggregation> {
  id: A;
  /**
   * The node's score over the children the unit has a score for (null: no score), weights rescaled to sum 1 over
   * those; null when none is available (or only zero-weight ones), so the parent skips the node the same way.
   */
  combine(childScores: readonly (number | null)[], weights: readonly number[]): number | null;
  /** What the method sheet appends to the node's weighting method; absent for the default, which is not named. */
  words?: LocalizedText;
}
