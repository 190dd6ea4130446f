import { sampleVariance } from 'simple-statistics';

/**
 * Cronbach's alpha, the internal consistency of k items answered by the same respondents:
 *
 *   α = k/(k − 1) · (1 − Σ_i σ²_i / σ²_total),
 *
 * with σ²_i the sample variance (n − 1 denominator) of item i and σ²_total the sample variance of the
 * respondents' totals over the k items (Cronbach 1951). Respondents who skipped any item are left out
 * (listwise deletion), as SPSS's RELIABILITY procedure does by default. Respondent weights are not applied.
 * α can be negative when items are negatively correlated; it never exceeds 1.
 *
 * @param answers one row per respondent, one column per item; null for a missing answer
 * @returns α, or null when k < 2, fewer than 2 respondents answered every item, or the totals do not
 *   vary (σ²_total = 0)
 * @throws RangeError if rows have different lengths or a value is not finite
 * @example cronbachAlpha([[3, 4, 3], [2, 3, 4], [4, 4, 5], [3, 2, 3], [4, 4, 4]]) // → 0.7326
 */
export function cronbachAlpha(answers: readonly (readonly (number | null)[])[]): number | null {
  if (answers.length === 0) return null;
  const k = answers[0].length;
  for (const row of answers) {
    if (row.length !== k) throw new RangeError(`cronbachAlpha: rows have different lengths (${k} and ${row.length})`);
    for (const v of row) {
      if (v !== null && !Number.isFinite(v)) throw new RangeError(`cronbachAlpha: ${v} is not a finite number`);
    }
  }
  if (k < 2) return null;
  const complete = answers.filter((row) => row.every((v) => v !== null)) as number[][];
  if (complete.length < 2) return null;

  let itemVarianceSum = 0;
  for (let i = 0; i < k; i++) itemVarianceSum += sampleVariance(complete.map((row) => row[i]));
  const totals = complete.map((row) => row.reduce((a, b) => a + b, 0));
  const totalVariance = sampleVariance(totals);
  if (!(totalVariance > 0)) return null;
  return (k / (k - 1)) * (1 - itemVarianceSum / totalVariance);
}
