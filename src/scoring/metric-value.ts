import { parseMetricId } from '../metrics/metric-catalogue.js';
import type { MetricsResult, RatingCell } from '../types.js';

function finiteOrNull(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * Resolving a metric id of the indicator system (its forms: src/metrics/metric-catalogue.ts) to one unit's value in
 * the metric stage's result.
 *
 * | metric id                   | value                                              |
 * |-----------------------------|----------------------------------------------------|
 * | `cases.<id>`                | metrics.cases[unit][id]                            |
 * | `survey.satisfaction_index` | metrics.survey.units[unit].index                   |
 * | `survey.satisfaction_rate`  | metrics.survey.units[unit].rate                    |
 * | `survey.item:<id>`          | metrics.survey.units[unit].items[id]               |
 * | `survey.dimension:<id>`     | metrics.survey.units[unit].dimensions[id].index    |
 * | `ratings.<id>`              | metrics.ratings.cells[id][unit].value              |
 * | `custom.<id>`               | metrics.custom[id][unit]                           |
 *
 * Anything absent (no survey file, a unit without respondents, an indicator nobody rated) or non-finite is null:
 * a missing value, handled by the leaf's missing-value policy (design §6.4), never 0.
 * @example metricValue(metrics, 'cases.on_time_close_rate', '东湖社区') // → 0.93
 */
export function metricValue(metrics: MetricsResult, metricId: string, unit: string): number | null {
  const parsed = parseMetricId(metricId);
  if (!('ref' in parsed)) return null;
  const ref = parsed.ref;
  switch (ref.source) {
    case 'cases':
      return finiteOrNull(metrics.cases[unit]?.[ref.id]);
    case 'survey': {
      const u = metrics.survey?.units[unit];
      if (!u) return null;
      if (ref.kind === 'satisfaction_index') return finiteOrNull(u.index);
      if (ref.kind === 'satisfaction_rate') return finiteOrNull(u.rate);
      if (ref.kind === 'item') return finiteOrNull(u.items[ref.id]);
      return finiteOrNull(u.dimensions[ref.id]?.index);
    }
    case 'ratings':
      return finiteOrNull(ratingCell(metrics, ref.id, unit)?.value);
    case 'custom':
      return finiteOrNull(metrics.custom[ref.id]?.[unit]);
  }
}

/** One unit's aggregated rating of a rated indicator id, or null when nobody rated it. */
export function ratingCell(metrics: MetricsResult, ratingId: string, unit: string): RatingCell | null {
  return metrics.ratings?.cells[ratingId]?.[unit] ?? null;
}
