import type { Direction, LeafScoring } from '../../model/indicator-system.js';
import type { LabelCounts } from './leaf-method.js';
import { leafMethodOf } from './leaf-methods.js';

/**
 * A leaf indicator's 0..100 scores for every unit, from the units' raw metric values (design §6.1), by the
 * leaf's scoring method (the table leaf-methods.ts). Methods that compare units (minmax, ratio_to_best, zscore,
 * rank) use only the units that have a value; a missing raw value (null) gives a null score, filled later by the
 * missing-value policy (§6.4).
 * @example scoreLeaf({ method: 'threshold', floor: 0.6, target: 0.95 }, 'benefit', [0.88, null]) // → [80, null]
 */
export function scoreLeaf(
  scoring: LeafScoring,
  direction: Direction,
  raws: readonly (number | null)[],
  /** Per unit, the raters' label counts (ratings leaves; grade scoring uses them). */
  labels?: LabelCounts,
): (number | null)[] {
  return leafMethodOf(scoring).score(scoring, direction, raws, labels);
}
