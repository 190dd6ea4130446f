import type { MetricsResult, RatingCell } from '../types.js';

function finiteOrNull(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * Resolving a metric id of the indicator system to one unit's value in the metric stage's result.
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
  const dot = metricId.indexOf('.');
  const source = metricId.slice(0, dot);
  const rest = metricId.slice(dot + 1);
  switch (source) {
    case 'cases':
      return finiteOrNull((metrics.cases[unit] as Record<string, number | null> | undefined)?.[rest]);
    case 'survey': {
      const u = metrics.survey?.units[unit];
      if (!u) return null;
      if (rest === 'satisfaction_index') return finiteOrNull(u.index);
      if (rest === 'satisfaction_rate') return finiteOrNull(u.rate);
      if (rest.startsWith('item:')) return finiteOrNull(u.items[rest.slice(5)]);
      if (rest.startsWith('dimension:')) return finiteOrNull(u.dimensions[rest.slice(10)]?.index);
      return null;
    }
    case 'ratings':
      return finiteOrNull(ratingCell(metrics, rest, unit)?.value);
    case 'custom':
      return finiteOrNull(metrics.custom[rest]?.[unit]);
    default:
      return null;
  }
}

/** One unit's aggregated rating of a rated indicator id, or null when nobody rated it. */
export function ratingCell(metrics: MetricsResult, ratingId: string, unit: string): RatingCell | null {
  return metrics.ratings?.cells[ratingId]?.[unit] ?? null;
}
