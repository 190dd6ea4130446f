/**
 * Findings sentences in zh and en (issue 5 §4). Templates only: every number comes from Findings and is formatted
 * exactly as its cell on the findings sheet displays it (scores 0.0, rates 0.0%, points 0.00, counts as integers).
 * A gap below the median is written as "低于中位数 3.2 分" / "3.2 below the median": the absolute value of the
 * signed cell (−3.2); likewise a fall in total or rank. Numbers appear on the findings row, the summary row (change
 * since the previous period), the scores sheet (indicator scores) or the case-metrics sheet (case counts, return
 * rate); only the top indicator's lost points are in a sentence, since only they have a cell.
 */
import type { UnitFindings } from '../findings/findings-types.js';
import type { ReportContext } from './context.js';
import { gradeLabel, indicatorName } from './context.js';
import { fmtPoints, fmtRate, fmtScore } from './format.js';

export function findingSentence(ctx: ReportContext, f: UnitFindings): string {
  return ctx.lang === 'en' ? english(ctx, f) : chinese(ctx, f);
}

function chinese(ctx: ReportContext, f: UnitFindings): string {
  const name = (id: string) => indicatorName(ctx, id);
  const parts: string[] = [];
  let first = `${f.unit}总得分${fmtScore(f.total)}分，等级为“${gradeLabel(ctx, f.grade)}”，在${f.of}个评估对象中排名第${f.rank}位`;
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
  let first = `${f.unit} scored ${fmtScore(f.total)} (${gradeLabel(ctx, f.grade)}), ranked ${f.rank} of ${f.of}`;
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
