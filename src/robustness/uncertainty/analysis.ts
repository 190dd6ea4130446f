import type { IndicatorSystem } from '../../model/indicator-system.js';
import type { AssessmentResult } from '../../model/result.js';
import type { MetricsResult } from '../../types.js';
import { nearestRankPercentile } from '../monte-carlo.js';
import { Xoshiro128 } from '../prng.js';
import { designRow, drawCount, jansenIndices, saltelliDesign } from '../sobol-indices.js';
import { baseChoice, buildUncertaintyModel, createModelScratch, evaluateTotals, rankTotals, type ModelChoice, type UncertaintyModel } from './model.js';
import { MISSING_POLICIES, type UncertaintySettings } from './settings.js';
import type { RemoveOneRow, UncertainInput, UncertaintyResult, UncertaintyUnit } from '../../model/uncertainty.js';

/** An input and the design columns it owns, with how a uniform in [0, 1) sets the draw's choice. */
interface InputPlan {
  input: UncertainInput;
  columns: number[];
  apply: (row: Float64Array, choice: ModelChoice) => void;
}

const pick = (u: number, count: number) => Math.min(count - 1, Math.floor(u * count));

function plan(model: UncertaintyModel, settings: UncertaintySettings): InputPlan[] {
  const plans: InputPlan[] = [];
  let col = 0;
  const take = (count: number) => Array.from({ length: count }, () => col++);
  if (settings.weights > 0) {
    const nodes = model.nodeIds.length - 1; // every node but the root has a local weight
    const columns = take(nodes);
    const p = settings.weights;
    plans.push({
      input: { id: 'weights', kind: 'weights', indicator: null, alternatives: [`×[${round(1 - p)}, ${round(1 + p)}]`] },
      columns,
      apply: (row, choice) => {
        for (let k = 0; k < nodes; k++) choice.weightFactor![k] = 1 + p * (2 * row[columns[k]] - 1);
      },
    });
  }
  model.leaves.forEach((leaf, li) => {
    if (leaf.methods.length < 2) return;
    const [c] = take(1);
    plans.push({
      input: { id: `leaf_method:${leaf.id}`, kind: 'leaf_method', indicator: leaf.id, alternatives: leaf.methods },
      columns: [c],
      apply: (row, choice) => (choice.leafMethod[li] = pick(row[c], leaf.methods.length)),
    });
  });
  if (settings.aggregation.length > 1) {
    const [c] = take(1);
    const list = settings.aggregation;
    plans.push({ input: { id: 'aggregation', kind: 'aggregation', indicator: null, alternatives: [...list] }, columns: [c], apply: (row, choice) => (choice.aggregation = list[pick(row[c], list.length)]) });
  }
  if (settings.missing.length > 1) {
    const [c] = take(1);
    const list = settings.missing;
    plans.push({
      input: { id: 'missing', kind: 'missing', indicator: null, alternatives: [...list] },
      columns: [c],
      apply: (row, choice) => (choice.policy = MISSING_POLICIES.indexOf(list[pick(row[c], list.length)])),
    });
  }
  if (settings.weighting.length > 1 && model.groups.some((g) => g.kind !== 'fixed')) {
    const [c] = take(1);
    const list = settings.weighting;
    plans.push({ input: { id: 'weighting', kind: 'weighting', indicator: null, alternatives: [...list] }, columns: [c], apply: (row, choice) => (choice.weighting = list[pick(row[c], list.length)]) });
  }
  return plans;
}

function round(x: number): string {
  return String(Math.round(x * 1e6) / 1e6);
}

/** Draw statistics without the result assembly, so that the benchmark times exactly the draws. */
export interface UncertaintyDraws {
  model: UncertaintyModel;
  plans: InputPlan[];
  samples: number;
  draws: number;
  /** draws × ranked units, row-major: the unit's competition rank in each draw. */
  ranks: Int32Array;
  /** Per draw: mean |rank − base rank| over the ranked units. */
  shift: Float64Array;
}

/**
 * Runs every draw of the Saltelli design (sobol-indices.ts) through the model: N(k + 2) evaluations of all units'
 * totals and ranks.
 */
export function runUncertaintyDraws(model: UncertaintyModel, settings: UncertaintySettings): UncertaintyDraws {
  const plans = plan(model, settings);
  const r = model.ranked.length;
  if (plans.length === 0) return { model, plans, samples: settings.samples, draws: 0, ranks: new Int32Array(0), shift: new Float64Array(0) };
  const rng = new Xoshiro128(settings.seed);
  const design = saltelliDesign(
    settings.samples,
    plans.map((p) => p.columns),
    () => rng.uniform(),
  );
  const draws = drawCount(design);
  const ranks = new Int32Array(draws * r);
  const shift = new Float64Array(draws);
  const row = new Float64Array(design.d);
  const scratch = createModelScratch(model);
  const totals = new Float64Array(model.units.length);
  const keys = new Float64Array(r);
  const sorted = new Float64Array(r);
  const drawRanks = new Int32Array(r);
  const choice = baseChoice(model);
  if (settings.weights > 0) choice.weightFactor = new Float64Array(model.nodeIds.length).fill(1);
  for (let t = 0; t < draws; t++) {
    designRow(design, t, row);
    for (const p of plans) p.apply(row, choice);
    evaluateTotals(model, choice, scratch, totals);
    rankTotals(model, totals, keys, sorted, drawRanks);
    ranks.set(drawRanks, t * r);
    let s = 0;
    for (let i = 0; i < r; i++) s += Math.abs(drawRanks[i] - model.baseRanks[i]);
    shift[t] = r > 0 ? s / r : 0;
  }
  return { model, plans, samples: settings.samples, draws, ranks, shift };
}

/**
 * The uncertainty and sensitivity analysis of issue 16 item 2 (design §6.5): sample together the weights (each
 * local weight times U[1 − p, 1 + p], as the Monte Carlo check), each listed leaf's scoring method, the aggregation,
 * the missing-value policy and the data-driven weighting method — each uncertain input a uniform choice among its
 * alternatives — by Saltelli's scheme with N base samples (N(k + 2) draws, seeded xoshiro128**), and report:
 * - per ranked unit the median and 5th/95th percentile rank over the 2N independent draws of A and B
 *   (nearest-rank percentiles, as monte-carlo.ts), and per input the first- and total-order index of its rank
 *   (Jansen's estimators, sobol-indices.ts);
 * - the same indices of the mean rank shift (mean over units of |rank − base rank|);
 * - remove-one: for each level-2 indicator (level 1 when the tree has no level 2), the ranks with it left out
 *   (weight 0, siblings rescaled, data-driven weights recomputed without it) and everything else as configured.
 * Bonus, penalty and veto ranks are kept as reported; ranks are decided on totals rounded to 2 decimals.
 */
export function runUncertainty(system: IndicatorSystem, metrics: MetricsResult, result: AssessmentResult, settings: UncertaintySettings): UncertaintyResult {
  const model = buildUncertaintyModel(system, metrics, result, settings.leafMethods);
  const run = runUncertaintyDraws(model, settings);
  const r = model.ranked.length;
  const n = settings.samples;
  const k = run.plans.length;
  const ids = run.plans.map((p) => p.input.id);
  const record = (xs: (number | null)[]) => Object.fromEntries(ids.map((id, i) => [id, xs[i]]));
  const units: UncertaintyUnit[] = [];
  for (let i = 0; i < r; i++) {
    const unit = model.units[model.ranked[i]];
    const base = model.baseRanks[i];
    if (run.draws === 0) {
      units.push({ unit, base_rank: base, median_rank: base, p05_rank: base, p95_rank: base, first_order: {}, total_order: {} });
      continue;
    }
    const hist = new Int32Array(r);
    for (let t = 0; t < 2 * n; t++) hist[run.ranks[t * r + i] - 1]++;
    const s = jansenIndices(run.ranks, n, k, r, i);
    units.push({
      unit,
      base_rank: base,
      median_rank: nearestRankPercentile(hist, 2 * n, 0.5),
      p05_rank: nearestRankPercentile(hist, 2 * n, 0.05),
      p95_rank: nearestRankPercentile(hist, 2 * n, 0.95),
      first_order: record(s.first),
      total_order: record(s.total),
    });
  }
  let meanShift = 0;
  for (let t = 0; t < 2 * n && t < run.draws; t++) meanShift += run.shift[t];
  const shiftIndices = run.draws ? jansenIndices(run.shift, n, k) : { first: [], total: [] };
  return {
    samples: n,
    draws: run.draws,
    seed: settings.seed,
    weight_perturbation: settings.weights,
    scheme:
      `Saltelli design with N = ${n} base samples and k = ${k} uncertain inputs: N(k + 2) = ${run.draws} evaluations of the whole model, ` +
      `seeded xoshiro128** (seed ${settings.seed}); each input a uniform choice among its alternatives (weights: every local weight times ` +
      `U[1 − p, 1 + p], p = ${settings.weights}, siblings rescaled); first- and total-order indices by Jansen's estimators on each unit's rank ` +
      `and on the mean rank shift; rank percentiles over the 2N independent draws (nearest rank)`,
    inputs: run.plans.map((p) => p.input),
    units,
    mean_rank_shift: { mean: run.draws ? meanShift / (2 * n) : 0, first_order: record(shiftIndices.first), total_order: record(shiftIndices.total) },
    remove_one: settings.removeOne ? removeOne(model) : [],
  };
}

/** Ranks with each level-2 indicator (level 1 if there is no level 2) left out, everything else as configured. */
export function removeOne(model: UncertaintyModel): RemoveOneRow[] {
  const r = model.ranked.length;
  const targetLevel = Array.from(model.level).some((l) => l === 2) ? 2 : 1;
  const scratch = createModelScratch(model);
  const totals = new Float64Array(model.units.length);
  const keys = new Float64Array(r);
  const sorted = new Float64Array(r);
  const ranks = new Int32Array(r);
  const rows: RemoveOneRow[] = [];
  model.nodeIds.forEach((id, node) => {
    if (model.level[node] !== targetLevel) return;
    const choice = { ...baseChoice(model), dropped: node };
    evaluateTotals(model, choice, scratch, totals);
    rankTotals(model, totals, keys, sorted, ranks);
    const units = Array.from({ length: r }, (_, i) => ({
      unit: model.units[model.ranked[i]],
      base_rank: model.baseRanks[i],
      rank: ranks[i],
      change: ranks[i] - model.baseRanks[i],
    }));
    const abs = units.map((u) => Math.abs(u.change));
    rows.push({
      indicator: id,
      level: targetLevel,
      mean_abs_rank_change: r ? abs.reduce((a, b) => a + b, 0) / r : 0,
      max_abs_rank_change: r ? Math.max(...abs) : 0,
      units,
    });
  });
  return rows;
}
