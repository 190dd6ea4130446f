/**
 * The report's text sections (design §7.1, issue 11): 评价结论与摘要 (grade distribution, headline conclusions, the
 * evaluators' conclusions), 基本情况 and 评价工作开展情况, 主要经验做法, 存在的问题及原因分析, 有关建议, 其他需要说明的
 * 问题. Each shows the evaluator's text first where the assessment file gives one, then the points drawn from the
 * findings (src/report/sentences.ts, the one source of sentences). Section numbers are passed in by the workbook,
 * derived from the sections present, so they never skip.
 */
import type ExcelJS from 'exceljs';
import type { ReportContext } from '../context.js';
import { gradeLabel } from '../context.js';
import { backgroundPoints, experiencePoints, headlinePoints, limitationPoints, organisationPoints, problemPoints, suggestionPoints } from '../sentences.js';
import { borders, header, heading, note, num, paragraph, printSetup, text, title } from '../style.js';

const SPAN = 8;
// Characters per line for the row heights, a little under the 88 a line holds, so a wrapped line is never cut.
const WIDTH = 74;

export type TextSection = 'experiences' | 'problems' | 'suggestions' | 'limitations';

/** The assessment-file text key of each section. */
const TEXT_KEY: Record<TextSection, string> = { experiences: 'experiences', problems: 'problems', suggestions: 'suggestions', limitations: 'limitations' };

/**
 * An evaluator's text as written, less the spaces a YAML folded block leaves between two Chinese characters (a
 * line break inside a Chinese sentence is no word break). @example tidy('群众满意等 方面') // → '群众满意等方面'
 */
export function tidy(text: string): string {
  return text.trim().replace(/([\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”])[ \t]+(?=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”])/g, '$1');
}

function setup(ws: ExcelJS.Worksheet): void {
  for (let c = 1; c <= SPAN; c++) ws.getColumn(c).width = 11;
  printSetup(ws, { landscape: false });
}

/** Writes the evaluator's text (if any) and the generated points; returns the next free row. */
function body(ctx: ReportContext, ws: ExcelJS.Worksheet, r: number, evaluator: string | undefined, points: string[]): number {
  const T = ctx.L.texts;
  if (evaluator) {
    paragraph(ws, r++, tidy(evaluator), SPAN, WIDTH);
    r++;
  }
  if (points.length) {
    if (evaluator) heading(ws, r++, T.generatedText);
    for (const p of points) paragraph(ws, r++, p, SPAN, WIDTH);
  } else if (!evaluator) paragraph(ws, r++, T.none, SPAN, WIDTH);
  return r;
}

export function fillAbstract(ctx: ReportContext, ws: ExcelJS.Worksheet): void {
  const T = ctx.L.texts;
  const f = ctx.findings;
  title(ws, 1, T.abstractTitle, SPAN);
  let r = 3;
  heading(ws, r++, T.gradeTable);
  const top = r;
  header(ws, r++, [T.gradeCol, T.countCol, T.unitsCol]);
  ws.mergeCells(top, 3, top, SPAN);
  const sep = ctx.lang === 'en' ? ', ' : '、';
  const rows: [string, string[]][] = (f?.overall.grade_counts ?? []).map((g) => [gradeLabel(ctx, g.grade), g.units]);
  if (f?.overall.not_assessed.length) rows.push([T.notAssessed, f.overall.not_assessed]);
  for (const [g, units] of rows) {
    text(ws.getCell(r, 1), g);
    num(ws.getCell(r, 2), units.length, '0');
    const c = ws.getCell(r, 3);
    text(c, units.join(sep));
    c.alignment = { wrapText: true, vertical: 'top' };
    ws.mergeCells(r, 3, r, SPAN);
    r++;
  }
  borders(ws, top + 1, r - 1, 1, SPAN);
  r++;
  const conclusions = ctx.result.assessment.texts.conclusions;
  if (conclusions) {
    heading(ws, r++, T.evaluatorConclusions);
    paragraph(ws, r++, tidy(conclusions), SPAN, WIDTH);
    r++;
  }
  heading(ws, r++, T.headline);
  note(ws, r++, T.generatedNote, SPAN);
  for (const p of f ? headlinePoints(ctx, f) : []) paragraph(ws, r++, p, SPAN, WIDTH);
  setup(ws);
}

export function fillBackground(ctx: ReportContext, ws: ExcelJS.Worksheet, numbers: { background: string; organisation: string }): void {
  const T = ctx.L.texts;
  const texts = ctx.result.assessment.texts;
  title(ws, 1, `${numbers.background}${T.background}`, SPAN);
  let r = 3;
  r = body(ctx, ws, r, texts.background, texts.background ? [] : backgroundPoints(ctx));
  r++;
  title(ws, r++, `${numbers.organisation}${T.organisation}`, SPAN);
  r++;
  body(ctx, ws, r, texts.organisation, texts.organisation ? [] : organisationPoints(ctx));
  setup(ws);
}

export function fillTextSection(ctx: ReportContext, ws: ExcelJS.Worksheet, section: TextSection, number: string): void {
  const T = ctx.L.texts;
  const f = ctx.findings;
  title(ws, 1, `${number}${T[section]}`, SPAN);
  note(ws, 2, T.generatedNote, SPAN);
  const gen = { experiences: experiencePoints, problems: problemPoints, suggestions: suggestionPoints, limitations: limitationPoints }[section];
  body(ctx, ws, 4, ctx.result.assessment.texts[TEXT_KEY[section]], f ? gen(ctx, f) : []);
  setup(ws);
}
