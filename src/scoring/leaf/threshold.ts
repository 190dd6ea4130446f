import { clipScore } from './clip.js';

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
