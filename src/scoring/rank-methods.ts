import { competitionRanks } from './competition-rank.js';
import { greyRelational } from './grey-relational.js';
import { rankSumRatio } from './rank-sum-ratio.js';
import { topsis } from './topsis.js';
import { vikor } from './vikor.js';
import { weightedSumScores } from './wsm.js';

export type Direction = 'benefit' | 'cost';

/** Parameters of the ranking methods that have any; each method reads its own. */
export interface RankParams {
  /** VIKOR: weight of group utility against individual regret (default 0.5). */
  v?: number;
  /** Grey relational analysis: distinguishing coefficient ρ (default 0.5). */
  rho?: number;
  /** Rank-sum ratio: number of 档 (default 3). */
  tiers?: number;
}

export interface RankOutcome {
  /** One score per unit, on the method's own scale (see `scale`). */
  scores: number[];
  /** Competition ranks, 1 = best. */
  ranks: number[];
  /** Per unit extra columns a reader needs to audit the method (VIKOR S and R, RSR 档 …), by column name. */
  columns: Record<string, (number | null)[]>;
  /** Method-wide facts (VIKOR acceptance conditions, the RSR line …) for the JSON and the method sheet. */
  details: Record<string, unknown>;
}

export interface RankMethod {
  name: string;
  /** What the score is, for table headers and the method sheet. */
  scale: { en: string; zh: string };
  /** Decimals to print the score with. */
  digits: number;
  rank(matrix: number[][], weights: number[], directions: Direction[], params: RankParams): RankOutcome;
}

/**
 * The ranking methods of `govscore rank --method` and of the alternative rankings beside the weighted sum, one
 * entry per method (the formulas are in each method's own file):
 * - wsm: weighted sum of min–max scores (wsm.ts);
 * - topsis: closeness to the ideal (topsis.ts);
 * - vikor: compromise index Q, smaller is better, with S, R and the acceptance conditions (vikor.ts);
 * - gra: grey relational grade against the ideal unit (grey-relational.ts);
 * - rsr: rank-sum ratio with probit 分档 (rank-sum-ratio.ts).
 * Every method ranks with competition ranks (ties share the best rank).
 */
export const RANK_METHODS: Record<string, RankMethod> = {
  wsm: {
    name: 'wsm',
    scale: { en: 'weighted sum of min–max scores (0..100)', zh: '极差标准化加权和（0～100）' },
    digits: 2,
    rank(matrix, weights, directions) {
      const scores = weightedSumScores(matrix, weights, directions);
      return { scores, ranks: competitionRanks(scores, 'desc'), columns: {}, details: {} };
    },
  },
  topsis: {
    name: 'topsis',
    scale: { en: 'TOPSIS closeness (0..1)', zh: 'TOPSIS 贴近度（0～1）' },
    digits: 4,
    rank(matrix, weights, directions) {
      const r = topsis(matrix, weights, directions);
      return { scores: r.closeness, ranks: r.ranks, columns: {}, details: {} };
    },
  },
  vikor: {
    name: 'vikor',
    scale: { en: 'VIKOR compromise index Q (0..1, smaller is better)', zh: 'VIKOR 折衷指数 Q（0～1，越小越好）' },
    digits: 4,
    rank(matrix, weights, directions, params) {
      const r = vikor(matrix, weights, directions, params.v ?? 0.5);
      return {
        scores: r.q,
        ranks: r.ranks,
        columns: { s: r.s, r: r.r },
        details: {
          v: r.v,
          dq: r.dq,
          acceptable_advantage: r.acceptableAdvantage,
          acceptable_stability: r.acceptableStability,
          compromise: r.compromise,
        },
      };
    },
  },
  gra: {
    name: 'gra',
    scale: { en: 'grey relational grade (0..1)', zh: '灰色关联度（0～1）' },
    digits: 4,
    rank(matrix, weights, directions, params) {
      const r = greyRelational(matrix, weights, directions, params.rho ?? 0.5);
      return { scores: r.grades, ranks: r.ranks, columns: {}, details: { rho: r.rho } };
    },
  },
  rsr: {
    name: 'rsr',
    scale: { en: 'rank-sum ratio RSR (0..1)', zh: '秩和比 RSR（0～1）' },
    digits: 4,
    rank(matrix, weights, directions, params) {
      const r = rankSumRatio(matrix, weights, directions, params.tiers ?? 3);
      return {
        scores: r.rsr,
        ranks: r.ranks,
        columns: { probit: r.probit, fitted: r.fitted ?? r.rsr.map(() => null), tier: r.tiers ?? r.rsr.map(() => null) },
        details: { tier_count: r.tierCount, fit: r.fit, cuts: r.cuts },
      };
    },
  },
};

export const RANK_METHOD_NAMES = Object.keys(RANK_METHODS);
