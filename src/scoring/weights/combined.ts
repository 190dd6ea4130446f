import { MethodInputError } from './method-error.js';
import { checkWeights } from './matrix-checks.js';

/**
 * Combined (subjective + objective) weights: w_j = α·s_j + (1 − α)·o_j, after normalising s and o each to sum 1,
 * then renormalised (a no-op up to rounding). α = 1 keeps the subjective (e.g. AHP or direct) weights,
 * α = 0 the objective (entropy, CRITIC, stdev) ones.
 * @throws MethodInputError if the lengths differ, α is outside 0..1, or a vector has a negative, non-finite or
 *   all-zero entry set
 * @example combineWeights([0.6, 0.4], [0.2, 0.8], 0.5) // → [0.4, 0.6]
 */
export function combineWeights(subjective: number[], objective: number[], alpha: number): number[] {
  if (!(Number.isFinite(alpha) && alpha >= 0 && alpha <= 1)) {
    throw new MethodInputError(`alpha ${String(alpha)} is not between 0 and 1`, undefined, undefined, 'alpha is the share of the subjective weights, e.g. 0.5');
  }
  if (subjective.length !== objective.length) {
    throw new MethodInputError(`${subjective.length} subjective weights but ${objective.length} objective weights`);
  }
  const s = checkWeights(subjective, subjective.length, 'subjective weights');
  const o = checkWeights(objective, objective.length, 'objective weights');
  const w = s.map((sj, j) => alpha * sj + (1 - alpha) * o[j]);
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / total);
}
