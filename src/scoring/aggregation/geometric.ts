import type { AggregationMethod } from './aggregation-method.js';

declare module '../../model/indicator-system.js' {
  interface AggregationKinds {
    geometric: true;
  }
}

/** Geometric aggregation floors child scores here, so that one score of 0 does not make the whole node 0. */
export const GEOMETRIC_FLOOR = 1;

/**
 * `aggregation: geometric` (design §6.3): the weighted geometric mean of the available children's scores floored
 * at 1 (GEOMETRIC_FLOOR), score = exp(Σ_{c available} w_c·ln max(s_c, 1) / Σ_{c available} w_c). On a 0..100 scale
 * a child at 0 pulls the node down hard but does not zero it, and a weak child cannot be fully offset by a strong
 * one (less compensation than the weighted sum).
 * @example geometricAggregation.combine([100, 25], [0.5, 0.5]) // → 50
 * @example geometricAggregation.combine([100, 0], [0.5, 0.5]) // → 10
 */
export const geometricAggregation: AggregationMethod<'geometric'> = {
  id: 'geometric',
  combine(childScores, weights) {
    let sum = 0;
    let wsum = 0;
    for (let c = 0; c < childScores.length; c++) {
      const s = childScores[c];
      if (s === null) continue;
      sum += weights[c] * Math.log(s < GEOMETRIC_FLOOR ? GEOMETRIC_FLOOR : s);
      wsum += weights[c];
    }
    return wsum > 0 ? Math.exp(sum / wsum) : null;
  },
  words: { zh: '加权几何平均（下级指标得分低于 1 时按 1 计）', en: 'weighted geometric mean (child scores below 1 count as 1)' },
};
