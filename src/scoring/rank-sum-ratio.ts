import { averageRanks } from '../stats/average-ranks.js';
import { normalQuantile } from '../stats/normal-quantile.js';
import { competitionRanks } from './competition-rank.js';
import { checkDirections, checkUnitsMatrix, checkWeights, column } from './weights/matrix-checks.js';
import { MethodInputError } from './weights/method-error.js';

export interface RankSumRatioResult {
  /** (Weighted) rank-sum ratio of each unit, in [1/m, 1] (larger is better). */
  rsr: number[];
  /** Competition ranks by RSR, largest first. */
  ranks: number[];
  /** Probit of each unit's RSR: 5 + Φ⁻¹(p), p its percentile in the RSR distribution. */
  probit: number[];
  /** Least-squares line RSR = intercept + slope·probit over the distinct RSR values; null with fewer than 2. */
  fit: { intercept: number; slope: number; r2: number } | null;
  /** RSR estimated from the line for each unit; null without a line. */
  fitted: number[] | null;
  /** 分档: 1 = the top 档 … tierCount = the bottom one; null without a line (all units tie). */
  tiers: number[] | null;
  tierCount: number;
  /** The k − 1 boundaries between 档, lowest first: probit 2 + 6t/k and the RSR the line gives there. */
  cuts: { probit: number; rsr: number | null }[];
}

/**
 * Rank-sum ratio (秩和比法, RSR; 田凤调 1988, 《秩和比法及其应用》) with probit-based 分档, over a units × indicators
 * matrix (m units as rows, n indicators).
 * 1. 编秩 (integer ranks): per column, benefit (高优) values ranked ascending (the smallest gets 1, the largest m),
 *    cost (低优) values descending; ties share their average rank.
 * 2. RSR_i = Σ_j w_j·R_ij / m with the weights normalised to sum 1 (with equal weights: Σ_j R_ij/(m·n)).
 * 3. Distribution: the distinct RSR values in ascending order, each with its frequency f and cumulative frequency
 *    cf; average rank R̄ = cf − (f − 1)/2; percentile p = R̄/m, the last one corrected to 1 − 1/(4m);
 *    probit = 5 + Φ⁻¹(p) (normal-quantile.ts).
 * 4. Least-squares line RSR = a + b·probit over the distinct values; fitted RSR per unit from its probit.
 * 5. 分档 into k 档 (default 3): probit boundaries 2 + 6t/k (t = 1 … k − 1: 4 and 6 for 3 档; 3.5, 5, 6.5 for 4;
 *    the table of 田凤调, which splits probit 2..8, i.e. ±3σ, evenly); the RSR boundaries are the line's values there,
 *    and a unit whose fitted RSR reaches a boundary is in the 档 above it. 档 are numbered from the top: 1 is best.
 * A constant column gives every unit the same rank and so does not move RSR. With fewer than two distinct RSR
 * values (one unit, or every unit alike) no line can be fitted: fit, fitted and tiers are null and every unit
 * ranks 1.
 * @throws MethodInputError for a ragged / non-finite matrix, weights / directions that do not match it, or a 档
 *   count that is not a whole number from 2 to 10
 * @example rankSumRatio([[1], [2], [3]], [1], ['benefit']).rsr // → [0.3333, 0.6667, 1]
 */
export function rankSumRatio(matrix: number[][], weights: number[], directions: ('benefit' | 'cost')[], tierCount = 3): RankSumRatioResult {
  const { m, n } = checkUnitsMatrix(matrix, 'rank-sum ratio');
  const w = checkWeights(weights, n, 'rank-sum ratio');
  checkDirections(directions, n, 'rank-sum ratio');
  if (!(Number.isInteger(tierCount) && tierCount >= 2 && tierCount <= 10)) {
    throw new MethodInputError(`rank-sum ratio: ${String(tierCount)} 档 is not a whole number from 2 to 10`, undefined, undefined, '3 档 (上、中、下) is usual');
  }
  const rsr = new Array<number>(m).fill(0);
  for (let j = 0; j < n; j++) {
    const x = column(matrix, j);
    const ranks = averageRanks(directions[j] === 'benefit' ? x : x.map((v) => -v));
    for (let i = 0; i < m; i++) rsr[i] += (w[j] * ranks[i]) / m;
  }
  // Equal rank sums reached in another order differ in the last bits; 12 decimals make them one RSR value.
  for (let i = 0; i < m; i++) rsr[i] = Math.round(rsr[i] * 1e12) / 1e12;

  // Distribution of the distinct RSR values (step 3).
  const distinct = [...new Set(rsr)].sort((a, b) => a - b);
  const probitOf = new Map<number, number>();
  let cumulative = 0;
  distinct.forEach((value, g) => {
    const f = rsr.filter((x) => x === value).length;
    cumulative += f;
    const meanRank = cumulative - (f - 1) / 2;
    const p = g === distinct.length - 1 ? 1 - 1 / (4 * m) : meanRank / m;
    probitOf.set(value, 5 + normalQuantile(p));
  });
  const probit = rsr.map((x) => probitOf.get(x)!);
  const cutsProbit = Array.from({ length: tierCount - 1 }, (_, t) => 2 + (6 * (t + 1)) / tierCount);

  let fit: RankSumRatioResult['fit'] = null;
  if (distinct.length >= 2) {
    const xs = distinct.map((v) => probitOf.get(v)!);
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = distinct.reduce((a, b) => a + b, 0) / distinct.length;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    xs.forEach((x, g) => {
      sxy += (x - mx) * (distinct[g] - my);
      sxx += (x - mx) ** 2;
      syy += (distinct[g] - my) ** 2;
    });
    const slope = sxy / sxx;
    fit = { intercept: my - slope * mx, slope, r2: (sxy * sxy) / (sxx * syy) };
  }
  const fitted = fit ? probit.map((p) => fit.intercept + fit.slope * p) : null;
  const cuts = cutsProbit.map((p) => ({ probit: p, rsr: fit ? fit.intercept + fit.slope * p : null }));
  // Compared through the probit (the line is increasing), so that float rounding in a + b·p cannot move a unit
  // that sits exactly on a boundary.
  const tiers = fit ? probit.map((p) => tierCount - cutsProbit.filter((c) => p >= c - 1e-12).length) : null;
  return { rsr, ranks: competitionRanks(rsr, 'desc'), probit, fit, fitted, tiers, tierCount, cuts };
}
