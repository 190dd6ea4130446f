import { competitionRanks } from './competition-rank.js';
import { isNegligibleSpread } from './negligible-spread.js';
import { checkDirections, checkUnitsMatrix, checkWeights, column } from './weights/matrix-checks.js';
import { MethodInputError } from './weights/method-error.js';

export interface GreyRelationalResult {
  /** Grey relational grade γ_i ∈ (0, 1] of each unit with the ideal sequence (larger is better). */
  grades: number[];
  /** units × indicators grey relational coefficients ξ_ij. */
  coefficients: number[][];
  /** Competition ranks by grade, largest first. */
  ranks: number[];
  rho: number;
}

/**
 * Grey relational analysis (灰色关联分析, Deng Julong 1982) of units against the ideal unit, over a units × indicators
 * matrix (rows = units).
 * 1. Range normalisation per column: benefit x'_ij = (x_ij − min_j)/(max_j − min_j), cost (max_j − x_ij)/(max_j − min_j).
 *    A column whose spread is negligible (negligible-spread.ts) is 1 for every unit: all units equal the ideal on it.
 * 2. Reference (ideal) sequence x'_0j = 1; Δ_ij = |1 − x'_ij|, Δmin = min_ij Δ_ij, Δmax = max_ij Δ_ij.
 * 3. ξ_ij = (Δmin + ρ·Δmax)/(Δ_ij + ρ·Δmax), distinguishing coefficient ρ = 0.5 by default.
 *    When Δmax = 0 (no column tells the units apart, or a single unit) every ξ is 1: each unit is the ideal.
 * 4. Grade γ_i = Σ_j w_j·ξ_ij with the weights normalised to sum 1; ranks by γ, largest first.
 * @throws MethodInputError for a ragged / non-finite matrix, weights / directions that do not match it, or ρ outside (0, 1]
 * @example greyRelational([[1, 2], [3, 1]], [0.5, 0.5], ['benefit', 'benefit']).grades // → [0.6667, 0.6667]
 */
export function greyRelational(matrix: number[][], weights: number[], directions: ('benefit' | 'cost')[], rho = 0.5): GreyRelationalResult {
  const { m, n } = checkUnitsMatrix(matrix, 'grey relational analysis');
  const w = checkWeights(weights, n, 'grey relational analysis');
  checkDirections(directions, n, 'grey relational analysis');
  if (!(typeof rho === 'number' && rho > 0 && rho <= 1)) {
    throw new MethodInputError(`grey relational analysis: ρ = ${String(rho)} is not in (0, 1]`, undefined, undefined, 'the distinguishing coefficient is usually 0.5');
  }
  const delta: number[][] = Array.from({ length: m }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    const x = column(matrix, j);
    if (isNegligibleSpread(x)) continue; // Δ = 0: every unit equals the ideal on this column
    const hi = Math.max(...x);
    const lo = Math.min(...x);
    for (let i = 0; i < m; i++) {
      const normalised = directions[j] === 'benefit' ? (x[i] - lo) / (hi - lo) : (hi - x[i]) / (hi - lo);
      delta[i][j] = 1 - normalised;
    }
  }
  let dMin = Infinity;
  let dMax = 0;
  for (const row of delta) for (const d of row) {
    if (d < dMin) dMin = d;
    if (d > dMax) dMax = d;
  }
  const coefficients = delta.map((row) => row.map((d) => (dMax === 0 ? 1 : (dMin + rho * dMax) / (d + rho * dMax))));
  const grades = coefficients.map((row) => row.reduce((sum, xi, j) => sum + w[j] * xi, 0));
  return { grades, coefficients, ranks: competitionRanks(grades, 'desc'), rho };
}
