/**
 * The body of the narrative report, in the numbered outline of 财预〔2020〕10号 (design §7.4): 摘要, 一、基本情况,
 * 二、评价工作开展情况, 三、评价指标体系、评价标准和评价方法, 四、评价结论, 五、绩效分析, 六、主要经验做法,
 * 七、存在的问题及原因分析, 八、有关建议, 九、其他需要说明的问题. The evaluator's texts from the assessment file come
 * first where the workbook shows them first; every generated sentence is the workbook's own (sentences.ts); every
 * number in a table is the result's, formatted as the workbook's cells show it (format.ts).
 */
import { AlignmentType, ImageRun, LineRuleType, Paragraph } from 'docx';
import { gradeLabel, indicatorName, sortedBands, unitsByRank, vetoRankOf } from '../context.js';
import { indicatorNumbers, robustnessInWords, scoringInWords, timeLimitInWords, weightMethodInWords } from '../describe.js';
import { displayFixed, fmtRate, fmtScore } from '../format.js';
import { metricSourceInWords } from '../metric-names.js';
import { backgroundPoints, experiencePoints, findingSentence, headlinePoints, joinClauses, limitationPoints, organisationPoints, problemPoints, suggestionPoints } from '../sentences.js';
import { tidy } from '../sheets/text-sections.js';
import { notAssessed, streetAverage } from '../sheets/unit-profile.js';
import { URGENCIES } from '../../types.js';
import type { Block, DocxContext } from './docx-context.js';
import { caption, gap, heading, leadPara, note, para, table } from './docx-style.js';

/** A score as the tables show it; '—' where there is none. */
export const score = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : fmtScore(x));

/** A gap with its sign (+1.2, −0.4), 0.0 when it rounds to nothing: the workbook's signed-score format. */
export function signedScore(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '—';
  const s = fmtScore(Math.abs(x));
  return s === fmtScore(0) ? s : `${x > 0 ? '+' : '−'}${s}`;
}

/** The evaluator's text as paragraphs (a blank line or a line break starts a new one). */
function evaluatorParagraphs(text: string | undefined): Paragraph[] {
  if (!text) return [];
  return tidy(text)
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => para(p));
}

/** A numbered table caption, kept with the table below it. */
export function tableCaption(dc: DocxContext, name: string): Paragraph {
  return caption(dc.D.table(++dc.tableNo, name), true);
}

/** A chart with its caption below; nothing when the charts could not be drawn (the report says so once). */
export function figure(dc: DocxContext, key: string, name: string): Paragraph[] {
  const img = dc.charts.get(key);
  if (!img) return [];
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 120 }, children: [new ImageRun({ type: 'png', data: img.png, transformation: { width: img.width, height: img.height } })] }),
    caption(dc.D.figure(++dc.figureNo, name)),
  ];
}

/** 摘要: the grade distribution, the evaluators' conclusions, the headline points (the workbook's 评价结论 sheet). */
export function abstractSection(dc: DocxContext): Block[] {
  const { ctx, D } = dc;
  const T = ctx.L.texts;
  const f = ctx.findings;
  const sep = ctx.lang === 'en' ? ', ' : '、';
  const rows = (f?.overall.grade_counts ?? []).map((g) => [gradeLabel(ctx, g.grade), String(g.units.length), g.units.join(sep)]);
  if (f?.overall.not_assessed.length) rows.push([T.notAssessed, String(f.overall.not_assessed.length), f.overall.not_assessed.join(sep)]);
  const out: Block[] = [heading(D.abstract, 1, { pageBreakBefore: true })];
  const conclusions = evaluatorParagraphs(ctx.result.assessment.texts.conclusions);
  out.push(...conclusions);
  out.push(...(f ? headlinePoints(ctx, f) : []).map((p) => para(p)));
  out.push(tableCaption(dc, T.gradeTable), table([T.gradeCol, T.countCol, T.unitsCol], rows, { widths: [16, 16, 68], align: ['center', 'center', 'left'] }), gap());
  return out;
}

/** 一、基本情况 and 二、评价工作开展情况: the evaluators' texts, else what was assessed and how, from the result. */
export function backgroundSections(dc: DocxContext): Block[] {
  const { ctx, D, numbers } = dc;
  const texts = ctx.result.assessment.texts;
  const bg = evaluatorParagraphs(texts.background);
  const org = evaluatorParagraphs(texts.organisation);
  return [
    heading(`${numbers.background}${D.sections.background}`, 1),
    ...(bg.length ? bg : backgroundPoints(ctx).map((p) => para(p))),
    heading(`${numbers.organisation}${D.sections.organisation}`, 1),
    ...(org.length ? org : organisationPoints(ctx).map((p) => para(p))),
  ];
}

/** 三、评价指标体系、评价标准和评价方法: the tree with weights and CR, scoring, grades, rules, time limits, notes. */
export function methodSection(dc: DocxContext): Block[] {
  const { ctx, D, numbers } = dc;
  const { result, L, lang } = ctx;
  const M = L.method;
  const I = L.indicators;
  const out: Block[] = [heading(`${numbers.method}${D.sections.method}`, 1)];
  let k = 0;
  const sub = (name: string) => heading(D.sub(k++, name), 2);

  out.push(sub(M.system));
  const inds = result.indicators;
  const depth = inds.reduce((d, i) => Math.max(d, i.level), 0);
  const sys = result.config.indicator_system.name;
  out.push(para(D.systemText(sys[lang] || sys.zh, inds.length, inds.filter((i) => i.leaf).length, depth)));
  const nums = indicatorNumbers(inds);
  const crOf = new Map<string, number>();
  for (const w of result.weighting) if (w.cr !== undefined) for (const child of Object.keys(w.weights)) crOf.set(child, w.cr);
  const indent = (level: number) => (lang === 'en' ? '  ' : '\u3000').repeat(level - 1);
  out.push(
    tableCaption(dc, D.indicatorTable),
    table(
      [I.id, I.name, I.method, I.weight, I.global, I.cr],
      inds.map((i) => [nums.get(i.id) ?? i.id, `${indent(i.level)}${i.name[lang] || i.name.zh}`, weightMethodInWords(i.method, L), displayFixed(i.weight, 4), displayFixed(i.global_weight, 4), crOf.has(i.id) ? displayFixed(crOf.get(i.id)!, 4) : '—']),
      { widths: [9, 37, 20, 11, 11, 12], align: ['left', 'left', 'center', 'right', 'right', 'right'] },
    ),
    gap(),
  );

  out.push(sub(M.scoring));
  out.push(
    tableCaption(dc, D.scoringTable),
    table(
      [M.indicator, M.metric, M.scoringCol, M.missingCol],
      inds.filter((i) => i.leaf).map((i) => [i.name[lang] || i.name.zh, metricSourceInWords(ctx, i.metric), scoringInWords(i, L), i.missing ? L.missing[i.missing] : '—']),
      { widths: [22, 24, 34, 20], align: ['left', 'left', 'left', 'left'] },
    ),
    gap(),
  );

  out.push(sub(M.grades));
  out.push(tableCaption(dc, M.grades), table([M.grade, M.min], sortedBands(result).map((b) => [b.label[lang] || b.label.zh, fmtScore(b.min)]), { widths: [50, 50] }), para(M.totalRule));

  const rules = result.rules;
  if (rules && (rules.adjustments.length || rules.vetoes.length || rules.bonus_cap !== null || rules.penalty_cap !== null)) {
    out.push(sub(M.adjustments));
    const rows: string[][] = [
      [M.bonus, '—', rules.bonus_cap === null ? M.uncapped : M.bonusCap(displayFixed(rules.bonus_cap, 1))],
      [M.penalty, '—', rules.penalty_cap === null ? M.uncapped : M.penaltyCap(displayFixed(rules.penalty_cap, 1))],
      ...rules.adjustments.map((a) => [a.kind === 'bonus' ? M.bonus : M.penalty, a.name[lang] || a.name.zh, a.description ? a.description[lang] || a.description.zh : '']),
      ...rules.vetoes.map((v) => [M.veto, v.name[lang] || v.name.zh, joinClauses(lang, [v.description ? v.description[lang] || v.description.zh : '', M.vetoText(gradeLabel(ctx, v.max_grade))])]),
    ];
    out.push(tableCaption(dc, M.adjustments), table([M.kindCol, M.nameCol, M.descCol], rows, { widths: [14, 26, 60], align: ['center', 'left', 'left'] }), gap());
  }

  if (rules?.time_limits) {
    out.push(sub(M.timeLimits));
    const rows = URGENCIES.filter((u) => rules.time_limits![u]).map((u) => [L.urgency[u], timeLimitInWords(rules.time_limits![u]!.contact, L), timeLimitInWords(rules.time_limits![u]!.close, L)]);
    out.push(tableCaption(dc, M.timeLimits), table([M.urgency, M.contact, M.close], rows, { widths: [30, 35, 35] }), para(M.timeNote));
  }

  const notes = evaluatorParagraphs(result.assessment.texts.method_notes);
  if (notes.length) out.push(sub(M.notes), ...notes);
  return out;
}

/** 四、评价结论: the ranking with level-1 scores and the totals chart; the robustness of the ranking. */
export function conclusionsSection(dc: DocxContext): Block[] {
  const { ctx, D, numbers } = dc;
  const { result, L, lang } = ctx;
  const S = L.summary;
  const P = L.layout;
  const level1 = result.indicators.filter((i) => i.level === 1);
  const out: Block[] = [heading(`${numbers.summary}${D.sections.summary}`, 1)];
  let k = 0;
  out.push(heading(D.sub(k++, D.ranking), 2));
  const rows = unitsByRank(result).map((u) => [
    u.rank === null ? '—' : String(u.rank),
    u.vetoes.length ? `${u.unit}${P.vetoMark}` : u.unit,
    notAssessed(u) ? P.notAssessed : score(u.total),
    notAssessed(u) || u.grade === null ? P.notAssessed : gradeLabel(ctx, u.grade),
    ...level1.map((d) => score(u.indicators[d.id]?.score)),
  ]);
  const dimWidth = level1.length ? Math.floor(58 / level1.length) : 0;
  out.push(
    tableCaption(dc, D.ranking),
    table([S.rank, S.unit, S.total, S.grade, ...level1.map((d) => d.name[lang] || d.name.zh)], rows, { widths: [8, 16, 10, 10, ...level1.map(() => dimWidth)] }),
  );
  const sep = lang === 'en' ? ', ' : '、';
  const vetoed = result.units.filter((u) => u.vetoes.length);
  if (vetoed.length) {
    const names = [...new Set(vetoed.flatMap((u) => u.vetoes))].map((id) => {
      const rule = result.rules?.vetoes.find((v) => v.id === id);
      return rule ? rule.name[lang] || rule.name.zh : id;
    });
    const how = vetoRankOf(result);
    out.push(note(P.vetoNote(names.join(sep), how === 'none' ? P.vetoNone : how === 'keep' ? P.vetoKeep : P.vetoLast)));
  }
  if (result.units.some(notAssessed)) out.push(note(P.notAssessedNote));
  out.push(...figure(dc, 'totals', S.chartTotals));
  if (dc.missingFont) out.push(note(D.chartsOmitted(dc.missingFont)));

  const rb = result.robustness;
  if (rb) {
    const R = L.robustness;
    out.push(heading(D.sub(k++, D.robustness), 2));
    out.push(para(D.robustnessText(robustnessInWords(rb, lang), displayFixed(rb.mean_spearman, 3))));
    const units = [...rb.units].sort((a, b) => a.base_rank - b.base_rank || (a.unit < b.unit ? -1 : 1));
    out.push(
      tableCaption(dc, R.title),
      table(
        [R.unit, R.baseRank, R.medianRank, R.p05, R.p95, R.keep, R.topK(rb.top_k), R.bottomK(rb.top_k)],
        units.map((u) => [u.unit, String(u.base_rank), displayFixed(u.median_rank, 1), String(u.p05_rank), String(u.p95_rank), fmtRate(u.p_keep_grade), fmtRate(u.p_top_k), fmtRate(u.p_bottom_k)]),
        { widths: [16, 11, 11, 11, 11, 13, 13, 14] },
      ),
      ...figure(dc, 'ranks', D.rankInterval),
    );
  }
  return out;
}

/** 五、绩效分析: each level-1 dimension with its children's scores and the street average, then each unit's findings. */
export function analysisSection(dc: DocxContext): Block[] {
  const { ctx, D, numbers } = dc;
  const { result, L, lang } = ctx;
  const out: Block[] = [heading(`${numbers.analysis}${D.sections.analysis}`, 1)];
  const units = unitsByRank(result).filter((u) => !notAssessed(u));
  const name = (id: string) => indicatorName(ctx, id);
  let k = 0;
  for (const d of result.indicators.filter((i) => i.level === 1)) {
    out.push(heading(D.sub(k++, name(d.id)), 2));
    const desc = d.description ? d.description[lang] || d.description.zh : '';
    if (desc) out.push(para(D.dimensionDesc(desc)));
    const children = result.indicators.filter((i) => i.parent === d.id);
    // At most five children beside the dimension's own score, so the table fits the portrait page.
    for (let from = 0; from < Math.max(1, children.length); from += 5) {
      const cols = [d.id, ...children.slice(from, from + 5).map((c) => c.id)];
      const rows = units.map((u) => [u.unit, ...cols.map((id) => score(u.indicators[id]?.score))]);
      rows.push([D.streetAverage, ...cols.map((id) => score(streetAverage(result, id)))]);
      const rest = 84 / cols.length;
      out.push(
        tableCaption(dc, D.dimensionTable(name(d.id))),
        table([L.scores.unit, ...cols.map(name)], rows, { widths: [16, ...cols.map(() => rest)], boldRows: new Set([rows.length - 1]) }),
        gap(),
      );
    }
  }
  const f = ctx.findings;
  if (f?.units.length) {
    out.push(heading(D.sub(k++, D.unitFindings), 2));
    for (const u of f.units) out.push(leadPara(lang === 'en' ? `${u.unit}. ` : `${u.unit}。`, findingSentence(ctx, u)));
  }
  return out;
}

/** 六 … 九: the evaluators' text first, then the points drawn from the results (the workbook's text sheets). */
export function textSections(dc: DocxContext): Block[] {
  const { ctx, D, numbers } = dc;
  const f = ctx.findings;
  const out: Block[] = [];
  const gen = { experiences: experiencePoints, problems: problemPoints, suggestions: suggestionPoints, limitations: limitationPoints } as const;
  for (const key of ['experiences', 'problems', 'suggestions', 'limitations'] as const) {
    out.push(heading(`${numbers[key]}${D.sections[key]}`, 1));
    const own = evaluatorParagraphs(ctx.result.assessment.texts[key]);
    const points = f ? gen[key](ctx, f) : [];
    out.push(...own);
    if (own.length && points.length) out.push(para(ctx.L.texts.generatedText, { bold: true, keepNext: true, indent: false }));
    out.push(...points.map((p) => para(p)));
    if (!own.length && !points.length) out.push(para(ctx.L.texts.none));
  }
  return out;
}
