/**
 * 稳健性 / Robustness: the Monte Carlo weight perturbation of design §6.5 — per unit its base rank, median rank,
 * 5–95 % rank interval, the probability of keeping its grade and of ranking in the top / bottom k; the mean
 * Spearman correlation with the base ranking; and a floating-bar chart of the rank intervals: an invisible bar up
 * to p05 − 0.5 and a visible one of length p95 − p05 + 1 (helper columns K:L, formulas over the table).
 */
import type ExcelJS from 'exceljs';
import type { ReportContext } from '../context.js';
import { robustnessInWords } from '../describe.js';
import { displayFixed, NUMFMT, textWidth } from '../format.js';
import { borders, colourScale, fitColumns, formula, freeze, header, keyValue, note, num, printSetup, sheetRef, text, title, FONT } from '../style.js';
import { fillUncertainty } from './uncertainty.js';

const CHART_FROM = 11;
const CHART_LEN = 12;

export function fillRobustness(ctx: ReportContext, ws: ExcelJS.Worksheet): void {
  const { result, L } = ctx;
  const R = L.robustness;
  const rb = result.robustness;
  if (!rb) {
    // Only the uncertainty analysis was run (robustness draws 0): the sheet holds just its section.
    title(ws, 1, R.title, 9);
    note(ws, 2, L.layout.runTimeValues, 9);
    const end = fillUncertainty(ctx, ws, 4);
    fitColumns(ws, { skipRows: [1, 2], min: 9, max: 28 });
    ws.getColumn(1).width = Math.max(ws.getColumn(1).width ?? 10, 24);
    printSetup(ws, { landscape: true, printArea: `A1:I${end}` });
    return;
  }
  const heads = [R.unit, R.baseRank, R.medianRank, R.p05, R.p95, R.width, R.keep, R.topK(rb.top_k), R.bottomK(rb.top_k)];
  title(ws, 1, R.title, heads.length);
  note(ws, 2, L.layout.runTimeValues, heads.length);
  let r = 3;
  const kv = (k: string, v: string) => {
    keyValue(ws, r, k, v, heads.length);
    // The scheme is a sentence: room for it over the merged value cells (~90 narrow characters a line).
    ws.getRow(r).height = Math.max(15, Math.ceil(textWidth(v) / 90) * 14);
    r++;
  };
  kv(R.draws, String(rb.draws));
  kv(R.seed, String(rb.seed));
  kv(R.perturbation, `±${displayFixed(rb.perturbation * 100, 0)}%`);
  kv(R.scheme, robustnessInWords(rb, ctx.lang));
  kv(R.spearman, displayFixed(rb.mean_spearman, 3));
  r++;

  const head = r;
  header(ws, r++, heads);
  const units = [...rb.units].sort((a, b) => a.base_rank - b.base_rank || (a.unit < b.unit ? -1 : 1));
  const first = r;
  for (const u of units) {
    text(ws.getCell(r, 1), u.unit);
    num(ws.getCell(r, 2), u.base_rank, '0');
    num(ws.getCell(r, 3), u.median_rank, '0.#');
    num(ws.getCell(r, 4), u.p05_rank, '0.#');
    num(ws.getCell(r, 5), u.p95_rank, '0.#');
    formula(ws.getCell(r, 6), `E${r}-D${r}`, u.p95_rank - u.p05_rank, '0.#');
    num(ws.getCell(r, 7), u.p_keep_grade, NUMFMT.rate);
    num(ws.getCell(r, 8), u.p_top_k, NUMFMT.rate);
    num(ws.getCell(r, 9), u.p_bottom_k, NUMFMT.rate);
    // Chart helpers: each rank is a slot of width 1, so the bar runs from p05 − 0.5 to p95 + 0.5 and a unit whose
    // rank never moves still shows a bar over its rank.
    formula(ws.getCell(r, CHART_FROM), `D${r}-0.5`, u.p05_rank - 0.5, '0.0');
    formula(ws.getCell(r, CHART_LEN), `E${r}-D${r}+1`, u.p95_rank - u.p05_rank + 1, '0.0');
    for (const c of [CHART_FROM, CHART_LEN]) ws.getCell(r, c).font = { name: FONT, color: { argb: 'FF808080' }, size: 9 };
    r++;
  }
  header(ws, head, [R.chartFrom, R.chartLen], CHART_FROM);
  const last = r - 1;
  borders(ws, first, last, 1, heads.length);
  if (last > first) colourScale(ws, `G${first}:G${last}`);

  const s = sheetRef(ws.name);
  const range = (col: string) => `${s}!$${col}$${first}:$${col}$${last}`;
  ctx.charts.push({
    sheet: ws.name,
    kind: 'interval',
    title: R.chart,
    categories: { ref: range('A'), values: units.map((u) => u.unit) },
    series: [
      { name: R.chartFrom, nameRef: `${s}!$K$${head}`, ref: range('K'), values: units.map((u) => u.p05_rank - 0.5), hidden: true },
      { name: R.chartLen, nameRef: `${s}!$L$${head}`, ref: range('L'), values: units.map((u) => u.p95_rank - u.p05_rank + 1), colour: '5B9BD5' },
    ],
    anchor: { fromCol: 0, fromRow: last + 1, toCol: 9, toRow: last + 2 + Math.min(30, Math.max(14, units.length + 4)) },
    horizontal: true,
    // Ranks sit at whole numbers with their bars centred on them; the axis labels 0, 1, 2 … mark the ranks.
    axisMin: 0,
    axisMax: Math.ceil(Math.max(...units.map((u) => u.p95_rank), units.length) + 0.5),
  });

  freeze(ws, first, 2);
  ws.autoFilter = { from: { row: head, column: 1 }, to: { row: last, column: heads.length } };
  fitColumns(ws, { skipRows: [1, 3, 4, 5, 6, 7], min: 9, max: 28 });
  ws.getColumn(1).width = Math.max(ws.getColumn(1).width ?? 10, 24);
  // The chart's helper columns (K:L) stay off paper; the chart under the table is printed.
  const chartBottom = last + 2 + Math.min(30, Math.max(14, units.length + 4));
  // The uncertainty analysis (issue 16) follows under the chart when it was run.
  const end = result.uncertainty ? fillUncertainty(ctx, ws, chartBottom + 2) : chartBottom;
  // The table's header repeats on each page only when the sheet is that table (it would head the uncertainty pages too).
  printSetup(ws, { landscape: true, ...(result.uncertainty ? {} : { titleRows: [head, head] as [number, number] }), onePage: units.length <= 30 && !result.uncertainty, printArea: `A1:I${end}` });
}
