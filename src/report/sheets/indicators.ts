/**
 * 指标体系 / Indicators: the tree with indentation, description, source, scoring and missing-value policy in words,
 * weighting method, local weight, global weight and AHP CR; below it the editable parameters (bonus and penalty
 * caps, grade bands). The local-weight cells and the parameters are what the scores sheet's formulas read, so an
 * analyst who edits them sees totals, grades and ranks recompute.
 * Global weight = local weight ÷ Σ sibling local weights × parent's global weight (a formula, so edited weights
 * need not sum to 1).
 */
import type ExcelJS from 'exceljs';
import type { ReportContext } from '../context.js';
import { indicatorNumbers, isDataDriven, scoringInWords, weightMethodInWords } from '../describe.js';
import { metricSourceInWords } from '../metric-names.js';
import { NUMFMT, textWidth } from '../format.js';
import { absRef, borders, colLetter, fitColumns, formula, freeze, header, heading, note, num, printSetup, styleHeader, text, title, FONT } from '../style.js';
import { sortedBands } from '../context.js';

const COL = { id: 1, name: 2, level: 3, desc: 4, metric: 5, direction: 6, scoring: 7, missing: 8, method: 9, weight: 10, global: 11, cr: 12 };
const HEADER_ROW = 3;

export function fillIndicators(ctx: ReportContext, ws: ExcelJS.Worksheet): void {
  const { result, L, lang } = ctx;
  const T = L.indicators;
  const span = COL.cr;
  const systemName = result.config.indicator_system.name[lang] || result.config.indicator_system.name.zh;
  title(ws, 1, `${T.title}${lang === 'en' ? ': ' : '：'}${systemName}`, span);
  note(ws, 2, ctx.final ? L.layout.finalNote : T.note, span);
  header(ws, HEADER_ROW, [T.id, T.name, T.level, T.desc, T.metric, T.direction, T.scoring, T.missing, T.method, T.weight, T.global, T.cr]);

  const rowOf = new Map<string, number>();
  result.indicators.forEach((info, i) => rowOf.set(info.id, HEADER_ROW + 1 + i));
  const crOf = new Map<string, number>();
  for (const w of result.weighting) if (w.cr !== undefined) for (const child of Object.keys(w.weights)) crOf.set(child, w.cr);

  const sheet = ws.name;
  // Outline numbers (1, 1.1 …) rather than the configuration's ids, which may be internal words (issue 11).
  const numbers = indicatorNumbers(result.indicators);
  for (const info of result.indicators) {
    const r = rowOf.get(info.id)!;
    text(ws.getCell(r, COL.id), numbers.get(info.id) ?? info.id);
    const nameCell = ws.getCell(r, COL.name);
    text(nameCell, info.name[lang] || info.name.zh);
    nameCell.alignment = { indent: (info.level - 1) * 2 };
    if (!info.leaf) nameCell.font = { name: FONT, bold: true };
    num(ws.getCell(r, COL.level), info.level, NUMFMT.integer);
    const desc = ws.getCell(r, COL.desc);
    text(desc, info.description ? info.description[lang] || info.description.zh : null);
    desc.alignment = { wrapText: true, vertical: 'top' };
    const source = ws.getCell(r, COL.metric);
    text(source, metricSourceInWords(ctx, info.metric));
    source.alignment = { wrapText: true };
    text(ws.getCell(r, COL.direction), info.direction ? L.direction[info.direction] : null);
    const sc = ws.getCell(r, COL.scoring);
    text(sc, info.leaf ? scoringInWords(info, L) : null);
    sc.alignment = { wrapText: true, vertical: 'top' };
    const mi = ws.getCell(r, COL.missing);
    text(mi, info.missing ? L.missing[info.missing] : null);
    mi.alignment = { wrapText: true, vertical: 'top' };
    const method = ws.getCell(r, COL.method);
    text(method, weightMethodInWords(info.method, L));
    method.alignment = { wrapText: true, vertical: 'top' };
    for (const c of [COL.id, COL.name, COL.level, COL.metric, COL.direction, COL.weight, COL.global, COL.cr]) ws.getCell(r, c).alignment = { ...ws.getCell(r, c).alignment, vertical: 'top' };
    // Wrapped columns need explicit heights: the most lines among them at their fixed widths.
    const lines = Math.max(
      1,
      ...[
        [desc, 40],
        [source, 24],
        [sc, 34],
        [mi, 24],
        [method, 20],
      ].map(([cell, width]) => Math.ceil(textWidth(String((cell as ExcelJS.Cell).value ?? '')) / ((width as number) - 2))),
    );
    ws.getRow(r).height = lines * 13 + 4;

    const w = ws.getCell(r, COL.weight);
    num(w, info.weight, NUMFMT.weight);
    // Editable input: shade it the way spreadsheet users recognise inputs.
    w.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: isDataDriven(info.method) ? 'FFF2F2F2' : 'FFFFF2CC' } };
    ctx.weightRef.set(info.id, absRef(sheet, COL.weight, r));

    const siblings = result.indicators.filter((s) => s.parent === info.parent).map((s) => `$${colLetter(COL.weight)}$${rowOf.get(s.id)}`);
    const own = `$${colLetter(COL.weight)}$${r}`;
    const parentGlobal = info.parent !== null && rowOf.has(info.parent) ? `*$${colLetter(COL.global)}$${rowOf.get(info.parent)}` : '';
    formula(ws.getCell(r, COL.global), `${own}/(${siblings.join('+')})${parentGlobal}`, info.global_weight, NUMFMT.weight);
    num(ws.getCell(r, COL.cr), crOf.get(info.id) ?? null, NUMFMT.ratio);
  }
  const lastRow = HEADER_ROW + result.indicators.length;
  borders(ws, HEADER_ROW + 1, lastRow, 1, span);

  // Parameters the formulas read.
  let r = lastRow + 2;
  heading(ws, r, T.params);
  r++;
  const rules = result.rules ?? null;
  const param = (label: string, value: number | null): string | null => {
    const k = ws.getCell(r, 1);
    text(k, label);
    styleHeader(k);
    ws.mergeCells(r, 1, r, 2);
    const v = ws.getCell(r, 3);
    num(v, value, NUMFMT.score);
    v.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
    const ref = value === null ? null : absRef(sheet, 3, r);
    if (value === null) text(v, L.method.uncapped);
    r++;
    return ref;
  };
  ctx.bonusCapRef = param(T.bonusCap, rules?.bonus_cap ?? null);
  ctx.penaltyCapRef = param(T.penaltyCap, rules?.penalty_cap ?? null);
  ctx.bands = [];
  for (const band of sortedBands(result)) {
    const label = band.label[lang] || band.label.zh;
    const k = ws.getCell(r, 1);
    text(k, `${T.bands}: ${label}`);
    styleHeader(k);
    ws.mergeCells(r, 1, r, 2);
    const v = ws.getCell(r, 3);
    num(v, band.min, NUMFMT.score);
    v.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
    text(ws.getCell(r, 4), label);
    ctx.bands.push({ band, label, labelRef: absRef(sheet, 4, r), minRef: absRef(sheet, 3, r) });
    r++;
  }

  freeze(ws, HEADER_ROW + 1, 3);
  ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: lastRow, column: span } };
  fitColumns(ws, { skipRows: [1, 2], max: 40, fixed: { [COL.desc]: 40, [COL.metric]: 24, [COL.scoring]: 34, [COL.missing]: 24, [COL.method]: 20 } });
  printSetup(ws, { landscape: true, titleRows: [HEADER_ROW, HEADER_ROW] });
}
