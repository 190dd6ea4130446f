/**
 * 满意度调查 / Survey: per unit respondents n, satisfaction index, satisfaction rate, the index's 95 % margin of
 * error, Cronbach's alpha and each item's mean score (design §5); units below the minimum sample are flagged and
 * highlighted. The last row is all respondents together.
 */
import type ExcelJS from 'exceljs';
import type { SurveyUnitResult } from '../../types.js';
import type { ReportContext } from '../context.js';
import { NUMFMT } from '../format.js';
import { surveyItemName } from '../metric-names.js';
import { borders, colLetter, colourScale, fitColumns, freeze, header, note, num, printSetup, text, title, FONT } from '../style.js';

const HEADER_ROW = 4;

export function fillSurvey(ctx: ReportContext, ws: ExcelJS.Worksheet): void {
  const { result, L } = ctx;
  const S = L.survey;
  const survey = result.metrics.survey!;
  const items = survey.items.map((i) => i.id);
  const heads = [L.scores.unit, S.n, S.index, S.rate, S.moe, S.alpha, S.lowN, ...items.map((id) => S.item(surveyItemName(ctx, id)))];
  title(ws, 1, S.title, Math.min(heads.length, 10));
  note(ws, 2, S.minN(survey.minN), Math.min(heads.length, 10));
  header(ws, HEADER_ROW, heads);

  let r = HEADER_ROW + 1;
  const line = (label: string, s: SurveyUnitResult | undefined, bold = false) => {
    text(ws.getCell(r, 1), label);
    num(ws.getCell(r, 2), s?.n ?? 0, '#,##0');
    num(ws.getCell(r, 3), s?.index ?? null, NUMFMT.score);
    num(ws.getCell(r, 4), s?.rate ?? null, NUMFMT.rate);
    num(ws.getCell(r, 5), s?.moe ?? null, NUMFMT.score);
    num(ws.getCell(r, 6), s?.alpha ?? null, NUMFMT.ratio);
    const low = !s || s.lowN;
    text(ws.getCell(r, 7), low ? S.lowNFlag : null);
    items.forEach((id, k) => num(ws.getCell(r, 8 + k), s?.items[id] ?? null, NUMFMT.score));
    if (low) for (let c = 1; c <= heads.length; c++) ws.getCell(r, c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };
    if (bold) for (let c = 1; c <= heads.length; c++) ws.getCell(r, c).font = { name: FONT, bold: true };
    r++;
  };
  const units = result.metrics.units.length ? result.metrics.units.map((u) => u.unit) : result.units.map((u) => u.unit);
  for (const u of units) line(u, survey.units[u]);
  const last = r - 1;
  line(S.overall, survey.overall, true);
  borders(ws, HEADER_ROW + 1, r - 1, 1, heads.length);
  if (last > HEADER_ROW + 1) {
    colourScale(ws, `C${HEADER_ROW + 1}:C${last}`);
    colourScale(ws, `D${HEADER_ROW + 1}:D${last}`);
    for (let k = 0; k < items.length; k++) colourScale(ws, `${colLetter(8 + k)}${HEADER_ROW + 1}:${colLetter(8 + k)}${last}`);
  }
  freeze(ws, HEADER_ROW + 1, 2);
  ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: last, column: heads.length } };
  fitColumns(ws, { skipRows: [1, 2], min: 8, max: 28 });
  printSetup(ws, { landscape: heads.length > 9, titleRows: [HEADER_ROW, HEADER_ROW] });
}
