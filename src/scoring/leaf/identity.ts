import { clipScore } from './clip.js';

/**
 * Identity scoring (design §6.1): the value is already a 0..100 score (a survey index, an aggregated expert
 * rating); it is only clipped to 0..100.
 * @example identityScore(87.5) // → 87.5
 */
export function identityScore(x: number): number {
  return clipScore(x);
}
