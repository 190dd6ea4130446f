/**
 * Builds a MetricsResult by hand for scoring tests: only the parts scoring reads (units, case metrics, custom
 * metrics, survey and ratings) carry values; counts and breakdowns are empty.
 */
import { CASE_METRIC_IDS } from '../../src/model/case-metrics.js';
import type { CaseMetrics, MetricsResult, RatingCell, SurveyUnitResult } from '../../src/types.js';

export interface FixtureSpec {
  units: string[];
  /** metric id (without `cases.`) → values per unit, in `units` order. */
  cases?: Record<string, (number | null)[]>;
  custom?: Record<string, (number | null)[]>;
  /** survey index per unit (null: no respondents). */
  surveyIndex?: (number | null)[];
  /** rated id → value per unit (null: not rated), optional label distributions. */
  ratings?: Record<string, (number | null)[]>;
  distributions?: Record<string, (Record<string, number> | null)[]>;
}

export function buildMetrics(spec: FixtureSpec): MetricsResult {
  const cases: Record<string, CaseMetrics> = {};
  spec.units.forEach((unit, u) => {
    const m = Object.fromEntries(CASE_METRIC_IDS.map((id) => [id, null])) as CaseMetrics;
    for (const [id, values] of Object.entries(spec.cases ?? {})) (m as Record<string, number | null>)[id] = values[u];
    cases[unit] = m;
  });
  const custom: Record<string, Record<string, number | null>> = {};
  for (const [id, values] of Object.entries(spec.custom ?? {})) custom[id] = Object.fromEntries(spec.units.map((unit, u) => [unit, values[u]]));
  const surveyUnit = (index: number | null): SurveyUnitResult => ({
    n: index === null ? 0 : 50,
    index,
    rate: null,
    moe: null,
    lowN: false,
    alpha: null,
    items: {},
    dimensions: {},
  });
  const cells: Record<string, Record<string, RatingCell>> = {};
  for (const [id, values] of Object.entries(spec.ratings ?? {})) {
    cells[id] = {};
    spec.units.forEach((unit, u) => {
      const v = values[u];
      if (v === null) return;
      cells[id][unit] = { n: 3, value: v, min: v, max: v, distribution: spec.distributions?.[id]?.[u] ?? {} };
    });
  }
  return {
    period: { from: '2026-07-01', to: '2026-09-30', as_of: '2026-10-01T00:00:00' },
    units: spec.units.map((unit) => ({ unit, name: null, parent: null, population: null })),
    cases,
    caseCounts: {},
    breakdowns: { urgency: [], category: [], department: [] },
    custom,
    warnings: [],
    survey: spec.surveyIndex
      ? {
          items: [],
          minN: 30,
          units: Object.fromEntries(spec.units.map((unit, u) => [unit, surveyUnit(spec.surveyIndex![u])])),
          overall: surveyUnit(null),
        }
      : null,
    ratings: spec.ratings ? { cells, indicators: {} } : null,
    dataQuality: { files: [], issues: [], by_reason: {} },
  };
}
