/**
 * Shape checks shared by the data-driven methods (entropy, CRITIC, stdev, TOPSIS, weighted sum), which all take a
 * units × indicators matrix: rows are the assessed units, columns the indicators.
 */
import { MethodInputError } from './method-error.js';

/**
 * Checks that `matrix` is a non-empty rectangle of finite numbers with at least `minRows` rows, and returns its
 * size. The error names the first offending cell (0-based) so the caller can point at it in the file.
 * @throws MethodInputError on an empty, ragged or non-finite matrix, or one with too few rows
 */
export function checkUnitsMatrix(matrix: number[][], method: string, minRows = 1): { m: number; n: number } {
  const m = matrix.length;
  if (m === 0) throw new MethodInputError(`${method}: the matrix has no rows (units)`);
  const n = matrix[0].length;
  if (n === 0) throw new MethodInputError(`${method}: the matrix has no columns (indicators)`, 0);
  matrix.forEach((row, i) => {
    if (row.length !== n) {
      throw new MethodInputError(`${method}: row ${i + 1} has ${row.length} values, the first row has ${n}`, i);
    }
    row.forEach((x, j) => {
      if (typeof x !== 'number' || !Number.isFinite(x)) {
        throw new MethodInputError(`${method}: value ${String(x)} is not a finite number`, i, j);
      }
    });
  });
  if (m < minRows) {
    throw new MethodInputError(
      `${method} needs at least ${minRows} units (rows); the matrix has ${m}`,
      undefined,
      undefined,
      'data-driven weights compare units with each other, so they need several units',
    );
  }
  return { m, n };
}

/** Checks a direction list against the number of columns. */
export function checkDirections(directions: readonly string[], n: number, method: string): void {
  if (directions.length !== n) {
    throw new MethodInputError(`${method}: ${directions.length} directions given for ${n} columns`);
  }
  directions.forEach((d, j) => {
    if (d !== 'benefit' && d !== 'cost') {
      throw new MethodInputError(`${method}: direction "${String(d)}" of column ${j + 1} is neither benefit nor cost`, undefined, j);
    }
  });
}

/** Checks a weight vector: one finite non-negative number per column, not all zero. Returns it normalised. */
export function checkWeights(weights: readonly number[], n: number, method: string): number[] {
  if (weights.length !== n) throw new MethodInputError(`${method}: ${weights.length} weights given for ${n} columns`);
  weights.forEach((w, j) => {
    if (!Number.isFinite(w) || w < 0) {
      throw new MethodInputError(`${method}: weight ${String(w)} of column ${j + 1} is not a non-negative number`, undefined, j);
    }
  });
  const total = weights.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new MethodInputError(`${method}: the weights are all zero`);
  return weights.map((w) => w / total);
}

/** Column j of a matrix. */
export function column(matrix: number[][], j: number): number[] {
  return matrix.map((row) => row[j]);
}

/** Divides by the sum; when the sum is 0 (nothing to tell the columns apart) every column gets an equal share. */
export function normaliseOrEqual(v: number[]): number[] {
  const total = v.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return v.map(() => 1 / v.length);
  return v.map((x) => x / total);
}

/** Sample standard deviation (denominator m − 1); 0 for a single value. */
export function sampleStdev(values: number[]): number {
  const m = values.length;
  if (m < 2) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / m;
  const ss = values.reduce((a, x) => a + (x - mean) ** 2, 0);
  return Math.sqrt(ss / (m - 1));
}
