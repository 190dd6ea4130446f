/**
 * 评价发现 / Findings: per unit a row of the findings numbers (total, grade, rank, strongest and weakest level-1
 * dimension with the gap to the median unit, the indicator costing most points, overdue cases, returns, survey
 * sample) and the paragraph built from those numbers (src/report/sentences.ts). The street-wide sections (problems,
 * suggestions …) have their own sheets (text-sections.ts). The numbers are the run-time findings (they do not follow
 * an edited weight; the sheet says so).
 */
import type ExcelJS from 'exceljs';
import { gradeLabel, indicatorName, type ReportContext } from '../context.js';
import { NUMFMT, textWidth } from '../format.js';
import { findingSentence } from '../sentences.js';
import { borders, freeze, gradeColours, header, note, num, printSetup, text, title } from '../style.js';

const HEADER_ROW = 3;
export const FINDINGS_COLUMNS = { rank: 1, unit: 2, total: 3, grade: 4, strongest: 5, strongGap: 6, weakest: 7, weakGap: 8, costliest: 9, lost: 10, overdue: 11, returned: 12, surveyN: 13, sentence: 14 };

export function fillFindings(ctx: ReportContext, ws: ExcelJS.Worksheet): void {
  const { result, L, lang } = ctx;
  const F = L.findings;
  const C = FINDINGS_COLUMNS;
  const heads = [F.rank, F.unit, F.total, F.grade, F.strongest, F.strongGap, F.weakest, F.weakGap, F.costliest, F.lost, F.overdue, F.returned, F.surveyN, F.sentence];
  const span = heads.length;
  title(ws, 1, F.title, span);
  note(ws, 2, F.note, span);
  header(ws, HEADER_ROW, heads);
  const findings = ctx.findings;
  let r = HEADER_ROW + 1;
  for (const f of findings?.units ?? []) {
    num(ws.getCell(r, C.rank), f.rank, '0');
    text(ws.getCell(r, C.unit), f.unit);
    num(ws.getCell(r, C.total), f.total, NUMFMT.score);
    text(ws.getCell(r, C.grade), gradeLabel(ctx, f.grade));
    text(ws.getCell(r, C.strongest), f.strongest ? indicatorName(ctx, f.strongest.indicator) : null);
    num(ws.getCell(r, C.strongGap), f.strongest?.gap ?? null, NUMFMT.signedScore);
    text(ws.getCell(r, C.weakest), f.weakest ? indicatorName(ctx, f.weakest.indicator) : null);
    num(ws.getCell(r, C.weakGap), f.weakest?.gap ?? null, NUMFMT.signedScore);
    const top = f.costliest[0];
    text(ws.getCell(r, C.costliest), top ? indicatorName(ctx, top.indicator) : null);
    num(ws.getCell(r, C.lost), top?.lost_points ?? null, NUMFMT.points);
    num(ws.getCell(r, C.overdue), f.cases?.overdue ?? null, '0');
    num(ws.getCell(r, C.returned), f.cases?.returned ?? null, '0');
    num(ws.getCell(r, C.surveyN), f.survey?.n ?? null, '0');
    if (f.survey?.low_n) ws.getCell(r, C.surveyN).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };
    const s = ws.getCell(r, C.sentence);
    text(s, findingSentence(ctx, f));
    s.alignment = { wrapText: true, vertical: 'top' };
    for (let c = 1; c < C.sentence; c++) ws.getCell(r, c).alignment = { vertical: 'top', wrapText: c === C.strongest || c === C.weakest || c === C.costliest };
    // Row height for the wrapped sentence in the 60-unit column: about 62 narrow (31 CJK) characters a line, more
    // of proportional Latin text; counted a little short so the last line is never cut.
    ws.getRow(r).height = Math.max(30, Math.ceil(textWidth(String(s.value)) / (lang === 'en' ? 70 : 58)) * 14 + 8);
    r++;
  }
  const last = r - 1;
  if (last >= HEADER_ROW + 1) {
    borders(ws, HEADER_ROW + 1, last, 1, span);
    gradeColours(ws, `D${HEADER_ROW + 1}:D${last}`, ctx.bands.map((b) => b.label));
  }

  r++;
  const sep = lang === 'en' ? ', ' : '、';
  if (findings?.low_n_units.length) note(ws, r++, F.lowN(findings.low_n_units.join(sep), result.metrics.survey?.minN ?? 0), span);
  if (findings?.dropped_units.length) note(ws, r++, F.dropped(findings.dropped_units.join(sep)), span);

  const widths = [6, 16, 8, 9, 14, 9, 14, 9, 16, 8, 9, 9, 9, 60];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  freeze(ws, HEADER_ROW + 1, 3);
  ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: Math.max(HEADER_ROW, last), column: span } };
  printSetup(ws, { landscape: true, titleRows: [HEADER_ROW, HEADER_ROW] });
}
