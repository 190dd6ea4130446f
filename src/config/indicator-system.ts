/**
 * The indicator system (指标体系) file: names, the indicator tree, how each leaf is scored, how each node's children
 * are weighted, time limits, satisfaction levels, survey items, rating scale, grade bands, bonus/penalty items and
 * veto rules. Every key but `name` and `indicators` is optional.
 *
 * ```yaml
 * name: {zh: 社区治理评估, en: Community governance}   # a plain text serves both languages
 * version: "2026.1"
 * time_limits:                  # per urgency class; defaults in src/metrics/defaults.ts (design §4)
 *   urgent:  {contact: 2 hours, close: 24 hours}         # "N hours" / "N workdays" (also 小时, 工作日, 24h)
 *   complex: {close: {amount: 10, unit: workdays}}       # or {amount, unit}; unlisted ones keep the default
 * satisfaction: {level_scores: {非常满意: 100, 4: 85}, satisfied_levels: [5, 4, 3]}   # levels by number or label
 * survey: {items: [{id: q1, dimension: service, weight: 2, name: 办事便捷}], min_n: 30}
 * ratings: {scale: {优: 95, 良: 85, 中: 70, 差: 50}, aggregate: trimmed_mean, per_indicator: {C1: median}}
 * custom_metrics: [{id: noise_on_time, filter: "d => d.category === '噪音扰民'", aggregate: rate, expr: "d => d.on_time"}]
 * grades: [{label: {zh: 优秀, en: Excellent}, min: 90}, …, {label: 不合格, min: 0}]   # best first
 * bonus:   {cap: 5, items: [{id: innovation, name: 创新工作加分, cap: 3}]}   # points = the rating of `rating` (default: id)
 * penalty: {cap: 10, items: [{id: accident, name: 安全事故扣分, rating: accident}]}
 * veto:    [{id: safety, name: 重大安全事故一票否决, grade: 合格}]        # fires when its rating > 0 (是)
 * veto_rank: last        # vetoed units rank after all others (default) | keep (rank by total) | none (unranked)
 * weights: {method: ahp, matrix: [[1, 3], ['1/3', 1]]}   # the level-1 indicators' weights; absent → their `weight:`
 * aggregation: geometric  # how the level-1 scores combine: arithmetic (default) | geometric; also on any node
 * indicators:
 *   - id: A
 *     name: {zh: 诉求处置, en: Case handling}
 *     description: {zh: …, en: …}        # printed in the report
 *     weights: entropy                   # children: direct (absent) | ahp | entropy | critic | stdev | combined
 *     children:
 *       - id: A1
 *         name: {zh: 按时办结率, en: On-time closing rate}
 *         metric: cases.on_time_close_rate
 *         direction: benefit             # or cost (smaller is better); default benefit
 *         scoring: {method: threshold, floor: 0.6, target: 0.95}   # minmax | ratio_to_best | zscore | rank | identity | grade
 *         missing: renormalize           # renormalize (default) | zero | average
 * ```
 * A node's `weights:` may also be `{method: ahp, matrices: [m1, m2, …], ahp_method: geometric, ri: chinese,
 * allow_inconsistent: true}` or `{method: combined, subjective: direct | {method: ahp, …}, objective: critic,
 * alpha: 0.5}`; children then carry `weight:` exactly when the (subjective) method is direct.
 *
 * Errors are ConfigErrors whose location path names the offending entry, e.g.
 * `indicators[2].children[0].scoring.target: expected a number`.
 */
import { ConfigError } from '../errors.js';
import type { IndicatorSystem } from '../model/indicator-system.js';
import type { MetricSettings } from '../types.js';
import { configErrorFromZod } from './config-path.js';
import { indicatorSystemSchema } from './indicator-schema.js';
import { normaliseIndicatorSystem } from './indicator-normalise.js';
import { checkIndicatorSystem } from './indicator-rules.js';
import { parseYamlText, readYamlFile } from './yaml-file.js';

export { indicatorSystemSchema } from './indicator-schema.js';
export { DEFAULT_GRADES } from './indicator-normalise.js';

/** Reads, validates and resolves an indicator system file; `sha256` is of the file's bytes (the config checksum). */
export async function loadIndicatorSystem(path: string): Promise<{ system: IndicatorSystem; sha256: string; path: string }> {
  const { data, sha256 } = await readYamlFile(path);
  return { system: resolveIndicatorSystem(data, path), sha256, path };
}

/** Validates and resolves the YAML text of an indicator system; `file` names it in errors. */
export function parseIndicatorSystem(text: string, file: string): IndicatorSystem {
  return resolveIndicatorSystem(parseYamlText(text, file), file);
}

/**
 * Validates and resolves already-parsed YAML data (e.g. an object built in a test): the shape (indicator-schema.ts),
 * then the defaults and parsed texts (indicator-normalise.ts), then the rules across the system (indicator-rules.ts).
 */
export function resolveIndicatorSystem(data: unknown, file: string): IndicatorSystem {
  const parsed = indicatorSystemSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) throw configErrorFromZod(parsed.error, file);
  const system = normaliseIndicatorSystem(parsed.data, file);
  checkIndicatorSystem(system, file);
  return system;
}

/** The settings the metric stage needs, taken from the system. */
export function metricSettingsOf(system: IndicatorSystem): MetricSettings {
  return {
    timeLimits: structuredClone(system.timeLimits),
    satisfaction: structuredClone(system.satisfaction),
    survey: { items: system.survey.items.map((i) => ({ id: i.id, dimension: i.dimension, weight: i.weight, ...(i.name ? { name: i.name } : {}) })), minN: system.survey.minN },
    ratings: structuredClone(system.ratings),
    custom: structuredClone(system.custom),
    repeats: structuredClone(system.repeats),
    exclusions: structuredClone(system.exclusions),
  };
}

/** Re-exported for callers that build errors against the same file. */
export { ConfigError };
