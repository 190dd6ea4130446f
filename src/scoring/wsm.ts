import { minmaxScores } from './leaf/minmax.js';
import { checkDirections, checkUnitsMatrix, checkWeights, column } from './weights/matrix-checks.js';

/** Min–max scores of one complete column (no missing values: checkUnitsMatrix has rejected them). */
function columnScores(x: number[], direction: 'benefit' | 'cost'): number[] {
  return minmaxScores(x, direction) as number[];
}

/**
 * Weighted-sum model (WSM) on min–max scores, as the `rank` command uses it:
 * s_ij = 100·(x_ij − min_j)/(max_j − min_j) for benefit columns, 100·(max_j − x_ij)/(max_j − min_j) for cost
 * columns, 100 when a column is constant (design §6.1 `minmax`: all equal → 100) — the leaf method's own min–max
(leaf/minmax.ts), so a spread that is float noise counts as constant here too (negligible-spread.ts); score_i = Σ_j w_j·s_ij with
 * the weights normalised to sum 1, so scores lie in 0..100.
 * @throws MethodInputError for a ragged / non-finite matrix, or weights / directions that do not match it
 * @example weightedSumScores([[1, 10], [3, 20]], [0.5, 0.5], ['benefit', 'cost']) // → [50, 50]
 */
export function weightedSumScores(matrix: number[][], weights: number[], directions: ('benefit' | 'cost')[]): number[] {
  const { n } = checkUnitsMatrix(matrix, 'weighted sum');
  const w = checkWeights(weights, n, 'weighted sum');
  checkDirections(directions, n, 'weighted sum');
  const scores = Array.from({ length: n }, (_, j) => columnScores(column(matrix, j), directions[j]));
  return matrix.map((_, i) => scores.reduce((s, col, j) => s + w[j] * col[i], 0));
}
