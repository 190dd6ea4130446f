import { clipScore } from './clip.js';
import { z } from 'zod';
import type { LeafMethod } from './leaf-method.js';

/**
 * Threshold scoring (design §6.1): the floor scores 0, the target 100, linear in between, clipped outside.
 * score = clip((x − floor) / (target − floor) · 100, 0, 100).
 * A cost indicator (smaller is better) is written with floor > target, and the same formula reverses it:
 * e.g. return rate floor 0.30, target 0.05: x = 0.10 → (0.10 − 0.30)/(0.05 − 0.30)·100 = 80.
 * The indicator system rejects floor = target, so the denominator is never 0.
 * @example thresholdScore(0.88, 0.6, 0.95) // → 80
 */
export function thresholdScore(x: number, floor: number, target: number): number {
  return clipScore(((x - floor) / (target - floor)) * 100);
}

declare module '../../model/indicator-system.js' {
  interface LeafMethodParams {
    threshold: { floor: number; target: number };
  }
}

/** `scoring: {method: threshold, floor, target}`; a cost indicator is written with floor > target. */
export const thresholdMethod: LeafMethod<'threshold'> = {
  id: 'threshold',
  params: { floor: z.number(), target: z.number() },
  check: ({ floor, target }, { direction }) => {
    if (floor === target) return { key: 'target', message: `target equals floor (${floor}); the score would be undefined` };
    if (direction === 'benefit' && floor > target) {
      return { key: 'floor', message: `floor ${floor} > target ${target} for a benefit indicator; set direction: cost if smaller is better` };
    }
    if (direction === 'cost' && floor < target) {
      return { key: 'floor', message: `floor ${floor} < target ${target} for a cost indicator; for a cost indicator the floor (score 0) is the larger value` };
    }
    return null;
  },
  score: ({ floor, target }, _direction, raws) => raws.map((x) => (x === null ? null : thresholdScore(x, floor, target))),
  describe: ({ floor, target }, cost) => {
    const [f, t] = [String(floor), String(target)];
    return cost
      ? { zh: `阈值法（逆向）：不高于 ${t} 得 100 分，不低于 ${f} 得 0 分，之间线性插值`, en: `threshold (cost): ≤ ${t} scores 100, ≥ ${f} scores 0, linear between` }
      : { zh: `阈值法：不低于 ${t} 得 100 分，不高于 ${f} 得 0 分，之间线性插值`, en: `threshold: ≥ ${t} scores 100, ≤ ${f} scores 0, linear between` };
  },
};
