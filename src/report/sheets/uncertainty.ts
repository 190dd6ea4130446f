/**
 * The uncertainty and sensitivity analysis on the robustness sheet (issue 16 item 2): the design (N, runs, seed,
 * how inputs were sampled), each uncertain input's first- and total-order index on the mean rank shift with a bar
 * chart of both, each unit's median rank and 5–95 % interval with the input that moves its rank most, and the rank
 * changes when each level-2 indicator is left out. Numbers are the result's `uncertainty`; nothing is computed here
 * but the choice of what to show (the input with the largest total-order index, the unit that moves most).
 */
import type ExcelJS from 'exceljs';
import { indicatorName, type ReportContext } from '../context.js';
import { displayFixed, textWidth } from '../format.js';
import type { UncertainInput } from '../../model/uncertainty.js';
import { borders, header, heading, keyValue, note, num, sheetRef, text } from '../style.js';

const SPAN = 9;

/** An input's name in the report language. */
function inputName(ctx: ReportContext, input: UncertainInput): string {
  const U = ctx.L.uncertainty;
  if (input.kind === 'leaf_method' && input.indicator) return U.leafMethod(indicatorName(ctx, input.indicator));
  return U.inputNames[input.kind] ?? input.id;
}

function alternativesText(ctx: ReportContext, input: UncertainInput): string {
  const U = ctx.L.uncertainty;
  if (input.kind === 'weights') return U.weightsAlternative(ctx.result.uncertainty!.weight_perturbation);
  return input.alternatives.map((a) => U.alternativeNames[a] ?? a).join(ctx.lang === 'en' ? ', ' : '、');
}

/**
 * Writes the section from row `r`; returns the row after it (charts included).
 */
export function fillUncertainty(ctx: ReportContext, ws: ExcelJS.Worksheet, r: number): number {
  const u = ctx.result.uncertainty;
  if (!u) return r;
  const U = ctx.L.uncertainty;
  heading(ws, r++, U.title);
  const kv = (k: string, v: string) => {
    keyValue(ws, r, k, v, SPAN);
    // The value spans columns B:I (about 75 character widths on paper); one extra line for the wrap's slack.
    ws.getRow(r).height = Math.max(15, (Math.ceil(textWidth(v) / 75) + (textWidth(v) > 75 ? 1 : 0)) * 14);
    r++;
  };
  kv(U.samples, String(u.samples));
  kv(U.draws, String(u.draws));
  kv(U.seed, String(u.seed));
  kv(U.meanShift, displayFixed(u.mean_rank_shift.mean, 2));
  kv(U.scheme, U.schemeText(u.samples, u.inputs.length, u.draws, u.seed, u.weight_perturbation));
  r++;

  // Inputs and their indices on the mean rank shift, with a bar chart of S and ST.
  if (u.inputs.length) {
    heading(ws, r++, U.inputsHeading);
    const head = r;
    header(ws, r++, [U.input, U.alternatives, '', '', U.first, U.total]);
    ws.mergeCells(head, 2, head, 4);
    const first = r;
    for (const input of u.inputs) {
      text(ws.getCell(r, 1), inputName(ctx, input));
      const alt = ws.getCell(r, 2);
      text(alt, alternativesText(ctx, input));
      alt.alignment = { wrapText: true, vertical: 'top' };
      ws.mergeCells(r, 2, r, 4);
      num(ws.getCell(r, 5), u.mean_rank_shift.first_order[input.id] ?? null, '0.000');
      num(ws.getCell(r, 6), u.mean_rank_shift.total_order[input.id] ?? null, '0.000');
      ws.getCell(r, 1).alignment = { wrapText: true, vertical: 'top' };
      ws.getRow(r).height = Math.max(15, Math.ceil(Math.max(textWidth(String(alt.value ?? '')) / 36, textWidth(String(ws.getCell(r, 1).value ?? '')) / 24)) * 14);
      r++;
    }
    const last = r - 1;
    borders(ws, first - 1, last, 1, 6);
    note(ws, r++, U.indexNote, SPAN);
    const s = sheetRef(ws.name);
    const chartRows = Math.max(10, u.inputs.length * 2 + 4);
    ctx.charts.push({
      sheet: ws.name,
      kind: 'bar',
      title: U.chart,
      categories: { ref: `${s}!$A$${first}:$A$${last}`, values: u.inputs.map((i) => inputName(ctx, i)) },
      series: [
        { name: U.first, nameRef: `${s}!$E$${head}`, ref: `${s}!$E$${first}:$E$${last}`, values: u.inputs.map((i) => u.mean_rank_shift.first_order[i.id] ?? null), colour: '5B9BD5' },
        { name: U.total, nameRef: `${s}!$F$${head}`, ref: `${s}!$F$${first}:$F$${last}`, values: u.inputs.map((i) => u.mean_rank_shift.total_order[i.id] ?? null), colour: 'ED7D31' },
      ],
      anchor: { fromCol: 0, fromRow: r, toCol: 8, toRow: r + chartRows },
      horizontal: true,
      // Estimates near 0 can come out slightly negative (sampling error): keep them on the axis.
      axisMin: Math.min(0, Math.floor(Math.min(...u.inputs.flatMap((i) => [u.mean_rank_shift.first_order[i.id] ?? 0, u.mean_rank_shift.total_order[i.id] ?? 0])) * 5) / 5),
      axisMax: Math.max(1, Math.ceil(Math.max(...u.inputs.flatMap((i) => [u.mean_rank_shift.total_order[i.id] ?? 0])) * 10) / 10),
      valueFormat: '0.0',
      majorUnit: 0.2,
      categoryLabelsLow: true,
    });
    r += chartRows + 2;
  }

  // Units: rank interval and the input with the largest total-order index on the unit's rank.
  heading(ws, r++, U.unitsHeading);
  header(ws, r++, [U.unit, U.baseRank, U.median, U.p05, U.p95, U.topInput, '', '', U.topTotal]);
  ws.mergeCells(r - 1, 6, r - 1, 8);
  const firstUnit = r;
  const byId = new Map(u.inputs.map((i) => [i.id, i]));
  for (const x of [...u.units].sort((a, b) => a.base_rank - b.base_rank || (a.unit < b.unit ? -1 : 1))) {
    let top: string | null = null;
    for (const [id, st] of Object.entries(x.total_order)) if (st !== null && (top === null || st > (x.total_order[top] ?? -Infinity))) top = id;
    text(ws.getCell(r, 1), ctx.result.units.find((v) => v.unit === x.unit)?.name ?? x.unit);
    num(ws.getCell(r, 2), x.base_rank, '0');
    num(ws.getCell(r, 3), x.median_rank, '0');
    num(ws.getCell(r, 4), x.p05_rank, '0');
    num(ws.getCell(r, 5), x.p95_rank, '0');
    text(ws.getCell(r, 6), top ? inputName(ctx, byId.get(top)!) : U.none);
    ws.mergeCells(r, 6, r, 8);
    num(ws.getCell(r, 9), top ? x.total_order[top] : null, '0.000');
    r++;
  }
  borders(ws, firstUnit - 1, r - 1, 1, SPAN);
  r++;

  // Remove one indicator.
  if (u.remove_one.length) {
    heading(ws, r++, U.removeHeading);
    header(ws, r++, [U.removed, '', U.meanChange, U.maxChange, U.mover, '', '', '', '']);
    ws.mergeCells(r - 1, 1, r - 1, 2);
    ws.mergeCells(r - 1, 5, r - 1, SPAN);
    const firstRow = r;
    for (const row of [...u.remove_one].sort((a, b) => b.mean_abs_rank_change - a.mean_abs_rank_change)) {
      text(ws.getCell(r, 1), indicatorName(ctx, row.indicator));
      ws.mergeCells(r, 1, r, 2);
      num(ws.getCell(r, 3), row.mean_abs_rank_change, '0.00');
      num(ws.getCell(r, 4), row.max_abs_rank_change, '0');
      const mover = row.max_abs_rank_change > 0 ? row.units.find((x) => Math.abs(x.change) === row.max_abs_rank_change)! : null;
      const moverName = mover ? (ctx.result.units.find((v) => v.unit === mover.unit)?.name ?? mover.unit) : null;
      text(ws.getCell(r, 5), mover ? U.moverText(moverName!, mover.base_rank, mover.rank) : U.none);
      ws.mergeCells(r, 5, r, SPAN);
      r++;
    }
    borders(ws, firstRow - 1, r - 1, 1, SPAN);
  }
  return r;
}
