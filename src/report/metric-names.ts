/**
 * One name per metric in the report language (issue 11): where a leaf of the indicator system reads a metric, the
 * metric is called by that leaf's name everywhere (the case sheet's columns, findings, suggestions), so the report
 * never calls one number by two names (核实回访率 / 核实反馈率); otherwise by the label table's name. A metric id such
 * as `survey.item:q4` or `ratings.conduct` is never shown: the indicator sheet's source column says what it is in
 * words (the question's wording where the indicator system gives it).
 * @example metricName(ctx, 'cases.verification_rate') // → '核实回访率' (the leaf's name in the sample system)
 */
import { parseMetricId } from '../metrics/metric-catalogue.js';
import type { ReportContext } from './context.js';

/** The name of the leaf reading `metric`, in the report language, or null. */
function leafName(ctx: ReportContext, metric: string): string | null {
  const leaf = ctx.result.indicators.find((i) => i.leaf && i.metric === metric);
  return leaf ? leaf.name[ctx.lang] || leaf.name.zh || null : null;
}

/** A case metric's name (`on_time_close_rate` or `cases.on_time_close_rate`). */
export function caseMetricName(ctx: ReportContext, metric: string): string {
  const id = metric.replace(/^cases\./, '');
  return leafName(ctx, `cases.${id}`) ?? ctx.L.caseMetricNames[id] ?? id;
}

/** A survey item as the report shows it: its id (the questionnaire's column) and, when configured, its wording. */
export function surveyItemName(ctx: ReportContext, id: string): string {
  const item = ctx.result.metrics.survey?.items.find((i) => i.id === id);
  const wording = item?.name ? item.name[ctx.lang] || item.name.zh : '';
  return wording ? `${id} ${wording}` : id;
}

/**
 * What a leaf's metric is, in words, for the indicator sheet's source column: the case metric's definition name,
 * the survey item with its wording, the survey dimension's items, the expert panel's rating.
 */
export function metricSourceInWords(ctx: ReportContext, metric: string | null): string {
  if (!metric) return '';
  const S = ctx.L.sources;
  const parsed = parseMetricId(metric);
  if (!('ref' in parsed)) return S.other;
  const ref = parsed.ref;
  switch (ref.source) {
    case 'cases':
      return S.cases(ctx.L.caseMetricNames[ref.id] ?? ref.id);
    case 'custom':
      return S.custom;
    case 'ratings':
      return S.ratings;
    case 'survey':
      if (ref.kind === 'item') return S.surveyItem(surveyItemName(ctx, ref.id));
      if (ref.kind === 'dimension') {
        const items = (ctx.result.metrics.survey?.items ?? []).filter((i) => i.dimension === ref.id).map((i) => surveyItemName(ctx, i.id));
        return S.surveyDimension(items.join(ctx.lang === 'en' ? '; ' : '；'));
      }
      return ref.kind === 'satisfaction_index' ? S.surveyIndex : S.surveyRate;
  }
}
