import { MethodInputError } from './method-error.js';

export type AhpMethod = 'eigenvector' | 'sum_product' | 'geometric';
export type RiTable = 'saaty' | 'chinese';

export interface AhpResult {
  weights: number[];
  lambdaMax: number;
  ci: number;
  cr: number;
  ri: { table: RiTable; name: string; value: number };
  method: AhpMethod;
  /** The judgement furthest from what the weights imply (a_ij vs w_i/w_j, by |ln ratio|). */
  mostInconsistent: { row: number; col: number; given: number; implied: number } | null;
}

/** Saaty's acceptance threshold: a matrix with CR ≥ 0.10 should be revised. */
export const AHP_CR_LIMIT = 0.1;

/**
 * Random consistency indices RI(n), index n − 1 (n = 1 … 15): the mean CI of random reciprocal matrices.
 * Published tools disagree on these numbers, which is why the table used is named in every output.
 * - saaty: Saaty, T. L. (1980) The Analytic Hierarchy Process, McGraw-Hill: 0.58, 0.90, 1.12, 1.24, 1.32, 1.41,
 *   1.45, 1.49 for n = 3 … 10, as printed by e.g. the IWA Publishing AHP tables and the R packages AHPWR/MCDA;
 *   n = 11 … 15 (1.51, 1.48, 1.56, 1.57, 1.59) as the same literature extends it. (Some tutorials print 1.51 at
 *   n = 10; we keep 1.49.)
 * - chinese: the table of most Chinese AHP textbooks, from 1000 random matrices per order, usually credited to
 *   龚木森、许树柏 (1986) 《正互反矩阵的随机一致性指标》 and reproduced in 许树柏《实用决策方法——层次分析法原理》
 *   (1988). Checked only against secondary sources (it is the table hard-coded in the widely shared Chinese AHP
 *   code and R package examples found while writing this); the primary paper was not at hand.
 */
export const RI_TABLES: Record<RiTable, { name: string; values: readonly number[] }> = {
  saaty: {
    name: 'Saaty (1980)',
    values: [0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59],
  },
  chinese: {
    name: '龚木森、许树柏 (1986) Chinese textbook table',
    values: [0, 0, 0.52, 0.89, 1.12, 1.26, 1.36, 1.41, 1.46, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59],
  },
};

/** How far a_ij·a_ji may stray from 1: 1 %, so judgements written as rounded decimals (0.333 for 1/3) pass. */
const RECIPROCAL_TOLERANCE = 1e-2;

/**
 * Parses one judgement as written in a matrix file: a number (`3`, `0.333`) or a fraction (`1/3`, full-width
 * `1／3` too). Positivity is checked by `ahp`, which can name the cell.
 * @throws MethodInputError for anything else (empty, text, division by zero)
 * @example parseJudgement('1/3') // → 0.3333333333333333
 */
export function parseJudgement(v: string | number): number {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new MethodInputError(`judgement ${String(v)} is not a finite number`);
    return v;
  }
  const s = v.trim().replace('／', '/');
  const number = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
  const parts = s.split('/');
  if (parts.length === 1 && number.test(s)) return Number(s);
  if (parts.length === 2) {
    const [p, q] = parts.map((x) => x.trim());
    if (number.test(p) && number.test(q)) {
      const den = Number(q);
      if (den === 0) throw new MethodInputError(`judgement "${v}" divides by zero`);
      return Number(p) / den;
    }
  }
  throw new MethodInputError(
    `judgement "${v}" is not a number`,
    undefined,
    undefined,
    'write judgements as numbers or fractions: 3, 0.5, 1/3',
  );
}

/**
 * Combines several experts' matrices into one group matrix by the element-wise geometric mean,
 * g_ij = (Π_k a_ij^(k))^(1/K), which keeps the group matrix reciprocal (Aczél & Saaty 1983).
 * @throws MethodInputError if there are no matrices, their sizes differ, or an entry is not positive
 * @example combineExpertMatrices([[[1, 4], [1/4, 1]], [[1, 1], [1, 1]]])[0] // → [1, 2]
 */
export function combineExpertMatrices(matrices: number[][][]): number[][] {
  if (matrices.length === 0) throw new MethodInputError('no expert matrices to combine');
  const n = matrices[0].length;
  matrices.forEach((a, k) => {
    if (a.length !== n || a.some((row) => row.length !== n)) {
      throw new MethodInputError(
        `expert matrix ${k + 1} is not ${n} × ${n} like the first one`,
        undefined,
        undefined,
        'every expert must compare the same criteria in the same order',
      );
    }
    a.forEach((row, i) =>
      row.forEach((x, j) => {
        if (!(Number.isFinite(x) && x > 0)) {
          throw new MethodInputError(`expert matrix ${k + 1}: judgement ${String(x)} is not a positive number`, i, j);
        }
      }),
    );
  });
  const K = matrices.length;
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => {
      if (i === j) return 1;
      const meanLog = matrices.reduce((s, a) => s + Math.log(a[i][j]), 0) / K;
      return Math.exp(meanLog);
    }),
  );
}

function checkPairwiseMatrix(a: number[][]): number {
  const n = a.length;
  if (n === 0) throw new MethodInputError('the comparison matrix is empty');
  a.forEach((row, i) => {
    if (row.length !== n) {
      throw new MethodInputError(`the comparison matrix is not square: row ${i + 1} has ${row.length} entries, expected ${n}`, i);
    }
  });
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = a[i][j];
      if (!(typeof x === 'number' && Number.isFinite(x) && x > 0)) {
        throw new MethodInputError(
          `judgement ${String(x)} is not a positive number`,
          i,
          j,
          'pairwise judgements are ratios on the 1–9 scale and their reciprocals (1/2 … 1/9)',
        );
      }
    }
  }
  for (let i = 0; i < n; i++) {
    if (Math.abs(a[i][i] - 1) > RECIPROCAL_TOLERANCE) {
      throw new MethodInputError(`diagonal judgement ${a[i][i]} should be 1 (a criterion compared with itself)`, i, i);
    }
    // Name the lower-triangle cell: the upper triangle is what people usually enter, the lower is derived from it.
    for (let j = 0; j < i; j++) {
      if (Math.abs(a[i][j] * a[j][i] - 1) > RECIPROCAL_TOLERANCE) {
        throw new MethodInputError(
          `the matrix is not reciprocal: a[${i + 1}][${j + 1}] = ${a[i][j]} but 1/a[${j + 1}][${i + 1}] = ${1 / a[j][i]}`,
          i,
          j,
          'each entry below the diagonal must be the reciprocal of its mirror above it (e.g. 3 and 1/3)',
        );
      }
    }
  }
  return n;
}

function multiply(a: number[][], w: number[]): number[] {
  return a.map((row) => row.reduce((s, x, j) => s + x * w[j], 0));
}

function eigenvectorWeights(a: number[][]): { w: number[]; lambdaMax: number } {
  const n = a.length;
  let w = new Array<number>(n).fill(1 / n);
  let lambda = n;
  // A positive matrix is primitive, so power iteration converges to the Perron vector; the cap only guards
  // against a pathological rate (|λ2/λ1| close to 1), which Saaty-scale matrices do not reach.
  for (let iter = 0; iter < 100_000; iter++) {
    const aw = multiply(a, w);
    lambda = aw.reduce((s, x) => s + x, 0); // = λ once w is the eigenvector, since Σw = 1
    const next = aw.map((x) => x / lambda);
    const delta = Math.max(...next.map((x, i) => Math.abs(x - w[i])));
    w = next;
    if (delta <= 1e-12) break;
  }
  // λmax from the converged vector (the last Σ(Aw) was computed from the previous iterate).
  const lambdaMax = multiply(a, w).reduce((s, x) => s + x, 0);
  return { w, lambdaMax };
}

function meanRatioLambda(a: number[][], w: number[]): number {
  const aw = multiply(a, w);
  return aw.reduce((s, x, i) => s + x / w[i], 0) / w.length;
}

/**
 * Analytic Hierarchy Process (层次分析法): weights of n criteria from a pairwise comparison matrix A, where a_ij says
 * how much more important criterion i is than criterion j on Saaty's 1–9 scale, and a_ji = 1/a_ij.
 *
 * Weights, by `method`:
 * - `eigenvector` (default, Saaty): the principal right eigenvector of A, A·w = λmax·w, Σw = 1, found by power
 *   iteration (w ← A·w / Σ(A·w)) until no component moves by more than 1e-12. λmax = Σ_i (A·w)_i.
 * - `sum_product` (和积法): normalise each column to sum 1, w_i = mean over j of a_ij / Σ_k a_kj.
 * - `geometric` (方根法): w_i ∝ (Π_j a_ij)^(1/n).
 *   For these two, λmax = (1/n)·Σ_i (A·w)_i / w_i, the estimate the Chinese textbooks use with them
 *   (for a consistent matrix all three methods agree exactly; otherwise they differ slightly).
 * Consistency: CI = (λmax − n)/(n − 1), CR = CI/RI(n). CR < 0.10 is Saaty's acceptance rule (AHP_CR_LIMIT);
 * the random index RI comes from Saaty's table (default) or the Chinese textbook table (see RI_TABLES).
 * For n ≤ 2 every reciprocal matrix is consistent: CI and CR are 0.
 *
 * @throws MethodInputError naming the cell for a non-square matrix, a non-positive or non-finite entry, a
 *   diagonal entry other than 1, or a pair with a_ij·a_ji ≠ 1 beyond 1 % (so 1/3 written as 0.333 passes);
 *   and for n beyond the chosen RI table.
 * @example ahp([[1, 3], [1/3, 1]]).weights // → [0.75, 0.25]
 * A consistent matrix (a_ij = w_i/w_j exactly) has CR 0:
 * @example ahp([[1, 2, 4], [1/2, 1, 2], [1/4, 1/2, 1]]).cr // → 0
 */
export function ahp(matrix: number[][], opts: { method?: AhpMethod; ri?: RiTable } = {}): AhpResult {
  const method: AhpMethod = opts.method ?? 'eigenvector';
  const table: RiTable = opts.ri ?? 'saaty';
  if (!['eigenvector', 'sum_product', 'geometric'].includes(method)) {
    throw new MethodInputError(`unknown AHP method "${String(method)}"`, undefined, undefined, 'use eigenvector, sum_product or geometric');
  }
  const riTable = RI_TABLES[table];
  if (!riTable) throw new MethodInputError(`unknown RI table "${String(table)}"`, undefined, undefined, 'use saaty or chinese');
  const n = checkPairwiseMatrix(matrix);
  if (n > riTable.values.length) {
    throw new MethodInputError(
      `${n} criteria in one matrix: the ${riTable.name} random-index table stops at ${riTable.values.length}`,
      undefined,
      undefined,
      'group the criteria under intermediate nodes; people judge 7 ± 2 criteria reliably',
    );
  }

  let weights: number[];
  let lambdaMax: number;
  if (method === 'eigenvector') {
    ({ w: weights, lambdaMax } = eigenvectorWeights(matrix));
  } else if (method === 'sum_product') {
    const colSums = matrix[0].map((_, j) => matrix.reduce((s, row) => s + row[j], 0));
    weights = matrix.map((row) => row.reduce((s, x, j) => s + x / colSums[j], 0) / n);
    lambdaMax = meanRatioLambda(matrix, weights);
  } else {
    const g = matrix.map((row) => Math.exp(row.reduce((s, x) => s + Math.log(x), 0) / n));
    const total = g.reduce((s, x) => s + x, 0);
    weights = g.map((x) => x / total);
    lambdaMax = meanRatioLambda(matrix, weights);
  }

  const riValue = riTable.values[n - 1];
  // For n ≤ 2, RI = 0 and the matrix is consistent by construction; report exact zeros, not rounding noise.
  const ci = n <= 2 ? 0 : (lambdaMax - n) / (n - 1);
  const cr = n <= 2 ? 0 : ci / riValue;

  let mostInconsistent: AhpResult['mostInconsistent'] = null;
  let worst = 1e-9; // below this the judgement agrees with the weights up to rounding
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const implied = weights[i] / weights[j];
      const dev = Math.abs(Math.log(matrix[i][j] / implied));
      if (dev > worst) {
        worst = dev;
        mostInconsistent = { row: i, col: j, given: matrix[i][j], implied };
      }
    }
  }

  return { weights, lambdaMax, ci, cr, ri: { table, name: riTable.name, value: riValue }, method, mostInconsistent };
}
