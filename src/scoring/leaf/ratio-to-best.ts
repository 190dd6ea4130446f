import type { Direction } from '../../model/indicator-system.js';
import { clipScore, present } from './clip.js';
import type { LeafMethod } from './leaf-method.js';

/**
 * Ratio-to-best scoring (design §6.1), over the units that have a value, clipped to 0..100:
 * benefit: x / max · 100; cost: min / x · 100.
 * Conventions where the ratio is undefined (the design is silent):
 * - benefit with max ≤ 0 (no unit has anything positive): the units at the max score 100, the others 0;
 * - cost with x = 0: 0 is the best a cost can be (no returns, no repeats), so it scores 100; when the best
 *   (min) is 0, every x > 0 scores 0/x = 0;
 * - negative values are clipped by the final 0..100 clip (ratios are meant for non-negative quantities).
 * @example ratioToBestScores([50, 100, 80], 'benefit') // → [50, 100, 80]
 * @example ratioToBestScores([0.1, 0.2, 0.05], 'cost') // → [50, 25, 100]
 */
export function ratioToBestScores(values: readonly (number | null)[], direction: Direction): (number | null)[] {
  const xs = present(values);
  if (xs.length === 0) return values.map(() => null);
  const max = Math.max(...xs);
  const min = Math.min(...xs);
  return values.map((x) => {
    if (x === null) return null;
    if (direction === 'benefit') {
      if (max <= 0) return x === max ? 100 : 0;
      return clipScore((x / max) * 100);
    }
    if (x === 0) return 100;
    return clipScore((min / x) * 100);
  });
}

declare module '../../model/indicator-system.js' {
  interface LeafMethodParams {
    ratio_to_best: Record<never, never>;
  }
}

/** `scoring: ratio_to_best`. */
export const ratioToBestMethod: LeafMethod<'ratio_to_best'> = {
  id: 'ratio_to_best',
  params: {},
  score: (_scoring, direction, raws) => ratioToBestScores(raws, direction),
  describe: () => ({ zh: '与最优值之比 × 100', en: 'ratio to the best value × 100' }),
};
