import { isNegligibleSpread } from '../negligible-spread.js';
import { checkDirections, checkUnitsMatrix, column, normaliseOrEqual, sampleStdev } from './matrix-checks.js';
import { objectiveMethod } from './weight-method.js';

/** Pearson correlation; 0 when either series is constant (see the file's doc comment). */
function pearson(a: number[], b: number[]): number {
  const m = a.length;
  const ma = a.reduce((s, x) => s + x, 0) / m;
  const mb = b.reduce((s, x) => s + x, 0) / m;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < m; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  if (saa === 0 || sbb === 0) return 0;
  return Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
}

/** Best–worst normalisation of one column (the first step of CRITIC). */
export function bestWorstNormalise(x: number[], direction: 'benefit' | 'cost'): number[] {
  const min = Math.min(...x);
  const max = Math.max(...x);
  if (isNegligibleSpread(x)) return x.map(() => 0);
  return x.map((v) => (direction === 'benefit' ? (v - min) / (max - min) : (max - v) / (max - min)));
}

/**
 * CRITIC weights (Criteria Importance Through Intercriteria Correlation; Diakoulaki, Mavrotas & Papayannakis 1995)
 * of the columns of a units × indicators matrix (rows = units).
 * 1. Best–worst normalisation respecting each column's direction:
 *    benefit r_ij = (x_ij − min_j)/(max_j − min_j), cost r_ij = (max_j − x_ij)/(max_j − min_j);
 *    a constant column — one whose spread is negligible against its magnitude (negligible-spread.ts) — normalises
 *    to zeros.
 * 2. σ_j = sample standard deviation (denominator m − 1) of column j of r.
 * 3. r_jk = Pearson correlation of columns j and k of r; a constant column has no defined correlation and is
 *    taken as r = 0 with every other column (its σ is 0, so its own C is 0 either way).
 * 4. C_j = σ_j · Σ_k (1 − r_jk);  w_j = C_j / Σ_k C_k.
 * If every C_j is 0 (no column varies, or a single column) every column gets the equal weight 1/n.
 * @throws MethodInputError for fewer than 2 units, a ragged / non-finite matrix, or a bad direction list
 * @example criticWeights([[1, 5], [2, 3], [3, 4]], ['benefit', 'benefit']) // → [0.5, 0.5]
 */
export function criticWeights(matrix: number[][], directions: ('benefit' | 'cost')[]): number[] {
  const { n } = checkUnitsMatrix(matrix, 'CRITIC weights', 2);
  checkDirections(directions, n, 'CRITIC weights');
  const r = Array.from({ length: n }, (_, j) => bestWorstNormalise(column(matrix, j), directions[j]));
  const sigma = r.map(sampleStdev);
  const information = r.map((rj, j) => {
    let conflict = 0;
    for (let k = 0; k < n; k++) if (k !== j) conflict += 1 - pearson(rj, r[k]);
    return sigma[j] * conflict;
  });
  return normaliseOrEqual(information);
}

declare module '../../model/indicator-system.js' {
  interface WeightMethodKinds {
    critic: { role: 'objective' };
  }
}

/** `weights: critic`. */
export const criticMethod = objectiveMethod('critic', { zh: 'CRITIC 法', en: 'CRITIC' }, { title: 'CRITIC', weights: criticWeights });
