import type { IndicatorNode, IndicatorSystem, LeafScoring, WeightsSpec } from '../../model/indicator-system.js';
import { scoreLeaf } from '../../scoring/leaf/score-leaf.js';
import { metricValue, ratingCell } from '../../scoring/metric-value.js';
import { fillMissing } from '../../scoring/missing-values.js';
import { nodeWeights, objectiveWeights } from '../../scoring/node-weights.js';
import { isObjectiveSpec } from '../../scoring/weights/weight-methods.js';
import { totalHundredths } from '../../scoring/round-total.js';
import type { AssessmentResult } from '../../model/result.js';
import type { MetricsResult } from '../../types.js';
import { MISSING_POLICIES, type Aggregation, type DataDrivenWeighting } from './settings.js';

/** A leaf of the model: its score column for every alternative method and missing-value policy. */
export interface ModelLeaf {
  node: number;
  id: string;
  /** The leaf's own method first, then the alternatives the settings allow. */
  methods: string[];
  /** columns[method][policy][unit]: the filled score, NaN where the leaf is skipped (renormalize). */
  columns: Float64Array[][];
  /** ln max(score, 1) of every column, for geometric aggregation (NaN where skipped). */
  logColumns: Float64Array[][];
  /** Index of the leaf's own policy in MISSING_POLICIES. */
  ownPolicy: number;
}

export interface ModelGroup {
  node: number;
  id: string;
  children: Int32Array;
  /** fixed: direct or AHP weights (`fixed`); objective: entropy / CRITIC / stdev; combined: α·fixed + (1 − α)·objective. */
  kind: 'fixed' | 'objective' | 'combined';
  fixed: Float64Array;
  objective: DataDrivenWeighting | null;
  alpha: number;
  aggregation: Aggregation;
  /** Every child is a leaf: the data-driven weights depend only on the leaves' choices and can be cached. */
  leafChildren: boolean;
  /** Cache of data-driven weights by choice (leafChildren only). */
  cache: Map<string, number[]>;
}

/**
 * The assessment model as the uncertainty analysis re-evaluates it: everything that does not change between
 * draws computed once — each leaf's scores under every allowed method and missing-value policy, the fixed
 * weights, bonus − penalty, the rank classes of the veto rules — so that one draw is a walk up the tree.
 */
export interface UncertaintyModel {
  units: string[];
  /** Node ids in post-order; the last node is the root (id 'root'). */
  nodeIds: string[];
  level: Int32Array;
  leaves: ModelLeaf[];
  /** Node index → leaf index or −1. */
  leafOf: Int32Array;
  /** Node index → group index or −1. */
  groupOf: Int32Array;
  groups: ModelGroup[];
  /** Per unit: bonus − penalty as reported. */
  adjustment: Float64Array;
  /** Per unit: 1 when a fired veto ranks it after every other unit (veto_rank: last). */
  rankClass: Uint8Array;
  /** Indices (into units) of the ranked units, in result order. */
  ranked: Int32Array;
  baseRanks: Int32Array;
}

/** What one draw chooses. */
export interface ModelChoice {
  /** Per leaf: index into its methods (0 = its own). */
  leafMethod: Int32Array;
  /** Index into MISSING_POLICIES for every leaf, or −1: each leaf its own. */
  policy: number;
  /** One aggregation for every node, or null: each its own. */
  aggregation: Aggregation | null;
  /** One method for every data-driven node, or null: each its own. */
  weighting: DataDrivenWeighting | null;
  /** Per node: multiplier of its local weight (null: 1 for all). */
  weightFactor: Float64Array | null;
  /** A node left out (weight 0, its siblings' weights rescaled), or −1. */
  dropped: number;
}

/** The aggregation a node declares (`aggregation:` per node, the system's for the root); arithmetic by default. */
function aggregationOf(node: object): Aggregation {
  return (node as { aggregation?: unknown }).aggregation === 'geometric' ? 'geometric' : 'arithmetic';
}

/**
 * Builds the model from the scoring stage's inputs and result. Units are the assessed units in scoring order, so
 * that methods across units (minmax, zscore, rank, ratio_to_best, average fill, data-driven weights) see exactly
 * the units the scoring stage saw.
 * @param leafMethods leaf id → methods to sample among (own first), from resolveUncertainty
 */
export function buildUncertaintyModel(system: IndicatorSystem, metrics: MetricsResult, result: AssessmentResult, leafMethods: Record<string, string[]>): UncertaintyModel {
  const assessed = result.units.filter((u) => u.assessed);
  const order = new Map(metrics.units.map((u, i) => [u.unit, i]));
  const units = assessed.map((u) => u.unit).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const byUnit = new Map(result.units.map((u) => [u.unit, u]));
  const nodeIds: string[] = [];
  const levels: number[] = [];
  const leaves: ModelLeaf[] = [];
  const groups: ModelGroup[] = [];
  const leafOfList: number[] = [];
  const groupOfList: number[] = [];
  const localWeight = new Map(result.indicators.map((i) => [i.id, i.weight]));

  const addLeaf = (leaf: Extract<IndicatorNode, { kind: 'leaf' }>, level: number): number => {
    const node = nodeIds.length;
    nodeIds.push(leaf.id);
    levels.push(level);
    const raw = units.map((u) => metricValue(metrics, leaf.metric, u));
    const distributions = leaf.scoring.method === 'grade' ? units.map((u) => ratingCell(metrics, leaf.metric.slice(8), u)?.distribution ?? null) : undefined;
    const methods = leafMethods[leaf.id] ?? [leaf.scoring.method];
    const columns = methods.map((m) => {
      const spec = (m === leaf.scoring.method ? leaf.scoring : { method: m }) as LeafScoring;
      const scores = scoreLeaf(spec, leaf.direction, raw, distributions);
      return MISSING_POLICIES.map((p) => Float64Array.from(fillMissing(scores, p), (f) => (f.score === null ? NaN : f.score)));
    });
    leafOfList[node] = leaves.length;
    groupOfList[node] = -1;
    const logColumns = columns.map((byPolicy) => byPolicy.map((col) => col.map((v) => (Number.isNaN(v) ? NaN : Math.log(v < 1 ? 1 : v)))));
    leaves.push({ node, id: leaf.id, methods, columns, logColumns, ownPolicy: MISSING_POLICIES.indexOf(leaf.missing) });
    return node;
  };

  const addGroup = (id: string, spec: WeightsSpec, kids: IndicatorNode[], aggregation: Aggregation, level: number): number => {
    const children = Int32Array.from(kids.map((c) => (c.kind === 'leaf' ? addLeaf(c, level + 1) : addGroup(c.id, c.weights, c.children, aggregationOf(c), level + 1))));
    const node = nodeIds.length;
    nodeIds.push(id);
    levels.push(level);
    const weighted = kids.map((c) => ({ id: c.id, weight: c.weight }));
    let kind: ModelGroup['kind'] = 'fixed';
    let fixed = Float64Array.from(kids.map((c) => localWeight.get(c.id) ?? 0));
    let objective: DataDrivenWeighting | null = null;
    let alpha = 1;
    if (isObjectiveSpec(spec)) {
      kind = 'objective';
      objective = spec.method;
    } else if (spec.method === 'combined') {
      kind = 'combined';
      objective = spec.objective.method;
      alpha = spec.alpha;
      fixed = Float64Array.from(nodeWeights(spec.subjective, weighted, []).weights);
    }
    leafOfList[node] = -1;
    groupOfList[node] = groups.length;
    groups.push({ node, id, children, kind, fixed, objective, alpha, aggregation, leafChildren: kids.every((c) => c.kind === 'leaf'), cache: new Map() });
    return node;
  };
  addGroup('root', system.weights, system.indicators, aggregationOf(system), 0);

  const n = units.length;
  const adjustment = new Float64Array(n);
  const rankClass = new Uint8Array(n);
  const vetoLast = (result.rules?.veto_rank ?? 'keep') === 'last';
  const ranked: number[] = [];
  const baseRanks: number[] = [];
  units.forEach((u, i) => {
    const r = byUnit.get(u)!;
    adjustment[i] = r.bonus - r.penalty;
    if (vetoLast && r.vetoes.length > 0) rankClass[i] = 1;
  });
  const index = new Map(units.map((u, i) => [u, i]));
  for (const u of result.units) {
    if (u.rank === null || !u.assessed) continue;
    ranked.push(index.get(u.unit)!);
    baseRanks.push(u.rank);
  }
  return {
    units,
    nodeIds,
    level: Int32Array.from(levels),
    leaves,
    leafOf: Int32Array.from(leafOfList),
    groupOf: Int32Array.from(groupOfList),
    groups,
    adjustment,
    rankClass,
    ranked: Int32Array.from(ranked),
    baseRanks: Int32Array.from(baseRanks),
  };
}

/** The choice that reproduces the scoring stage: every leaf, node and weight as configured. */
export function baseChoice(model: UncertaintyModel): ModelChoice {
  return { leafMethod: new Int32Array(model.leaves.length), policy: -1, aggregation: null, weighting: null, weightFactor: null, dropped: -1 };
}

/** Working memory of evaluate(), reused across draws. */
export interface ModelScratch {
  /** nodes × units, NaN = no score. */
  values: Float64Array;
  /** nodes × units: ln max(value, 1), filled where a geometric node may read it. */
  logs: Float64Array;
  weights: Float64Array;
  sum: Float64Array;
  wsum: Float64Array;
}

export function createModelScratch(model: UncertaintyModel): ModelScratch {
  const maxChildren = model.groups.reduce((m, g) => Math.max(m, g.children.length), 0);
  const size = model.nodeIds.length * model.units.length;
  const n = model.units.length;
  return { values: new Float64Array(size), logs: new Float64Array(size), weights: new Float64Array(maxChildren), sum: new Float64Array(n), wsum: new Float64Array(n) };
}

/** Data-driven weights of a group's children under a choice (the dropped child left out, weight 0). */
function dataDrivenWeights(model: UncertaintyModel, g: ModelGroup, choice: ModelChoice, values: Float64Array): number[] {
  const n = model.units.length;
  const k = g.children.length;
  const method = choice.weighting ?? g.objective!;
  let key: string | null = null;
  if (g.leafChildren) {
    const policy = choice.policy;
    key = `${method}|${policy}|${choice.dropped}|${Array.from(g.children, (c) => choice.leafMethod[model.leafOf[c]]).join(',')}`;
    const hit = g.cache.get(key);
    if (hit) return hit;
  }
  const kept: number[] = [];
  for (let c = 0; c < k; c++) if (g.children[c] !== choice.dropped) kept.push(c);
  // Only units with every child score enter (node-weights.ts); build just those rows.
  const rows: number[][] = [];
  let incomplete = 0;
  for (let u = 0; u < n; u++) {
    const row = new Array<number>(kept.length);
    let complete = true;
    for (let j = 0; j < kept.length; j++) {
      const v = values[g.children[kept[j]] * n + u];
      if (Number.isNaN(v)) {
        complete = false;
        break;
      }
      row[j] = v;
    }
    if (complete) rows.push(row);
    else incomplete++;
  }
  // objectiveWeights drops rows with a null itself; one null row stands for all the incomplete ones (it only counts them for a note).
  const input: (number | null)[][] = incomplete > 0 ? [...rows, kept.map(() => null)] : rows;
  const o = objectiveWeights({ method }, input, kept.length).weights;
  const out = new Array<number>(k).fill(0);
  kept.forEach((c, j) => (out[c] = o[j]));
  if (key !== null) g.cache.set(key, out);
  return out;
}

/**
 * Every unit's total under one choice (design §6.3 as the scoring stage computes it): leaf scores by the chosen
 * method and policy; each node's local weights — fixed, or data-driven from its children's scores over the units
 * with every child score (src/scoring/node-weights.ts), the dropped child left out — times the draw's factors; node
 * score over the available children with their weights rescaled: arithmetic Σ w·s / Σ w, or geometric
 * exp(Σ w·ln max(s, 1) / Σ w) (scores floored at 1 so that a 0 does not zero the node); total = clip(root score
 * (0 without one) + bonus − penalty, 0, 100).
 */
export function evaluateTotals(model: UncertaintyModel, choice: ModelChoice, scratch: ModelScratch, totals: Float64Array): void {
  const n = model.units.length;
  const { values, logs, sum, wsum } = scratch;
  const anyGeometric = choice.aggregation === 'geometric' || (choice.aggregation === null && model.groups.some((g) => g.aggregation === 'geometric'));
  for (const leaf of model.leaves) {
    const policy = choice.policy >= 0 ? choice.policy : leaf.ownPolicy;
    const m = choice.leafMethod[model.leafOf[leaf.node]];
    values.set(leaf.columns[m][policy], leaf.node * n);
    if (anyGeometric) logs.set(leaf.logColumns[m][policy], leaf.node * n);
  }
  for (const g of model.groups) {
    const k = g.children.length;
    const w = scratch.weights;
    const objective = g.kind === 'fixed' ? null : dataDrivenWeights(model, g, choice, values);
    for (let c = 0; c < k; c++) {
      const child = g.children[c];
      let x = g.kind === 'fixed' ? g.fixed[c] : g.kind === 'objective' ? objective![c] : g.alpha * g.fixed[c] + (1 - g.alpha) * objective![c];
      if (child === choice.dropped) x = 0;
      else if (choice.weightFactor) x *= choice.weightFactor[child];
      w[c] = x;
    }
    const geometric = (choice.aggregation ?? g.aggregation) === 'geometric';
    const source = geometric ? logs : values;
    sum.fill(0);
    wsum.fill(0);
    // Column by column: each child's scores are contiguous, and a NaN (no score) adds nothing.
    for (let c = 0; c < k; c++) {
      const wc = w[c];
      if (wc === 0) continue;
      const base = g.children[c] * n;
      for (let u = 0; u < n; u++) {
        const v = source[base + u];
        if (v === v) {
          sum[u] += wc * v;
          wsum[u] += wc;
        }
      }
    }
    const out = g.node * n;
    for (let u = 0; u < n; u++) {
      const x = wsum[u] > 0 ? (geometric ? Math.exp(sum[u] / wsum[u]) : sum[u] / wsum[u]) : NaN;
      values[out + u] = x;
      if (anyGeometric) logs[out + u] = x === x ? Math.log(x < 1 ? 1 : x) : NaN;
    }
  }
  const root = model.groups[model.groups.length - 1].node * n;
  for (let u = 0; u < n; u++) {
    const base = values[root + u];
    const t = (Number.isNaN(base) ? 0 : base) + model.adjustment[u];
    totals[u] = t < 0 ? 0 : t > 100 ? 100 : t;
  }
}

/** Rank key: total in hundredths, vetoed-last units (class 1) below every class-0 unit (as monte-carlo.ts). */
const CLASS_OFFSET = 1e6;

/**
 * Competition ranks (1, 2, 2, 4) of the ranked units on their totals rounded to 2 decimals, vetoed units under
 * `veto_rank: last` after the others — the rule of the scoring stage and of the Monte Carlo check.
 */
export function rankTotals(model: UncertaintyModel, totals: Float64Array, keys: Float64Array, sorted: Float64Array, ranks: Int32Array): void {
  const r = model.ranked.length;
  for (let i = 0; i < r; i++) {
    const u = model.ranked[i];
    keys[i] = totalHundredths(totals[u]) - model.rankClass[u] * CLASS_OFFSET;
  }
  sorted.set(keys);
  sorted.sort();
  for (let i = 0; i < r; i++) {
    // rank = 1 + number of units with a strictly larger key
    let lo = 0;
    let hi = r;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] <= keys[i]) lo = mid + 1;
      else hi = mid;
    }
    ranks[i] = r - lo + 1;
  }
}
