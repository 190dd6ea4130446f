/**
 * 工单指标 / Case metrics: the case metrics of design §4 by unit, urgency class, category and department. Each
 * grouping is two tables that fit a landscape A4 page at full size — timeliness (volumes, on-time handling, first
 * contact, mean working days) and quality (resolution, satisfaction, verification, returns, repeats) — and every
 * rate stands beside its numerator and denominator, as the engine computed it. Which metric goes in which table,
 * after which count columns, is its `sheet` entry in the case-metric table (src/model/case-metrics.ts): no column
 * is numbered here.
 *
 * The by-unit tables end with a street-total row: counts summed, rates = Σ numerator ÷ Σ denominator, mean
 * working days = Σ (mean × closed) ÷ Σ closed (formulas). Rates are coloured against the indicator system's
 * standard (a threshold leaf's floor red, its target green), not against the spread of the units.
 */
import type ExcelJS from 'exceljs';
import {
  CASE_METRICS,
  CASE_METRIC_IDS,
  CASE_TALLIES,
  isCostCaseMetric,
  tallyOf,
  type CaseMetricDefinition,
  type CaseMetricFormat,
  type CaseMetricId,
  type CaseTallyId,
} from '../../model/case-metrics.js';
import type { CaseCounts, CaseMetrics } from '../../types.js';
import type { IndicatorInfo } from '../../model/result.js';
import type { ReportContext } from '../context.js';
import type { Lang } from '../labels.js';
import { NUMFMT } from '../format.js';
import { caseMetricName } from '../metric-names.js';
import { borders, colLetter, fitColumns, formula, freeze, header, heading, note, num, printSetup, targetScale, text, title, FONT } from '../style.js';

interface Row {
  key: string;
  counts: CaseCounts;
  metrics: CaseMetrics;
}

/**
 * A column: its header, the value of a row, its format; a rate names the sheet columns (1-based, column 1 is the
 * group key) of its numerator and denominator, a mean the column it is weighted by.
 */
interface Col {
  head: string;
  value: (row: Row) => number | null;
  fmt: string;
  rate?: { metric: CaseMetricId; num: number; den: number };
  weightedBy?: number;
  /** Street total: Σ of the column (counts), or a formula built from the column letters (rates, means). */
  total: 'sum' | 'rate' | 'weighted' | 'none';
}

/** The cell format of each kind of case metric (the case-metric table's `format`). */
const CELL_FORMAT: Record<CaseMetricFormat, string> = { percent: NUMFMT.rate, days: '0.0', per_10k: '0.0', score: NUMFMT.score, count: '#,##0' };
const INT = '#,##0';

/**
 * The columns of one of the sheet's two tables, from the case-metric table: `cases`, then each metric placed in
 * this table (in the table's order) after its count columns. A ratio whose numerator and denominator are both
 * columns here totals Σ num ÷ Σ den; one whose denominator only is, the mean weighted by it.
 */
export function caseTableColumns(table: 'timeliness' | 'quality', lang: Lang, name: (id: CaseMetricId) => string, shown: (id: CaseMetricId) => boolean): Col[] {
  const cols: Col[] = [];
  const at = new Map<CaseTallyId, number>();
  const countColumn = (t: CaseTallyId) => {
    const head = CASE_TALLIES[t].head;
    if (!head) throw new Error(`tally ${t} has no head: it cannot be a column of the case-metrics sheet`);
    cols.push({ head: head[lang], value: (x) => tallyOf(x.counts, t), fmt: INT, total: 'sum' });
    if (!at.has(t)) at.set(t, 1 + cols.length);
  };
  countColumn('cases');
  for (const id of CASE_METRIC_IDS) {
    const def: CaseMetricDefinition = CASE_METRICS[id];
    if (def.sheet?.table !== table || !shown(id)) continue;
    for (const t of def.sheet.columns) countColumn(t);
    const col: Col = { head: name(id), value: (x) => x.metrics[id], fmt: CELL_FORMAT[def.format], total: 'none' };
    if ('ratio' in def.value) {
      const [num, den] = def.value.ratio;
      if (at.has(num) && at.has(den)) {
        col.rate = { metric: id, num: at.get(num)!, den: at.get(den)! };
        col.total = 'rate';
      } else if (at.has(den)) {
        col.weightedBy = at.get(den);
        col.total = 'weighted';
      }
    }
    cols.push(col);
  }
  return cols;
}

/** Default standards where no threshold leaf reads the metric: benefit rates 60 % red → 100 % green, cost rates 0 % green → 20 % red. */
const DEFAULT_STANDARD = { benefit: { bad: 0.6, good: 1 }, cost: { bad: 0.2, good: 0 } };
/** Rows of 15 pt a landscape A4 page holds under the page header (the tables print at about full size). */
const PAGE_ROWS = 38;

/** The floor and target of the threshold leaf that reads `cases.<metric>`, else the defaults. */
function standardOf(indicators: IndicatorInfo[], metric: string): { bad: number; good: number } {
  const leaf = indicators.find((i) => i.leaf && i.metric === `cases.${metric}` && i.scoring?.method === 'threshold');
  const threshold = leaf?.scoring?.method === 'threshold' ? leaf.scoring : null;
  const floor = Number(threshold?.floor);
  const target = Number(threshold?.target);
  if (leaf && Number.isFinite(floor) && Number.isFinite(target) && floor !== target) return { bad: floor, good: target };
  return isCostCaseMetric(metric) ? DEFAULT_STANDARD.cost : DEFAULT_STANDARD.benefit;
}

export function fillCaseMetrics(ctx: ReportContext, ws: ExcelJS.Worksheet): void {
  const { result, L } = ctx;
  const C = L.cases;
  const P = L.layout;
  const m = result.metrics;
  // Rates by the name of the leaf that reads them, so one metric has one name in the whole report (issue 11).
  const name = (id: string) => caseMetricName(ctx, id);
  // A metric placed `whenKnown` (cases per 10 000: needs the registry's population) only when some unit has it.
  const shown = (id: CaseMetricId) => !(CASE_METRICS[id] as CaseMetricDefinition).sheet?.whenKnown || Object.values(m.cases).some((x) => x[id] !== null);
  const timeliness = caseTableColumns('timeliness', ctx.lang, name, shown);
  const quality = caseTableColumns('quality', ctx.lang, name, shown);
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
        } else if (c.total === 'weighted' && c.weightedBy) {
          // A mean over all the groups' cases: Σ mean × weight ÷ Σ weight (e.g. working days weighted by closed cases).
          const w = colOf(c.weightedBy);
          const weight = sumOf(c.weightedBy);
          const sum = rows.reduce((a, x) => a + (c.value(x) ?? 0) * (cols[c.weightedBy! - 2].value(x) ?? 0), 0);
          formula(cell, `IF(SUM(${w}${first}:${w}${last})>0,SUMPRODUCT(N(+${L_}${first}:${L_}${last}),${w}${first}:${w}${last})/SUM(${w}${first}:${w}${last}),"")`, weight > 0 ? sum / weight : '', c.fmt);
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

