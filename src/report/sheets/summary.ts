/**
 * 排名汇总 / Summary: rank, unit, total, grade and level-1 scores in rank order, each a formula referring to the
 * scores sheet (so they follow an edited weight), the change against the previous period when a comparison is
 * given (change = total − previous total; rank change = previous rank − rank, positive = moved up), a bar chart of
 * the totals and a radar chart of the level-1 scores of the top, median and bottom units.
 */
import type ExcelJS from 'exceljs';
import { gradeLabel, type ReportContext, unitsByRank } from '../context.js';
import { NUMFMT } from '../format.js';
import { absRef, borders, colLetter, colourScale, fitColumns, formula, freeze, gradeColours, header, note, num, printSetup, sheetRef, text, title, FONT } from '../style.js';

const HEADER_ROW = 3;

export function fillSummary(ctx: ReportContext, ws: ExcelJS.Worksheet): void {
  const { result, L, lang } = ctx;
  const S = L.summary;
  const sc = ctx.scores!;
  const level1 = result.indicators.filter((i) => i.level === 1);
  const cmp = result.comparison;
  const deltas = new Map((cmp?.units ?? []).map((d) => [d.unit, d]));

  const heads = [S.rank, S.unit, S.total, S.grade, ...level1.map((i) => i.name[lang] || i.name.zh)];
  const l1Col = 5;
  const cmpCol = l1Col + level1.length;
  if (cmp) heads.push(S.prevTotal, S.delta, S.prevRank, S.rankChange);
  const lastCol = heads.length;

  title(ws, 1, S.title, lastCol);
  note(ws, 2, S.note, lastCol);
  header(ws, HEADER_ROW, heads);

  const ordered = unitsByRank(result);
  const first = HEADER_ROW + 1;
  const last = HEADER_ROW + ordered.length;
  const ref = (unit: string, col: number) => absRef(sc.sheet, col, sc.row.get(unit)!).replace(/\$/g, '');
  ordered.forEach((u, i) => {
    const r = first + i;
    // A not-assessed unit has empty total and rank cells on the scores sheet (a reference would show 0): its row
    // states 未评估 instead of referring to them.
    if (u.total === null) text(ws.getCell(r, 1), '—');
    else formula(ws.getCell(r, 1), ref(u.unit, sc.rank), u.rank ?? '—', NUMFMT.integer);
    ws.getCell(r, 1).alignment = { horizontal: 'center' };
    text(ws.getCell(r, 2), u.unit);
    if (u.total !== null) formula(ws.getCell(r, 3), ref(u.unit, sc.total), u.total, NUMFMT.score);
    ws.getCell(r, 3).font = { name: FONT, bold: true };
    formula(ws.getCell(r, 4), ref(u.unit, sc.grade), u.grade === null ? L.scores.notAssessed : gradeLabel(ctx, u.grade));
    ws.getCell(r, 4).alignment = { horizontal: 'center' };
    level1.forEach((d, k) => formula(ws.getCell(r, l1Col + k), ref(u.unit, sc.scoreCol.get(d.id)!), u.indicators[d.id]?.score ?? null, NUMFMT.score));
    if (cmp) {
      const d = deltas.get(u.unit);
      if (d && d.status === 'both' && d.previous_total !== null && d.previous_rank !== null && d.total !== null && d.rank !== null) {
        num(ws.getCell(r, cmpCol), d.previous_total, NUMFMT.score);
        formula(ws.getCell(r, cmpCol + 1), `C${r}-${colLetter(cmpCol)}${r}`, d.total_delta, NUMFMT.signedScore);
        num(ws.getCell(r, cmpCol + 2), d.previous_rank, NUMFMT.integer);
        formula(ws.getCell(r, cmpCol + 3), `${colLetter(cmpCol + 2)}${r}-A${r}`, d.rank_change, '+0;-0;0');
      } else if (d && d.status === 'both') {
        // Unranked or not assessed now: the previous figures, no change.
        num(ws.getCell(r, cmpCol), d.previous_total, NUMFMT.score);
        num(ws.getCell(r, cmpCol + 2), d.previous_rank, NUMFMT.integer);
      } else text(ws.getCell(r, cmpCol + 1), S.newUnit);
    }
  });
  borders(ws, first, last, 1, lastCol);
  colourScale(ws, `C${first}:C${last}`);
  for (let k = 0; k < level1.length; k++) colourScale(ws, `${colLetter(l1Col + k)}${first}:${colLetter(l1Col + k)}${last}`);
  gradeColours(ws, `D${first}:D${last}`, ctx.bands.map((b) => b.label));

  let r = last + 1;
  const dropped = (cmp?.units ?? []).filter((d) => d.status === 'dropped').map((d) => d.unit);
  if (dropped.length) note(ws, ++r, S.dropped(dropped.join(lang === 'en' ? ', ' : '、')), lastCol);

  // Charts below the table: totals (bar) on the left, level-1 radar on the right.
  const chartTop = r + 1;
  const chartRows = 18;
  const sheet = sheetRef(ws.name);
  const range = (col: number, from: number, to: number) => `${sheet}!$${colLetter(col)}$${from}:$${colLetter(col)}$${to}`;
  ctx.charts.push({
    sheet: ws.name,
    kind: 'bar',
    title: S.chartTotals,
    categories: { ref: range(2, first, last), values: ordered.map((u) => u.unit) },
    series: [{ name: S.total, nameRef: `${sheet}!$C$${HEADER_ROW}`, ref: range(3, first, last), values: ordered.map((u) => u.total), colour: '2F5597' }],
    anchor: { fromCol: 0, fromRow: chartTop, toCol: 4, toRow: chartTop + chartRows },
    axisMin: 0,
    axisMax: 100,
  });
  if (level1.length >= 3 && ordered.length) {
    const picks = [...new Set([0, Math.floor((ordered.length - 1) / 2), ordered.length - 1])];
    const colours = ['2F5597', 'ED7D31', 'A5A5A5'];
    const l1Range = (row: number) => `${sheet}!$${colLetter(l1Col)}$${row}:$${colLetter(l1Col + level1.length - 1)}$${row}`;
    ctx.charts.push({
      sheet: ws.name,
      kind: 'radar',
      title: S.chartRadar,
      categories: { ref: `${sheet}!$${colLetter(l1Col)}$${HEADER_ROW}:$${colLetter(l1Col + level1.length - 1)}$${HEADER_ROW}`, values: level1.map((d) => d.name[lang] || d.name.zh) },
      series: picks.map((p, k) => ({
        name: ordered[p].unit,
        nameRef: `${sheet}!$B$${first + p}`,
        ref: l1Range(first + p),
        values: level1.map((d) => ordered[p].indicators[d.id]?.score ?? null),
        colour: colours[k],
      })),
      anchor: { fromCol: 4, fromRow: chartTop, toCol: Math.max(lastCol, 10), toRow: chartTop + chartRows },
      axisMin: 0,
      axisMax: 100,
    });
  }

  freeze(ws, first, 3);
  ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: last, column: lastCol } };
  fitColumns(ws, { skipRows: [1, 2, r], min: 8, max: 30 });
  ws.getColumn(1).width = 7;
  // A short ranking prints with its charts on one page; a long one runs over pages at full width.
  printSetup(ws, { landscape: true, titleRows: [HEADER_ROW, HEADER_ROW], onePage: ordered.length <= 30 });
}
