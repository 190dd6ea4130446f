/**
 * 工单指标 / Case metrics: the case metrics of design §4 by unit, urgency class, category and department. Each
 * grouping is two tables that fit a landscape A4 page at full size — timeliness (volumes, on-time handling, first
 * contact, mean working days) and quality (resolution, satisfaction, verification, returns, repeats) — and every
 * rate stands beside its numerator and denominator (CaseCounts), as the engine computed it (cases.ts):
 *
 *   on-time = closedOnTime ÷ (closed + openOverdue)      first contact = contactedInTime ÷ contactDue
 *   resolution = resolved ÷ resolvedKnown                  satisfaction = satisfied ÷ rated
 *   verification = verified ÷ closed                       return = returned ÷ cases;  repeat = repeat ÷ cases
 *
 * The by-unit tables end with a street-total row: counts summed, rates = Σ numerator ÷ Σ denominator, mean
 * working days = Σ (mean × closed) ÷ Σ closed (formulas). Rates are coloured against the indicator system's
 * standard (a threshold leaf's floor red, its target green), not against the spread of the units.
 */
import type ExcelJS from 'exceljs';
import type { CaseCounts, CaseMetrics } from '../../types.js';
import type { IndicatorInfo } from '../../model/result.js';
import type { ReportContext } from '../context.js';
import { NUMFMT } from '../format.js';
import { caseMetricName } from '../metric-names.js';
import { borders, colLetter, fitColumns, formula, freeze, header, heading, note, num, printSetup, targetScale, text, title, FONT } from '../style.js';

interface Row {
  key: string;
  counts: CaseCounts;
  metrics: CaseMetrics;
}

/** A column: its header, the value of a row, its format; a rate names its numerator and denominator columns. */
interface Col {
  head: string;
  value: (row: Row) => number | null;
  fmt: string;
  rate?: { metric: keyof CaseMetrics; num: number; den: number };
  /** Street total: Σ of the column (counts), or a formula built from the column letters (rates, means). */
  total: 'sum' | 'rate' | 'weighted' | 'none';
}

/** Default standards where no threshold leaf reads the metric: benefit rates 60 % red → 100 % green, cost rates 0 % green → 20 % red. */
const DEFAULT_STANDARD = { benefit: { bad: 0.6, good: 1 }, cost: { bad: 0.2, good: 0 } };
const COST_METRICS = new Set(['return_rate', 'repeat_rate']);
/** Rows of 15 pt a landscape A4 page holds under the page header (the tables print at about full size). */
const PAGE_ROWS = 38;

/** The floor and target of the threshold leaf that reads `cases.<metric>`, else the defaults. */
function standardOf(indicators: IndicatorInfo[], metric: string): { bad: number; good: number } {
  const leaf = indicators.find((i) => i.leaf && i.metric === `cases.${metric}` && i.scoring?.method === 'threshold');
  const threshold = leaf?.scoring?.method === 'threshold' ? leaf.scoring : null;
  const floor = Number(threshold?.floor);
  const target = Number(threshold?.target);
  if (leaf && Number.isFinite(floor) && Number.isFinite(target) && floor !== target) return { bad: floor, good: target };
  return COST_METRICS.has(metric) ? DEFAULT_STANDARD.cost : DEFAULT_STANDARD.benefit;
}

export function fillCaseMetrics(ctx: ReportContext, ws: ExcelJS.Worksheet): void {
  const { result, L } = ctx;
  const C = L.cases;
  const P = L.layout;
  const m = result.metrics;
  const hasPop = Object.values(m.cases).some((x) => x.cases_per_10k !== null);
  const int = '#,##0';
  // Rates by the name of the leaf that reads them, so one metric has one name in the whole report (issue 11).
  const name = (id: string) => caseMetricName(ctx, id);

  // Column numbers below are 1-based sheet columns (column 1 is the group key).
  const timeliness: Col[] = [
    { head: C.cases, value: (x) => x.counts.cases, fmt: int, total: 'sum' },
    { head: C.closed, value: (x) => x.counts.closed, fmt: int, total: 'sum' },
    { head: C.onTime, value: (x) => x.counts.closedOnTime, fmt: int, total: 'sum' },
    { head: C.late, value: (x) => x.counts.closedLate, fmt: int, total: 'sum' },
    { head: C.openOverdue, value: (x) => x.counts.openOverdue, fmt: int, total: 'sum' },
    { head: C.openPending, value: (x) => x.counts.openPending, fmt: int, total: 'sum' },
    { head: P.due, value: (x) => x.counts.closed + x.counts.openOverdue, fmt: int, total: 'sum' },
    { head: name('on_time_close_rate'), value: (x) => x.metrics.on_time_close_rate, fmt: NUMFMT.rate, rate: { metric: 'on_time_close_rate', num: 4, den: 8 }, total: 'rate' },
    { head: P.contactDue, value: (x) => x.counts.contactDue, fmt: int, total: 'sum' },
    { head: P.contactedInTime, value: (x) => x.counts.contactedInTime, fmt: int, total: 'sum' },
    { head: name('first_contact_rate'), value: (x) => x.metrics.first_contact_rate, fmt: NUMFMT.rate, rate: { metric: 'first_contact_rate', num: 11, den: 10 }, total: 'rate' },
    { head: name('mean_close_workdays'), value: (x) => x.metrics.mean_close_workdays, fmt: '0.0', total: 'weighted' },
  ];
  const quality: Col[] = [
    { head: C.cases, value: (x) => x.counts.cases, fmt: int, total: 'sum' },
    { head: P.resolvedKnown, value: (x) => x.counts.resolvedKnown, fmt: int, total: 'sum' },
    { head: P.resolved, value: (x) => x.counts.resolved, fmt: int, total: 'sum' },
    { head: name('resolution_rate'), value: (x) => x.metrics.resolution_rate, fmt: NUMFMT.rate, rate: { metric: 'resolution_rate', num: 4, den: 3 }, total: 'rate' },
    { head: P.rated, value: (x) => x.counts.rated, fmt: int, total: 'sum' },
    { head: P.satisfied, value: (x) => x.counts.satisfied, fmt: int, total: 'sum' },
    { head: name('satisfaction_rate'), value: (x) => x.metrics.satisfaction_rate, fmt: NUMFMT.rate, rate: { metric: 'satisfaction_rate', num: 7, den: 6 }, total: 'rate' },
    { head: C.closed, value: (x) => x.counts.closed, fmt: int, total: 'sum' },
    { head: P.verified, value: (x) => x.counts.verified, fmt: int, total: 'sum' },
    { head: name('verification_rate'), value: (x) => x.metrics.verification_rate, fmt: NUMFMT.rate, rate: { metric: 'verification_rate', num: 10, den: 9 }, total: 'rate' },
    { head: C.returned, value: (x) => x.counts.returned, fmt: int, total: 'sum' },
    { head: name('return_rate'), value: (x) => x.metrics.return_rate, fmt: NUMFMT.rate, rate: { metric: 'return_rate', num: 12, den: 2 }, total: 'rate' },
    { head: P.repeat, value: (x) => x.counts.repeat, fmt: int, total: 'sum' },
    { head: name('repeat_rate'), value: (x) => x.metrics.repeat_rate, fmt: NUMFMT.rate, rate: { metric: 'repeat_rate', num: 14, den: 2 }, total: 'rate' },
  ];
  if (hasPop) quality.push({ head: name('cases_per_10k'), value: (x) => x.metrics.cases_per_10k, fmt: '0.0', total: 'none' });
  const span = 1 + Math.max(timeliness.length, quality.length);
  title(ws, 1, C.title, span);
  note(ws, 2, P.caseNote(name), span);

  let r = 4;
  let firstHeader = 0;
  // Tables of different columns share the sheet, so no header row is repeated on every page (it would print over
  // the next table's heading); instead a table that would not fit the rest of the page starts a new one.
  let pageUsed = 4;
  const headings: number[] = [];
  const table = (label: string, keyHead: string, rows: Row[], cols: Col[], totals: boolean) => {
    // Heading, a two-line header, the rows, the total and a gap, in rows of 15 pt.
    const height = 1 + 2 + rows.length + (totals && rows.length > 1 ? 1 : 0) + 1;
    if (pageUsed + height > PAGE_ROWS && pageUsed > 0) {
      ws.getRow(r - 1).addPageBreak();
      pageUsed = 0;
    }
    pageUsed += height;
    headings.push(r);
    heading(ws, r++, label);
    const h = r;
    if (!firstHeader) firstHeader = h;
    header(ws, r++, [keyHead, ...cols.map((c) => c.head)]);
    const first = r;
    for (const row of rows) {
      text(ws.getCell(r, 1), row.key);
      cols.forEach((c, i) => num(ws.getCell(r, 2 + i), c.value(row), c.fmt));
      r++;
    }
    const last = r - 1;
    if (totals && rows.length > 1) {
      text(ws.getCell(r, 1), P.streetTotal);
      const colOf = (k: number) => colLetter(k);
      const sumOf = (col: number) => rows.reduce((a, x) => a + (cols[col - 2].value(x) ?? 0), 0);
      cols.forEach((c, i) => {
        const col = 2 + i;
        const L_ = colOf(col);
        const cell = ws.getCell(r, col);
        if (c.total === 'sum') formula(cell, `SUM(${L_}${first}:${L_}${last})`, sumOf(col), c.fmt);
        else if (c.total === 'rate' && c.rate) {
          const n = colOf(c.rate.num);
          const d = colOf(c.rate.den);
          const den = sumOf(c.rate.den);
          formula(cell, `IF(SUM(${d}${first}:${d}${last})>0,SUM(${n}${first}:${n}${last})/SUM(${d}${first}:${d}${last}),"")`, den > 0 ? sumOf(c.rate.num) / den : '', c.fmt);
        } else if (c.total === 'weighted') {
          // Mean working days over all closed cases: Σ mean × closed ÷ Σ closed (closed is column 3).
          const closed = rows.reduce((a, x) => a + x.counts.closed, 0);
          const sum = rows.reduce((a, x) => a + (x.metrics.mean_close_workdays ?? 0) * x.counts.closed, 0);
          formula(cell, `IF(SUM(C${first}:C${last})>0,SUMPRODUCT(N(+${L_}${first}:${L_}${last}),C${first}:C${last})/SUM(C${first}:C${last}),"")`, closed > 0 ? sum / closed : '', c.fmt);
        }
      });
      for (let c = 1; c <= 1 + cols.length; c++) {
        const cell = ws.getCell(r, c);
        cell.font = { name: FONT, bold: true };
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
      }
      r++;
    }
    borders(ws, h + 1, r - 1, 1, 1 + cols.length);
    // Rates coloured against the standard (rows of groups as well: the standard does not depend on the spread).
    cols.forEach((c, i) => {
      if (!c.rate || last < first) return;
      const s = standardOf(result.indicators, c.rate.metric);
      targetScale(ws, `${colLetter(2 + i)}${first}:${colLetter(2 + i)}${r - 1}`, s.bad, s.good);
    });
    r++;
  };
  const block = (label: string, keyHead: string, rows: Row[], totals: boolean) => {
    if (!rows.length) return;
    table(`${label} · ${P.timeliness}`, keyHead, rows, timeliness, totals);
    table(`${label} · ${P.quality}`, keyHead, rows, quality, totals);
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
  fitColumns(ws, { skipRows: [1, 2, ...headings], min: 8, max: 24 });
  printSetup(ws, { landscape: true, printArea: `A1:${colLetter(span)}${Math.max(r - 1, 1)}` });
}

