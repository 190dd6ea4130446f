import type { MissingPolicy } from '../model/indicator-system.js';

export interface FilledScore {
  score: number | null;
  imputed?: MissingPolicy;
}

/**
 * Missing-value policies of a leaf indicator (design §6.4), applied to its scores across units:
 * - `renormalize` (default): the score stays null, marked imputed 'renormalize'; the parent node's score then uses
 *   the unit's available siblings with their weights rescaled to sum 1 (see aggregate-node.ts);
 * - `zero`: the missing score is 0;
 * - `average`: the missing score is the mean score of the units that have one. If no unit has one there is
 *   nothing to average, and the leaf falls back to `renormalize` for everyone.
 * @example fillMissing([80, null, 60], 'average') // → [{score: 80}, {score: 70, imputed: 'average'}, {score: 60}]
 */
export function fillMissing(scores: readonly (number | null)[], policy: MissingPolicy): FilledScore[] {
  const have = scores.filter((s): s is number => s !== null);
  const mean = have.length > 0 ? have.reduce((a, b) => a + b, 0) / have.length : null;
  return scores.map((score) => {
    if (score !== null) return { score };
    if (policy === 'zero') return { score: 0, imputed: 'zero' };
    if (policy === 'average' && mean !== null) return { score: mean, imputed: 'average' };
    return { score: null, imputed: 'renormalize' };
  });
}
