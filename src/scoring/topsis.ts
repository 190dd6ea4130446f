import { competitionRanks } from './competition-rank.js';
import { isNegligibleSpread } from './negligible-spread.js';
import { checkDirections, checkUnitsMatrix, checkWeights, column } from './weights/matrix-checks.js';

export interface TopsisResult {
  closeness: number[];
  dPlus: number[];
  dMinus: number[];
  ranks: number[];
}

/**
 * TOPSIS (Technique for Order Preference by Similarity to Ideal Solution; Hwang & Yoon 1981) over a
 * units × indicators matrix (rows = units).
 * 1. Vector normalisation: r_ij = x_ij / √(Σ_i x_ij²) (a column of zeros stays zeros). A column whose spread is
 *    negligible against its magnitude (negligible-spread.ts) is set to zeros: it tells no unit apart, and
 *    normalising float noise such as [2.1e-109, 0, 0] would turn it into a full-weight difference.
 * 2. Weighted: v_ij = w_j·r_ij, with the weights normalised to sum 1.
 * 3. Ideal best A⁺_j = max_i v_ij for benefit columns, min for cost; ideal worst A⁻_j the other way round.
 * 4. D⁺_i = √Σ_j (v_ij − A⁺_j)², D⁻_i = √Σ_j (v_ij − A⁻_j)².
 * 5. Closeness C_i = D⁻_i / (D⁺_i + D⁻_i) ∈ [0, 1]; ranks by competitionRanks on C, largest first.
 * When D⁺ = D⁻ = 0 the unit sits at both ideals, which happens only when no weighted column tells the units
 * apart: all units then tie at C = 0.5 (neither close to the best nor to the worst).
 * @throws MethodInputError for a ragged / non-finite matrix, or weights / directions that do not match it
 * @example topsis([[1, 2], [2, 1]], [0.5, 0.5], ['benefit', 'cost']).ranks // → [2, 1]
 */
export function topsis(matrix: number[][], weights: number[], directions: ('benefit' | 'cost')[]): TopsisResult {
  const { m, n } = checkUnitsMatrix(matrix, 'TOPSIS');
  const w = checkWeights(weights, n, 'TOPSIS');
  checkDirections(directions, n, 'TOPSIS');
  const norms = Array.from({ length: n }, (_, j) => {
    const x = column(matrix, j);
    return isNegligibleSpread(x) ? 0 : Math.sqrt(x.reduce((s, xi) => s + xi * xi, 0));
  });
  const v = matrix.map((row) => row.map((x, j) => (norms[j] === 0 ? 0 : (w[j] * x) / norms[j])));
  const best: number[] = [];
  const worst: number[] = [];
  for (let j = 0; j < n; j++) {
    const col = column(v, j);
    const hi = Math.max(...col);
    const lo = Math.min(...col);
    best.push(directions[j] === 'benefit' ? hi : lo);
    worst.push(directions[j] === 'benefit' ? lo : hi);
  }
  const distance = (row: number[], ideal: number[]) => Math.sqrt(row.reduce((s, x, j) => s + (x - ideal[j]) ** 2, 0));
  const dPlus = v.map((row) => distance(row, best));
  const dMinus = v.map((row) => distance(row, worst));
  const closeness = Array.from({ length: m }, (_, i) => {
    const total = dPlus[i] + dMinus[i];
    return total === 0 ? 0.5 : dMinus[i] / total;
  });
  return { closeness, dPlus, dMinus, ranks: competitionRanks(closeness, 'desc') };
}
