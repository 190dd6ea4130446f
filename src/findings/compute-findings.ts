/**
 * Findings per unit (issue 5 §4, issue 11): grade and rank, strongest and weakest level-1 dimension against the
 * median unit, the leaves that cost most points, the leaves where the unit is best or worst of all units, its case
 * metrics against the street's pooled cases, overdue cases and returns, survey sample warnings, change since the
 * previous period; and the street as a whole (overall-findings.ts). The report only renders these numbers
 * (conventions: a renderer never computes a number).
 *
 * - Dimension gap: gap_d = score_d − median over units of score_d (units without a score for d are left out of the
 *   median); strongest = the largest gap, weakest = the smallest (ties: the earlier dimension in tree order).
 *   With a single dimension, strongest and weakest are both null (nothing to compare). The side (above/below/at)
 *   is the sign of the gap as displayed with one decimal, so "above" never goes with a gap that shows 0.0.
 * - Lost points of a leaf: global_weight × (100 − score); the three largest (> 0) are kept, ties in tree order.
 * - Overdue cases: closed after their deadline + still open with the deadline passed at the cut-off.
 * - Case gaps: a rate is notably worse when it is 2 percentage points on the wrong side of the pooled rate (return
 *   and repeat rates: 1 point above and a quarter above it); mean working days when 0.5 day longer.
 * Units without a total (未评估) are left out of the units and named in overall.not_assessed.
 * Throws nothing; missing parts give nulls.
 * @example computeFindings(result).units[0] // → { unit: '东湖社区', rank: 1, strongest: { indicator: 'd1', gap: 6.2, side: 'above', … }, … }
 */
import { compareUnitsByRank } from '../scoring/unit-order.js';
import type { CaseCounts, CaseMetricId } from '../types.js';
import type { AssessmentResult, UnitResult } from '../model/result.js';
import { caseMetricsOf, emptyCaseCounts } from '../metrics/cases.js';
import { displayFixed } from '../format/display-fixed.js';
import type { CaseGap, CategoryGap, CostlyIndicator, DimensionGap, Findings, LeafExtreme, Side, UnitFindings } from '../model/findings.js';
import { COST_CASE_METRICS } from '../model/findings.js';
import { overallFindings } from './overall-findings.js';

type AssessedUnit = UnitResult & { total: number; grade: string };

/** Median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The side of a signed gap as a score cell (one decimal) shows it. @example sideOf(-0.04) // → 'at' */
export function sideOf(gap: number): Side {
  const shown = displayFixed(gap, 1);
  if (/^-?0\.0$/.test(shown)) return 'at';
  return gap > 0 ? 'above' : 'below';
}

/** Units with a total (assessed; not-assessed units have none), in the report's order (scoring/unit-order.ts). */
export function assessedByRank(result: AssessmentResult): AssessedUnit[] {
  return result.units.filter((u): u is AssessedUnit => u.assessed !== false && u.total !== null && u.grade !== null).sort(compareUnitsByRank);
}

/** The case metrics compared per unit, in the order a sentence names them. */
export const COMPARED_CASE_METRICS: readonly CaseMetricId[] = [
  'on_time_close_rate',
  'first_contact_rate',
  'resolution_rate',
  'return_rate',
  'repeat_rate',
  'verification_rate',
  'satisfaction_rate',
];

/** Whether a unit's value is notably on the worse (or better) side of the pooled value. */
export function notable(metric: CaseMetricId, value: number, overall: number): 'worse' | 'better' | null {
  const cost = COST_CASE_METRICS.has(metric);
  if (metric === 'mean_close_workdays') {
    if (value >= overall + 0.5) return 'worse';
    if (value <= overall - 0.5) return 'better';
    return null;
  }
  if (cost) {
    if (value >= overall + 0.01 && value >= overall * 1.25) return 'worse';
    if (value <= overall - 0.01 && value <= overall * 0.75) return 'better';
    return null;
  }
  if (value <= overall - 0.02) return 'worse';
  if (value >= overall + 0.02) return 'better';
  return null;
}

/** Sum of the case counts of the given units. */
export function pooledCounts(result: AssessmentResult, units: string[]): CaseCounts | null {
  const all = result.metrics.caseCounts;
  if (!units.some((u) => all[u])) return null;
  const sum = emptyCaseCounts();
  for (const u of units) {
    const c = all[u];
    if (!c) continue;
    for (const k of Object.keys(sum) as (keyof CaseCounts)[]) sum[k] += c[k];
  }
  return sum;
}

export function computeFindings(result: AssessmentResult): Findings {
  const level1 = result.indicators.filter((i) => i.level === 1);
  const leaves = result.indicators.filter((i) => i.leaf);
  const assessed = assessedByRank(result);

  const medians = new Map<string, number>();
  for (const d of level1) {
    const scores = assessed.map((u) => u.indicators[d.id]?.score).filter((s): s is number => s !== null && s !== undefined);
    if (scores.length) medians.set(d.id, median(scores));
  }
  // Best and worst score of each leaf over the units (a leaf where every unit ties has no worst).
  const leafRange = new Map<string, { best: number; worst: number }>();
  for (const leaf of leaves) {
    const scores = assessed.map((u) => u.indicators[leaf.id]?.score).filter((s): s is number => s !== null && s !== undefined);
    if (scores.length >= 2) leafRange.set(leaf.id, { best: Math.max(...scores), worst: Math.min(...scores) });
  }
  const pooled = pooledCounts(
    result,
    assessed.map((u) => u.unit),
  );
  const overallCase = pooled ? caseMetricsOf(pooled, null) : null;

  const deltas = new Map((result.comparison?.units ?? []).map((d) => [d.unit, d]));
  const survey = result.metrics.survey;
  const rankedCount = assessed.filter((u) => u.rank !== null).length;
  const assessedIds = new Set(assessed.map((u) => u.unit));

  const units: UnitFindings[] = assessed.map((u) => {
    const gaps: DimensionGap[] = [];
    for (const d of level1) {
      const score = u.indicators[d.id]?.score;
      const med = medians.get(d.id);
      if (score === null || score === undefined || med === undefined) continue;
      gaps.push({ indicator: d.id, score, median: med, gap: score - med, side: sideOf(score - med) });
    }
    let strongest: DimensionGap | null = null;
    let weakest: DimensionGap | null = null;
    if (gaps.length >= 2) {
      strongest = gaps.reduce((best, g) => (g.gap > best.gap ? g : best));
      weakest = gaps.reduce((worst, g) => (g.gap < worst.gap ? g : worst));
    }
    const dimensions: Record<Side, number> = { above: 0, at: 0, below: 0 };
    for (const g of gaps) dimensions[g.side]++;

    const costs: CostlyIndicator[] = [];
    const leads: LeafExtreme[] = [];
    const lags: LeafExtreme[] = [];
    for (const leaf of leaves) {
      const s = u.indicators[leaf.id];
      const score = s?.score;
      if (score === null || score === undefined) continue;
      const lost = leaf.global_weight * (100 - score);
      if (lost > 0) costs.push({ indicator: leaf.id, score, global_weight: leaf.global_weight, lost_points: lost });
      const range = leafRange.get(leaf.id);
      if (!range || range.best === range.worst) continue;
      const extreme = { indicator: leaf.id, score, raw: s.imputed ? null : s.raw, metric: leaf.metric };
      if (score === range.best) leads.push(extreme);
      if (score === range.worst) lags.push(extreme);
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

    const caseGaps: (CaseGap & { rel: number })[] = [];
    const caseLeads: (CaseGap & { rel: number })[] = [];
    const own = result.metrics.cases[u.unit];
    if (own && overallCase) {
      for (const m of COMPARED_CASE_METRICS) {
        const value = own[m];
        const overall = overallCase[m];
        if (value === null || overall === null) continue;
        const side = notable(m, value, overall);
        if (!side) continue;
        // Relative distance, so that rates near 100 % and small return rates compare fairly.
        const rel = COST_CASE_METRICS.has(m) ? Math.abs(value - overall) / Math.max(overall, 0.01) : Math.abs(value - overall) / Math.max(1 - Math.min(value, overall), 0.01);
        (side === 'worse' ? caseGaps : caseLeads).push({ metric: m, value, overall, worse: side === 'worse', rel });
      }
    }
    const strip = (xs: (CaseGap & { rel: number })[]): CaseGap[] => xs.sort((a, b) => b.rel - a.rel).map(({ rel: _rel, ...g }) => g);

    const s = survey?.units[u.unit];
    const surveyNote = survey ? { n: s?.n ?? 0, min_n: survey.minN, low_n: s ? s.lowN : true } : null;

    const d = deltas.get(u.unit);
    const change =
      d && d.status === 'both' && d.total_delta !== null && d.rank_change !== null && d.previous_rank !== null
        ? { total_delta: d.total_delta, rank_change: d.rank_change, previous_rank: d.previous_rank }
        : null;

    const gradeBefore: string | null = u.grade_before_veto;
    return {
      unit: u.unit,
      total: u.total,
      grade: u.grade,
      grade_before_veto: gradeBefore !== null && gradeBefore !== u.grade ? gradeBefore : null,
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
      dimensions,
      leads,
      lags,
      case_gaps: strip(caseGaps),
      case_leads: strip(caseLeads),
      category_gap: categoryGap(result, u.unit),
    };
  });

  return {
    units,
    dropped_units: (result.comparison?.units ?? []).filter((d) => d.status === 'dropped').map((d) => d.unit),
    low_n_units: units.filter((u) => u.survey?.low_n).map((u) => u.unit),
    not_assessed_units: result.units.filter((u) => !assessedIds.has(u.unit)).map((u) => u.unit),
    overall: overallFindings(result, units, overallCase, pooled),
  };
}

const MIN_CATEGORY_CASES = 15;

/**
 * The unit's category furthest behind the same category street-wide (see CategoryGap for the thresholds).
 * On-time gaps are compared in points, return gaps too; the larger gap wins, ties by category order.
 */
function categoryGap(result: AssessmentResult, unit: string): CategoryGap | null {
  const rows = result.metrics.breakdowns.unit_category?.[unit];
  if (!rows) return null;
  const street = new Map(result.metrics.breakdowns.category.map((r) => [r.key, r.counts]));
  const onTime = (c: CaseCounts) => (c.closed + c.openOverdue > 0 ? c.closedOnTime / (c.closed + c.openOverdue) : null);
  const returns = (c: CaseCounts) => (c.cases > 0 ? c.returned / c.cases : null);
  let best: (CategoryGap & { points: number }) | null = null;
  for (const row of rows) {
    const all = street.get(row.key);
    if (!all || row.counts.cases < MIN_CATEGORY_CASES) continue;
    const candidates: (CategoryGap & { points: number })[] = [];
    const [ov, os] = [onTime(row.counts), onTime(all)];
    if (ov !== null && os !== null && os - ov >= 0.05) candidates.push({ category: row.key, metric: 'on_time_close_rate', cases: row.counts.cases, value: ov, street: os, points: os - ov });
    const [rv, rs] = [returns(row.counts), returns(all)];
    if (rv !== null && rs !== null && rv - rs >= 0.03 && rv >= 1.5 * rs) candidates.push({ category: row.key, metric: 'return_rate', cases: row.counts.cases, value: rv, street: rs, points: rv - rs });
    for (const c of candidates) if (!best || c.points > best.points) best = c;
  }
  if (!best) return null;
  const { points: _points, ...gap } = best;
  return gap;
}
