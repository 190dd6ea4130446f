/**
 * Bonus (加分项) and penalty (扣分项) points and veto rules (一票否决), fed by the ratings file (design §6.3).
 *
 * Points of one item = its aggregated rating for the unit, clipped below at 0 and above at the item's cap;
 * a unit nobody rated on the item gets 0. Points of the bonus (or penalty) = min(Σ items, overall cap).
 * total = clip(root score + bonus − penalty, 0, 100): the total stays on the 0..100 scale the grade bands use.
 * A veto rule fires when the unit's aggregated rating is > 0 (a 是 / yes scored above 0, or any deduction).
 * @example adjustmentPoints([3, 4], [null, 2], 4) // items 3 and min(4, 2) = 2 → min(5, 4) = 4
 */
export function adjustmentPoints(values: readonly (number | null)[], itemCaps: readonly (number | null)[], cap: number | null): number {
  let sum = 0;
  values.forEach((v, i) => {
    if (v === null || !(v > 0)) return;
    const c = itemCaps[i];
    sum += c === null ? v : Math.min(v, c);
  });
  return cap === null ? sum : Math.min(sum, cap);
}

/** Whether a veto rule fires on the unit's aggregated rating (null: not rated, does not fire). */
export function vetoFires(value: number | null): boolean {
  return value !== null && value > 0;
}

/** The total from the root score and the capped adjustments, clipped to 0..100. */
export function totalScore(base: number, bonus: number, penalty: number): number {
  const t = base + bonus - penalty;
  return t < 0 ? 0 : t > 100 ? 100 : t;
}
