/**
 * 稳健性 / Robustness: the Monte Carlo weight perturbation of design §6.5 — per unit its base rank, median rank,
 * 5–95 % rank interval, the probability of keeping its grade and of ranking in the top / bottom k; the mean
 * Spearman correlation with the base ranking; and a floating-bar chart of the rank intervals (an invisible bar up
 * to the 5 % rank, a visible bar of width p95 − p05, with width a formula so the chart follows the cells).
 */
import type ExcelJS from 'exceljs';
import type { ReportContext } from '../context.js';
import { NUMFMT } from '../format.js';
import { borders, colourScale, fitColumns, formula, freeze, header, keyValue, num, printSetup, sheetRef, text, title } from '../style.js';

export function fillRobustness(ctx: ReportContext, ws: ExcelJS.Worksheet): void {
  const { result, L } = ctx;
  const R = L.robustness;
  const rb = result.robustness!;
  const heads = [R.unit, R.baseRank, R.medianRank, R.p05, R.p95, R.width, R.keep, R.topK(rb.top_k), R.bottomK(rb.top_k)];
  title(ws, 1, `${R.title} — ${result.assessment.title}`, heads.length);
  let r = 3;
  const kv = (k: string, v: string) => keyValue(ws, r++, k, v, heads.length);
  kv(R.draws, String(rb.draws));
  kv(R.seed, String(rb.seed));
  kv(R.perturbation, `±${(rb.perturbation * 100).toFixed(0)}%`);
  kv(R.scheme, rb.scheme);
  text(ws.getCell(r, 1), R.spearman);
  ws.getCell(r, 1).font = { bold: true };
  num(ws.getCell(r, 2), rb.mean_spearman, NUMFMT.ratio);
  r += 2;

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
    r++;
  }
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
      { name: R.p05, nameRef: `${s}!$D$${head}`, ref: range('D'), values: units.map((u) => u.p05_rank), hidden: true },
      { name: R.width, nameRef: `${s}!$F$${head}`, ref: range('F'), values: units.map((u) => u.p95_rank - u.p05_rank), colour: '5B9BD5' },
    ],
    anchor: { fromCol: 0, fromRow: last + 1, toCol: 7, toRow: last + 3 + Math.max(14, units.length * 2) },
    horizontal: true,
    axisMin: 0,
    axisMax: Math.max(...units.map((u) => u.p95_rank), units.length),
  });

  freeze(ws, first, 2);
  ws.autoFilter = { from: { row: head, column: 1 }, to: { row: last, column: heads.length } };
  fitColumns(ws, { skipRows: [1, 3, 4, 5, 6, 7], min: 9, max: 28 });
  ws.getColumn(1).width = Math.max(ws.getColumn(1).width ?? 10, 16);
  printSetup(ws, { landscape: true, titleRows: [head, head] });
}
