import type { Direction } from '../../model/indicator-system.js';
import { competitionRanks } from '../competition-rank.js';
import type { LeafMethod } from './leaf-method.js';

/**
 * Rank (percentile) scoring (design §6.1), over the n units that have a value:
 * score = (n − rank)/(n − 1)·100, with competition ranks (best = 1, ties share the best rank: 1, 2, 2, 4), best
 * = the largest value for benefit, the smallest for cost. So the best unit scores 100, the worst 0, and tied units
 * share the higher score. A single unit scores 100 (nobody is better).
 * @example rankScores([10, 20, 20, 5], 'benefit') // ranks 3, 1, 1, 4 → [33.33…, 100, 100, 0]
 */
export function rankScores(values: readonly (number | null)[], direction: Direction): (number | null)[] {
  const idx: number[] = [];
  const xs: number[] = [];
  values.forEach((v, i) => {
    if (v !== null) {
      idx.push(i);
      xs.push(v);
    }
  });
  const out: (number | null)[] = values.map(() => null);
  const n = xs.length;
  if (n === 0) return out;
  const ranks = competitionRanks(xs, direction === 'benefit' ? 'desc' : 'asc');
  idx.forEach((i, k) => {
    out[i] = n === 1 ? 100 : ((n - ranks[k]) / (n - 1)) * 100;
  });
  return out;
}

declare module '../../model/indicator-system.js' {
  interface LeafMethodParams {
    rank: Record<never, never>;
  }
}

/** `scoring: rank`. */
export const rankMethod: LeafMethod<'rank'> = {
  id: 'rank',
  params: {},
  score: (_scoring, direction, raws) => rankScores(raws, direction),
  describe: () => ({ zh: '百分位排名 × 100', en: 'percentile rank × 100' }),
};
