import { MethodInputError } from './method-error.js';
import { isNegligibleSpread } from '../negligible-spread.js';
import { checkUnitsMatrix, column, normaliseOrEqual } from './matrix-checks.js';
import type { Direction } from '../../model/indicator-system.js';
import { objectiveMethod } from './weight-method.js';

/**
 * Entropy weights (熵权法) of the columns of a units × indicators matrix (rows = m units, columns = indicators).
 * p_ij = x_ij / Σ_i x_ij;  e_j = −(1/ln m)·Σ_i p_ij ln p_ij, with 0·ln 0 = 0;  d_j = 1 − e_j;  w_j = d_j / Σ_k d_k.
 * A column whose values are all equal has e_j = 1 and gets weight 0: it does not tell the units apart. "Equal"
 * includes a spread negligible against the values' magnitude (negligible-spread.ts): [2.1e-109, 0, 0] is float
 * noise, not an indicator on which one unit takes every share.
 * If no column tells the units apart (every d_j = 0) the data give no reason to prefer any indicator, so every
 * column gets the equal weight 1/n (rather than an error: the weights of a node must still exist).
 * The values must already point the same way and be non-negative (the indicator system passes 0..100 scores).
 * @throws MethodInputError for a negative value (naming the cell), a column summing to 0, fewer than 2 units,
 *   or a ragged / non-finite matrix
 * @example entropyWeights([[1, 2], [3, 4]]) // → [0.6979, 0.3021]
 */
export function entropyWeights(matrix: number[][]): number[] {
  // ln m is 0 for a single unit: the entropy is undefined, not merely large.
  const { m, n } = checkUnitsMatrix(matrix, 'entropy weights', 2);
  matrix.forEach((row, i) =>
    row.forEach((x, j) => {
      if (x < 0) {
        throw new MethodInputError(
          `entropy weights need non-negative values; found ${x}`,
          i,
          j,
          'score or min–max normalise the indicator first (e.g. to 0..100), or shift it so that its smallest value is 0',
        );
      }
    }),
  );
  const lnM = Math.log(m);
  const divergence = Array.from({ length: n }, (_, j) => {
    const x = column(matrix, j);
    const total = x.reduce((a, b) => a + b, 0);
    if (total === 0) {
      throw new MethodInputError(
        `entropy weights: every value of column ${j + 1} is 0, so its shares p = x/Σx are undefined`,
        undefined,
        j,
        'drop the indicator, or score it first so that the units get non-zero scores',
      );
    }
    if (isNegligibleSpread(x)) return 0;
    let h = 0;
    for (const xi of x) {
      if (xi > 0) {
        const p = xi / total;
        h -= p * Math.log(p);
      }
    }
    const d = 1 - h / lnM;
    // A constant column gives e = 1 up to rounding; clamp so that noise can never produce a negative weight.
    return d > 1e-12 ? d : 0;
  });
  return normaliseOrEqual(divergence);
}

declare module '../../model/indicator-system.js' {
  interface WeightMethodKinds {
    entropy: { role: 'objective' };
  }
}

/**
 * Reflects cost columns (x' = max + min − x) so that entropy sees larger-is-better values on the same range (and
 * non-negative values stay non-negative).
 * @example reflectCostColumns([[1], [3]], ['cost']) // → [[3], [1]]
 */
export function reflectCostColumns(values: number[][], directions: readonly Direction[]): number[][] {
  const ranges = directions.map((_, j) => {
    const col = values.map((r) => r[j]);
    return Math.max(...col) + Math.min(...col);
  });
  return values.map((row) => row.map((x, j) => (directions[j] === 'cost' ? ranges[j] - x : x)));
}

/** `weights: entropy`. */
export const entropyMethod = objectiveMethod('entropy', { zh: '熵权法', en: 'entropy weights' }, { title: 'entropy', weights: (m, directions) => entropyWeights(reflectCostColumns(m, directions)) });
