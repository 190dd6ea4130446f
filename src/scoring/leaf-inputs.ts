import type { IndicatorNode, IndicatorSystem, LeafIndicator } from '../model/indicator-system.js';
import { ratedIndicatorIds } from '../model/indicator-system.js';
import { ConfigError } from '../errors.js';
import { parseMetricId, type MetricRef } from '../metrics/metric-catalogue.js';
import type { MetricsResult, RunWarning } from '../types.js';

type Source = 'cases' | 'survey' | 'ratings';

/** The input a metric reads (custom metrics are computed over the case log). */
function inputOf(ref: MetricRef): Source {
  return ref.source === 'custom' ? 'cases' : ref.source;
}

const INPUT_WORDS: Record<Source, string> = { cases: 'no case log', survey: 'no survey', ratings: 'no ratings file' };

/** Every leaf with its path in the indicator system file, as a user reads the YAML (`indicators[1].children[0]`). */
function leavesWithPaths(system: IndicatorSystem): { leaf: LeafIndicator; path: string }[] {
  const out: { leaf: LeafIndicator; path: string }[] = [];
  const visit = (node: IndicatorNode, path: string) => {
    if (node.kind === 'leaf') out.push({ leaf: node, path });
    else node.children.forEach((c, i) => visit(c, `${path}.children[${i}]`));
  };
  system.indicators.forEach((n, i) => visit(n, `indicators[${i}]`));
  return out;
}

/** The absent survey items a survey metric depends on: its item, its dimension's items, or any for the index/rate. */
function absentSurveyItemsOf(ref: MetricRef & { source: 'survey' }, system: IndicatorSystem, absent: readonly string[]): string[] {
  if (absent.length === 0) return [];
  if (ref.kind === 'item') return absent.filter((id) => id === ref.id);
  if (ref.kind === 'dimension') {
    const ofDimension = new Set(system.survey.items.filter((i) => i.dimension === ref.id).map((i) => i.id));
    return absent.filter((id) => ofDimension.has(id));
  }
  return [...absent];
}

/**
 * Does every leaf of the indicator system have an input to read? Design §7.5, checked once the metric stage has
 * read the inputs and before scoring:
 *
 * - a leaf whose input was not given at all (`cases.*` or `custom.*` without a case log, `survey.*` without a
 *   survey, `ratings.*` without a ratings file) is missing for every unit, with one `leaf_input_absent` warning per
 *   input naming its leaves;
 * - a `ratings.<id>` leaf whose id the given ratings file does not have (a typo such as `ratings.condcut` while the
 *   file has `conduct`) is a configuration error naming the leaf's path in the indicator system and the ids the file
 *   has — unless the leaf says `optional: true`: then it is missing for every unit with a `leaf_optional_absent`
 *   warning;
 * - likewise a survey leaf reading an item the given survey file has no column for (`survey.item:q44`, or the
 *   index, rate or a dimension over such an item: `survey.absent_items`, filled by the metric stage of an
 *   assessment): a configuration error naming the leaf and the file's columns, or with `optional: true` a
 *   `leaf_optional_absent` warning (the item is then left out of the index and its dimension);
 * - rating ids in the ratings file that no leaf, bonus, penalty or veto rule reads are one `ratings_id_unused`
 *   warning listing them (their rows count for nothing).
 *
 * @throws ConfigError (exit 2) for a non-optional leaf naming an id the given input does not have
 * @example checkLeafInputs(system, metrics, 'indicators.yaml') // → [{ code: 'ratings_id_unused', … }]
 */
export function checkLeafInputs(system: IndicatorSystem, metrics: MetricsResult, systemFile: string): RunWarning[] {
  const given: Record<Source, boolean> = {
    cases: metrics.dataQuality.files.some((f) => f.kind === 'cases'),
    survey: metrics.survey !== null,
    ratings: metrics.ratings !== null,
  };
  const ratedIds = new Set(Object.keys(metrics.ratings?.cells ?? {}));
  const absent: Record<Source, LeafIndicator[]> = { cases: [], survey: [], ratings: [] };
  const warnings: RunWarning[] = [];

  for (const { leaf, path } of leavesWithPaths(system)) {
    const parsed = parseMetricId(leaf.metric);
    if (!('ref' in parsed)) continue;
    const ref = parsed.ref;
    const source = inputOf(ref);
    if (!given[source]) {
      absent[source].push(leaf);
      continue;
    }
    if (ref.source === 'survey') {
      const lacking = absentSurveyItemsOf(ref, system, metrics.survey?.absent_items?.ids ?? []);
      if (lacking.length === 0) continue;
      const columns = metrics.survey?.absent_items?.columns ?? [];
      if (!leaf.optional) {
        throw new ConfigError(
          `leaf "${leaf.id}" reads ${leaf.metric}, but the survey file has no column for item ${lacking.join(', ')}; its other columns are: ${columns.join(', ') || '(none)'} ` +
            '(fix the id, map the column under survey.items in the column mapping, or add `optional: true` to the leaf)',
          { file: systemFile, path: `${path}.metric` },
        );
      }
      warnings.push({
        code: 'leaf_optional_absent',
        message: `optional leaf ${leaf.id} (${leaf.metric}): the survey file has no column for item ${lacking.join(', ')}, which is left out`,
        where: leaf.id,
        params: { indicator: leaf.id, metric: leaf.metric },
      });
      continue;
    }
    if (ref.source === 'ratings') {
      const id = ref.id;
      if (ratedIds.has(id)) continue;
      const has = [...ratedIds].sort();
      if (!leaf.optional) {
        throw new ConfigError(
          `leaf "${leaf.id}" reads ${leaf.metric}, but the ratings file has no rating "${id}"; its indicator ids are: ${has.join(', ') || '(none)'} ` +
            '(fix the id, or add `optional: true` to the leaf if this rating may be absent)',
          { file: systemFile, path: `${path}.metric` },
        );
      }
      warnings.push({
        code: 'leaf_optional_absent',
        message: `optional leaf ${leaf.id} (${leaf.metric}): the ratings file has no rating "${id}", so it is missing for every unit`,
        where: leaf.id,
        params: { indicator: leaf.id, metric: leaf.metric },
      });
    }
  }

  for (const source of ['cases', 'survey', 'ratings'] as const) {
    const leaves = absent[source];
    if (leaves.length === 0) continue;
    warnings.push({
      code: 'leaf_input_absent',
      message: `${INPUT_WORDS[source]} given: ${leaves.map((l) => `${l.id} (${l.metric})`).join(', ')} ${leaves.length === 1 ? 'is' : 'are'} missing for every unit`,
      where: leaves.map((l) => l.id).join(', '),
      params: { input: source, indicators: leaves.map((l) => l.id).join(', ') },
    });
  }

  const absentItems = metrics.survey?.absent_items?.ids ?? [];
  if (absentItems.length > 0) {
    warnings.push({
      code: 'survey_item_absent',
      message: `the survey file has no column for item ${absentItems.join(', ')}: left out of the survey index, rate, dimensions and alpha`,
      where: absentItems.join(', '),
      params: { items: absentItems.join(', ') },
    });
  }

  if (given.ratings) {
    const read = new Set(ratedIndicatorIds(system));
    const unused = [...ratedIds].filter((id) => !read.has(id)).sort();
    if (unused.length > 0) {
      warnings.push({
        code: 'ratings_id_unused',
        message: `the ratings file rates ${unused.join(', ')}, which no leaf, bonus, penalty or veto rule reads; those rows count for nothing`,
        where: unused.join(', '),
        params: { ids: unused.join(', ') },
      });
    }
  }
  return warnings;
}
