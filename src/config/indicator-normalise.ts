/**
 * Indicator system, step 2 of 3 (schema → normalise → rules): the shape-checked YAML (indicator-schema.ts) becomes
 * the `IndicatorSystem` the engine uses (src/model/indicator-system.ts). Fills the defaults (time limits,
 * satisfaction levels, rating scale, grade bands, scoring `identity` for score-valued metrics), writes every name as
 * {zh, en}, parses what is written as text (time limits, satisfaction level labels, AHP judgements such as "1/3")
 * and tells leaves from groups; a `weights:` entry is resolved by its method (src/scoring/weights/weight-methods.ts). What needs the whole system — references, duplicate ids, matrix sizes, AHP
 * consistency — is checked afterwards by indicator-rules.ts.
 */
import { ConfigError } from '../errors.js';
import { DEFAULT_METRIC_SETTINGS } from '../metrics/defaults.js';
import { compileExclusionRules } from '../metrics/exclusions.js';
import { parseWindow } from '../repeats/window.js';
import { isScoreValued } from '../metrics/metric-catalogue.js';
import type { Adjustments, GradeBand, IndicatorNode, IndicatorSystem, LeafScoring, WeightsSpec } from '../model/indicator-system.js';
import { WEIGHT_METHODS } from '../scoring/weights/weight-methods.js';
import {
  URGENCIES,
  type CustomMetricSpec,
  type DetectionWindow,
  type ExclusionRule,
  type RepeatSettings,
  type LocalizedText,
  type MetricSettings,
  type RatingAggregate,
  type SatisfactionLevel,
  type TimeLimit,
  type Urgency,
} from '../types.js';
import { configErrorAt, type ConfigPath } from './config-path.js';
import type { RawIndicatorNode, RawIndicatorSystem, RawLocalized, RawScoring, RawWeightsSpec } from './indicator-schema.js';
import { parseTimeLimit } from './time-limit.js';

export const DEFAULT_GRADES: GradeBand[] = [
  { label: { zh: '优秀', en: 'Excellent' }, min: 90 },
  { label: { zh: '良好', en: 'Good' }, min: 80 },
  { label: { zh: '合格', en: 'Pass' }, min: 60 },
  { label: { zh: '不合格', en: 'Fail' }, min: 0 },
];

const LEVEL_LABELS: Record<string, SatisfactionLevel> = { 非常满意: 5, 满意: 4, 基本满意: 3, 不满意: 2, 非常不满意: 1 };

export function localized(v: RawLocalized): LocalizedText {
  return typeof v === 'string' ? { zh: v, en: v } : { zh: v.zh, en: v.en ?? v.zh };
}

/**
 * The resolved system of a shape-checked file, before the cross-checks of indicator-rules.ts.
 * @throws ConfigError naming the path of a text that does not parse (a time limit, a satisfaction level, an AHP
 *   judgement, a veto's grade), of a leaf without metric or scoring, or of a key on the wrong kind of node
 */
export function normaliseIndicatorSystem(raw: RawIndicatorSystem, file: string): IndicatorSystem {
  return new Normaliser(file).system(raw);
}

class Normaliser {
  constructor(private readonly file: string) {}

  private fail(path: ConfigPath, message: string, hint?: string): never {
    throw configErrorAt(this.file, path, message, hint);
  }

  system(raw: RawIndicatorSystem): IndicatorSystem {
    const grades = raw.grades ? raw.grades.map((g) => ({ label: localized(g.label), min: g.min })) : structuredClone(DEFAULT_GRADES);
    const veto = (raw.veto ?? []).map((v, i) => {
      let capGrade = grades.length - 1;
      if (v.grade !== undefined) {
        capGrade = grades.findIndex((g) => g.label.zh === v.grade || g.label.en === v.grade);
        if (capGrade < 0) {
          this.fail(['veto', i, 'grade'], `unknown grade "${v.grade}"; expected one of ${grades.map((g) => g.label.zh).join(', ')}`);
        }
      }
      return { id: v.id, name: localized(v.name), description: v.description ? localized(v.description) : null, rating: v.rating ?? v.id, capGrade };
    });
    const weights = this.weightsSpec(raw.weights, ['weights']);
    return {
      name: localized(raw.name),
      version: raw.version === undefined ? '1' : String(raw.version),
      description: raw.description ? localized(raw.description) : null,
      timeLimits: this.timeLimits(raw),
      satisfaction: this.satisfaction(raw),
      survey: {
        items: (raw.survey?.items ?? []).map((item) => ({ id: item.id, dimension: item.dimension ?? null, weight: item.weight ?? 1, name: item.name ? localized(item.name) : null })),
        minN: raw.survey?.min_n ?? DEFAULT_METRIC_SETTINGS.survey.minN,
      },
      ratings: this.ratings(raw),
      custom: (raw.custom_metrics ?? []).map(
        (c): CustomMetricSpec => ({ id: c.id, source: 'cases', filter: c.filter ?? null, aggregate: c.aggregate, expr: c.expr ?? null }),
      ),
      repeats: this.repeats(raw),
      exclusions: this.exclusions(raw),
      grades,
      bonus: this.adjustments(raw.bonus),
      penalty: this.adjustments(raw.penalty),
      veto,
      vetoRank: raw.veto_rank ?? 'last',
      weights,
      ...(raw.aggregation ? { aggregation: raw.aggregation } : {}),
      indicators: raw.indicators.map((n, i) => this.node(n, ['indicators', i])),
    };
  }

  /** The `repeats:` block with its defaults (design §4.1): keys caller + category in 30 days, merges by address +
   * category in 72 hours, basis cases. */
  private repeats(raw: RawIndicatorSystem): RepeatSettings | null {
    const r = raw.repeats;
    if (!r) return null;
    const win = (v: unknown, key: 'window' | 'merge_window', dflt: string): DetectionWindow => {
      const w = parseWindow(v ?? dflt);
      if (typeof w === 'string') this.fail(['repeats', key], w);
      return w;
    };
    return {
      keys: [...(r.keys ?? ['caller', 'category'])],
      window: win(r.window, 'window', '30 days'),
      mergeKeys: [...(r.merge_keys ?? ['address', 'category'])],
      mergeWindow: win(r.merge_window, 'merge_window', '72 hours'),
      basis: r.basis ?? 'cases',
      salt: r.salt ?? null,
    };
  }

  private exclusions(raw: RawIndicatorSystem): ExclusionRule[] {
    const rules = (raw.exclusions ?? []).map((e) => ({ id: e.id, name: e.name ? localized(e.name) : { zh: e.id, en: e.id }, when: e.when }));
    try {
      compileExclusionRules(rules);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      throw new ConfigError(e.message, { file: this.file, path: e.location.path ?? 'exclusions' }, e.hint);
    }
    return rules;
  }

  private timeLimits(raw: RawIndicatorSystem): MetricSettings['timeLimits'] {
    const limits = structuredClone(DEFAULT_METRIC_SETTINGS.timeLimits);
    for (const urgency of URGENCIES) {
      const given = raw.time_limits?.[urgency];
      if (!given) continue;
      for (const which of ['contact', 'close'] as const) {
        const v = given[which];
        if (v === undefined) continue;
        limits[urgency as Urgency][which] = this.timeLimit(v, ['time_limits', urgency, which]);
      }
    }
    return limits;
  }

  private timeLimit(v: string | TimeLimit, path: ConfigPath): TimeLimit {
    if (typeof v !== 'string') {
      if (v.unit === 'workdays' && !Number.isInteger(v.amount)) this.fail([...path, 'amount'], 'a limit in workdays must be a whole number');
      return { amount: v.amount, unit: v.unit };
    }
    const parsed = parseTimeLimit(v);
    if (typeof parsed === 'string') this.fail(path, parsed);
    return parsed;
  }

  private level(v: string | number, path: ConfigPath): SatisfactionLevel {
    const n = typeof v === 'number' ? v : /^\s*[1-5]\s*$/.test(v) ? Number(v) : LEVEL_LABELS[v.trim()];
    if (n === undefined || !Number.isInteger(n) || n < 1 || n > 5) {
      this.fail(path, `expected a satisfaction level 1..5 or one of ${Object.keys(LEVEL_LABELS).join(', ')}`);
    }
    return n as SatisfactionLevel;
  }

  private satisfaction(raw: RawIndicatorSystem): MetricSettings['satisfaction'] {
    const s = structuredClone(DEFAULT_METRIC_SETTINGS.satisfaction);
    for (const [key, score] of Object.entries(raw.satisfaction?.level_scores ?? {})) {
      s.levelScores[this.level(key, ['satisfaction', 'level_scores', key])] = score;
    }
    if (raw.satisfaction?.satisfied_levels) {
      s.satisfiedLevels = raw.satisfaction.satisfied_levels.map((v, i) => this.level(v, ['satisfaction', 'satisfied_levels', i]));
    }
    return s;
  }

  private adjustments(raw: RawIndicatorSystem['bonus']): Adjustments {
    if (!raw) return { cap: null, items: [] };
    return {
      cap: raw.cap ?? null,
      items: raw.items.map((item) => ({
        id: item.id,
        name: localized(item.name),
        description: item.description ? localized(item.description) : null,
        rating: item.rating ?? item.id,
        cap: item.cap ?? null,
      })),
    };
  }

  private ratings(raw: RawIndicatorSystem): MetricSettings['ratings'] {
    const r = structuredClone(DEFAULT_METRIC_SETTINGS.ratings);
    if (raw.ratings?.scale) r.scale = { ...raw.ratings.scale };
    if (raw.ratings?.aggregate) r.aggregate = raw.ratings.aggregate;
    // Veto rules are yes/no judgements: raters may write 是/否 unless the scale gives those labels other scores.
    if ((raw.veto ?? []).length > 0) {
      if (!('是' in r.scale)) r.scale['是'] = 100;
      if (!('否' in r.scale)) r.scale['否'] = 0;
    }
    for (const [id, agg] of Object.entries(raw.ratings?.per_indicator ?? {})) r.perIndicator[id] = agg as RatingAggregate;
    return r;
  }

  private weightsSpec(raw: RawWeightsSpec | undefined, path: ConfigPath): WeightsSpec {
    if (raw === undefined) return { method: 'direct' };
    return WEIGHT_METHODS[raw.method].normalise(raw, {
      fail: (below, message, hint) => this.fail([...path, ...below], message, hint),
      normalise: (nested, below) => this.weightsSpec(nested as RawWeightsSpec, [...path, ...below]),
    });
  }

  private node(raw: RawIndicatorNode, path: ConfigPath): IndicatorNode {
    const base = {
      id: raw.id,
      name: localized(raw.name),
      description: raw.description ? localized(raw.description) : null,
      weight: raw.weight ?? null,
    };
    if (raw.children) {
      for (const key of ['metric', 'direction', 'scoring', 'missing', 'optional'] as const) {
        if (raw[key] !== undefined) this.fail([...path, key], `a node with children has no ${key}; ${key} belongs on its leaves`);
      }
      const weights = this.weightsSpec(raw.weights, [...path, 'weights']);
      const children = raw.children.map((c, i) => this.node(c, [...path, 'children', i]));
      return { ...base, kind: 'group', weights, ...(raw.aggregation ? { aggregation: raw.aggregation } : {}), children };
    }
    if (raw.weights !== undefined) this.fail([...path, 'weights'], 'a leaf has no children to weight; remove `weights:` or add `children:`');
    if (raw.aggregation !== undefined) this.fail([...path, 'aggregation'], 'a leaf has no children to aggregate; `aggregation:` belongs on a node with children');
    if (raw.metric === undefined) this.fail([...path, 'metric'], 'missing; a leaf indicator needs a metric (or `children:`)');
    const metric = raw.metric.trim();
    return {
      ...base,
      kind: 'leaf',
      metric,
      direction: raw.direction ?? 'benefit',
      scoring: this.scoring(raw.scoring, metric, [...path, 'scoring']),
      missing: raw.missing ?? 'renormalize',
      optional: raw.optional ?? false,
    };
  }

  private scoring(raw: RawScoring | undefined, metric: string, path: ConfigPath): LeafScoring {
    if (raw !== undefined) return structuredClone(raw);
    if (isScoreValued(metric)) return { method: 'identity' };
    this.fail(path, 'missing; say how the raw value becomes a 0..100 score, e.g. {method: threshold, floor: 0.6, target: 0.95}');
  }
}
