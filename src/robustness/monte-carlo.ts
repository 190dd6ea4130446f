/**
 * Monte Carlo rank stability under weight perturbation (design §6.5): would this unit still rank where it does
 * with other reasonable weights?
 *
 * Each draw multiplies every local weight w_k by an independent factor f_k ~ Uniform[1 − p, 1 + p]
 * (p = `perturbation`), renormalises each sibling group to sum to 1, and recomputes every unit's total
 * (leaf scores, bonus, penalty and veto caps kept; see weight-model.ts), grade and competition rank
 * (ties share the best rank) by the rule of the scoring stage: totals rounded to 2 decimals (round-total.ts), and
 * under `veto_rank: last` every vetoed unit after every unit without a veto. Only ranked units take part: a unit
 * that is not assessed, or vetoed under `veto_rank: none`, has no rank to be stable and is not listed.
 *
 * Per unit: the base rank (as reported), the median and 5th/95th percentile ranks over the draws, the share of
 * draws keeping the reported grade, ranked within the top k (rank ≤ k) and within the bottom k (rank > n − k).
 * Percentiles use the nearest-rank method: the q-percentile is the smallest rank r such that at least ⌈q · D⌉
 * of the D draws rank the unit at r or better — always a rank that actually occurred.
 * Overall: the mean over the draws of Spearman's ρ (Pearson on average ranks) between the draw's totals and the
 * base ranking. Where Pearson's formula is 0/0 (one unit, or every unit tied on one side) a draw counts as 1
 * if its ranking equals the base ranking and 0 otherwise.
 *
 * Cost: O(D · (W + U·L + U log U)) for D draws, W weights, U units, L leaves; nothing is allocated in the loop.
 * @throws UsageError if draws < 1, perturbation is outside [0, 1], top k < 1, or the seed is not an integer
 * @example monteCarloRobustness(result, { draws: 1000, seed: 42, perturbation: 0.2, topK: 3 }).mean_spearman // → 0.97…
 */
import { UsageError } from '../errors.js';
import { totalHundredths } from '../scoring/round-total.js';
import type { AssessmentResult, RobustnessResult, RobustnessUnit, UnitResult } from '../model/result.js';
import { Xoshiro128 } from './prng.js';
import { buildWeightModel, computeTotals, createScratch, normaliseSiblings, type WeightModel } from './weight-model.js';

export interface MonteCarloOptions {
  draws: number;
  seed: number;
  perturbation: number;
  topK: number;
}

/**
 * Rank key = total in hundredths − class · CLASS_OFFSET: totals are 0..100 (0..10 000 hundredths), so every
 * class-1 unit (vetoed, ranked last) sorts below every class-0 unit and by total within its class.
 */
const CLASS_OFFSET = 1e6;

export function monteCarloRobustness(result: AssessmentResult, opts: MonteCarloOptions): RobustnessResult {
  const { draws, seed, perturbation } = opts;
  if (!Number.isInteger(draws) || draws < 1) throw new UsageError(`--draws must be a whole number of at least 1, got ${draws}`);
  if (!(perturbation >= 0 && perturbation <= 1)) {
    throw new UsageError(`--perturbation must be between 0 and 1 (a relative change of each weight), got ${perturbation}`);
  }
  if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed must be a whole number, got ${seed}`);
  if (!Number.isInteger(opts.topK) || opts.topK < 1) throw new UsageError(`top k must be a whole number of at least 1, got ${opts.topK}`);

  const ranked = result.units.filter((u): u is UnitResult & { rank: number } => u.rank !== null && u.total !== null);
  const model = buildWeightModel(result, ranked);
  const n = model.unitCount;
  // k cannot exceed the number of units; the result records the k actually used.
  const topK = Math.min(opts.topK, Math.max(n, 1));
  const baseRanks = ranked.map((u) => u.rank);
  const stats = runDraws(model, baseRanks, { draws, seed, perturbation, topK });

  const units: RobustnessUnit[] = ranked.map((u, i) => {
    const hist = stats.rankCounts.subarray(i * n, (i + 1) * n);
    return {
      unit: u.unit,
      base_rank: u.rank,
      median_rank: nearestRankPercentile(hist, draws, 0.5),
      p05_rank: nearestRankPercentile(hist, draws, 0.05),
      p95_rank: nearestRankPercentile(hist, draws, 0.95),
      p_keep_grade: stats.keepGrade[i] / draws,
      p_top_k: stats.topK[i] / draws,
      p_bottom_k: stats.bottomK[i] / draws,
    };
  });

  return {
    draws,
    seed,
    perturbation,
    scheme:
      `each local weight multiplied by an independent factor drawn uniformly from [${fmt(1 - perturbation)}, ${fmt(1 + perturbation)}], ` +
      `sibling weights renormalised to sum to 1; totals (bonus, penalty and veto caps kept), grades and competition ranks recomputed ` +
      `(on totals rounded to 2 decimals${model.rankClass.includes(1) ? ', vetoed units ranked after the others' : ''}); ` +
      `${draws} draws, seeded PRNG xoshiro128** (seed ${seed}); rank percentiles by the nearest-rank method`,
    top_k: topK,
    mean_spearman: stats.spearmanSum / draws,
    units,
  };
}

function fmt(x: number): string {
  return String(Math.round(x * 1e6) / 1e6);
}

/** Raw tallies of a Monte Carlo run, indexed like the model's units. */
export interface DrawStats {
  /** units × n: rankCounts[u·n + r − 1] = draws in which unit u had competition rank r. */
  rankCounts: Int32Array;
  keepGrade: Int32Array;
  topK: Int32Array;
  bottomK: Int32Array;
  spearmanSum: number;
}

/** The draw loop, separate from result assembly so that the benchmark measures exactly this. */
export function runDraws(
  model: WeightModel,
  baseRanks: readonly number[],
  opts: { draws: number; seed: number; perturbation: number; topK: number },
): DrawStats {
  const n = model.unitCount;
  const m = model.nodeCount;
  const { draws, perturbation, topK } = opts;
  const rng = new Xoshiro128(opts.seed);
  const scratch = createScratch(model);
  const weights = new Float64Array(m);
  const totals = new Float64Array(n);
  const keys = new Float64Array(n);
  const rounded = new Float64Array(n);
  const sorted = new Float64Array(n);
  const rankCounts = new Int32Array(n * n);
  const keepGrade = new Int32Array(n);
  const topCount = new Int32Array(n);
  const bottomCount = new Int32Array(n);
  const drawAvgRank = new Float64Array(n);

  // Base ranking as centred average ranks: a tie group sharing competition rank r with t members occupies
  // positions r … r + t − 1, so its average rank is r + (t − 1) / 2.
  const tieSize = new Map<number, number>();
  for (const r of baseRanks) tieSize.set(r, (tieSize.get(r) ?? 0) + 1);
  const mean = (n + 1) / 2;
  const baseCentred = new Float64Array(n);
  let baseSs = 0;
  for (let i = 0; i < n; i++) {
    baseCentred[i] = baseRanks[i] + (tieSize.get(baseRanks[i])! - 1) / 2 - mean;
    baseSs += baseCentred[i] * baseCentred[i];
  }

  // The rounded totals with which a unit keeps its reported grade: [keepFrom, keepBelow). A unit keeps
  // grade g when its total reaches band g's minimum (the lowest band has no floor) and stays below band g − 1's
  // minimum — unless a veto caps it at g, in which case any higher total still yields g.
  const keepFrom = new Float64Array(n);
  const keepBelow = new Float64Array(n);
  const bands = model.gradeMins.length;
  for (let i = 0; i < n; i++) {
    const g = model.baseGrade[i];
    keepFrom[i] = g === bands - 1 ? -Infinity : model.gradeMins[g];
    keepBelow[i] = g === 0 || model.vetoCap[i] === g ? Infinity : model.gradeMins[g - 1];
  }

  let spearmanSum = 0;
  for (let d = 0; d < draws; d++) {
    for (let k = 0; k < m; k++) weights[k] = model.baseWeights[k] * (1 + perturbation * (2 * rng.uniform() - 1));
    normaliseSiblings(model, weights);
    computeTotals(model, weights, totals, scratch);
    for (let i = 0; i < n; i++) {
      const hundredths = totalHundredths(totals[i]);
      rounded[i] = hundredths / 100;
      keys[i] = hundredths - model.rankClass[i] * CLASS_OFFSET;
    }
    sorted.set(keys);
    sorted.sort(); // a typed array sorts numerically, ascending, natively
    let sxy = 0;
    let sxx = 0;
    let identical = true;
    for (let i = 0; i < n; i++) {
      const key = keys[i];
      const upTo = upperBound(sorted, key, n); // units with a total ≤ this one
      let tied = 1;
      while (tied < upTo && sorted[upTo - 1 - tied] === key) tied++; // ties are rare: usually no step
      const better = n - upTo; // units with a strictly larger total
      const rank = better + 1;
      rankCounts[i * n + rank - 1]++;
      if (rank <= topK) topCount[i]++;
      if (rank > n - topK) bottomCount[i]++;
      if (rounded[i] >= keepFrom[i] && rounded[i] < keepBelow[i]) keepGrade[i]++;
      const avg = better + (tied + 1) / 2 - mean;
      drawAvgRank[i] = avg;
      if (avg !== baseCentred[i]) identical = false;
      sxy += avg * baseCentred[i];
      sxx += avg * avg;
    }
    if (sxx > 0 && baseSs > 0) {
      // Average ranks run 1 (best) upward in competition order on both sides, so the signs agree.
      spearmanSum += sxy / Math.sqrt(sxx * baseSs);
    } else {
      spearmanSum += identical ? 1 : 0;
    }
  }
  return { rankCounts, keepGrade, topK: topCount, bottomK: bottomCount, spearmanSum };
}

/** First index in sorted[0..n) whose value is > key. */
function upperBound(sorted: Float64Array, key: number, n: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Nearest-rank percentile of a rank histogram: the smallest rank r whose cumulative count reaches ⌈q · total⌉
 * (at least 1).
 * @example nearestRankPercentile(Int32Array.from([2, 1, 1]), 4, 0.5) // → 1 (two of four draws at rank 1)
 */
export function nearestRankPercentile(counts: Int32Array, total: number, q: number): number {
  const need = Math.max(1, Math.ceil(q * total - 1e-9));
  let cumulative = 0;
  for (let r = 0; r < counts.length; r++) {
    cumulative += counts[r];
    if (cumulative >= need) return r + 1;
  }
  return counts.length;
}
