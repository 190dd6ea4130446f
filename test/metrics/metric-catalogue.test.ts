// The metric catalogue (issue 13 item 4): one answer to "is this a metric, and what kind", which the indicator
// system's checks and the scoring both use. Error messages are those config/indicator-system.ts gave before
// (test/config/indicator-system.test.ts pins several of them at their config path).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASE_METRIC_IDS } from '../../src/model/case-metrics.js';
import { parseIndicatorSystem } from '../../src/config/indicator-system.js';
import { ConfigError } from '../../src/errors.js';
import { METRIC_ID_FORMS, isScoreValued, metricTraits, parseMetricId, traitsOfMetric } from '../../src/metrics/metric-catalogue.js';
import { metricValue } from '../../src/scoring/metric-value.js';
import type { MetricsResult } from '../../src/types.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { propertyParams } from '../helpers/property-params.js';

describe('parseMetricId', () => {
  it('reads every form of design §4–§5', () => {
    expect(parseMetricId('cases.return_rate')).toEqual({ ref: { source: 'cases', id: 'return_rate' } });
    expect(parseMetricId('survey.satisfaction_index')).toEqual({ ref: { source: 'survey', kind: 'satisfaction_index' } });
    expect(parseMetricId('survey.satisfaction_rate')).toEqual({ ref: { source: 'survey', kind: 'satisfaction_rate' } });
    expect(parseMetricId('survey.item:q4')).toEqual({ ref: { source: 'survey', kind: 'item', id: 'q4' } });
    expect(parseMetricId('survey.dimension:service')).toEqual({ ref: { source: 'survey', kind: 'dimension', id: 'service' } });
    expect(parseMetricId('ratings.C1.2')).toEqual({ ref: { source: 'ratings', id: 'C1.2' } });
    expect(parseMetricId('custom.noise_rate')).toEqual({ ref: { source: 'custom', id: 'noise_rate' } });
  });

  it('says what is wrong with an id of no known form', () => {
    expect(parseMetricId('cases.speed')).toEqual({ error: `unknown case metric "cases.speed"; expected one of ${CASE_METRIC_IDS.map((m) => `cases.${m}`).join(', ')}` });
    expect(parseMetricId('cases')).toEqual({ error: expect.stringMatching(/^unknown case metric "cases"; /) });
    expect(parseMetricId('cases.toString')).toEqual({ error: expect.stringMatching(/^unknown case metric/) });
    expect(parseMetricId('survey.index')).toEqual({
      error: 'unknown survey metric "survey.index"; expected survey.satisfaction_index, survey.satisfaction_rate, survey.item:<id> or survey.dimension:<id>',
    });
    expect(parseMetricId('ratings.C 1')).toEqual({ error: 'expected ratings.<id>, the indicator id used in the ratings file' });
    expect(parseMetricId('hotline.return_rate')).toEqual({ error: `unknown metric "hotline.return_rate"; expected one of ${METRIC_ID_FORMS}` });
    expect(METRIC_ID_FORMS).toBe(
      'cases.<case_count|on_time_close_rate|first_contact_rate|resolution_rate|satisfaction_rate|satisfaction_score|verification_rate|return_rate|repeat_rate|mean_close_workdays|cases_per_10k|reopen_rate|merged_share>, survey.satisfaction_index, survey.satisfaction_rate, survey.item:<id>, survey.dimension:<id>, ratings.<id>, custom.<id>',
    );
  });
});

describe('metric traits', () => {
  it('scores where the value is already 0..100 (the leaves that may omit scoring), shares, volumes', () => {
    const scoreValued = ['survey.satisfaction_index', 'survey.item:q1', 'survey.dimension:d', 'ratings.C1', 'cases.satisfaction_score'];
    for (const id of scoreValued) expect([id, isScoreValued(id)]).toEqual([id, true]);
    for (const id of ['survey.satisfaction_rate', 'cases.return_rate', 'cases.case_count', 'custom.x', 'cases.mean_close_workdays', 'nonsense']) {
      expect([id, isScoreValued(id)]).toEqual([id, false]);
    }
    expect(traitsOfMetric('survey.satisfaction_rate')).toEqual({ scale: 'share', direction: 'benefit', fromCaseLog: false });
    expect(metricTraits({ source: 'cases', id: 'return_rate' })).toEqual({ scale: 'share', direction: 'cost', fromCaseLog: true });
    expect(traitsOfMetric('cases.mean_close_workdays')).toEqual({ scale: 'days', direction: 'cost', fromCaseLog: true });
    expect(traitsOfMetric('cases.cases_per_10k')).toEqual({ scale: 'per_10k', direction: null, fromCaseLog: true });
    expect(traitsOfMetric('custom.noise_rate')).toEqual({ scale: 'any', direction: null, fromCaseLog: true });
    expect(traitsOfMetric('cases.speed')).toBeNull();
  });
});

// Config and scoring agree: an id the indicator system accepts is one the scoring resolves to the right value, and
// an id of no known form is refused by both (the config with the catalogue's own message).
describe('config and scoring read one catalogue', () => {
  const SYSTEM = (metric: string) => `
name: t
survey:
  items: [{id: q1, dimension: service}]
custom_metrics:
  - {id: noise_rate, filter: "d => d.category === '噪音'", aggregate: rate, expr: "d => d.on_time"}
indicators:
  - {id: A, name: A, weight: 1, metric: ${JSON.stringify(metric)}, scoring: {method: minmax}}
`;
  const metrics = {
    cases: { u: Object.fromEntries(CASE_METRIC_IDS.map((id, i) => [id, i + 0.5])) },
    survey: { units: { u: { index: 71, rate: 0.8, items: { q1: 72 }, dimensions: { service: { index: 73 } } } } },
    ratings: { cells: { 'C1.2': { u: { value: 85 } } } },
    custom: { noise_rate: { u: 0.25 } },
  } as unknown as MetricsResult;
  const expected = (metric: string): number | null => {
    if (metric.startsWith('cases.')) return CASE_METRIC_IDS.indexOf(metric.slice(6) as never) + 0.5;
    return ({ 'survey.satisfaction_index': 71, 'survey.satisfaction_rate': 0.8, 'survey.item:q1': 72, 'survey.dimension:service': 73, 'ratings.C1.2': 85, 'custom.noise_rate': 0.25 } as Record<string, number>)[metric] ?? null;
  };
  const known = [...CASE_METRIC_IDS.map((id) => `cases.${id}`), 'survey.satisfaction_index', 'survey.satisfaction_rate', 'survey.item:q1', 'survey.dimension:service', 'ratings.C1.2', 'custom.noise_rate'];
  const anyId = fc.oneof(
    fc.constantFrom(...known),
    fc.tuple(fc.constantFrom('cases', 'survey', 'ratings', 'custom', 'hotline', 'case'), fc.constantFrom('.', ''), fc.constantFrom('return_rate', 'item:', 'dimension:x', 'index', 'C 1', 'satisfaction_rate', '')).map(([a, b, c]) => a + b + c),
  );

  it('accepts exactly the ids the catalogue parses (with their context), and scores the value they name', () => {
    fc.assert(
      fc.property(anyId, (metric) => {
        const parsed = parseMetricId(metric);
        let accepted = true;
        let message = '';
        try {
          parseIndicatorSystem(SYSTEM(metric), 'sys.yaml');
        } catch (e) {
          if (!(e instanceof ConfigError)) throw e;
          accepted = false;
          message = e.message;
        }
        if ('error' in parsed) {
          expect(accepted).toBe(false);
          expect(message).toBe(parsed.error);
          expect(metricValue(metrics, metric, 'u')).toBeNull();
        } else if (accepted) {
          expect(metricValue(metrics, metric, 'u')).toBe(expected(metric));
        } else {
          // Well formed but naming what this system lacks: a survey item, dimension or custom metric it does not list.
          expect(message).toMatch(/^unknown (survey item|survey dimension|custom metric) /);
        }
      }),
      propertyParams(150),
    );
  });
});

// Issue 13 item 4: the forms of a metric id are the catalogue's alone. A config or scoring module that lists the case
// metric ids or takes an id apart itself (`startsWith('survey.')`, `'item:'`) is a second copy that drifts.
describe('no mirror of the catalogue', () => {
  const filesUnder = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  const MIRROR = /CASE_METRIC_IDS|['"](?:item|dimension):['"]|startsWith\(['"](?:cases|survey|custom)\.|['"]survey\.satisfaction_(?:index|rate)['"]/;
  it.each(['config', 'scoring'])('src/%s spells no metric id form of its own', (dir) => {
    const offending = filesUnder(join(PACKAGE_ROOT, 'src', dir)).filter((f) => MIRROR.test(readFileSync(f, 'utf8')));
    expect(offending, 'parse the id with parseMetricId (src/metrics/metric-catalogue.ts) instead').toEqual([]);
  });
});
