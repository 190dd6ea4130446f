import type { Direction, LeafScoring } from '../../model/indicator-system.js';
import { gradeTableScore } from './grade-table.js';
import { identityScore } from './identity.js';
import { minmaxScores } from './minmax.js';
import { rankScores } from './rank-percentile.js';
import { ratioToBestScores } from './ratio-to-best.js';
import { thresholdScore } from './threshold.js';
import { zscoreScores } from './zscore.js';

/**
 * A leaf indicator's 0..100 scores for every unit, from the units' raw metric values (design §6.1), by the
 * leaf's scoring method. Methods that compare units (minmax, ratio_to_best, zscore, rank) use only the units that
 * have a value; a missing raw value (null) gives a null score, filled later by the missing-value policy (§6.4).
 * @example scoreLeaf({ method: 'threshold', floor: 0.6, target: 0.95 }, 'benefit', [0.88, null]) // → [80, null]
 */
export function scoreLeaf(
  scoring: LeafScoring,
  direction: Direction,
  raws: readonly (number | null)[],
  /** Per unit, the raters' label counts (grade scoring only). */
  distributions?: readonly (Readonly<Record<string, number>> | null)[],
): (number | null)[] {
  switch (scoring.method) {
    case 'threshold':
      return raws.map((x) => (x === null ? null : thresholdScore(x, scoring.floor, scoring.target)));
    case 'identity':
      return raws.map((x) => (x === null ? null : identityScore(x)));
    case 'minmax':
      return minmaxScores(raws, direction);
    case 'ratio_to_best':
      return ratioToBestScores(raws, direction);
    case 'zscore':
      return zscoreScores(raws, direction);
    case 'rank':
      return rankScores(raws, direction);
    case 'grade':
      return raws.map((x, i) => (x === null ? null : gradeTableScore(distributions?.[i] ?? null, scoring.table, x)));
  }
}
