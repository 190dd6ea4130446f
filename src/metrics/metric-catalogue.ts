/**
 * The metric catalogue (issue 13): every metric id a leaf of the indicator system may read, what it names and how
 * its values read. The indicator system's checks (src/config), the scoring (src/scoring: a unit's value, the
 * identity default) and the report's wording all ask this module, instead of each spelling the ids out again.
 *
 * | metric id                   | scale | direction | value (src/scoring/metric-value.ts)                |
 * |-----------------------------|-------|-----------|----------------------------------------------------|
 * | `cases.<id>`                | from the case-metric table (src/model/case-metrics.ts)                          |
 * | `survey.satisfaction_index` | score | benefit   | the unit's index over all items, 0..100             |
 * | `survey.satisfaction_rate`  | share | benefit   | the unit's share of satisfied answers, 0..1        |
 * | `survey.item:<id>`          | score | benefit   | one item's mean, 0..100                             |
 * | `survey.dimension:<id>`     | score | benefit   | the mean of a dimension's items, 0..100             |
 * | `ratings.<id>`              | score | benefit   | the raters' aggregated grade on the rating scale    |
 * | `custom.<id>`               | any   | —         | a custom metric's rate, mean or count (design §4)   |
 *
 * Whether a survey item, dimension or custom metric of that id exists depends on the indicator system, so the
 * config checks it; the catalogue knows the forms.
 */
import { CASE_METRIC_IDS, caseMetricDefinition, type CaseMetricFormat, type CaseMetricId } from '../model/case-metrics.js';

/** A metric id, parsed. */
export type MetricRef =
  | { source: 'cases'; id: CaseMetricId }
  | { source: 'survey'; kind: 'satisfaction_index' }
  | { source: 'survey'; kind: 'satisfaction_rate' }
  | { source: 'survey'; kind: 'item'; id: string }
  | { source: 'survey'; kind: 'dimension'; id: string }
  | { source: 'ratings'; id: string }
  | { source: 'custom'; id: string };

/**
 * How a metric's values read: a 0..100 score (a leaf may omit `scoring`: identity), a share 0..1, working days,
 * a number of cases, cases per 10 000 residents, or anything (a custom metric's rate, mean or count).
 */
export type MetricScale = 'score' | 'share' | 'days' | 'count' | 'per_10k' | 'any';

export interface MetricTraits {
  scale: MetricScale;
  /** More is better (benefit), worse (cost), or neither (volumes; custom metrics, whose leaf says). */
  direction: 'benefit' | 'cost' | null;
  /** Counted from the case log (cases.*, custom.*): a unit without cases has no data there (design §6.3). */
  fromCaseLog: boolean;
}

/** The forms of a metric id, as an error message lists them. */
export const METRIC_ID_FORMS = `cases.<${CASE_METRIC_IDS.join('|')}>, survey.satisfaction_index, survey.satisfaction_rate, survey.item:<id>, survey.dimension:<id>, ratings.<id>, custom.<id>`;

/** A rated indicator id as the ratings file names it. */
const RATING_ID = /^[A-Za-z0-9_.-]+$/;

/**
 * Parses a metric id; an unknown form is an error message (the config puts it at the leaf's `metric` path).
 * @example parseMetricId('survey.item:q4') // → { ref: { source: 'survey', kind: 'item', id: 'q4' } }
 * @example parseMetricId('cases.speed') // → { error: 'unknown case metric "cases.speed"; expected one of cases.case_count, …' }
 */
export function parseMetricId(metric: string): { ref: MetricRef } | { error: string } {
  const dot = metric.indexOf('.');
  const source = dot < 0 ? metric : metric.slice(0, dot);
  const rest = dot < 0 ? '' : metric.slice(dot + 1);
  switch (source) {
    case 'cases':
      if (!caseMetricDefinition(rest)) {
        return { error: `unknown case metric "${metric}"; expected one of ${CASE_METRIC_IDS.map((m) => `cases.${m}`).join(', ')}` };
      }
      return { ref: { source, id: rest as CaseMetricId } };
    case 'survey':
      if (rest === 'satisfaction_index' || rest === 'satisfaction_rate') return { ref: { source, kind: rest } };
      if (rest.startsWith('item:')) return { ref: { source, kind: 'item', id: rest.slice(5) } };
      if (rest.startsWith('dimension:')) return { ref: { source, kind: 'dimension', id: rest.slice(10) } };
      return {
        error: `unknown survey metric "${metric}"; expected survey.satisfaction_index, survey.satisfaction_rate, survey.item:<id> or survey.dimension:<id>`,
      };
    case 'ratings':
      if (!RATING_ID.test(rest)) return { error: 'expected ratings.<id>, the indicator id used in the ratings file' };
      return { ref: { source, id: rest } };
    case 'custom':
      return { ref: { source, id: rest } };
    default:
      return { error: `unknown metric "${metric}"; expected one of ${METRIC_ID_FORMS}` };
  }
}

const SCALE_OF_FORMAT: Record<CaseMetricFormat, MetricScale> = { percent: 'share', score: 'score', days: 'days', count: 'count', per_10k: 'per_10k' };

/**
 * What a parsed metric is: its scale, direction hint and whether it comes from the case log.
 * @example metricTraits({ source: 'cases', id: 'return_rate' }) // → { scale: 'share', direction: 'cost', fromCaseLog: true }
 */
export function metricTraits(ref: MetricRef): MetricTraits {
  switch (ref.source) {
    case 'cases': {
      const d = caseMetricDefinition(ref.id)!;
      return { scale: SCALE_OF_FORMAT[d.format], direction: d.direction, fromCaseLog: true };
    }
    case 'survey':
      return { scale: ref.kind === 'satisfaction_rate' ? 'share' : 'score', direction: 'benefit', fromCaseLog: false };
    case 'ratings':
      return { scale: 'score', direction: 'benefit', fromCaseLog: false };
    case 'custom':
      return { scale: 'any', direction: null, fromCaseLog: true };
  }
}

/**
 * The traits of a metric id, or null for an id of no known form.
 * @example traitsOfMetric('survey.dimension:service')?.scale // → 'score'
 */
export function traitsOfMetric(metric: string): MetricTraits | null {
  const parsed = parseMetricId(metric);
  return 'ref' in parsed ? metricTraits(parsed.ref) : null;
}

/**
 * Whether a metric's values are already 0..100 scores, so that its leaf may omit `scoring` (identity).
 * @example isScoreValued('cases.satisfaction_score') // → true
 * @example isScoreValued('survey.satisfaction_rate') // → false
 */
export function isScoreValued(metric: string): boolean {
  return traitsOfMetric(metric)?.scale === 'score';
}
