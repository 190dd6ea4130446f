import type { AhpSpec, CombinedSpec, ObjectiveSpec, WeightsSpec } from '../model/indicator-system.js';
import type { NodeWeighting } from '../model/result.js';
import { AHP_CR_LIMIT, ahp, combineExpertMatrices } from './weights/ahp.js';
import { consistencyRepair, groupAhpDetails } from './weights/ahp-group.js';
import { expertRecords, repairRecord } from './weights/ahp-report.js';
import { combineWeights } from './weights/combined.js';
import { criticWeights } from './weights/critic.js';
import { entropyWeights } from './weights/entropy.js';
import { MethodInputError } from './weights/method-error.js';
import { stdevWeights } from './weights/stdev.js';

export interface WeightedChild {
  id: string;
  /** The direct weight as written (null when the parent does not use direct numbers). */
  weight: number | null;
}

export interface NodeWeightsResult {
  /** Normalised local weights, children order. */
  weights: number[];
  /** For the result's `weighting[]` (without `node`, which the caller knows). */
  detail: Omit<NodeWeighting, 'node' | 'weights'>;
}

function normalise(v: number[]): number[] {
  const total = v.reduce((a, b) => a + b, 0);
  return total > 0 ? v.map((x) => x / total) : v.map(() => 1 / v.length);
}

function directWeights(children: readonly WeightedChild[], overrides: Readonly<Record<string, number>>): number[] {
  return normalise(children.map((c) => overrides[c.id] ?? c.weight ?? 1));
}

function ahpWeights(spec: AhpSpec, ids: readonly string[]): { weights: number[]; detail: NodeWeightsResult['detail'] } {
  const matrix = spec.matrices.length > 1 ? combineExpertMatrices(spec.matrices) : spec.matrices[0];
  const opts = { method: spec.ahpMethod, ri: spec.ri };
  const r = ahp(matrix, opts);
  // Group details and repairs (issue 16 item 4): every expert's own CR, the one departing most from the group, and
  // for a matrix with CR ≥ 0.10 (accepted by allow_inconsistent) the judgement whose change lowers CR most.
  const group = spec.matrices.length > 1 ? groupAhpDetails(spec.matrices, opts) : null;
  const repair = r.cr >= AHP_CR_LIMIT ? (group?.groupRepair ?? consistencyRepair(matrix, opts)) : null;
  return {
    weights: r.weights,
    detail: {
      method: 'ahp',
      lambda_max: r.lambdaMax,
      ci: r.ci,
      cr: r.cr,
      ri: r.ri.name,
      ...(spec.matrices.length > 1 ? { note: `${spec.matrices.length} experts' matrices combined by element-wise geometric mean` } : {}),
      ...(group ? { experts: expertRecords(group, ids), most_departing_expert: group.mostDeparting } : {}),
      ...(repair ? { repair: repairRecord(repair, ids) } : {}),
    },
  };
}

/** Data-driven weights from the units × children score matrix (rows with a null are left out). */
export function objectiveWeights(spec: ObjectiveSpec, childScores: readonly (readonly (number | null)[])[], n: number): { weights: number[]; note?: string } {
  const complete = childScores.filter((row) => row.every((s) => s !== null)) as number[][];
  const left = childScores.length - complete.length;
  const leftNote = left > 0 ? `; ${left} unit(s) with a missing child score left out` : '';
  if (n === 1) return { weights: [1] };
  if (complete.length < 2) {
    return { weights: Array(n).fill(1 / n), note: `${spec.method}: fewer than 2 units have every child score; equal weights used${leftNote}` };
  }
  try {
    const w =
      spec.method === 'entropy'
        ? entropyWeights(complete)
        : spec.method === 'critic'
          ? criticWeights(complete, Array(n).fill('benefit'))
          : stdevWeights(complete);
    return { weights: w, note: left > 0 ? `${spec.method}: computed over ${complete.length} units${leftNote}` : undefined };
  } catch (e) {
    if (!(e instanceof MethodInputError)) throw e;
    return { weights: Array(n).fill(1 / n), note: `${spec.method} could not be computed (${e.message}); equal weights used` };
  }
}

/**
 * The local weights of one node's children (design §6.2), by the node's weighting spec:
 * - direct: the children's `weight:` numbers divided by their sum;
 * - ahp: principal-eigenvector (or sum-product / geometric) weights of the pairwise matrix; several experts'
 *   matrices are first combined by the element-wise geometric mean (src/scoring/weights/ahp.ts);
 * - entropy / critic / stdev: from the units × children matrix of the children's 0..100 scores. Scores already
 *   point the same way (higher = better), so CRITIC treats every column as benefit. Only units that have a
 *   score for every child enter (a row with a gap would bias the columns differently); if fewer than 2 such
 *   units remain, or the method cannot run (e.g. entropy on a column of zeros), the children get equal weights
 *   and the weighting carries a note saying why;
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
  const n = children.length;
  let result: NodeWeightsResult;
  switch (spec.method) {
    case 'direct':
      return { weights: directWeights(children, overrides), detail: { method: 'direct' } };
    case 'ahp': {
      const r = ahpWeights(spec, children.map((c) => c.id));
      result = { weights: r.weights, detail: r.detail };
      break;
    }
    case 'entropy':
    case 'critic':
    case 'stdev': {
      const r = objectiveWeights(spec, childScores, n);
      result = { weights: r.weights, detail: { method: spec.method, ...(r.note ? { note: r.note } : {}) } };
      break;
    }
    case 'combined':
      result = combined(spec, children, childScores, overrides);
      break;
  }
  const touched = children.some((c) => overrides[c.id] !== undefined);
  // Combined-direct already applied the overrides to its `weight:` numbers.
  if (!touched || (spec.method === 'combined' && spec.subjective.method === 'direct')) return result;
  return {
    weights: normalise(result.weights.map((w, i) => overrides[children[i].id] ?? w)),
    detail: { ...result.detail, note: [result.detail.note, 'scenario weights override the computed ones'].filter(Boolean).join('; ') },
  };
}

function combined(
  spec: CombinedSpec,
  children: readonly WeightedChild[],
  childScores: readonly (readonly (number | null)[])[],
  overrides: Readonly<Record<string, number>>,
): NodeWeightsResult {
  const subjective = spec.subjective.method === 'ahp' ? ahpWeights(spec.subjective, children.map((c) => c.id)) : null;
  // Overrides of a combined-direct node replace its `weight:` numbers, i.e. act on the subjective part.
  const s = subjective ? subjective.weights : directWeights(children, overrides);
  const o = objectiveWeights(spec.objective, childScores, children.length);
  const notes = [subjective?.detail.note, o.note].filter(Boolean).join('; ');
  return {
    weights: combineWeights(s, o.weights, spec.alpha),
    detail: {
      method: 'combined',
      ...(subjective
        ? {
            lambda_max: subjective.detail.lambda_max,
            ci: subjective.detail.ci,
            cr: subjective.detail.cr,
            ri: subjective.detail.ri,
            ...(subjective.detail.experts ? { experts: subjective.detail.experts, most_departing_expert: subjective.detail.most_departing_expert } : {}),
            ...(subjective.detail.repair ? { repair: subjective.detail.repair } : {}),
          }
        : {}),
      note: `α = ${spec.alpha}: ${spec.alpha} × ${spec.subjective.method} + ${Number((1 - spec.alpha).toFixed(6))} × ${spec.objective.method}${notes ? `; ${notes}` : ''}`,
    },
  };
}
