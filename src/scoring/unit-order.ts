import type { UnitResult } from '../model/result.js';

export type UnitOrderKey = Pick<UnitResult, 'unit' | 'rank' | 'total'>;

/**
 * The order in which units are listed (the JSON result, the summary, the findings): ranked units by rank, then
 * units without a rank that have a total (vetoed units under `veto_rank: none`) by total, highest first, then
 * not-assessed units (no total); ties by unit id, so the order never depends on the input order (design §6.3).
 * @example [{ unit: 'B', rank: null, total: 90 }, { unit: 'A', rank: 1, total: 80 }].sort(compareUnitsByRank) // → A, B
 */
export function compareUnitsByRank(a: UnitOrderKey, b: UnitOrderKey): number {
  return (
    tier(a) - tier(b) ||
    (a.rank !== null && b.rank !== null ? a.rank - b.rank : 0) ||
    (a.rank === null && b.rank === null && a.total !== null && b.total !== null ? b.total - a.total : 0) ||
    (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0)
  );
}

/** 0 ranked, 1 unranked with a total, 2 not assessed. */
function tier(u: UnitOrderKey): number {
  return u.rank !== null ? 0 : u.total !== null ? 1 : 2;
}
