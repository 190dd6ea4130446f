import { clipScore } from './clip.js';
import { z } from 'zod';
import type { LeafMethod } from './leaf-method.js';

/**
 * Grade-table scoring (design §6.1) for qualitative ratings: each rater's grade label scores by the table
 * (e.g. 优 100, 良 80, 中 60, 差 40) and the unit's score is the mean over its raters:
 * score = Σ_label count(label)·table(label) / Σ_label count(label), over the labels the table lists.
 * Ratings given as numbers (no label), or labels absent from the table, do not enter the mean; if none of a
 * unit's ratings has a listed label, the aggregated rating value itself is used (clipped to 0..100), so a unit
 * rated only with numbers still gets a score.
 * @example gradeTableScore({ 优: 2, 良: 1 }, { 优: 100, 良: 80 }, 93) // → (2·100 + 80)/3 = 93.33…
 */
export function gradeTableScore(
  distribution: Readonly<Record<string, number>> | null,
  table: Readonly<Record<string, number>>,
  fallback: number | null,
): number | null {
  let weighted = 0;
  let count = 0;
  for (const [label, c] of Object.entries(distribution ?? {})) {
    const score = table[label];
    if (score === undefined || !(c > 0)) continue;
    weighted += c * score;
    count += c;
  }
  if (count > 0) return clipScore(weighted / count);
  return fallback === null ? null : clipScore(fallback);
}

declare module '../../model/indicator-system.js' {
  interface LeafMethodParams {
    grade: { table: Record<string, number> };
  }
}

/** `scoring: {method: grade, table: {优: 100, 良: 80, …}}`, for ratings leaves. */
export const gradeMethod: LeafMethod<'grade'> = {
  id: 'grade',
  params: { table: z.record(z.string(), z.number().min(0).max(100)) },
  check: ({ table }, { metric }) => {
    if (!metric.startsWith('ratings.')) return { key: 'method', message: 'grade scoring maps rating labels to scores; it applies to ratings.<id> metrics only' };
    if (Object.keys(table).length === 0) return { key: 'table', message: 'expected at least one label: score' };
    return null;
  },
  score: ({ table }, _direction, raws, labels) => raws.map((x, i) => (x === null ? null : gradeTableScore(labels?.[i] ?? null, table, x))),
  describe: ({ table }) => {
    const entries = Object.entries(table).map(([k, v]) => `${k} ${String(v)}`);
    const tail = entries.length ? `: ${entries.join(', ')}` : '';
    return { zh: `按等级对照表计分${tail}`, en: `grade table${tail}` };
  },
};
