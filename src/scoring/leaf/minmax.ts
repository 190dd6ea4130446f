import type { Direction } from '../../model/indicator-system.js';
import { isNegligibleSpread } from '../negligible-spread.js';
import { present } from './clip.js';
import type { LeafMethod } from './leaf-method.js';

/**
 * Min–max scoring across units (design §6.1), over the units that have a value:
 * benefit: (x − min)/(max − min)·100; cost: (max − x)/(max − min)·100.
 * When every unit has the same value the indicator does not separate them, and all score 100 (design §6.1);
 * values whose spread is negligible against their magnitude count as the same (negligible-spread.ts), so float
 * noise such as [2.1e-109, 0, 0] is not stretched to 0..100.
 * Missing values (null) stay null.
 * @example minmaxScores([2, 4, 6], 'benefit') // → [0, 50, 100]
 */
export function minmaxScores(values: readonly (number | null)[], direction: Direction): (number | null)[] {
  const xs = present(values);
  if (xs.length === 0) return values.map(() => null);
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  const range = max - min;
  const constant = isNegligibleSpread(xs);
  return values.map((x) => {
    if (x === null) return null;
    if (constant) return 100;
    return direction === 'benefit' ? ((x - min) / range) * 100 : ((max - x) / range) * 100;
  });
}

declare module '../../model/indicator-system.js' {
  interface LeafMethodParams {
    minmax: Record<never, never>;
  }
}

/** `scoring: minmax`. */
export const minmaxMethod: LeafMethod<'minmax'> = {
  id: 'minmax',
  params: {},
  score: (_scoring, direction, raws) => minmaxScores(raws, direction),
  describe: () => ({ zh: '极差标准化：(x − 最小值) / (最大值 − 最小值) × 100，全部相等时为 100', en: 'min–max: (x − min) / (max − min) × 100; 100 when all equal' }),
};
