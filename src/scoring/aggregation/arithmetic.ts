import type { AggregationMethod } from './aggregation-method.js';

declare module '../../model/indicator-system.js' {
  interface AggregationKinds {
    arithmetic: true;
  }
}

/**
 * `aggregation: arithmetic` (the default, design §6.3): the weighted sum over the available children,
 * score = Σ_{c available} w_c·s_c / Σ_{c available} w_c. With every child available and normalised weights this is
 * the plain weighted sum Σ w_c·s_c.
 * @example arithmeticAggregation.combine([80, null, 50], [0.5, 0.3, 0.2]) // → 71.43
 */
export const arithmeticAggregation: AggregationMethod<'arithmetic'> = {
  id: 'arithmetic',
  combine(childScores, weights) {
    let sum = 0;
    let wsum = 0;
    for (let c = 0; c < childScores.length; c++) {
      const s = childScores[c];
      if (s === null) continue;
      sum += weights[c] * s;
      wsum += weights[c];
    }
    return wsum > 0 ? sum / wsum : null;
  },
};
