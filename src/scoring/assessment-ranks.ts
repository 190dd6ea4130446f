import type { UnitResult } from '../model/result.js';
import type { VetoRank } from '../model/indicator-system.js';
import { competitionRanks } from './competition-rank.js';
import { totalHundredths } from './round-total.js';

export interface AssessmentRank {
  rank: number | null;
  rank_note: UnitResult['rank_note'];
}

export const DEFAULT_VETO_RANK: VetoRank = 'last';

/**
 * The ranks of an assessment (design §6.3): competition ranks (1, 2, 2, 4) on the totals rounded to 2 decimals
 * (round-total.ts), with units whose veto rules fired placed by `veto_rank`:
 * - `last` (default): every unit without a fired veto first, by total; then the vetoed units, by total among
 *   themselves — rank = (number of units without a veto) + their competition rank among the vetoed. A veto ranks
 *   its unit last even when its grade cap does not lower the grade. Note `veto_last`.
 * - `keep`: vetoed units rank by total like every other unit. No note.
 * - `none`: vetoed units get no rank (note `veto_unranked`); the others are numbered 1..k among themselves, so
 *   no rank is skipped for a unit that is not listed.
 * A unit without a total (not assessed) gets no rank and no note, and takes no place from the others.
 * @example assessmentRanks([90, 70, 80], [true, false, false], 'last') // → ranks [3, 2, 1], notes ['veto_last', null, null]
 */
export function assessmentRanks(totals: readonly (number | null)[], vetoed: readonly boolean[], vetoRank: VetoRank): AssessmentRank[] {
  const out: AssessmentRank[] = totals.map(() => ({ rank: null, rank_note: null }));
  /** Competition-ranks the units at `indices` among themselves, numbering from offset + 1. */
  const rankAmong = (indices: number[], offset: number) => {
    const ranks = competitionRanks(indices.map((i) => totalHundredths(totals[i]!)));
    indices.forEach((i, k) => (out[i].rank = offset + ranks[k]));
  };
  const assessed = totals.map((_, i) => i).filter((i) => totals[i] !== null);
  if (vetoRank === 'keep') {
    rankAmong(assessed, 0);
    return out;
  }
  const clear = assessed.filter((i) => !vetoed[i]);
  const fired = assessed.filter((i) => vetoed[i]);
  rankAmong(clear, 0);
  if (vetoRank === 'last') {
    rankAmong(fired, clear.length);
    for (const i of fired) out[i].rank_note = 'veto_last';
  } else {
    for (const i of fired) out[i].rank_note = 'veto_unranked';
  }
  return out;
}
