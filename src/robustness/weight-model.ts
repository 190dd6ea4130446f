/**
 * A flat, typed-array view of a scored assessment that recomputes every unit's total for any set of local
 * weights without allocating — the inner loop of the Monte Carlo check and of weight-only scenarios.
 *
 * What stays fixed and what is recomputed (design §6.3–§6.5):
 * - leaf scores are taken from the result (they do not depend on weights; imputed `zero`/`average` leaf scores
 *   are used as imputed, `renormalize` leaves — score null — are skipped);
 * - every inner node is recomputed: node = Σ_available w_c · s_c / Σ_available w_c (the renormalize rule; with
 *   no missing child the denominator is 1); a node with no available child falls back to the score the result
 *   reports for it (exact for `zero`, the base value for `average`), or is missing when that is null;
 * - total = clip(root score + bonus − penalty, 0, 100), with the unit's capped bonus and penalty as reported and
 *   the clip of the scoring stage (src/scoring/score-assessment.ts); a unit with no score at all keeps its
 *   reported base;
 * - units: those with a total (a not-assessed unit has nothing to recompute), or the subset the caller passes;
 * - grade = the band of the total rounded to 2 decimals as the scoring stage rounds it (round-total.ts; bands sorted
 *   by their minimum, the lowest band catching everything below), capped by a veto: a unit whose veto rules fired never gets a better grade than its `grade_cap`; a result
 *   without grade_cap (older writers) caps it at its reported grade — exact when the veto bound in the base run,
 *   conservative otherwise;
 * - rank class: under `veto_rank: last` a unit whose veto rules fired is in class 1 and ranks after every unit of
 *   class 0 (rankClass); otherwise every unit is in class 0.
 * @throws DataError if the indicator tree of the result is broken (unknown parent, a cycle, no leaves)
 * @example
 *   const model = buildWeightModel(result);
 *   const totals = new Float64Array(model.unitCount);
 *   computeTotals(model, model.baseWeights, totals); // ≈ result.units.map(u => u.total)
 */
import { DataError } from '../errors.js';
import { GEOMETRIC_FLOOR } from '../scoring/aggregate-node.js';
import { bandIndex } from '../scoring/grades.js';
import type { AssessmentResult, UnitResult } from '../model/result.js';

export interface WeightModel {
  unitIds: string[];
  unitCount: number;
  /** Non-root indicator ids in post-order (children before their parent). */
  nodeIds: string[];
  nodeCount: number;
  /** Post-order index → index of the parent node, −1 for level-1 indicators (children of the root). */
  parent: Int32Array;
  /** Reported local weight of every node (normalised among siblings). */
  baseWeights: Float64Array;
  /**
   * Sibling groups as CSR: group g holds nodes groupNodes[groupStart[g] .. groupStart[g+1]); group 0 is the
   * root's children, the others belong to inner nodes (groupOf[node] gives the group of a node's children).
   */
  groupStart: Int32Array;
  groupNodes: Int32Array;
  /** Node → its children's group, −1 for leaves. */
  childGroup: Int32Array;
  /** Node → column in leafScores, −1 for inner nodes. */
  leafColumn: Int32Array;
  leafCount: number;
  /** units × leaves, row-major; NaN where the leaf is skipped (renormalize). */
  leafScores: Float64Array;
  /** units × nodes: leaf slots hold the leaf scores with 0 where missing, nodeAvailable 1/0 beside them. */
  nodeValues: Float64Array;
  nodeAvailable: Float64Array;
  /** Unit has every leaf: its total is a plain dot product with the global leaf weights. */
  complete: Uint8Array;
  /** Inner (non-leaf) nodes in post-order. */
  innerNodes: Int32Array;
  /** units × nodes: the reported score of every node, NaN when null (fallback for an inner node with no data). */
  reportedScores: Float64Array;
  /** bonus − penalty per unit, as reported. */
  adjustment: Float64Array;
  /** Reported base (root) score per unit, used when no leaf has data. */
  reportedBase: Float64Array;
  /** Grade band minima sorted from the best band down; index 0 is the best grade. */
  gradeMins: Float64Array;
  gradeLabels: string[];
  /** Reported grade of each unit as a band index. */
  baseGrade: Int32Array;
  /** The best grade a vetoed unit may get (its reported grade), −1 when no veto fired. */
  vetoCap: Int32Array;
  /** 1 for a unit ranked after every class-0 unit (a fired veto under `veto_rank: last`), else 0. */
  rankClass: Uint8Array;
  /** Per node: 1 when it aggregates its children by the weighted geometric mean (design §6.3), else 0. */
  geometric: Uint8Array;
  /** The root aggregates the level-1 scores geometrically. */
  rootGeometric: boolean;
}

/** True when `parent` names the root: level-1 indicators carry null (or, in some writers, the literal 'root'). */
function isRootParent(parent: string | null, ids: Set<string>): boolean {
  return parent === null || (parent === 'root' && !ids.has('root'));
}

export function buildWeightModel(result: AssessmentResult, units: readonly UnitResult[] = result.units.filter((u) => u.total !== null)): WeightModel {
  const indicators = result.indicators;
  const ids = new Set(indicators.map((i) => i.id));
  const children = new Map<string | null, string[]>();
  for (const ind of indicators) {
    const p = isRootParent(ind.parent, ids) ? null : ind.parent;
    if (p !== null && !ids.has(p)) {
      throw new DataError(`indicator ${ind.id} names an unknown parent ${p}`, { path: `indicators.${ind.id}.parent` });
    }
    const list = children.get(p) ?? [];
    list.push(ind.id);
    children.set(p, list);
  }
  const byId = new Map(indicators.map((i) => [i.id, i]));

  // Post-order walk from the root (trees are a few levels deep; a cycle must fail, not hang).
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (id: string): void => {
    if (visiting.has(id)) throw new DataError(`the indicator tree has a cycle through ${id}`, { path: `indicators.${id}` });
    visiting.add(id);
    for (const c of children.get(id) ?? []) visit(c);
    order.push(id);
  };
  for (const top of children.get(null) ?? []) visit(top);
  if (order.length !== indicators.length) {
    throw new DataError('some indicators are not reachable from the root of the indicator tree', { path: 'indicators' });
  }

  const nodeCount = order.length;
  const index = new Map(order.map((id, k) => [id, k]));
  const parent = new Int32Array(nodeCount);
  const baseWeights = new Float64Array(nodeCount);
  const leafColumn = new Int32Array(nodeCount).fill(-1);
  const childGroup = new Int32Array(nodeCount).fill(-1);
  let leafCount = 0;
  for (let k = 0; k < nodeCount; k++) {
    const ind = byId.get(order[k])!;
    parent[k] = isRootParent(ind.parent, ids) ? -1 : index.get(ind.parent!)!;
    baseWeights[k] = ind.weight;
    const hasChildren = (children.get(ind.id) ?? []).length > 0;
    if (!hasChildren) leafColumn[k] = leafCount++;
  }
  if (leafCount === 0) throw new DataError('the indicator tree has no leaves', { path: 'indicators' });

  // Sibling groups: the root's children first, then each inner node's children in post-order of the parent.
  const groupStartList: number[] = [0];
  const groupNodesList: number[] = [];
  const pushGroup = (ids: string[]): void => {
    for (const id of ids) groupNodesList.push(index.get(id)!);
    groupStartList.push(groupNodesList.length);
  };
  pushGroup(children.get(null) ?? []);
  for (let k = 0; k < nodeCount; k++) {
    const kids = children.get(order[k]) ?? [];
    if (kids.length > 0) {
      childGroup[k] = groupStartList.length - 1;
      pushGroup(kids);
    }
  }

  const unitCount = units.length;
  const leafScores = new Float64Array(unitCount * leafCount);
  const reportedScores = new Float64Array(unitCount * nodeCount);
  const adjustment = new Float64Array(unitCount);
  const reportedBase = new Float64Array(unitCount);

  const bands = [...result.grades].sort((a, b) => b.min - a.min);
  if (bands.length === 0) throw new DataError('the result has no grade bands', { path: 'grades' });
  const gradeMins = Float64Array.from(bands.map((b) => b.min));
  const gradeLabels = bands.map((b) => b.label.zh);
  const baseGrade = new Int32Array(unitCount);
  const vetoCap = new Int32Array(unitCount).fill(-1);
  const rankClass = new Uint8Array(unitCount);
  const vetoLast = (result.rules?.veto_rank ?? 'keep') === 'last';

  units.forEach((u, i) => {
    for (let k = 0; k < nodeCount; k++) {
      const cell = u.indicators[order[k]];
      const score = cell?.score ?? null;
      reportedScores[i * nodeCount + k] = score === null ? NaN : score;
      const col = leafColumn[k];
      if (col >= 0) {
        leafScores[i * leafCount + col] = score === null ? NaN : score;
      }
    }
    adjustment[i] = u.bonus - u.penalty;
    reportedBase[i] = u.base ?? 0;
    const labelled = bands.findIndex((b) => b.label.zh === u.grade || b.label.en === u.grade);
    baseGrade[i] = labelled >= 0 ? labelled : bandIndex(gradeMins, u.total ?? 0);
    if (vetoLast && u.vetoes.length > 0) rankClass[i] = 1;
    if (u.grade_cap) {
      const cap = bands.findIndex((b) => b.label.zh === u.grade_cap || b.label.en === u.grade_cap);
      vetoCap[i] = cap >= 0 ? cap : baseGrade[i];
    } else if (u.vetoes.length > 0) {
      vetoCap[i] = baseGrade[i];
    }
  });

  const nodeValues = new Float64Array(nodeCount * unitCount);
  const nodeAvailable = new Float64Array(nodeCount * unitCount);
  const complete = new Uint8Array(unitCount).fill(1);
  for (let u = 0; u < unitCount; u++) {
    for (let k = 0; k < nodeCount; k++) {
      const col = leafColumn[k];
      if (col < 0) continue;
      const v = leafScores[u * leafCount + col];
      nodeValues[u * nodeCount + k] = v === v ? v : 0;
      nodeAvailable[u * nodeCount + k] = v === v ? 1 : 0;
      if (v !== v) complete[u] = 0;
    }
  }
  const innerNodes = Int32Array.from(order.map((_, k) => k).filter((k) => leafColumn[k] < 0));
  // Geometric nodes (issue 16 item 1): no global-weight dot product can stand for them, so every unit takes the
  // tree walk, which aggregates each such node by its weighted geometric mean.
  const geometricIds = new Set(result.weighting.filter((w) => w.aggregation === 'geometric').map((w) => w.node));
  const geometric = Uint8Array.from(order, (id) => (geometricIds.has(id) ? 1 : 0));
  const rootGeometric = geometricIds.has('root');
  if (geometricIds.size > 0) complete.fill(0);
  const groupNodes = Int32Array.from(groupNodesList);

  return {
    unitIds: units.map((u) => u.unit),
    unitCount,
    nodeIds: order,
    nodeCount,
    parent,
    baseWeights,
    groupStart: Int32Array.from(groupStartList),
    groupNodes,
    childGroup,
    leafColumn,
    leafCount,
    leafScores,
    nodeValues,
    nodeAvailable,
    complete,
    innerNodes,
    reportedScores,
    adjustment,
    reportedBase,
    gradeMins,
    gradeLabels,
    baseGrade,
    vetoCap,
    rankClass,
    geometric,
    rootGeometric,
  };
}

/** The grade a unit gets with this total, after its veto cap (a larger index is a worse grade). */
export function gradeOf(model: WeightModel, unit: number, total: number): number {
  const g = bandIndex(model.gradeMins, total);
  const cap = model.vetoCap[unit];
  return cap > g ? cap : g;
}

/** Scratch buffers so that computeTotals allocates nothing; one per model user. */
export interface TotalsScratch {
  /** Global weight of each leaf column for the current local weights. */
  globalWeights: Float64Array;
  /** Global weight of every node (work space while computing globalWeights). */
  nodeGlobal: Float64Array;
  /** units × nodes: leaf slots hold the leaf scores (0 where missing), inner slots are recomputed. */
  values: Float64Array;
  /** units × nodes: 1 where the value is available, 0 where missing. */
  available: Float64Array;
}

export function createScratch(model: WeightModel): TotalsScratch {
  return {
    globalWeights: new Float64Array(model.leafCount),
    nodeGlobal: new Float64Array(model.nodeCount),
    values: model.nodeValues.slice(),
    available: model.nodeAvailable.slice(),
  };
}

/**
 * Every unit's total under the given local weights (one per node, in model order; normalised among siblings —
 * see normaliseSiblings). Writes into `out` (length unitCount).
 *
 * A unit with every leaf scored: total = Σ_leaves global weight · score (each renormalising denominator is 1).
 * A unit with missing leaves: bottom-up, node = Σ_c w_c · v_c / Σ_c w_c · a_c over its children, where a missing
 * child has v = 0 and a = 0 — branch-free, because which leaves are missing varies from unit to unit and a
 * branch per child would be mispredicted constantly.
 */
export function computeTotals(
  model: WeightModel,
  localWeights: Float64Array,
  out: Float64Array,
  scratch: TotalsScratch = createScratch(model),
): void {
  const { nodeCount, leafCount, parent, leafColumn, leafScores, unitCount, complete, adjustment } = model;
  const gw = scratch.globalWeights;
  const nodeGlobal = scratch.nodeGlobal;
  // Global weight = product of local weights down the path, parents first (reverse post-order).
  for (let k = nodeCount - 1; k >= 0; k--) {
    const p = parent[k];
    nodeGlobal[k] = p < 0 ? localWeights[k] : localWeights[k] * nodeGlobal[p];
    const col = leafColumn[k];
    if (col >= 0) gw[col] = nodeGlobal[k];
  }
  for (let u = 0; u < unitCount; u++) {
    if (complete[u] === 1) {
      let sum = 0;
      const row = u * leafCount;
      for (let c = 0; c < leafCount; c++) sum += gw[c] * leafScores[row + c];
      out[u] = clipTotal(sum + adjustment[u]);
    } else {
      out[u] = clipTotal(treeScore(model, localWeights, scratch.values, scratch.available, u) + adjustment[u]);
    }
  }
}

/** Totals live on the 0..100 scale whatever the bonus and penalty (as the scoring stage clips them). */
function clipTotal(t: number): number {
  return t < 0 ? 0 : t > 100 ? 100 : t;
}

/** Root score of one unit with missing leaves (see computeTotals). */
function treeScore(model: WeightModel, w: Float64Array, values: Float64Array, available: Float64Array, u: number): number {
  const { innerNodes, childGroup, groupStart, groupNodes, nodeCount, reportedScores } = model;
  const row = u * nodeCount;
  for (let i = 0; i < innerNodes.length; i++) {
    const k = innerNodes[i];
    const g = childGroup[k];
    let num = 0;
    let den = 0;
    const geo = model.geometric[k] === 1;
    for (let j = groupStart[g]; j < groupStart[g + 1]; j++) {
      const c = groupNodes[j];
      const v = values[row + c];
      num += w[c] * (geo ? (available[row + c] > 0 ? Math.log(v < GEOMETRIC_FLOOR ? GEOMETRIC_FLOOR : v) : 0) : v);
      den += w[c] * available[row + c];
    }
    if (den > 0) {
      values[row + k] = geo ? Math.exp(num / den) : num / den;
      available[row + k] = 1;
    } else {
      // No child has data: the result's own score for the node (what zero / average filled in), if any.
      const reported = reportedScores[row + k];
      values[row + k] = reported === reported ? reported : 0;
      available[row + k] = reported === reported ? 1 : 0;
    }
  }
  let num = 0;
  let den = 0;
  const geo = model.rootGeometric;
  for (let j = groupStart[0]; j < groupStart[1]; j++) {
    const c = groupNodes[j];
    const v = values[row + c];
    num += w[c] * (geo ? (available[row + c] > 0 ? Math.log(v < GEOMETRIC_FLOOR ? GEOMETRIC_FLOOR : v) : 0) : v);
    den += w[c] * available[row + c];
  }
  if (!(den > 0)) return model.reportedBase[u];
  return geo ? Math.exp(num / den) : num / den;
}

/** Rescales each sibling group of `weights` to sum to 1, in place (a group summing to 0 is left as is). */
export function normaliseSiblings(model: WeightModel, weights: Float64Array): void {
  const { groupStart, groupNodes } = model;
  const groups = groupStart.length - 1;
  for (let g = 0; g < groups; g++) {
    let sum = 0;
    for (let j = groupStart[g]; j < groupStart[g + 1]; j++) sum += weights[groupNodes[j]];
    if (sum > 0) for (let j = groupStart[g]; j < groupStart[g + 1]; j++) weights[groupNodes[j]] /= sum;
  }
}
