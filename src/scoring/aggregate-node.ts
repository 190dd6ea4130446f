/**
 * A node's score for one unit (design §6.3, §6.4): the weighted sum of its children's scores, over the children
 * the unit has a score for, with their weights rescaled to sum 1:
 * score = Σ_{c available} w_c·s_c / Σ_{c available} w_c.
 * With every child available and normalised weights this is the plain weighted sum Σ w_c·s_c. With none
 * available (or only zero-weight ones) the node itself is missing (null) and its parent skips it the same way.
 * @example nodeScore([80, null, 50], [0.5, 0.3, 0.2]) // → (0.5·80 + 0.2·50)/(0.5 + 0.2) = 71.43…
 */
export function nodeScore(childScores: readonly (number | null)[], weights: readonly number[]): number | null {
  let sum = 0;
  let wsum = 0;
  for (let c = 0; c < childScores.length; c++) {
    const s = childScores[c];
    if (s === null) continue;
    sum += weights[c] * s;
    wsum += weights[c];
  }
  return wsum > 0 ? sum / wsum : null;
}
