/**
 * Fuzzy comprehensive evaluation (模糊综合评价) with the weighted-average operator M(·, +) (加权平均型).
 *
 * Factors (indicators) u_1..u_n with weights W = (w_1..w_n), Σw = 1; grades (评语) v_1..v_m with scores
 * s_1..s_m; R the n × m membership matrix whose row i is factor i's membership vector over the grades.
 *
 *   B = W · R,  b_j = Σ_i w_i r_ij          (M(·,+): products, then ordinary sums — every factor counts,
 *                                           unlike the max–min operator M(∧,∨))
 *   score = Σ_j b_j s_j / Σ_j b_j          (the grade scores weighted by B; Σb = 1 when R's rows sum to 1,
 *                                           so the division only matters for rows that do not)
 *
 * A factor's membership vector from a panel of raters is the grade distribution: r_ij = c_ij / n_i,
 * c_ij the number of raters who gave grade j, n_i the raters of factor i.
 */

function assertFinite(where: string, v: number): void {
  if (!Number.isFinite(v)) throw new RangeError(`${where}: ${v} is not a finite number`);
}

/**
 * Membership vector of one factor from the raters' grade counts: r_j = c_j / Σc.
 * @returns the vector, or null when no rater graded the factor (Σc = 0)
 * @throws RangeError if a count is negative or not finite
 * @example membershipFromCounts([3, 5, 2, 0]) // → [0.3, 0.5, 0.2, 0]
 */
export function membershipFromCounts(counts: readonly number[]): number[] | null {
  let total = 0;
  for (const c of counts) {
    assertFinite('membershipFromCounts', c);
    if (c < 0) throw new RangeError(`membershipFromCounts: count ${c} is negative`);
    total += c;
  }
  if (total === 0) return null;
  return counts.map((c) => c / total);
}

/**
 * The composite membership vector B = W · R under M(·, +): b_j = Σ_i w_i r_ij.
 * @param weights factor weights, ≥ 0, summing to 1 (within 1e-9)
 * @param membership n × m matrix, one row per factor, entries in [0, 1]
 * @throws RangeError if the dimensions disagree, a weight is negative, the weights do not sum to 1, or a
 *   membership degree lies outside [0, 1]
 * @example fuzzyComposite([0.4, 0.3, 0.2, 0.1], [[0.5, 0.3, 0.2, 0], [0.2, 0.4, 0.3, 0.1], [0.1, 0.3, 0.5, 0.1], [0, 0.2, 0.4, 0.4]]) // → [0.28, 0.32, 0.31, 0.09]
 */
export function fuzzyComposite(weights: readonly number[], membership: readonly (readonly number[])[]): number[] {
  if (weights.length !== membership.length) {
    throw new RangeError(`fuzzyComposite: ${weights.length} weights but ${membership.length} rows of memberships`);
  }
  if (weights.length === 0) throw new RangeError('fuzzyComposite: no factors');
  let weightSum = 0;
  for (const w of weights) {
    assertFinite('fuzzyComposite', w);
    if (w < 0) throw new RangeError(`fuzzyComposite: weight ${w} is negative`);
    weightSum += w;
  }
  if (Math.abs(weightSum - 1) > 1e-9) {
    throw new RangeError(`fuzzyComposite: the weights sum to ${weightSum}, not 1; normalise them first`);
  }
  const m = membership[0].length;
  const composite = new Array<number>(m).fill(0);
  membership.forEach((row, i) => {
    if (row.length !== m) throw new RangeError(`fuzzyComposite: membership rows have different lengths (${m} and ${row.length})`);
    row.forEach((r, j) => {
      assertFinite('fuzzyComposite', r);
      if (r < 0 || r > 1) throw new RangeError(`fuzzyComposite: membership degree ${r} (row ${i + 1}, grade ${j + 1}) is outside [0, 1]`);
      composite[j] += weights[i] * r;
    });
  });
  return composite;
}

/**
 * The score of a composite membership vector: Σ_j b_j s_j / Σ_j b_j.
 * @returns the score, or null when B is all zeros
 * @throws RangeError if the lengths differ, a value is not finite, or a b_j is negative
 * @example fuzzyScore([0.28, 0.32, 0.31, 0.09], [95, 85, 70, 50]) // → 80
 */
export function fuzzyScore(composite: readonly number[], gradeScores: readonly number[]): number | null {
  if (composite.length !== gradeScores.length) {
    throw new RangeError(`fuzzyScore: ${composite.length} memberships but ${gradeScores.length} grade scores`);
  }
  let mass = 0;
  let weighted = 0;
  composite.forEach((b, j) => {
    assertFinite('fuzzyScore', b);
    assertFinite('fuzzyScore', gradeScores[j]);
    if (b < 0) throw new RangeError(`fuzzyScore: membership ${b} is negative`);
    mass += b;
    weighted += b * gradeScores[j];
  });
  return mass > 0 ? weighted / mass : null;
}

/**
 * One-level fuzzy comprehensive evaluation: B = W · R, then its score.
 * @throws as fuzzyComposite and fuzzyScore
 * @example fuzzyEvaluate([0.5, 0.5], [[0.6, 0.4, 0], [0.2, 0.6, 0.2]], [100, 80, 60]).score // → 86
 */
export function fuzzyEvaluate(
  weights: readonly number[],
  membership: readonly (readonly number[])[],
  gradeScores: readonly number[],
): { composite: number[]; score: number | null } {
  const composite = fuzzyComposite(weights, membership);
  return { composite, score: fuzzyScore(composite, gradeScores) };
}
