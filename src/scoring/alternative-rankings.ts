import type { AlternativeRanking, AssessmentResult } from '../model/result.js';
import { RANK_METHODS } from './rank-methods.js';
import { MethodInputError } from './weights/method-error.js';

/** Ranking methods that may stand beside the weighted sum (TOPSIS always does, computed by the scoring stage). */
export const ALTERNATIVE_RANKINGS = ['vikor', 'gra', 'rsr'] as const;

/**
 * Rankings of the assessed units by VIKOR, grey relational analysis or RSR beside the weighted sum (issue 16
 * item 3), on the matrix TOPSIS uses (design §6.3): the leaf scores after the missing-value policy with the leaves'
 * global weights, every column a benefit; a leaf skipped by `renormalize` takes the unit's score of its nearest
 * scored ancestor (the value that leaves the weighted sum unchanged), or 0 without one. Default parameters
 * (v = 0.5, ρ = 0.5, 3 档). A method that cannot run on the matrix is left out rather than failing the run.
 * @example alternativeRankings(result, ['vikor']).map((r) => r.method) // → ['vikor']
 */
export function alternativeRankings(result: AssessmentResult, methods: readonly string[]): AlternativeRanking[] {
  const units = result.units.filter((u) => u.assessed);
  if (units.length === 0) return [];
  const parentOf = new Map(result.indicators.map((i) => [i.id, i.parent]));
  const leaves = result.indicators.filter((i) => i.leaf);
  const matrix = units.map((u) =>
    leaves.map((leaf) => {
      let s = u.indicators[leaf.id]?.score ?? null;
      let up = parentOf.get(leaf.id) ?? null;
      while (s === null && up !== null && up !== 'root') {
        s = u.indicators[up]?.score ?? null;
        up = parentOf.get(up) ?? null;
      }
      return s ?? u.base ?? 0;
    }),
  );
  const weights = leaves.map((l) => l.global_weight);
  const out: AlternativeRanking[] = [];
  for (const method of methods) {
    const entry = RANK_METHODS[method];
    try {
      const r = entry.rank(matrix, weights, leaves.map(() => 'benefit'), {});
      out.push({
        method,
        details: r.details,
        units: units.map((u, i) => ({ unit: u.unit, score: r.scores[i], rank: r.ranks[i], ...(r.columns.tier ? { tier: r.columns.tier[i] } : {}) })),
      });
    } catch (e) {
      if (!(e instanceof MethodInputError)) throw e;
    }
  }
  return out;
}
