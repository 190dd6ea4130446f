/**
 * A run warning (design §7.5, RunWarning) in the report language, by its stable code and params: the English
 * `message` is for stderr and pipelines; the zh report says the same in Chinese. A code without a line here gets a
 * generic sentence that names where it applies and its parameters' values, never the English message.
 * @example localiseWarning(ctx, { kind: 'warning', code: 'cases_after_cutoff', where: 'cases.csv', params: { count: 3, as_of: '2026-09-15T23:59:59' }, message: '…' })
 *   // → 'cases.csv中有3件工单在数据截止时间2026-09-15 23:59:59之后受理，未计入任何指标'
 */
import type { Limitation } from '../model/findings.js';
import type { ReportContext } from './context.js';
import { caseMetricName } from './metric-names.js';
import { FIELD_NAMES_ZH } from './reason-text.js';

type WarningFact = Extract<Limitation, { kind: 'warning' }>;

const base = (p: string | null | undefined) => (p ? (p.split(/[\\/]/).pop() ?? p) : '');
const str = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));
const indicatorZh = (ctx: ReportContext, id: string) => ctx.result.indicators.find((i) => i.id === id)?.name.zh || id;

const ZH: Record<string, (ctx: ReportContext, w: WarningFact) => string> = {
  metric_column_absent: (ctx, w) => {
    const column = str(w.params.column);
    const metrics = str(w.params.metrics)
      .split(/,\s*/)
      .filter(Boolean)
      .map((m) => `“${caseMetricName(ctx, m)}”`)
      .join('、');
    return `工单数据${base(w.where)}中没有“${FIELD_NAMES_ZH[column] ?? column}”列，${metrics || '相关指标'}对所有评估对象按缺失处理（不计为0），读取它的末级指标按缺失值规则处理`;
  },
  cases_after_cutoff: (_ctx, w) => `${base(w.where)}中有${str(w.params.count)}件工单在数据截止时间${str(w.params.as_of).replace('T', ' ')}之后受理，未计入任何指标`,
  unit_not_assessed: (_ctx, w) => `${str(w.params.unit) || str(w.where)}在评估期内无任何指标数据，未予评估，不计总分、等级和排名`,
  leaf_input_absent: (ctx, w) => {
    const input = { cases: '工单数据', survey: '问卷数据', ratings: '评议数据' }[str(w.params.input)] ?? '相关输入数据';
    const names = str(w.params.indicators || w.where)
      .split(/,\s*/)
      .filter(Boolean)
      .map((id) => `“${indicatorZh(ctx, id)}”`);
    return `未提供${input}，${names.join('、')}对所有评估对象按缺失处理`;
  },
  leaf_optional_absent: (ctx, w) => `评议数据中没有“${indicatorZh(ctx, str(w.params.indicator) || str(w.where))}”的评分（该指标设为可选），对所有评估对象按缺失处理`,
  survey_item_absent: (_ctx, w) => `问卷数据中没有题项${str(w.params.items) || str(w.where)}对应的列，这些题项未计入任何满意度结果`,
  ratings_id_unused: (_ctx, w) => `评议数据中有${str(w.params.ids).split(/,\s*/).filter(Boolean).length || 1}个评议项目（${str(w.params.ids) || str(w.where)}）未被任何指标或加减分、一票否决规则读取，这些评分未计入`,
  xlsx_merged_filled: (_ctx, w) =>
    `${base(str(w.params.file) || w.where)}的工作表“${str(w.params.sheet)}”中有${str(w.params.ranges)}处合并单元格，已按各合并区域左上角的值填充（涉及列：${str(w.params.columns)}）`,
  ahp_expert_inconsistent: (ctx, w) =>
    `“${str(w.params.node) === 'root' ? '总目标' : indicatorZh(ctx, str(w.params.node))}”的第${str(w.params.expert)}位专家判断矩阵一致性比率 CR = ${str(w.params.cr)}，未达到 CR < 0.10 的要求；其权重已与其他专家的判断按几何平均合并，调整建议见“评价方法”工作表`,
  ahp_inconsistent_accepted: (ctx, w) =>
    `“${str(w.params.node) === 'root' ? '总目标' : indicatorZh(ctx, str(w.params.node))}”的判断矩阵一致性比率 CR = ${str(w.params.cr)}，未达到 CR < 0.10 的要求，按配置（allow_inconsistent）仍予采用；调整建议见“评价方法”工作表`,
  docx_charts_omitted: (_ctx, w) => `未找到图表所需的中文字体文件${str(w.params.font)}，Word版报告未附图表（可安装fonts-noto-cjk字体包，或以--chart-font指定中文字体文件）`,
  // issue 14: repeat detection
  caller_salt_random: () => '指标体系未设置 repeats.salt，也未设置环境变量 GOVSCORE_SALT：来电人以本次运行随机生成的密钥哈希，哈希值不能与其他批次的结果对照',
  parent_case_unknown: (_ctx, w) =>
    `${base(w.where).replace(/:\d+$/, '')}第${str(w.params.row)}行工单${str(w.params.case)}的主工单编号${str(w.params.parent)}在工单数据中不存在，该工单仍按平台并单计为并单子件，但无法计算间隔时间`,
  parent_case_unknown_more: (_ctx, w) => `另有${str(w.params.count)}件工单的主工单编号在工单数据中不存在，仍按并单子件计，无间隔时间`,
  parent_case_cycle: (_ctx, w) => `${str(w.params.count)}件工单的主工单编号相互循环引用（${str(w.params.cases)}），无法确定主单，均未按并单处理`,
  xml_text_cleaned: (_ctx, w) => `${str(w.params.count)}处文本含有工作簿无法保存的控制字符，已在${base(str(w.params.output))}中删除；结果文件保留原文`,
};

export function localiseWarning(ctx: ReportContext, w: WarningFact): string {
  if (ctx.lang === 'en') return w.message;
  const zh = ZH[w.code];
  if (zh) return zh(ctx, w);
  const values = Object.values(w.params)
    .filter((v) => v !== null && v !== '')
    .map(String);
  return `评估过程中对数据作了一项可能影响结果的处理${w.where ? `（涉及${base(w.where)}）` : ''}${values.length ? `，相关取值：${values.join('、')}` : ''}，详见结果文件中的提示清单`;
}

/** The codes with a Chinese sentence (for tests). */
export const LOCALISED_WARNING_CODES = Object.keys(ZH);
