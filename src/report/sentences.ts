/**
 * Findings sentences in zh and en (issue 5 §4). Templates only: every number comes from Findings and is formatted
 * exactly as its cell on the findings sheet displays it (scores 0.0, rates 0.0%, points 0.00, counts as integers).
 * A gap below the median is written as "低于中位数 3.2 分" / "3.2 below the median": the absolute value of the
 * signed cell (−3.2); likewise a fall in total or rank. Numbers appear on the findings row, the summary row (change
 * since the previous period), the scores sheet (indicator scores) or the case-metrics sheet (case counts, return
 * rate); only the top indicator's lost points are in a sentence, since only they have a cell.
 */
import type { Findings, UnitFindings } from '../findings/findings-types.js';
import type { ReportContext } from './context.js';
import { gradeLabel, indicatorName } from './context.js';
import { fmtPoints, fmtRate, fmtScore } from './format.js';

export function findingSentence(ctx: ReportContext, f: UnitFindings): string {
  return ctx.lang === 'en' ? english(ctx, f) : chinese(ctx, f);
}

function chinese(ctx: ReportContext, f: UnitFindings): string {
  const name = (id: string) => indicatorName(ctx, id);
  const parts: string[] = [];
  const place =
    f.rank === null
      ? '因触发一票否决不参与排名'
      : `在${f.of}个评估对象中排名第${f.rank}位${f.rank_note === 'veto_last' ? '（因触发一票否决，排在未触发的评估对象之后）' : ''}`;
  let first = `${f.unit}总得分${fmtScore(f.total)}分，等级为“${gradeLabel(ctx, f.grade)}”，${place}`;
  if (f.change) {
    const d = f.change.total_delta;
    const moved = f.change.rank_change;
    first += `，总分较上期${d >= 0 ? '提高' : '下降'}${fmtScore(Math.abs(d))}分，名次${moved > 0 ? `上升${moved}位` : moved < 0 ? `下降${-moved}位` : '持平'}`;
  } else if (f.new_unit) first += '（本期新纳入评估）';
  parts.push(first + '。');
  if (f.grade_before_veto) parts.push(`因触发一票否决，等级由“${gradeLabel(ctx, f.grade_before_veto)}”调整为“${gradeLabel(ctx, f.grade)}”。`);
  if (f.strongest && f.weakest) {
    const side = (g: number) => (g >= 0 ? `高于中位数${fmtScore(g)}分` : `低于中位数${fmtScore(-g)}分`);
    parts.push(
      `与中位水平相比，“${name(f.strongest.indicator)}”相对最强（${fmtScore(f.strongest.score)}分，${side(f.strongest.gap)}），` +
        `“${name(f.weakest.indicator)}”相对最弱（${fmtScore(f.weakest.score)}分，${side(f.weakest.gap)}）。`,
    );
  }
  if (f.costliest.length) {
    const [top, ...rest] = f.costliest;
    let s = `失分最多的指标为“${name(top.indicator)}”（得分${fmtScore(top.score)}，失${fmtPoints(top.lost_points)}分）`;
    if (rest.length) s += `，其次为${rest.map((c) => `“${name(c.indicator)}”（得分${fmtScore(c.score)}）`).join('、')}`;
    parts.push(s + '。');
  }
  if (f.cases) {
    const c = f.cases;
    let s = `期内工单${c.cases}件，逾期${c.overdue}件（超时办结${c.closed_late}件、超期未办结${c.open_overdue}件），退单${c.returned}件`;
    if (c.return_rate !== null) s += `（退单率${fmtRate(c.return_rate)}）`;
    parts.push(s + '。');
  }
  if (f.survey?.low_n) {
    parts.push(f.survey.n === 0 ? '未取得有效问卷样本，满意度相关指标按缺失处理。' : `问卷有效样本${f.survey.n}份，低于最低样本量${f.survey.min_n}份，满意度结果仅供参考。`);
  }
  return parts.join('');
}

function english(ctx: ReportContext, f: UnitFindings): string {
  const name = (id: string) => indicatorName(ctx, id);
  const parts: string[] = [];
  const place =
    f.rank === null
      ? 'not ranked because a veto rule fired'
      : `ranked ${f.rank} of ${f.of}${f.rank_note === 'veto_last' ? ' (a veto rule fired: ranked after every unit without one)' : ''}`;
  let first = `${f.unit} scored ${fmtScore(f.total)} (${gradeLabel(ctx, f.grade)}), ${place}`;
  if (f.change) {
    const d = f.change.total_delta;
    const moved = f.change.rank_change;
    first += `; the total ${d >= 0 ? 'rose' : 'fell'} by ${fmtScore(Math.abs(d))} since the previous period and the rank ${moved > 0 ? `rose by ${moved}` : moved < 0 ? `fell by ${-moved}` : 'is unchanged'}`;
  } else if (f.new_unit) first += ' (newly assessed this period)';
  parts.push(first + '.');
  if (f.grade_before_veto) parts.push(` A veto rule lowered the grade from ${gradeLabel(ctx, f.grade_before_veto)} to ${gradeLabel(ctx, f.grade)}.`);
  if (f.strongest && f.weakest) {
    const side = (g: number) => (g >= 0 ? `${fmtScore(g)} above the median` : `${fmtScore(-g)} below the median`);
    parts.push(
      ` Against the median unit, its strongest dimension is ${name(f.strongest.indicator)} (${fmtScore(f.strongest.score)}, ${side(f.strongest.gap)})` +
        ` and its weakest ${name(f.weakest.indicator)} (${fmtScore(f.weakest.score)}, ${side(f.weakest.gap)}).`,
    );
  }
  if (f.costliest.length) {
    const [top, ...rest] = f.costliest;
    let s = ` The indicator costing most points is ${name(top.indicator)} (score ${fmtScore(top.score)}, ${fmtPoints(top.lost_points)} points lost)`;
    if (rest.length) s += `, followed by ${rest.map((c) => `${name(c.indicator)} (score ${fmtScore(c.score)})`).join(', ')}`;
    parts.push(s + '.');
  }
  if (f.cases) {
    const c = f.cases;
    let s = ` Of ${c.cases} cases, ${c.overdue} were overdue (${c.closed_late} closed late, ${c.open_overdue} open past the limit) and ${c.returned} were returned`;
    if (c.return_rate !== null) s += ` (return rate ${fmtRate(c.return_rate)})`;
    parts.push(s + '.');
  }
  if (f.survey?.low_n) {
    parts.push(f.survey.n === 0 ? ' No survey responses: the satisfaction indicators are missing.' : ` Only ${f.survey.n} survey respondents, below the minimum of ${f.survey.min_n}: the satisfaction results are indicative only.`);
  }
  return parts.join('');
}

/**
 * 存在问题 when the evaluator wrote none (texts.problems): numbered points drawn from the findings — units in the
 * lowest band, the level-1 dimension most often a unit's weakest, the units with most overdue cases, vetoes and
 * small survey samples. Numbers are those of the findings sheet's cells.
 */
export function problemPoints(ctx: ReportContext, findings: Findings): string[] {
  const en = ctx.lang === 'en';
  const sep = en ? ', ' : '、';
  const points: string[] = [];
  const worst = [...ctx.result.grades].sort((a, b) => a.min - b.min)[0];
  const failing = findings.units.filter((u) => worst && (u.grade === worst.label.zh || u.grade === worst.label.en));
  if (failing.length) {
    const label = worst.label[ctx.lang] || worst.label.zh;
    points.push(en ? `Graded ${label}: ${failing.map((u) => u.unit).join(sep)}.` : `等级为“${label}”的评估对象：${failing.map((u) => u.unit).join(sep)}。`);
  }
  const weakCount = new Map<string, string[]>();
  for (const u of findings.units) if (u.weakest && u.weakest.gap < 0) weakCount.set(u.weakest.indicator, [...(weakCount.get(u.weakest.indicator) ?? []), u.unit]);
  const common = [...weakCount.entries()].sort((a, b) => b[1].length - a[1].length)[0];
  if (common) {
    const name = indicatorName(ctx, common[0]);
    points.push(
      en
        ? `${name} is the weakest dimension, below the median unit, of ${common[1].length} units: ${common[1].join(sep)}.`
        : `“${name}”是${common[1].length}个评估对象低于中位水平的最弱维度：${common[1].join(sep)}。`,
    );
  }
  const overdue = findings.units.filter((u) => u.cases && u.cases.overdue > 0).sort((a, b) => b.cases!.overdue - a.cases!.overdue).slice(0, 3);
  if (overdue.length) {
    const list = overdue.map((u) => (en ? `${u.unit} (${u.cases!.overdue})` : `${u.unit}（${u.cases!.overdue}件）`)).join(sep);
    points.push(en ? `Most overdue cases: ${list}.` : `逾期工单较多的评估对象：${list}。`);
  }
  const vetoed = findings.units.filter((u) => u.grade_before_veto);
  if (vetoed.length) points.push(en ? `Grade lowered by a veto rule: ${vetoed.map((u) => u.unit).join(sep)}.` : `触发一票否决、等级被调降的评估对象：${vetoed.map((u) => u.unit).join(sep)}。`);
  if (findings.low_n_units.length) {
    points.push(en ? `Survey samples below the minimum: ${findings.low_n_units.join(sep)}; their satisfaction results are indicative only.` : `问卷样本量不足的评估对象：${findings.low_n_units.join(sep)}，其满意度结果仅供参考。`);
  }
  return points.map((p, i) => `${i + 1}. ${p}`);
}
