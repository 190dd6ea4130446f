/**
 * 工单指标 / Case metrics: volumes, on-time handling, overdue, returns and the other case metrics of design §4,
 * by unit, by urgency class, by category and by department, stacked as four blocks on one sheet. Counts are the
 * engine's CaseCounts, rates its CaseMetrics (blank where the denominator is empty, never 0).
 */
import type ExcelJS from 'exceljs';
import type { CaseCounts, CaseMetrics } from '../../types.js';
import type { ReportContext } from '../context.js';
import { NUMFMT } from '../format.js';
import { borders, colLetter, colourScale, fitColumns, freeze, header, heading, num, printSetup, text, title } from '../style.js';

interface Row {
  key: string;
  counts: CaseCounts;
  metrics: CaseMetrics;
}

export function fillCaseMetrics(ctx: ReportContext, ws: ExcelJS.Worksheet): void {
  const { result, L } = ctx;
  const C = L.cases;
  const m = result.metrics;
  const hasPop = Object.values(m.cases).some((x) => x.cases_per_10k !== null);
  const heads = [C.key, C.cases, C.closed, C.onTime, C.late, C.openOverdue, C.openPending, C.onTimeRate, C.contactRate, C.resolutionRate, C.satisfactionRate, C.verificationRate, C.returned, C.returnRate, C.repeatRate, C.meanDays];
  if (hasPop) heads.push(C.per10k);
  const span = heads.length;
  title(ws, 1, C.title, Math.min(span, 12));

  let r = 3;
  let firstHeader = 0;
  const block = (label: string, keyHead: string, rows: Row[], scale: boolean) => {
    if (!rows.length) return;
    heading(ws, r++, label);
    const h = r;
    if (!firstHeader) firstHeader = h;
    header(ws, r++, [keyHead, ...heads.slice(1)]);
    for (const row of rows) {
      const k = row.counts;
      const x = row.metrics;
      text(ws.getCell(r, 1), row.key);
      const ints = [k.cases, k.closed, k.closedOnTime, k.closedLate, k.openOverdue, k.openPending];
      ints.forEach((v, i) => num(ws.getCell(r, 2 + i), v, '#,##0'));
      const rates = [x.on_time_close_rate, x.first_contact_rate, x.resolution_rate, x.satisfaction_rate, x.verification_rate];
      rates.forEach((v, i) => num(ws.getCell(r, 8 + i), v, NUMFMT.rate));
      num(ws.getCell(r, 13), k.returned, '#,##0');
      num(ws.getCell(r, 14), x.return_rate, NUMFMT.rate);
      num(ws.getCell(r, 15), x.repeat_rate, NUMFMT.rate);
      num(ws.getCell(r, 16), x.mean_close_workdays, '0.0');
      if (hasPop) num(ws.getCell(r, 17), x.cases_per_10k, '0.0');
      r++;
    }
    borders(ws, h + 1, r - 1, 1, span);
    if (scale && rows.length > 1) {
      for (let c = 8; c <= 12; c++) colourScale(ws, `${colLetter(c)}${h + 1}:${colLetter(c)}${r - 1}`);
      for (const c of [14, 15]) colourScale(ws, `${colLetter(c)}${h + 1}:${colLetter(c)}${r - 1}`, true);
    }
    r++;
  };

  const units = m.units.length ? m.units.map((u) => u.unit) : Object.keys(m.caseCounts);
  block(
    C.byUnit,
    L.scores.unit,
    units.filter((u) => m.caseCounts[u]).map((u) => ({ key: u, counts: m.caseCounts[u], metrics: m.cases[u] })),
    true,
  );
  block(C.byUrgency, C.key, m.breakdowns.urgency.map((b) => ({ ...b, key: L.urgency[b.key] ?? b.key })), false);
  block(C.byCategory, C.key, m.breakdowns.category, false);
  block(C.byDepartment, C.key, m.breakdowns.department, false);

  if (firstHeader) freeze(ws, firstHeader + 1, 2);
  fitColumns(ws, { skipRows: [1], min: 8, max: 28 });
  printSetup(ws, { landscape: true, titleRows: firstHeader ? [firstHeader, firstHeader] : undefined });
}
