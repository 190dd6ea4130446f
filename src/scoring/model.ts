/**
 * A compact numeric model of a scored assessment, for recomputing every unit's total under other local weights
 * thousands of times (Monte Carlo robustness, design §6.5) without re-running the scoring stage.
 *
 * Nodes are in tree order (pre-order: a node before its children), so walking them backwards visits every node
 * after all of its children. For each unit, the recomputation mirrors the scoring stage exactly:
 *   leaf score s (NaN when skipped by `renormalize`; zero/average already filled in);
 *   node score = Σ_{c available} w_c·s_c / Σ_{c available} w_c, NaN when none is available (aggregate-node.ts);
 *   base = root score (0 when NaN); total = clip(base + adjustment, 0, 100), adjustment = capped bonus − capped
 *   penalty (fixed: it does not depend on the weights).
 * Local weights need not be normalised: each node divides by the sum of its available children's weights.
 * Data-driven (entropy/CRITIC/stdev) weights are taken as computed: a perturbation perturbs them like any other.
 *
 * @example
 *   const model = buildScoringModel(result);
 *   const totals = new Float64Array(model.units.length);
 *   scoreWithWeights(model, model.baseWeights, totals); // totals[u] === result total of model.units[u] (to 1e-9)
 */
import type { AssessmentResult } from '../types.js';
import { roundTotal } from './round-total.js';

export interface ScoringModel {
  /** Node ids in tree order. */
  nodeIds: string[];
  /** Parent node index, −1 for level-1 nodes. */
  parent: Int32Array;
  /** Leaf column of each node, −1 for inner nodes. */
  leafColumn: Int32Array;
  /** Node index of each leaf column. */
  leafNodes: Int32Array;
  /** Normalised local weights of the base result, per node. */
  baseWeights: Float64Array;
  /** Unit ids, in the result's order (by rank). */
  units: string[];
  /** units × leaves scores, row-major (scores[u · leaves + j]); NaN = skipped by `renormalize`. */
  scores: Float64Array;
  /** Per unit: capped bonus − capped penalty. */
  adjustment: Float64Array;
  /** Per unit: the veto-capped grade index (into gradeMins), −1 when no veto fired. */
  gradeCap: Int32Array;
  /** Grade bands best first: minimum totals and zh labels. */
  gradeMins: Float64Array;
  gradeLabels: string[];
  /** The base result's totals, per unit (NaN for a unit not assessed). */
  baseTotals: Float64Array;
  /** Scratch space reused by scoreWithWeights (per node: Σ w·s and Σ w of available children). */
  readonly scratchSum: Float64Array;
  readonly scratchWeight: Float64Array;
}

export function buildScoringModel(result: AssessmentResult): ScoringModel {
  const nodeIds = result.indicators.map((i) => i.id);
  const index = new Map(nodeIds.map((id, k) => [id, k]));
  const n = nodeIds.length;
  const parent = new Int32Array(n);
  const leafColumn = new Int32Array(n).fill(-1);
  const leafNodeList: number[] = [];
  const baseWeights = new Float64Array(n);
  result.indicators.forEach((info, k) => {
    parent[k] = info.parent === null ? -1 : index.get(info.parent)!;
    baseWeights[k] = info.weight;
    if (info.leaf) {
      leafColumn[k] = leafNodeList.length;
      leafNodeList.push(k);
    }
  });
  const leaves = leafNodeList.length;
  const units = result.units.map((u) => u.unit);
  const scores = new Float64Array(units.length * leaves);
  const adjustment = new Float64Array(units.length);
  const gradeCap = new Int32Array(units.length).fill(-1);
  const baseTotals = new Float64Array(units.length);
  const gradeLabels = result.grades.map((g) => g.label.zh);
  result.units.forEach((unit, u) => {
    leafNodeList.forEach((k, j) => {
      const s = unit.indicators[nodeIds[k]]?.score;
      scores[u * leaves + j] = s === null || s === undefined ? NaN : s;
    });
    adjustment[u] = unit.bonus - unit.penalty;
    if (unit.grade_cap) gradeCap[u] = gradeLabels.indexOf(unit.grade_cap);
    baseTotals[u] = unit.total ?? NaN;
  });
  return {
    nodeIds,
    parent,
    leafColumn,
    leafNodes: Int32Array.from(leafNodeList),
    baseWeights,
    units,
    scores,
    adjustment,
    gradeCap,
    gradeMins: Float64Array.from(result.grades.map((g) => g.min)),
    gradeLabels,
    baseTotals,
    scratchSum: new Float64Array(n),
    scratchWeight: new Float64Array(n),
  };
}

/**
 * Every unit's total under `localWeights` (one per node, tree order), written into `out` (one per unit).
 * O(units × nodes), no allocation.
 */
export function scoreWithWeights(model: ScoringModel, localWeights: Float64Array, out: Float64Array): void {
  const { parent, leafColumn, scores, adjustment, scratchSum: sum, scratchWeight: wsum } = model;
  const n = parent.length;
  const leaves = model.leafNodes.length;
  const unitCount = model.units.length;
  for (let u = 0; u < unitCount; u++) {
    sum.fill(0);
    wsum.fill(0);
    let rootSum = 0;
    let rootWeight = 0;
    const row = u * leaves;
    for (let k = n - 1; k >= 0; k--) {
      const col = leafColumn[k];
      const s = col >= 0 ? scores[row + col] : wsum[k] > 0 ? sum[k] / wsum[k] : NaN;
      if (s !== s) continue; // NaN: missing, skipped (renormalize)
      const w = localWeights[k];
      const p = parent[k];
      if (p < 0) {
        rootSum += w * s;
        rootWeight += w;
      } else {
        sum[p] += w * s;
        wsum[p] += w;
      }
    }
    const base = rootWeight > 0 ? rootSum / rootWeight : 0;
    const total = base + adjustment[u];
    out[u] = total < 0 ? 0 : total > 100 ? 100 : total;
  }
}

/** The grade index (into model.gradeMins, best = 0) of a total for unit u, after its veto cap. */
export function modelGradeIndex(model: ScoringModel, u: number, total: number): number {
  const mins = model.gradeMins;
  const t = roundTotal(total); // as grades.ts: decided on the total rounded to 2 decimals (design §6.3)
  let g = mins.length - 1;
  for (let i = 0; i < mins.length; i++) {
    if (t >= mins[i]) {
      g = i;
      break;
    }
  }
  const cap = model.gradeCap[u];
  return cap > g ? cap : g;
}
