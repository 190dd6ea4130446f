import { clipScore } from './clip.js';
import type { LeafMethod } from './leaf-method.js';

/**
 * Identity scoring (design §6.1): the value is already a 0..100 score (a survey index, an aggregated expert
 * rating); it is only clipped to 0..100.
 * @example identityScore(87.5) // → 87.5
 */
export function identityScore(x: number): number {
  return clipScore(x);
}

declare module '../../model/indicator-system.js' {
  interface LeafMethodParams {
    identity: Record<never, never>;
  }
}

/** `scoring: identity`, the default of a leaf whose metric is already a 0..100 score. */
export const identityMethod: LeafMethod<'identity'> = {
  id: 'identity',
  params: {},
  score: (_scoring, _direction, raws) => raws.map((x) => (x === null ? null : identityScore(x))),
  describe: () => ({ zh: '原值即得分（0–100）', en: 'the value is the score (0–100)' }),
};
