/**
 * The JSON renderings (design §7.2, issue 13 §5): the assessment result of `assess --json` and the metrics of
 * `metrics --json`, each written once and in one naming convention, snake_case. The engine's objects keep their
 * TypeScript names (CaseCounts.closedOnTime …); this renderer gives the few camelCase fields their snake_case names
 * and leaves out what the result already carries elsewhere:
 *
 * | schema 2 (until issue 13)            | schema 3                              |
 * |--------------------------------------|---------------------------------------|
 * | metrics.dataQuality                  | — (data_quality, its only copy)       |
 * | metrics.warnings                     | — (warnings holds them all)           |
 * | metrics.period                       | — (period)                            |
 * | metrics.caseCounts                   | metrics.case_counts                   |
 * | …counts.closedOnTime, contactDue, …  | …counts.closed_on_time, contact_due, … (also findings.overall.case_pooled) |
 * | metrics.survey.minN, ….lowN          | metrics.survey.min_n, ….low_n         |
 * | metrics.ratings.indicators.*.kendallW | metrics.ratings.indicators.*.kendall_w |
 *
 * Keys that are data — unit, indicator, item, category and grade names — are kept as they are.
 * @example snakeCase('closedOnTime') // → 'closed_on_time'
 */
import type { AssessmentResult } from '../model/result.js';
import type { BreakdownRow, CaseCounts, MetricsResult, RatingsResult, SurveyResult, UnitCategoryRow } from '../types.js';

/** A TypeScript field name in snake_case. @example snakeCase('satisfactionScoreSum') // → 'satisfaction_score_sum' */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** An object's own field names in snake_case, its values untouched: for objects whose keys are all field names. */
function snakeFields(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [snakeCase(k), v]));
}

function mapValues<T, U>(rec: Record<string, T>, f: (v: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, f(v)]));
}

/** Case counts under snake_case names: every key of CaseCounts is a counter's name, never data. */
export const caseCountsJson = (c: CaseCounts): Record<string, unknown> => snakeFields(c);

/** Breakdown rows keep their group key and metric ids; their counts take snake_case names. */
export function breakdownsJson(b: MetricsResult['breakdowns']): Record<string, unknown> {
  const rows = (list: BreakdownRow[] | UnitCategoryRow[]) => list.map((r) => ({ ...r, counts: caseCountsJson(r.counts) }));
  return mapValues(b as Record<string, BreakdownRow[] | Record<string, UnitCategoryRow[]>>, (v) => (Array.isArray(v) ? rows(v) : mapValues(v, rows)));
}

/** The survey's fields in snake_case (min_n, low_n); item, dimension and unit keys as they are. */
export function surveyJson(s: SurveyResult | null): Record<string, unknown> | null {
  return s && snakeFields({ ...s, units: mapValues(s.units, snakeFields), overall: snakeFields(s.overall) });
}

/** The ratings' fields in snake_case (kendall_w); indicator and unit keys as they are. */
export function ratingsJson(r: RatingsResult | null): Record<string, unknown> | null {
  return r && snakeFields({ ...r, indicators: mapValues(r.indicators, snakeFields) });
}

/** The metric stage's part of the result: what only it holds (the period, data quality and warnings are the result's). */
function metricsPartJson(m: MetricsResult): Record<string, unknown> {
  const { period: _period, dataQuality: _dataQuality, warnings: _warnings, ...own } = m;
  return snakeFields({
    ...own,
    caseCounts: mapValues(m.caseCounts, caseCountsJson),
    breakdowns: breakdownsJson(m.breakdowns),
    survey: surveyJson(m.survey),
    ratings: ratingsJson(m.ratings),
  });
}

/** The assessment result as the JSON document of design §7.2 (schema_version 3), keys in the result's order. */
export function resultJson(r: AssessmentResult): Record<string, unknown> {
  const findings = r.findings
    ? { ...r.findings, overall: { ...r.findings.overall, case_pooled: r.findings.overall.case_pooled && caseCountsJson(r.findings.overall.case_pooled) } }
    : r.findings;
  return { ...r, metrics: metricsPartJson(r.metrics), ...(r.findings !== undefined ? { findings } : {}) };
}

/**
 * The JSON of `govscore metrics --json` (issue 2): case metrics per unit under their §4 ids without the `cases.`
 * prefix. `period` is null when there was none to use: no --period and no case log to infer one from.
 */
export function metricsJson(m: MetricsResult, periodKnown = true): Record<string, unknown> {
  return {
    period: periodKnown ? m.period : null,
    units: m.units.map((u) => ({
      unit: u.unit,
      name: u.name,
      parent: u.parent,
      metrics: m.cases[u.unit] ?? null,
      custom: Object.fromEntries(Object.entries(m.custom).map(([id, byUnit]) => [id, byUnit[u.unit] ?? null])),
    })),
    breakdowns: breakdownsJson(m.breakdowns),
    survey: surveyJson(m.survey),
    ratings: ratingsJson(m.ratings),
    data_quality: m.dataQuality,
    warnings: m.warnings,
  };
}

