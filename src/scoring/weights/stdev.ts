import { isNegligibleSpread } from '../negligible-spread.js';
import { checkUnitsMatrix, column, normaliseOrEqual, sampleStdev } from './matrix-checks.js';
import { objectiveMethod } from './weight-method.js';

/**
 * Standard-deviation weights (标准离差法) of the columns of a units × indicators matrix (rows = units):
 * w_j = σ_j / Σ_k σ_k, σ_j the sample standard deviation (denominator m − 1) of column j. An indicator on
 * which the units differ more gets more weight. The columns must share one scale (the indicator system passes
 * 0..100 scores); a column's direction does not matter, since reversing it keeps its spread.
 * A column whose spread is negligible against its magnitude (negligible-spread.ts) has σ = 0: float noise is not
 * variation. If no column varies, every column gets the equal weight 1/n.
 * @throws MethodInputError for fewer than 2 units or a ragged / non-finite matrix
 * @example stdevWeights([[1, 10], [3, 13], [5, 16]]) // → [0.4, 0.6]
 */
export function stdevWeights(matrix: number[][]): number[] {
  const { n } = checkUnitsMatrix(matrix, 'standard-deviation weights', 2);
  return normaliseOrEqual(
    Array.from({ length: n }, (_, j) => {
      const x = column(matrix, j);
      return isNegligibleSpread(x) ? 0 : sampleStdev(x);
    }),
  );
}

declare module '../../model/indicator-system.js' {
  interface WeightMethodKinds {
    stdev: { role: 'objective' };
  }
}

/** `weights: stdev`; a column's direction does not change its spread. */
export const stdevMethod = objectiveMethod('stdev', { zh: '标准差法', en: 'standard deviation' }, { title: 'standard-deviation', weights: (m) => stdevWeights(m) });
