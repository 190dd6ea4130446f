import type { Direction } from '../../model/indicator-system.js';
import { isNegligibleSpread } from '../negligible-spread.js';
import { clipScore, present } from './clip.js';
import type { LeafMethod } from './leaf-method.js';

/**
 * Z-score scoring (design §6.1): 50 + 10·z, clipped to 0..100, over the units that have a value.
 * z = (x − mean)/sd with the *population* standard deviation (denominator n): the assessed units are the whole
 * population being compared, not a sample of a larger one. Cost indicators use −z.
 * All values equal (sd = 0, or a spread negligible against their magnitude: negligible-spread.ts), or a single
 * unit: every unit scores 50 (exactly average).
 * @example zscoreScores([1, 2, 3], 'benefit') // sd = √(2/3) ≈ 0.8165 → [37.75, 50, 62.25]
 */
export function zscoreScores(values: readonly (number | null)[], direction: Direction): (number | null)[] {
  const xs = present(values);
  if (xs.length === 0) return values.map(() => null);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length);
  const sign = direction === 'benefit' ? 1 : -1;
  const constant = isNegligibleSpread(xs);
  return values.map((x) => {
    if (x === null) return null;
    if (constant || !(sd > 0)) return 50;
    return clipScore(50 + 10 * sign * ((x - mean) / sd));
  });
}

declare module '../../model/indicator-system.js' {
  interface LeafMethodParams {
    zscore: Record<never, never>;
  }
}

/** `scoring: zscore`. */
export const zscoreMethod: LeafMethod<'zscore'> = {
  id: 'zscore',
  params: {},
  score: (_scoring, direction, raws) => zscoreScores(raws, direction),
  describe: () => ({ zh: '标准分：50 + 10z，截断至 0–100', en: 'z-score: 50 + 10z, clipped to 0–100' }),
};
