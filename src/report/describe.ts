/**
 * Methods in words for the indicator and method sheets: how a leaf is scored, how a node's children are weighted,
 * what happens when a value is missing. Only wording; every number shown comes from the result.
 */
import type { TimeLimit } from '../types.js';
import type { IndicatorInfo, NodeWeighting, RobustnessResult } from '../model/result.js';
import { leafMethodOf } from '../scoring/leaf/leaf-methods.js';
import { weightMethodById } from '../scoring/weights/weight-methods.js';
import { indicatorName, type ReportContext } from './context.js';
import { displayFixed } from './format.js';
import type { Labels, Lang } from './labels.js';
import { localiseWeightNote } from './reason-text.js';

/** Whether a weighting method's weights come from the data, so that they cannot be a formula in the workbook. */
export function isDataDriven(method: string): boolean {
  const role = weightMethodById(method)?.role;
  return role !== undefined && role !== 'subjective';
}

/** How a leaf is scored, in the words of its method (src/scoring/leaf/leaf-methods.ts). */
export function scoringInWords(info: IndicatorInfo, L: Labels): string {
  const s = info.scoring;
  if (!s) return '';
  return leafMethodOf(s).describe(s, info.direction === 'cost')[L.lang];
}

export function weightMethodInWords(method: string, L: Labels): string {
  const name = weightMethodById(method)?.name[L.lang] ?? method;
  return isDataDriven(method) ? `${name} (${L.indicators.dataDriven})` : name;
}

/**
 * A node's children with their local weights (4 decimals) and the weighting's note, as the method sheet and the
 * narrative report's method annex list them. @example childWeightsInWords(ctx, w) // → '诉求响应 0.5396，办理质量 0.2970，群众满意 0.1634'
 */
export function childWeightsInWords(ctx: ReportContext, w: NodeWeighting): string {
  const { lang, L } = ctx;
  const list = Object.entries(w.weights)
    .map(([id, x]) => `${indicatorName(ctx, id)} ${displayFixed(x, 4)}`)
    .join(lang === 'en' ? ', ' : '，');
  return list + (w.note ? (lang === 'en' ? ` (${w.note})` : `（${localiseWeightNote(w.note, lang, L)}）`) : '');
}

export function timeLimitInWords(t: TimeLimit, L: Labels): string {
  return t.unit === 'hours' ? L.method.hours(t.amount) : L.method.workdays(t.amount);
}

/**
 * Outline numbers of the indicator tree (1, 1.1, 1.1.1 …) in tree order, shown instead of the configuration's ids,
 * which may be internal words ("speed").
 * @example indicatorNumbers([{ id: 'a', parent: null }, { id: 'a1', parent: 'a' }]) // → Map { 'a' → '1', 'a1' → '1.1' }
 */
export function indicatorNumbers(indicators: readonly Pick<IndicatorInfo, 'id' | 'parent'>[]): Map<string, string> {
  const out = new Map<string, string>();
  const count = new Map<string | null, number>();
  for (const i of indicators) {
    const k = (count.get(i.parent) ?? 0) + 1;
    count.set(i.parent, k);
    const prefix = i.parent === null ? '' : `${out.get(i.parent) ?? '?'}.`;
    out.set(i.id, `${prefix}${k}`);
  }
  return out;
}

/**
 * How the robustness draws were made, in the report language, from the result's numbers (the engine's `scheme`
 * is the English text for the JSON).
 */
export function robustnessInWords(rb: Pick<RobustnessResult, 'draws' | 'seed' | 'perturbation'>, lang: Lang): string {
  const lo = String(Math.round((1 - rb.perturbation) * 1e6) / 1e6);
  const hi = String(Math.round((1 + rb.perturbation) * 1e6) / 1e6);
  return lang === 'en'
    ? `each local weight multiplied by an independent factor drawn uniformly from [${lo}, ${hi}], sibling weights renormalised to sum to 1; totals (bonus, penalty and veto caps kept), grades and ranks recomputed; ${rb.draws} draws with a seeded random number generator (seed ${rb.seed}), so the results can be reproduced; rank percentiles by the nearest-rank method`
    : `每个本级权重乘以在[${lo}, ${hi}]区间内均匀抽取的独立随机系数，同级权重重新归一；据此重新计算总分（保留加分、扣分上限和一票否决）、等级和排名；共模拟${rb.draws}次，随机种子为${rb.seed}，结果可复现；排名分位数按最近秩法计算`;
}
