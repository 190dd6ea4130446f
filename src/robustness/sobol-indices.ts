/**
 * Variance-based sensitivity indices by Saltelli's sampling scheme with Jansen's estimators (Saltelli et al. 2010,
 * "Variance based sensitivity analysis of model output. Design and estimator for the total sensitivity index",
 * Computer Physics Communications 181:259–270, Table 2 (f) and (b)/(f); Jansen 1999).
 *
 * Scheme: two independent N × d matrices A and B of uniform [0, 1) numbers; for each of the k uncertain inputs i
 * (an input may own several of the d columns — a group, such as all the weights), A_B^(i) is A with input i's
 * columns taken from B. The model is evaluated on the rows of A, B and every A_B^(i): N(k + 2) draws.
 * With f_A, f_B, f_ABi the outputs and V the variance of the 2N outputs of A and B:
 *   first order  S_i  = 1 − Σ_j (f_B,j − f_ABi,j)² / (2N·V)   (Jansen: V_i = V − ½·E[(f_B − f_ABi)²])
 *   total order  ST_i = Σ_j (f_A,j − f_ABi,j)² / (2N·V)        (Jansen: V·ST_i = ½·E[(f_A − f_ABi)²])
 * S_i is the share of the output variance input i explains alone, ST_i the share it has a hand in (alone or
 * in interaction); Σ S_i ≤ 1 ≤ Σ ST_i for a model with interactions. Estimates carry sampling error of order
 * 1/√N (S_i may come out slightly negative); V = 0 (the output never moves) gives null indices, not 0/0.
 */

/** The layout of one Saltelli design: which row of which matrix a draw is. */
export interface SaltelliDesign {
  /** N base samples. */
  n: number;
  /** Columns (elementary uniforms) per draw. */
  d: number;
  /** Inputs: each the list of columns it owns. */
  inputs: readonly (readonly number[])[];
  /** A and B, N × d each, row-major. */
  a: Float64Array;
  b: Float64Array;
}

/**
 * Draws the A and B matrices of a Saltelli design from a uniform generator (seeded by the caller).
 * @throws RangeError if n < 2, d < 1, an input owns no column, or a column belongs to no input or to two
 * @example saltelliDesign(4, [[0], [1]], () => 0.5).a.length // → 8
 */
export function saltelliDesign(n: number, inputs: readonly (readonly number[])[], uniform: () => number): SaltelliDesign {
  const d = inputs.reduce((s, cols) => s + cols.length, 0);
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`a Saltelli design needs at least 2 base samples, got ${n}`);
  if (d < 1) throw new RangeError('a Saltelli design needs at least one uncertain input');
  const owner = new Int32Array(d).fill(-1);
  inputs.forEach((cols, i) => {
    if (cols.length === 0) throw new RangeError(`input ${i} owns no column`);
    for (const c of cols) {
      if (!(c >= 0 && c < d) || owner[c] !== -1) throw new RangeError(`column ${c} is out of range or owned twice`);
      owner[c] = i;
    }
  });
  const a = new Float64Array(n * d);
  const b = new Float64Array(n * d);
  for (let j = 0; j < n; j++) {
    for (let c = 0; c < d; c++) a[j * d + c] = uniform();
    for (let c = 0; c < d; c++) b[j * d + c] = uniform();
  }
  return { n, d, inputs, a, b };
}

/** Number of model evaluations of a design: N(k + 2). */
export function drawCount(design: SaltelliDesign): number {
  return design.n * (design.inputs.length + 2);
}

/**
 * Fills `row` (length d) with draw `t` of the design, t = 0 … N(k+2) − 1, in the order: the N rows of A, the N rows
 * of B, then for each input i the N rows of A_B^(i).
 */
export function designRow(design: SaltelliDesign, t: number, row: Float64Array): void {
  const { n, d, a, b, inputs } = design;
  const block = Math.floor(t / n);
  const j = t - block * n;
  if (block === 1) {
    row.set(b.subarray(j * d, (j + 1) * d));
    return;
  }
  row.set(a.subarray(j * d, (j + 1) * d));
  if (block >= 2) for (const c of inputs[block - 2]) row[c] = b[j * d + c];
}

export interface SobolIndices {
  /** First-order index per input (null when the output does not vary). */
  first: (number | null)[];
  /** Total-order index per input (null when the output does not vary). */
  total: (number | null)[];
  /** Variance of the output over the 2N draws of A and B. */
  variance: number;
}

/**
 * Jansen's first- and total-order estimates from the outputs of a design's draws, in designRow order (length N(k + 2)).
 * @example jansenIndices(Float64Array.from([0, 1, 1, 0, 1, 0]), 2, 1).first // → [1]
 */
export function jansenIndices(y: ArrayLike<number>, n: number, k: number, stride = 1, offset = 0): SobolIndices {
  const at = (t: number) => y[t * stride + offset];
  let mean = 0;
  for (let t = 0; t < 2 * n; t++) mean += at(t);
  mean /= 2 * n;
  let variance = 0;
  for (let t = 0; t < 2 * n; t++) variance += (at(t) - mean) ** 2;
  variance /= 2 * n - 1;
  const first: (number | null)[] = [];
  const total: (number | null)[] = [];
  // A variance this small against the outputs' size is rounding, not a distribution.
  const still = !(variance > 1e-24 * Math.max(1, mean * mean));
  for (let i = 0; i < k; i++) {
    if (still) {
      first.push(null);
      total.push(null);
      continue;
    }
    let sb = 0;
    let sa = 0;
    for (let j = 0; j < n; j++) {
      const fab = at((2 + i) * n + j);
      sb += (at(n + j) - fab) ** 2;
      sa += (at(j) - fab) ** 2;
    }
    first.push(1 - sb / (2 * n * variance));
    total.push(sa / (2 * n * variance));
  }
  return { first, total, variance };
}
