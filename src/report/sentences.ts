/**
 * The one source of the report's sentences, zh and en (issue 5 §4, issue 11; design §7.4: the workbook and the
 * future .docx render these same strings). Templates only: every number comes from Findings (typed facts computed
 * by src/findings) and is formatted exactly as a cell shows it (scores 0.0, rates 0.0%, points 0.00, counts as
 * integers). A comparison word (高于/低于/持平, above/below/level with) comes only from a fact's `side`, never from
 * the template, so a sentence cannot contradict its number.
 *
 * The unit paragraphs are built from what is notable for each unit — a veto, first or last place, every dimension
 * above or below the median unit, case metrics clearly off the street's pooled rates, leaves where the unit is best
 * or worst of all units — so they read differently where the units differ.
 */
import type { CaseGap, DimensionGap, Experience, Findings, GroupRate, Limitation, Problem, Side, Suggestion, UnitFindings } from '../model/findings.js';
import { caseMetricDefinition, isCostCaseMetric } from '../model/case-metrics.js';
import { traitsOfMetric } from '../metrics/metric-catalogue.js';
import type { Period } from '../types.js';
import type { ReportContext } from './context.js';
import { gradeLabel, indicatorName } from './context.js';
import { fmtPoints, fmtRate, fmtScore } from './format.js';
import { caseMetricName, surveyItemName } from './metric-names.js';
import { localiseWarning } from './warning-text.js';

// ───────────────────────────── shared wording ─────────────────────────────

/** Chinese ordinal for section numbers. @example zhNumber(12) // → '十二' */
export function zhNumber(n: number): string {
  const d = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return d[n];
  if (n < 20) return `十${n % 10 ? d[n % 10] : ''}`;
  if (n < 100) return `${d[Math.floor(n / 10)]}十${n % 10 ? d[n % 10] : ''}`;
  return String(n);
}

/** A numbered point: （一）… in zh, 1. … in en. */
export function numbered(lang: 'zh' | 'en', i: number, body: string): string {
  return lang === 'en' ? `${i + 1}. ${body}` : `（${zhNumber(i + 1)}）${body}`;
}

/**
 * What to call the period in a sentence, from its dates: a calendar quarter, month, half-year or year, else "the
 * assessment period". @example periodWords({ from: '2026-07-01', to: '2026-09-30', as_of: '…' }).zh // → '本季度'
 */
export function periodWords(p: Period): { zh: string; en: string; zhName: string; enName: string } {
  const [fy, fm, fd] = p.from.split('-').map(Number);
  const [ty, tm, td] = p.to.split('-').map(Number);
  const lastDay = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  const whole = fd === 1 && td === lastDay && fy === ty;
  if (whole && tm === fm) return { zh: '本月', en: 'this month', zhName: `${fy}年${fm}月`, enName: `${fy}-${String(fm).padStart(2, '0')}` };
  if (whole && tm - fm === 2 && fm % 3 === 1) {
    const q = (fm + 2) / 3;
    return { zh: '本季度', en: 'this quarter', zhName: `${fy}年第${zhNumber(q)}季度`, enName: `Q${q} ${fy}` };
  }
  if (whole && tm - fm === 5 && (fm === 1 || fm === 7)) return { zh: '本半年', en: 'this half-year', zhName: `${fy}年${fm === 1 ? '上' : '下'}半年`, enName: `H${fm === 1 ? 1 : 2} ${fy}` };
  if (whole && fm === 1 && tm === 12) return { zh: '本年度', en: 'this year', zhName: `${fy}年度`, enName: String(fy) };
  return { zh: '评估期内', en: 'in the period', zhName: `${p.from}至${p.to}`, enName: `${p.from} to ${p.to}` };
}

/** Removes a trailing sentence mark so that two clauses can be joined without double punctuation. */
export function trimEnd(s: string): string {
  return s.trim().replace(/[。．.；;，,、：:！!？?\s]+$/u, '');
}

/** Joins clauses into one sentence with a single final mark. @example sentence('zh', ['a。', 'b']) // → 'a，b。' */
export function sentence(lang: 'zh' | 'en', clauses: string[]): string {
  const parts = clauses.map(trimEnd).filter(Boolean);
  if (!parts.length) return '';
  return lang === 'en' ? `${parts.join('; ')}.` : `${parts.join('，')}。`;
}

/**
 * Joins independent clauses (an evaluator's rule text and a generated one) without doubling the punctuation: each
 * clause's own final mark is dropped and one separator is used. @example joinClauses('zh', ['不得高于不合格。', '触发时…']) // → '不得高于不合格；触发时…'
 */
export function joinClauses(lang: 'zh' | 'en', clauses: string[]): string {
  return clauses
    .map(trimEnd)
    .filter(Boolean)
    .join(lang === 'en' ? '; ' : '；');
}

const zhList = (xs: string[]) => xs.join('、');
function enList(xs: string[]): string {
  if (xs.length <= 1) return xs.join('');
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

/** "高于中位数3.2分" / "3.2 above the median" from a gap's side. */
function versusMedian(lang: 'zh' | 'en', g: { gap: number; side: Side }): string {
  const d = fmtScore(Math.abs(g.gap));
  if (lang === 'en') return g.side === 'at' ? 'level with the median' : `${d} ${g.side} the median`;
  return g.side === 'at' ? '与中位数持平' : `${g.side === 'above' ? '高于' : '低于'}中位数${d}分`;
}

/** A case metric value as its cell shows it (rates as %, mean workdays with one decimal). */
function caseValue(metric: string, v: number): string {
  return caseMetricDefinition(metric)?.format === 'days' ? fmtScore(v) : fmtRate(v);
}

/** The value of a leaf's raw metric in words, when it is a rate (cases.*_rate, survey rate). */
function rawInWords(ctx: ReportContext, metric: string | null, raw: number | null): string | null {
  if (raw === null || !metric) return null;
  if (traitsOfMetric(metric)?.scale === 'share') return fmtRate(raw);
  return null;
}

function grade(ctx: ReportContext, g: string): string {
  return gradeLabel(ctx, g);
}

// ───────────────────────────── one unit ─────────────────────────────

type Profile = 'veto' | 'first' | 'last' | 'allAbove' | 'allBelow' | 'mixed';

function profileOf(f: UnitFindings): Profile {
  if (f.grade_before_veto || f.vetoes.length) return 'veto';
  if (f.rank === 1 && f.of > 1) return 'first';
  if (f.rank !== null && f.rank === f.of && f.of > 1) return 'last';
  const dims = f.dimensions.above + f.dimensions.at + f.dimensions.below;
  if (dims >= 2 && f.dimensions.above === dims) return 'allAbove';
  if (dims >= 2 && f.dimensions.below === dims) return 'allBelow';
  return 'mixed';
}

/** The paragraph of one unit (the findings sheet's last column; the unit's page of the narrative report). */
export function findingSentence(ctx: ReportContext, f: UnitFindings): string {
  return ctx.lang === 'en' ? unitEn(ctx, f) : unitZh(ctx, f);
}

function vetoNames(ctx: ReportContext, ids: string[]): string[] {
  const rules = ctx.result.rules?.vetoes ?? [];
  return ids.map((id) => {
    const r = rules.find((v) => v.id === id);
    return r ? r.name[ctx.lang] || r.name.zh : id;
  });
}

function unitZh(ctx: ReportContext, f: UnitFindings): string {
  const name = (id: string) => `“${indicatorName(ctx, id)}”`;
  const p = profileOf(f);
  const out: string[] = [];
  const rankText =
    f.rank === null
      ? '因触发一票否决不参与排名'
      : `在${f.of}个评估对象中排名第${f.rank}位${f.rank_note === 'veto_last' ? '（触发一票否决的评估对象排在其他评估对象之后）' : ''}`;

  // Opening: what matters most about the unit.
  if (p === 'veto') {
    const rules = vetoNames(ctx, f.vetoes).map((n) => `“${n}”`);
    out.push(
      f.grade_before_veto
        ? `${f.unit}总得分${fmtScore(f.total)}分，按分数应为“${grade(ctx, f.grade_before_veto)}”，因触发${zhList(rules)}，等级确定为“${grade(ctx, f.grade)}”，${rankText}。`
        : `${f.unit}总得分${fmtScore(f.total)}分，触发${zhList(rules)}，等级为“${grade(ctx, f.grade)}”，${rankText}。`,
    );
  } else if (p === 'first') out.push(`${f.unit}以${fmtScore(f.total)}分位列${f.of}个评估对象第一，等级为“${grade(ctx, f.grade)}”。`);
  else if (p === 'last') out.push(`${f.unit}总得分${fmtScore(f.total)}分，在${f.of}个评估对象中居末位，等级为“${grade(ctx, f.grade)}”。`);
  else out.push(`${f.unit}总得分${fmtScore(f.total)}分，等级为“${grade(ctx, f.grade)}”，${rankText}。`);
  if (f.change) {
    const d = f.change.total_delta;
    const m = f.change.rank_change;
    const dd = fmtScore(Math.abs(d));
    const totalWords = dd === '0.0' ? '总分与上期持平' : `总分较上期${d > 0 ? '提高' : '下降'}${dd}分`;
    out.push(`${totalWords}，名次${m > 0 ? `上升${m}位` : m < 0 ? `下降${-m}位` : '与上期相同'}。`);
  } else if (f.new_unit) out.push('该单位为本期新纳入评估的对象。');

  // Dimensions against the median unit.
  const n = f.dimensions.above + f.dimensions.at + f.dimensions.below;
  if (f.strongest && f.weakest) {
    const s: DimensionGap = f.strongest;
    const w: DimensionGap = f.weakest;
    if (p === 'allAbove' || (p === 'first' && f.dimensions.above === n)) {
      out.push(`${n}个一级指标均高于中位水平，其中${name(s.indicator)}领先最多（${fmtScore(s.score)}分，${versusMedian('zh', s)}），${name(w.indicator)}领先最少（${fmtScore(w.score)}分，${versusMedian('zh', w)}）。`);
    } else if (p === 'allBelow' || ((p === 'last' || p === 'veto') && f.dimensions.below === n)) {
      out.push(`${n}个一级指标均低于中位水平，差距最大的是${name(w.indicator)}（${fmtScore(w.score)}分，${versusMedian('zh', w)}），差距最小的是${name(s.indicator)}（${fmtScore(s.score)}分，${versusMedian('zh', s)}）。`);
    } else {
      out.push(`与中位水平相比，${name(s.indicator)}是相对长项（${fmtScore(s.score)}分，${versusMedian('zh', s)}），${name(w.indicator)}是相对短板（${fmtScore(w.score)}分，${versusMedian('zh', w)}）。`);
    }
  }

  // Case handling against the street's pooled cases: where the unit falls short, else where it leads.
  const all = ctx.findings?.overall.case_overall;
  const gapText = (g: CaseGap) => {
    let t = `${caseMetricName(ctx, g.metric)}${caseValue(g.metric, g.value)}`;
    if (g.metric === 'on_time_close_rate' && f.cases) t += `（逾期${f.cases.overdue}件，其中超期未办结${f.cases.open_overdue}件）`;
    if (g.metric === 'return_rate' && f.cases) t += `（退单${f.cases.returned}件）`;
    return `${t}，${g.worse ? (isCostCaseMetric(g.metric) ? '高于' : '低于') : isCostCaseMetric(g.metric) ? '低于' : '高于'}${ctx.L.layout.streetTotal}的${caseValue(g.metric, g.overall)}`;
  };
  if (all && f.case_gaps.length) {
    out.push(`从工单数据看，${f.case_gaps.slice(0, 2).map(gapText).join('；')}。`);
  } else if (all && f.case_leads.length && (p === 'first' || p === 'allAbove' || p === 'mixed')) {
    out.push(`工单办理方面，${f.case_leads.slice(0, 2).map(gapText).join('；')}。`);
  } else if (f.cases && f.cases.overdue > 0 && p !== 'first') {
    out.push(`期内受理工单${f.cases.cases}件，逾期${f.cases.overdue}件，各项办理指标与${ctx.L.layout.streetTotal}水平相近。`);
  }
  // The cause by category (unit × category against the same category over all units' cases).
  const cg = f.category_gap;
  if (cg) {
    const onTime = cg.metric === 'on_time_close_rate';
    out.push(
      `分类别看，“${cg.category}”类工单${caseMetricName(ctx, cg.metric)}为${caseValue(cg.metric, cg.value)}（共${cg.cases}件），` +
        `${onTime ? '低于' : '高于'}全部同类工单的${caseValue(cg.metric, cg.street)}，${onTime ? '是本单位办理时效的薄弱环节' : '推诿退单问题较为集中'}。`,
    );
  }

  // Leaves where the unit is best or worst of all units.
  const leafList = (xs: { indicator: string; score: number; raw: number | null; metric: string | null }[]) =>
    zhList(
      xs.slice(0, 3).map((x) => {
        const raw = rawInWords(ctx, x.metric, x.raw);
        return `${name(x.indicator)}（${raw ?? `${fmtScore(x.score)}分`}）`;
      }),
    );
  if (f.leads.length && p !== 'last') out.push(`${leafList(f.leads)}${f.leads.length > 1 ? '等指标' : ''}得分居各评估对象之首。`);
  if (f.lags.length && p !== 'first') out.push(`${leafList(f.lags)}得分为各评估对象最低，是下一步整改的重点。`);

  // The leaf costing most points, unless just named among the unit's best or worst.
  const named = new Set([...(p !== 'last' ? f.leads.slice(0, 3) : []), ...(p !== 'first' ? f.lags.slice(0, 3) : [])].map((l) => l.indicator));
  const top = f.costliest.find((c) => !named.has(c.indicator));
  if (top) {
    out.push(
      p === 'first' || p === 'allAbove'
        ? `仍有提升空间的是${name(top.indicator)}（得分${fmtScore(top.score)}，失${fmtPoints(top.lost_points)}分）。`
        : `失分最多的指标是${name(top.indicator)}（得分${fmtScore(top.score)}，失${fmtPoints(top.lost_points)}分）。`,
    );
  }

  if (f.survey?.low_n) {
    out.push(f.survey.n === 0 ? '未取得有效问卷样本，满意度相关指标按缺失处理。' : `问卷有效样本${f.survey.n}份，低于最低样本量${f.survey.min_n}份，满意度结果仅供参考。`);
  }
  return out.join('');
}

function unitEn(ctx: ReportContext, f: UnitFindings): string {
  const name = (id: string) => indicatorName(ctx, id);
  const p = profileOf(f);
  const out: string[] = [];
  const rankText =
    f.rank === null
      ? 'not ranked because a veto rule fired'
      : `ranked ${f.rank} of ${f.of}${f.rank_note === 'veto_last' ? ', after every unit without a veto' : ''}`;
  if (p === 'veto') {
    const rules = vetoNames(ctx, f.vetoes);
    out.push(
      f.grade_before_veto
        ? `${f.unit} scored ${fmtScore(f.total)}, which would be ${grade(ctx, f.grade_before_veto)}, but the veto rule ${enList(rules)} fired and its grade is ${grade(ctx, f.grade)} (${rankText}).`
        : `${f.unit} scored ${fmtScore(f.total)} and the veto rule ${enList(rules)} fired; its grade is ${grade(ctx, f.grade)} (${rankText}).`,
    );
  } else if (p === 'first') out.push(`${f.unit} comes first of ${f.of} with ${fmtScore(f.total)} (${grade(ctx, f.grade)}).`);
  else if (p === 'last') out.push(`${f.unit} comes last of ${f.of} with ${fmtScore(f.total)} (${grade(ctx, f.grade)}).`);
  else out.push(`${f.unit} scored ${fmtScore(f.total)} (${grade(ctx, f.grade)}), ${rankText}.`);
  if (f.change) {
    const d = f.change.total_delta;
    const m = f.change.rank_change;
    const dd = fmtScore(Math.abs(d));
    out.push(` Since the previous period the total ${dd === '0.0' ? 'is unchanged' : `${d > 0 ? 'rose' : 'fell'} by ${dd}`} and the rank ${m > 0 ? `rose by ${m}` : m < 0 ? `fell by ${-m}` : 'is unchanged'}.`);
  } else if (f.new_unit) out.push(' It is assessed for the first time this period.');

  const n = f.dimensions.above + f.dimensions.at + f.dimensions.below;
  if (f.strongest && f.weakest) {
    const s = f.strongest;
    const w = f.weakest;
    if (p === 'allAbove' || (p === 'first' && f.dimensions.above === n)) {
      out.push(` All ${n} dimensions are above the median unit, ${name(s.indicator)} most (${fmtScore(s.score)}, ${versusMedian('en', s)}) and ${name(w.indicator)} least (${fmtScore(w.score)}, ${versusMedian('en', w)}).`);
    } else if (p === 'allBelow' || ((p === 'last' || p === 'veto') && f.dimensions.below === n)) {
      out.push(` All ${n} dimensions are below the median unit, ${name(w.indicator)} furthest (${fmtScore(w.score)}, ${versusMedian('en', w)}) and ${name(s.indicator)} least (${fmtScore(s.score)}, ${versusMedian('en', s)}).`);
    } else {
      out.push(` Against the median unit, its strength is ${name(s.indicator)} (${fmtScore(s.score)}, ${versusMedian('en', s)}) and its weakness ${name(w.indicator)} (${fmtScore(w.score)}, ${versusMedian('en', w)}).`);
    }
  }
  const all = ctx.findings?.overall.case_overall;
  const gapText = (g: CaseGap) => {
    let t = `its ${ctx.L.caseMetricNames[g.metric].toLowerCase()} is ${caseValue(g.metric, g.value)}`;
    if (g.metric === 'on_time_close_rate' && f.cases) t += ` (${f.cases.overdue} cases overdue, ${f.cases.open_overdue} of them still open)`;
    if (g.metric === 'return_rate' && f.cases) t += ` (${f.cases.returned} returned)`;
    const higher = g.worse ? isCostCaseMetric(g.metric) : !isCostCaseMetric(g.metric);
    return `${t}, ${higher ? 'above' : 'below'} the ${caseValue(g.metric, g.overall)} of all units' cases`;
  };
  if (all && f.case_gaps.length) out.push(` In the case log, ${f.case_gaps.slice(0, 2).map(gapText).join('; ')}.`);
  else if (all && f.case_leads.length && (p === 'first' || p === 'allAbove' || p === 'mixed')) out.push(` In the case log, ${f.case_leads.slice(0, 2).map(gapText).join('; ')}.`);
  else if (f.cases && f.cases.overdue > 0 && p !== 'first') out.push(` Of ${f.cases.cases} cases ${f.cases.overdue} were overdue; its case metrics are close to those of all units together.`);
  const cg = f.category_gap;
  if (cg) {
    const onTime = cg.metric === 'on_time_close_rate';
    out.push(
      ` By category, its ${ctx.L.caseMetricNames[cg.metric].toLowerCase()} for "${cg.category}" cases is ${caseValue(cg.metric, cg.value)} (${cg.cases} cases), ` +
        `${onTime ? 'below' : 'above'} the ${caseValue(cg.metric, cg.street)} of all units' cases of that category: ${onTime ? 'the weak spot of its timeliness' : 'where cases are most often sent back'}.`,
    );
  }

  const leafList = (xs: { indicator: string; score: number; raw: number | null; metric: string | null }[]) =>
    enList(xs.slice(0, 3).map((x) => `${name(x.indicator)} (${rawInWords(ctx, x.metric, x.raw) ?? fmtScore(x.score)})`));
  if (f.leads.length && p !== 'last') out.push(` It has the best score of all units on ${leafList(f.leads)}.`);
  if (f.lags.length && p !== 'first') out.push(` It has the lowest score of all units on ${leafList(f.lags)}, the first things to improve.`);
  const named = new Set([...(p !== 'last' ? f.leads.slice(0, 3) : []), ...(p !== 'first' ? f.lags.slice(0, 3) : [])].map((l) => l.indicator));
  const top = f.costliest.find((c) => !named.has(c.indicator));
  if (top) {
    out.push(` The indicator costing most points is ${name(top.indicator)} (score ${fmtScore(top.score)}, ${fmtPoints(top.lost_points)} points lost).`);
  }
  if (f.survey?.low_n) {
    out.push(f.survey.n === 0 ? ' No survey responses: the satisfaction indicators are missing.' : ` Only ${f.survey.n} survey respondents, below the minimum of ${f.survey.min_n}: the satisfaction results are indicative only.`);
  }
  return out.join('');
}

// ───────────────────────────── the street as a whole ─────────────────────────────

/** 评价结论 headline points: totals and grades, the leaders and the laggards, the common weakness. */
export function headlinePoints(ctx: ReportContext, findings: Findings): string[] {
  const en = ctx.lang === 'en';
  const o = findings.overall;
  const pw = periodWords(ctx.result.period);
  const points: string[] = [];
  if (o.mean_total !== null && o.median_total !== null) {
    const dist = o.grade_counts.filter((g) => g.units.length).map((g) => (en ? `${g.units.length} ${grade(ctx, g.grade)}` : `“${grade(ctx, g.grade)}”${g.units.length}个`));
    points.push(
      en
        ? `${o.assessed} units were assessed for ${pw.enName}; the mean total is ${fmtScore(o.mean_total)} and the median ${fmtScore(o.median_total)}: ${enList(dist)}.`
        : `${pw.zhName}共评估${o.assessed}个评估对象，平均总得分${fmtScore(o.mean_total)}分，中位数${fmtScore(o.median_total)}分；其中${zhList(dist)}。`,
    );
  }
  const ranked = findings.units.filter((u) => u.rank !== null);
  if (ranked.length >= 2) {
    const first = ranked[0];
    // The lowest total, not the last rank: under veto_rank: last a vetoed unit ranks last whatever its total.
    const low = findings.units.reduce((a, b) => (b.total < a.total ? b : a));
    points.push(
      en
        ? `${first.unit} ranks first with ${fmtScore(first.total)}; the lowest total is ${low.unit}'s ${fmtScore(low.total)}.`
        : `${first.unit}以${fmtScore(first.total)}分排名第一；总分最低的是${low.unit}（${fmtScore(low.total)}分）。`,
    );
  }
  for (const p of o.problems) {
    if (p.kind === 'weak_dimension') {
      const name = indicatorName(ctx, p.indicator);
      points.push(
        en
          ? `${name} is the weakest dimension of ${p.units.length} units (${enList(p.units.map((u) => u.unit))}); it is what separates the lower-ranked units from the others.`
          : `${zhList(p.units.map((u) => u.unit))}的最弱维度均为“${name}”，是拉开差距的主要方面。`,
      );
    }
    if (p.kind === 'veto') {
      points.push(
        en
          ? `${enList(p.units.map((u) => u.unit))}: the veto rule ${enList(vetoNames(ctx, [...new Set(p.units.flatMap((u) => u.rules))]))} fired, grade set to ${grade(ctx, p.units[0].grade)}.`
          : `${zhList(p.units.map((u) => u.unit))}触发${zhList(vetoNames(ctx, [...new Set(p.units.flatMap((u) => u.rules))]).map((r) => `“${r}”`))}，等级确定为“${grade(ctx, p.units[0].grade)}”。`,
      );
    }
  }
  if (o.not_assessed.length) points.push(en ? `Not assessed (no data): ${enList(o.not_assessed)}.` : `${zhList(o.not_assessed)}无任何指标数据，未予评估。`);
  return points.map((p, i) => numbered(ctx.lang, i, p));
}

function groupName(ctx: ReportContext, kind: 'urgency' | 'category' | 'department', g: GroupRate): string {
  return kind === 'urgency' ? ctx.L.urgency[g.key] ?? g.key : g.key;
}

/** 主要经验做法 generated from the findings (the evaluator's text, when given, comes first on the sheet). */
export function experiencePoints(ctx: ReportContext, findings: Findings): string[] {
  const en = ctx.lang === 'en';
  return findings.overall.experiences.map((e: Experience, i) => {
    if (e.kind === 'dimension_leader') {
      const dims = e.dimensions.slice(0, 3).map((d) =>
        en
          ? `${indicatorName(ctx, d.indicator)} (${fmtScore(d.score)}, ${fmtScore(d.gap)} above the median)`
          : `“${indicatorName(ctx, d.indicator)}”（${fmtScore(d.score)}分，高于中位数${fmtScore(d.gap)}分）`,
      );
      const more = e.dimensions.length > 3;
      const leaves = e.leaves.map((l) => {
        const raw = rawInWords(ctx, l.metric, l.raw);
        return en ? `${indicatorName(ctx, l.indicator)} ${raw ?? fmtScore(l.score)}` : `“${indicatorName(ctx, l.indicator)}”${raw ?? `${fmtScore(l.score)}分`}`;
      });
      const one = e.dimensions.length === 1;
      const body = en
        ? `${e.unit} leads all units on ${enList(dims)}${more ? ` and ${e.dimensions.length - 3} more dimensions` : ''}${leaves.length ? `; its ${enList(leaves)} are the best of all units` : ''}. Its practice is worth passing on to the other units.`
        : `${e.unit}在${zhList(dims)}${more ? `等${e.dimensions.length}个一级指标` : e.dimensions.length > 1 ? '方面' : ''}${one ? '' : '均'}居各评估对象首位${leaves.length ? `，其中${zhList(leaves)}为各评估对象最好水平` : ''}，其做法值得总结推广。`;
      return numbered(ctx.lang, i, body);
    }
    const name = caseMetricName(ctx, e.metric);
    const meaning = (en ? STRENGTH_EN : STRENGTH_ZH)[e.metric] ?? '';
    const atTarget = e.units_at_target > 0 ? (en ? `; ${e.units_at_target} of ${e.units} units reach the full score` : `，${e.units}个评估对象中有${e.units_at_target}个得满分`) : '';
    const body = en
      ? `Over all units' cases the ${ctx.L.caseMetricNames[e.metric].toLowerCase()} is ${caseValue(e.metric, e.value)} and the units' mean score on it ${fmtScore(e.mean_score)}${atTarget}: ${meaning}.`
      : `从全部工单看，${name}为${caseValue(e.metric, e.value)}，各评估对象该项平均得分${fmtScore(e.mean_score)}分${atTarget}，${meaning}，是街道整体的相对优势。`;
    return numbered(ctx.lang, i, body);
  });
}

/** What a street-wide strength in a case metric means in practice. */
const STRENGTH_ZH: Record<string, string> = {
  on_time_close_rate: '多数工单能在时限内办结',
  first_contact_rate: '工单受理后多能及时与诉求人取得联系',
  resolution_rate: '多数诉求得到实际解决',
  satisfaction_rate: '群众对办理结果总体认可',
  verification_rate: '办结后回访核实较为到位',
  return_rate: '推诿退单现象较少',
  repeat_rate: '群众重复来电较少',
};
const STRENGTH_EN: Record<string, string> = {
  on_time_close_rate: 'most cases are closed within their time limit',
  first_contact_rate: 'residents are mostly contacted soon after a case is received',
  resolution_rate: 'most requests are actually resolved',
  satisfaction_rate: 'residents mostly accept the outcome',
  verification_rate: 'closed cases are mostly checked back with the resident',
  return_rate: 'cases are seldom passed back',
  repeat_rate: 'few residents need to call again about the same matter',
};

/** 存在的问题及原因分析: each problem with the numbers that show its cause. */
export function problemPoints(ctx: ReportContext, findings: Findings): string[] {
  const en = ctx.lang === 'en';
  const onTime = caseMetricName(ctx, 'on_time_close_rate');
  const returns = caseMetricName(ctx, 'return_rate');
  const repeats = caseMetricName(ctx, 'repeat_rate');
  const points = findings.overall.problems.map((p: Problem) => {
    switch (p.kind) {
      case 'low_grade': {
        // A common weakest dimension is named only when it is every one of these units' weakest.
        const common = p.units.every((u) => u.weakest !== null && u.weakest === p.units[0].weakest) ? p.units[0].weakest : null;
        return en
          ? `${enList(p.units.map((u) => `${u.unit} (${fmtScore(u.total)})`))} ${p.units.length > 1 ? 'are' : 'is'} graded ${grade(ctx, p.grade)} on the score alone${common ? `; ${indicatorName(ctx, common)} is where ${p.units.length > 1 ? 'they fall' : 'it falls'} furthest behind the median unit` : ''}.`
          : `${zhList(p.units.map((u) => `${u.unit}（${fmtScore(u.total)}分）`))}按得分评定为“${grade(ctx, p.grade)}”${common ? `，与中位水平差距最大的均为“${indicatorName(ctx, common)}”` : ''}。`;
      }
      case 'veto':
        return en
          ? `${p.units.map((u) => `${u.unit}: the veto rule ${enList(vetoNames(ctx, u.rules))} fired and the grade was lowered from ${grade(ctx, u.grade_before)} to ${grade(ctx, u.grade)}`).join('; ')}; a breach of a bottom line is not offset by good scores elsewhere.`
          : p.units
              .map((u) => `${u.unit}触发${zhList(vetoNames(ctx, u.rules).map((r) => `“${r}”`))}，等级由“${grade(ctx, u.grade_before)}”调整为“${grade(ctx, u.grade)}”`)
              .join('；') + '，底线要求未守住，其他方面的成绩不能抵消。';
      case 'weak_dimension': {
        const name = indicatorName(ctx, p.indicator);
        const list = p.units.map((u) => (en ? `${u.unit} ${fmtScore(u.score)}` : `${u.unit}${fmtScore(u.score)}分`));
        return en
          ? `${name} is the weakest dimension of ${enList(p.units.map((u) => u.unit))} (${enList(list)}, against a median of ${fmtScore(p.median)}).`
          : `“${name}”是${zhList(p.units.map((u) => u.unit))}的共同短板（${zhList(list)}，中位数为${fmtScore(p.median)}分）。`;
      }
      case 'urgency_on_time': {
        const slow = groupName(ctx, 'urgency', p.slow);
        const ref = groupName(ctx, 'urgency', p.reference);
        return en
          ? `${slow.charAt(0).toUpperCase()}${slow.slice(1)} cases are closed on time less often: ${fmtRate(p.slow.rate)} of ${p.slow.cases} against ${fmtRate(p.reference.rate)} for ${ref} cases; ${p.slow.count} ${slow} cases were overdue. Long-running cases are not tracked against their deadline.`
          : `${slow}件${onTime}为${fmtRate(p.slow.rate)}（${p.slow.cases}件中逾期${p.slow.count}件），明显低于${ref}件的${fmtRate(p.reference.rate)}，反映出办理周期长的工单缺少临期跟踪和督办。`;
      }
      case 'department_on_time': {
        const list = p.groups.map((g) => (en ? `${g.key} ${fmtRate(g.rate)} (${g.count} of ${g.cases} overdue)` : `${g.key}${fmtRate(g.rate)}（${g.cases}件中逾期${g.count}件）`));
        return en
          ? `Cases handled by ${enList(p.groups.map((g) => g.key))} are closed on time less often than all cases (${fmtRate(p.overall)}): ${enList(list)}. Delays concentrate in these departments.`
          : `承办部门中，${zhList(list)}的${onTime}低于全部工单的${fmtRate(p.overall)}，逾期工单集中在这些部门，部门间协同和时限意识有待加强。`;
      }
      case 'category_returns': {
        const list = p.groups.map((g) => (en ? `${g.key} ${fmtRate(g.rate)} (${g.count} of ${g.cases})` : `“${g.key}”类${fmtRate(g.rate)}（${g.cases}件中退单${g.count}件）`));
        return en
          ? `Cases are returned most in ${enList(list)}, against ${fmtRate(p.overall)} over all cases: responsibility for these matters is unclear between the grassroots and departments.`
          : `退单集中在${zhList(list)}，高于全部工单${returns}${fmtRate(p.overall)}，说明此类诉求的职责边界不清，存在推诿现象。`;
      }
      case 'category_repeats': {
        const list = p.groups.map((g) => (en ? `${g.key} ${fmtRate(g.rate)} (${g.count} of ${g.cases})` : `“${g.key}”类${fmtRate(g.rate)}（${g.cases}件中重复${g.count}件）`));
        return en
          ? `Residents raise the same matter again most in ${enList(list)}, against a ${fmtRate(p.overall)} repeat rate over all cases: some of these matters are closed without being solved.`
          : `重复诉求集中在${zhList(list)}，高于全部工单${repeats}${fmtRate(p.overall)}，反映出部分诉求“办结未解决”，群众反复来电。`;
      }
      case 'repeat_hot_spots': {
        const list = p.spots.map((s) =>
          en ? `${s.category} in ${s.unit} (${s.repeats} of ${s.cases}, ${fmtRate(s.rate)})` : `${s.unit}的“${s.category}”（${s.cases}件中${s.repeats}件，${fmtRate(s.rate)}）`,
        );
        return en
          ? `The same residents call again about the same matter most often for ${enList(list)}, against ${fmtRate(p.overall)} of all assessed cases: these matters are closed on paper before they are settled on the ground.`
          : `同一群众就同一事项重复来电集中在${zhList(list)}，明显高于全部计入考核工单的${fmtRate(p.overall)}，说明这些事项存在“办结未解决”，需要回头看、盯到底。`;
      }
    }
  });
  return points.map((p, i) => numbered(ctx.lang, i, p));
}

/** 有关建议: one per leaf that cost the units most points, concrete for the leaf's kind of metric. */
export function suggestionPoints(ctx: ReportContext, findings: Findings): string[] {
  const en = ctx.lang === 'en';
  return findings.overall.suggestions.map((s: Suggestion, i) => {
    const name = indicatorName(ctx, s.indicator);
    const low = en ? enList(s.lowest.map((u) => `${u.unit} ${fmtScore(u.score)}`)) : zhList(s.lowest.map((u) => `${u.unit}${fmtScore(u.score)}分`));
    const lead = en
      ? `${name} (mean score ${fmtScore(s.mean_score)}; lowest: ${low})`
      : `针对“${name}”（平均得分${fmtScore(s.mean_score)}分，得分最低的是${low}）`;
    const g = s.group;
    let what: string;
    switch (s.kind) {
      case 'on_time':
        what = en
          ? `track every case against its deadline, warn the handler two working days before it and escalate overdue cases${g ? `, starting with ${g.key} (${fmtRate(g.rate)} on time)` : ''}`
          : `建立临期预警和超期督办机制，对距时限两个工作日的工单提前提醒，超期工单逐件通报${g ? `，重点督促${ctx.L.urgency[g.key] ? `${ctx.L.urgency[g.key]}件` : g.key}（${caseMetricName(ctx, 'on_time_close_rate')}${fmtRate(g.rate)}）` : ''}`;
        break;
      case 'contact':
        what = en ? 'require first contact with the resident within the limit and record it in the case log' : '落实首接负责，受理后在时限内与诉求人先行联系并在系统中留痕';
        break;
      case 'resolution':
        what = en ? 'close a case only when the problem is solved or the resident accepts the explanation, and review cases closed unsolved' : '严格办结标准，问题未解决的不得以“已答复”办结，对未解决工单定期复盘';
        break;
      case 'returns':
        what = en
          ? `set out which body handles which matter and allow a return only with a reason reviewed by the dispatcher${g ? `, first for ${g.key} (${fmtRate(g.rate)} returned)` : ''}`
          : `厘清街道、社区与职能部门的职责清单，退单须说明理由并经派单方审核${g ? `，优先解决“${g.key}”类诉求的推诿问题（退单率${fmtRate(g.rate)}）` : ''}`;
        break;
      case 'repeats':
        what = en
          ? `list repeat requests each month and visit the residents concerned${g ? `, starting with ${g.key} (${fmtRate(g.rate)} repeats)` : ''}`
          : `按月梳理重复诉求清单，对反复来电的事项上门核实、一次解决${g ? `，优先处理“${g.key}”类诉求（重复诉求率${fmtRate(g.rate)}）` : ''}`;
        break;
      case 'verification':
        what = en ? 'call back every closed case and record the result before it counts as closed' : '坚持办结必回访，回访结果录入系统后方可闭环';
        break;
      case 'satisfaction':
        what = s.item
          ? en
            ? `act on what residents rate lowest — survey item ${surveyItemName(ctx, s.item.id)} (mean ${fmtScore(s.item.mean)}) — and report back to them on what changed`
            : `围绕居民评价最低的问卷题项“${surveyItemName(ctx, s.item.id)}”（均分${fmtScore(s.item.mean)}分）制定改进措施，并向居民反馈整改结果`
          : en
            ? 'call back residents after handling and act on their dissatisfaction'
            : '加强办结回访，对不满意的诉求逐件分析原因、二次办理';
        break;
      case 'rating':
        what = en ? 'take up the expert panel’s remarks item by item and show the evidence at the next review' : '对照评议组意见逐项整改，在下期评议时提供整改台账和佐证材料';
        break;
      default:
        what = en ? 'set a target and a person responsible for it, and check progress monthly' : '明确改进目标和责任人，按月跟踪进展';
    }
    return numbered(ctx.lang, i, en ? `${lead}: ${what}.` : `${lead}，建议${what}。`);
  });
}

/** A rated indicator (ratings.<id>) by the name of the leaf, bonus, penalty or veto item that reads it. */
function ratingName(ctx: ReportContext, id: string): string {
  const leaf = ctx.result.indicators.find((i) => i.leaf && i.metric === `ratings.${id}`);
  if (leaf) return leaf.name[ctx.lang] || leaf.name.zh;
  const rules = ctx.result.rules;
  const item = [...(rules?.adjustments ?? []), ...(rules?.vetoes ?? [])].find((a) => a.id === id);
  return item ? item.name[ctx.lang] || item.name.zh : id;
}

/** 其他需要说明的问题: every limitation in words (the rater-panel gaps of all indicators as one point). */
export function limitationPoints(ctx: ReportContext, findings: Findings): string[] {
  const en = ctx.lang === 'en';
  const file = (p: string) => p.split(/[\\/]/).pop() ?? p;
  const panels = findings.overall.limitations.filter((l): l is Extract<Limitation, { kind: 'rater_panel' }> => l.kind === 'rater_panel');
  const panelText = () => {
    const size = [...new Set(panels.map((l) => l.panel))];
    const list = panels.map((l) =>
      en
        ? `${ratingName(ctx, l.indicator)}: ${enList(l.units.map((u) => `${u.unit} ${u.n}`))}`
        : `“${ratingName(ctx, l.indicator)}”${zhList(l.units.map((u) => `${u.unit}${u.n}人`))}`,
    );
    return en
      ? `Not every rater of the panel (${size.join(' or ')} raters) rated every unit: ${list.join('; ')}; those aggregates rest on fewer ratings.`
      : `评议组共${size.join('或')}人，部分评估对象的有效评分人数不足：${list.join('；')}，其评议结果的代表性相应降低`;
  };
  const shown = findings.overall.limitations.filter((l) => l.kind !== 'rater_panel' || l === panels[0]);
  const points = shown.map((l: Limitation) => {
    switch (l.kind) {
      case 'warning':
        return localiseWarning(ctx, l);
      case 'not_assessed':
        return en ? `${enList(l.units)} had no data for any indicator and were not assessed: no total, grade or rank.` : `${zhList(l.units)}无任何指标数据，未予评估，不计总分、等级和排名。`;
      case 'low_n':
        return en
          ? `Survey samples below the minimum of ${l.min_n}: ${enList(l.units.map((u) => `${u.unit} (${u.n})`))}; their satisfaction results have a wide margin of error and are indicative only.`
          : `${zhList(l.units.map((u) => `${u.unit}（${u.n}份）`))}问卷有效样本低于最低样本量${l.min_n}份，满意度结果误差较大，仅供参考。`;
      case 'rater_panel':
        return panelText();
      case 'imputed': {
        const policy = en
          ? { renormalize: 'left out, with the weights of its siblings rescaled', zero: 'scored 0', average: 'given the mean score of the units that have it' }[l.policy]
          : { renormalize: '按缺失处理，其余同级指标权重重新归一', zero: '按0分计', average: '取有数据评估对象的平均分' }[l.policy];
        return en
          ? `${indicatorName(ctx, l.indicator)} has no value for ${enList(l.units)}: ${policy}.`
          : `${zhList(l.units)}的“${indicatorName(ctx, l.indicator)}”无数据，${policy}。`;
      }
      case 'rejected_rows':
        return en
          ? `${l.rejected} of ${l.rows} rows of ${file(l.file)} could not be used; each is listed on the data-quality sheet with its reason.`
          : `${file(l.file)}共${l.rows}行，其中${l.rejected}行因数据问题未予采用，逐条列于“数据质量”工作表。`;
      case 'out_of_period':
        return en ? `${l.rows} rows of ${file(l.file)} fall outside the period and were not counted.` : `${file(l.file)}中有${l.rows}行不在评估期内，未计入。`;
      case 'excluded': {
        const list = l.reasons.map((r) => (en ? `${r.reason} ${r.count}` : `${r.reason}${r.count}件`));
        return en
          ? `${l.excluded} of the ${l.received} cases received were excluded from every rate and from the case count (${enList(list)}); they are listed in the annex`
          : `受理的${l.received}件工单中有${l.excluded}件不计入考核（${zhList(list)}），未计入各项比率和工单量，明细见附件“剔除工单”`;
      }
      case 'events_basis':
        return en
          ? `Rates count each merged event once (${l.events} events from ${l.cases} cases); the case count stays case-based`
          : `各项比率按事件口径计算，并单事件只计一次（${l.cases}件工单合为${l.events}个事件），工单量仍按工单计`;
    }
  });
  return points.map((p, i) => numbered(ctx.lang, i, trimEnd(p) + (en ? '.' : '。')));
}

// ───────────────────────────── 基本情况 / 评价工作开展情况 when the evaluator wrote none ─────────────────────────────

/** What was assessed, from the result: units, period, the inputs' usable rows. */
export function backgroundPoints(ctx: ReportContext): string[] {
  const en = ctx.lang === 'en';
  const r = ctx.result;
  const pw = periodWords(r.period);
  const units = r.units.length;
  const system = r.config.indicator_system.name[ctx.lang] || r.config.indicator_system.name.zh;
  const files = r.data_quality.files;
  const rows = (kind: string) => files.filter((f) => f.kind === kind).reduce((s, f) => s + f.accepted, 0);
  const data: string[] = [];
  if (files.some((f) => f.kind === 'cases')) data.push(en ? `${rows('cases')} usable cases` : `有效工单${rows('cases')}件`);
  if (files.some((f) => f.kind === 'survey')) data.push(en ? `${rows('survey')} survey questionnaires` : `居民问卷${rows('survey')}份`);
  const raters = new Set(Object.values(r.metrics.ratings?.indicators ?? {}).flatMap((i) => (i.raters.length > 1 ? i.raters : [])));
  if (raters.size) data.push(en ? `ratings by ${raters.size} expert raters` : `${raters.size}名评议人的评议等级`);
  return [
    en
      ? `${units} units were assessed for ${pw.enName} (${r.period.from} to ${r.period.to}) on the indicator system “${system}”${r.assessment.client ? `, at the request of ${r.assessment.client}` : ''}.`
      : `${r.assessment.client ? `受${r.assessment.client}委托，` : ''}对${units}个评估对象${pw.zhName}（${r.period.from}至${r.period.to}）的工作情况开展第三方评估，采用“${system}”。`,
    ...(data.length ? [en ? `The assessment draws on ${enList(data)}.` : `评估数据包括${zhList(data)}。`] : []),
  ];
}

/** How the assessment was carried out, from the method actually used. */
export function organisationPoints(ctx: ReportContext): string[] {
  const en = ctx.lang === 'en';
  const r = ctx.result;
  const out: string[] = [];
  const leaves = r.indicators.filter((i) => i.leaf);
  const count = (prefix: string) => leaves.filter((l) => l.metric?.startsWith(prefix)).length;
  const parts: string[] = [];
  if (count('cases.') || count('custom.')) parts.push(en ? `${count('cases.') + count('custom.')} indicators computed from the case log` : `${count('cases.') + count('custom.')}项指标由工单数据计算`);
  if (count('survey.')) parts.push(en ? `${count('survey.')} from the resident survey` : `${count('survey.')}项来自居民满意度问卷`);
  if (count('ratings.')) parts.push(en ? `${count('ratings.')} rated by the expert panel` : `${count('ratings.')}项由评议组评定`);
  if (parts.length) out.push(en ? `Of ${leaves.length} leaf indicators, ${enList(parts)}.` : `${leaves.length}项末级指标中，${zhList(parts)}。`);
  out.push(
    en
      ? 'Every input row was checked; rows that could not be used are listed with their reason on the data-quality sheet.'
      : '输入数据逐行校验，无法使用的记录及原因逐条列于“数据质量”工作表。',
  );
  if (r.robustness) {
    out.push(
      en
        ? `The stability of the ranking was tested with ${r.robustness.draws} random perturbations of the weights.`
        : `以${r.robustness.draws}次权重随机扰动检验排名的稳健性。`,
    );
  }
  return out;
}
