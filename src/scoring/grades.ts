import type { GradeBand } from '../model/indicator-system.js';
import { roundTotal } from './round-total.js';

/**
 * Grade bands (design §6.3): a total gets the first (best) band whose `min` it reaches; bands are listed best
 * first and the last starts at 0 or below, so every total in 0..100 gets one (default 优秀 ≥ 90, 良好 ≥ 80,
 * 合格 ≥ 60, else 不合格). A fired veto rule caps the grade: the unit gets the worse of its own band and the cap.
 * The total is compared rounded to 2 decimals (round-total.ts), like ranks and like the workbook's formulas, so
 * 89.995 is 优秀 (it shows as 90.00) and a weighted sum of 89.99999999999999 (float noise for 90) is too.
 * @example gradeIndex(85, DEFAULT_GRADES) // → 1 (良好)
 * @example gradeIndex(89.995, DEFAULT_GRADES) // → 0 (优秀)
 */
export function gradeIndex(total: number, bands: readonly GradeBand[]): number {
  return bandIndex(
    bands.map((b) => b.min),
    total,
  );
}

/**
 * The same lookup on the band minima alone, best band first (the Monte Carlo's typed arrays): the first minimum the
 * total rounded to 2 decimals reaches; below every minimum → the last (lowest) band.
 * @example bandIndex([90, 80, 60, 0], 89.995) // → 0
 */
export function bandIndex(mins: ArrayLike<number>, total: number): number {
  const t = roundTotal(total);
  for (let i = 0; i < mins.length; i++) if (t >= mins[i]) return i;
  return mins.length - 1;
}

/** The grade index after veto caps: larger index = worse grade. `cap` is null when no rule fired. */
export function cappedGradeIndex(total: number, bands: readonly GradeBand[], cap: number | null): number {
  const own = gradeIndex(total, bands);
  return cap === null ? own : Math.max(own, cap);
}
