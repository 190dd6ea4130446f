import type { ObjectiveSpec, WeightsSpec } from '../model/indicator-system.js';
import { normaliseWeights } from './weights/direct.js';
import { objectiveWeights as weighByMethod, type NodeWeightsResult, type WeightedChild, type WeightInput } from './weights/weight-method.js';
import { weightMethodOf } from './weights/weight-methods.js';

export type { NodeWeightsResult, WeightedChild } from './weights/weight-method.js';

/**
 * The local weights of one node's children (design §6.2), by the node's weighting spec and its method's entry in
 * the table src/scoring/weights/weight-methods.ts:
 * - direct: the children's `weight:` numbers divided by their sum;
 * - ahp: principal-eigenvector (or sum-product / geometric) weights of the pairwise matrix; several experts'
 *   matrices are first combined by the element-wise geometric mean (src/scoring/weights/ahp.ts);
 * - entropy / critic / stdev: from the units × children matrix of the children's 0..100 scores
 *   (objectiveWeights in src/scoring/weights/weight-method.ts: complete rows only, equal weights with a note when
 *   the method cannot run);
 * - combined: α·subjective + (1 − α)·objective (src/scoring/weights/combined.ts).
 * Scenario overrides (indicator id → raw weight) replace a child's direct weight before normalisation; under
 * other methods they replace the child's computed weight and the set is renormalised.
 * @example nodeWeights({ method: 'direct' }, [{ id: 'A', weight: 3 }, { id: 'B', weight: 1 }], []).weights // → [0.75, 0.25]
 */
export function nodeWeights(
  spec: WeightsSpec,
  children: readonly WeightedChild[],
  /** units × children scores, needed by the data-driven methods. */
  childScores: readonly (readonly (number | null)[])[],
  overrides: Readonly<Record<string, number>> = {},
): NodeWeightsResult {
  const input: WeightInput = { children, childScores, overrides, nested: (s) => weightMethodOf(s).compute(s, input) };
  const method = weightMethodOf(spec);
  const result = method.compute(spec, input);
  const touched = children.some((c) => overrides[c.id] !== undefined);
  // A method whose children carry `weight:` numbers already applied the overrides to them.
  if (!touched || method.usesChildWeights(spec)) return result;
  return {
    weights: normaliseWeights(result.weights.map((w, i) => overrides[children[i].id] ?? w)),
    detail: { ...result.detail, note: [result.detail.note, 'scenario weights override the computed ones'].filter(Boolean).join('; ') },
  };
}

/**
 * The weights of an objective method over a units × children score matrix, with the equal-weights fallback of
 * nodeWeights (objectiveWeights in src/scoring/weights/weight-method.ts), for callers that hold a spec.
 * @example objectiveWeights({ method: 'stdev' }, [[1, 10], [3, 13], [5, 16]], 2).weights // → [0.4, 0.6]
 */
export function objectiveWeights(spec: ObjectiveSpec, childScores: readonly (readonly (number | null)[])[], n: number): { weights: number[]; note?: string } {
  return weighByMethod(spec.method, weightMethodOf(spec).units!.weights, childScores, n);
}
