/**
 * Findings per unit (issue 5 §4): grade and rank, strongest and weakest level-1 dimension against the median unit,
 * the leaves that cost most points, overdue cases and returns, survey sample warnings, change since the previous
 * period. The report only renders these numbers (conventions: a renderer never computes a number).
 *
 * - Dimension gap: gap_d = score_d − median over units of score_d (units without a score for d are left out of the
 *   median); strongest = the largest gap, weakest = the smallest (ties: the earlier dimension in tree order).
 *   With a single dimension, strongest and weakest are both null (nothing to compare).
 * - Lost points of a leaf: global_weight × (100 − score); the three largest (> 0) are kept, ties in tree order.
 * - Overdue cases: closed after their deadline + still open with the deadline passed at the cut-off.
 * Throws nothing; missing parts give nulls.
 * @example computeFindings(result).units[0] // → { unit: '东湖社区', rank: 1, strongest: { indicator: 'd1', gap: 6.2, … }, … }
 */
import { compareUnitsByRank } from '../scoring/unit-order.js';
import type { AssessmentResult, UnitResult } from '../types.js';
import type { CostlyIndicator, DimensionGap, Findings, UnitFindings } from './findings-types.js';

type AssessedUnit = UnitResult & { total: number; grade: string };

/** Median of a non-empty list (mean of the two middle values for an even count). */
function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function computeFindings(result: AssessmentResult): Findings {
  const level1 = result.indicators.filter((i) => i.level === 1);
  const leaves = result.indicators.filter((i) => i.leaf);

  const medians = new Map<string, number>();
  for (const d of level1) {
    const scores = result.units.map((u) => u.indicators[d.id]?.score).filter((s): s is number => s !== null && s !== undefined);
    if (scores.length) medians.set(d.id, median(scores));
  }

  const deltas = new Map((result.comparison?.units ?? []).map((d) => [d.unit, d]));
  const survey = result.metrics.survey;
  // Not-assessed units have no total, grade or rank to find anything about; they are listed by name only.
  const assessed = result.units.filter((u): u is AssessedUnit => u.assessed !== false && u.total !== null && u.grade !== null);
  const ordered = [...assessed].sort(compareUnitsByRank);
  const rankedCount = assessed.filter((u) => u.rank !== null).length;
  const assessedIds = new Set(assessed.map((u) => u.unit));

  const units: UnitFindings[] = ordered.map((u) => {
    const gaps: DimensionGap[] = [];
    for (const d of level1) {
      const score = u.indicators[d.id]?.score;
      const med = medians.get(d.id);
      if (score === null || score === undefined || med === undefined) continue;
      gaps.push({ indicator: d.id, score, median: med, gap: score - med });
    }
    let strongest: DimensionGap | null = null;
    let weakest: DimensionGap | null = null;
    if (gaps.length >= 2) {
      strongest = gaps.reduce((best, g) => (g.gap > best.gap ? g : best));
      weakest = gaps.reduce((worst, g) => (g.gap < worst.gap ? g : worst));
    }

    const costs: CostlyIndicator[] = [];
    for (const leaf of leaves) {
      const score = u.indicators[leaf.id]?.score;
      if (score === null || score === undefined) continue;
      const lost = leaf.global_weight * (100 - score);
      if (lost > 0) costs.push({ indicator: leaf.id, score, global_weight: leaf.global_weight, lost_points: lost });
    }
    // Stable sort keeps tree order among equal losses.
    costs.sort((a, b) => b.lost_points - a.lost_points);

    const counts = result.metrics.caseCounts[u.unit];
    const cases = counts
      ? {
          cases: counts.cases,
          closed_late: counts.closedLate,
          open_overdue: counts.openOverdue,
          overdue: counts.closedLate + counts.openOverdue,
          returned: counts.returned,
          return_rate: counts.cases > 0 ? counts.returned / counts.cases : null,
        }
      : null;

    const s = survey?.units[u.unit];
    const surveyNote = survey ? { n: s?.n ?? 0, min_n: survey.minN, low_n: s ? s.lowN : true } : null;

    const d = deltas.get(u.unit);
    const change =
      d && d.status === 'both' && d.total_delta !== null && d.rank_change !== null && d.previous_rank !== null
        ? { total_delta: d.total_delta, rank_change: d.rank_change, previous_rank: d.previous_rank }
        : null;

    return {
      unit: u.unit,
      total: u.total,
      grade: u.grade,
      grade_before_veto: u.grade_before_veto !== u.grade ? u.grade_before_veto : null,
      vetoes: [...u.vetoes],
      rank: u.rank,
      rank_note: u.rank_note ?? null,
      of: rankedCount,
      strongest,
      weakest,
      costliest: costs.slice(0, 3),
      cases,
      survey: surveyNote,
      change,
      new_unit: d?.status === 'new',
    };
  });

  return {
    units,
    dropped_units: (result.comparison?.units ?? []).filter((d) => d.status === 'dropped').map((d) => d.unit),
    low_n_units: units.filter((u) => u.survey?.low_n).map((u) => u.unit),
    not_assessed_units: result.units.filter((u) => !assessedIds.has(u.unit)).map((u) => u.unit),
  };
}
