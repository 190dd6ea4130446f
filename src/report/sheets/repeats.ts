/**
 * 重复与并单 / Repeats and merges, and 剔除工单 / Excluded cases (issue 14, design §4.1, §4.2, §7.1 附件): one row per
 * link (case, linked case, rule, gap, reopen, the keys — the caller as its hash only) or per excluded case (reason,
 * rule), up to `maxRows` rows with an autofilter, the rest only in the CSV beside the workbook; to the right, the
 * counts per unit. Like the data-quality list, only the first CELL_ROWS rows are exceljs cells; the rest are written
 * as XML text once the package is built (sheet-rows.ts), styled as the rows above.
 */
import type ExcelJS from 'exceljs';
import type { ExclusionEntry, RepeatLink, RepeatsResult } from '../../types.js';
import type { ReportContext } from '../context.js';
import type { Labels } from '../labels.js';
import { appendRows, rowStyles, type XmlCell } from '../sheet-rows.js';
import { borders, fitColumns, freeze, header, heading, note, num, printSetup, text, title, FONT } from '../style.js';

const HEADER_ROW = 4;
const CELL_ROWS = 1000;
const PRINT_ROWS = 200;

/** A list's rows beyond the exceljs cells, for appendListTail. */
export interface ListTail {
  sheet: string;
  firstRow: number;
  rows: (string | number | null)[][];
}

/** The link's row: case, unit, received, category, rule, linked case, linked unit, gap, reopen, keys. */
export function linkRow(l: RepeatLink, R: Labels['repeats']): (string | number | null)[] {
  const keys = Object.entries(l.keys)
    .map(([k, v]) => `${R.fields[k] ?? k}=${v}`)
    .join('; ');
  return [l.case, l.unit, l.received_at.replace('T', ' '), l.category, R.rules[l.rule] ?? l.rule, l.linked_case, l.linked_unit, l.gap_hours, l.rule === 'repeat' ? (l.reopen ? R.yes : R.no) : null, keys];
}

export function exclusionRow(e: ExclusionEntry, R: Labels['repeats']): (string | number | null)[] {
  return [e.case, e.unit, e.received_at.replace('T', ' '), e.category, e.rule === 'column' ? R.rules.column : e.rule, e.reason];
}

function fillList(
  ws: ExcelJS.Worksheet,
  heads: string[],
  rows: (string | number | null)[][],
  opts: { maxRows: number; csvName: string | null; none: string; R: Labels['repeats']; numeric: Set<number> },
): ListTail | null {
  const width = heads.length;
  const shown = Math.min(rows.length, Math.max(0, opts.maxRows));
  const hidden = rows.length - shown;
  if (rows.length === 0) note(ws, 2, opts.none, width);
  else if (hidden > 0) {
    note(ws, 2, opts.R.more(hidden, opts.csvName ?? 'csv'), width);
    ws.getCell(2, 1).font = { name: FONT, bold: true, color: { argb: 'FFC00000' } };
  } else if (opts.csvName) note(ws, 2, opts.R.csvNote(opts.csvName), width);
  header(ws, HEADER_ROW, heads);
  const asCells = Math.min(shown, CELL_ROWS);
  for (let i = 0; i < asCells; i++) {
    rows[i].forEach((v, c) => {
      const cell = ws.getCell(HEADER_ROW + 1 + i, c + 1);
      if (opts.numeric.has(c)) num(cell, typeof v === 'number' ? v : null, '0.00');
      else text(cell, v === null ? null : String(v));
    });
  }
  if (asCells > 0 && asCells <= 5000) borders(ws, HEADER_ROW + 1, HEADER_ROW + asCells, 1, width);
  if (shown > 0) ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW + shown, column: width } };
  freeze(ws, HEADER_ROW + 1, 1);
  return shown > asCells ? { sheet: ws.name, firstRow: HEADER_ROW + 1 + asCells, rows: rows.slice(asCells, shown) } : null;
}

/** The counts per unit to the right of a list (from column `col`). */
function unitCounts(ws: ExcelJS.Worksheet, r: RepeatsResult, R: Labels['repeats'], col: number, which: 'repeats' | 'exclusions'): void {
  heading(ws, HEADER_ROW - 1, R.byUnit, col);
  const heads =
    which === 'repeats'
      ? [R.unit, R.caseCount, R.repeatsAll, R.repeatsFlagged, R.repeatsDetected, R.reopens, R.merged, R.events]
      : [R.unit, R.caseCountAll, R.caseCount, R.excluded, R.reason];
  header(ws, HEADER_ROW, heads, col);
  let k = HEADER_ROW + 1;
  for (const [unit, c] of Object.entries(r.units)) {
    const values =
      which === 'repeats'
        ? [c.case_count, c.repeats, c.repeats_flagged, c.repeats_detected, c.reopens, c.merged, c.events]
        : [c.case_count_all, c.case_count, c.excluded];
    text(ws.getCell(k, col), unit);
    values.forEach((v, i) => num(ws.getCell(k, col + 1 + i), v, '#,##0'));
    if (which === 'exclusions') {
      text(
        ws.getCell(k, col + 4),
        Object.entries(c.excluded_by_reason)
          .map(([reason, n]) => `${reason} ${n}`)
          .join('；'),
      );
    }
    k++;
  }
  if (k > HEADER_ROW + 1) borders(ws, HEADER_ROW + 1, k - 1, col, col + heads.length - 1);
}

export function fillRepeats(ctx: ReportContext, ws: ExcelJS.Worksheet, opts: { maxRows: number; csvName: string | null }): ListTail | null {
  const R = ctx.L.repeats;
  const r = ctx.result.metrics.repeats as RepeatsResult;
  title(ws, 1, R.title, 10);
  const s = r.settings;
  if (s) {
    const f = (keys: string[]) => keys.map((k) => R.fields[k] ?? k).join(ctx.lang === 'zh' ? '、' : ' + ');
    note(ws, HEADER_ROW - 1, R.settings(f(s.keys), R.window(s.window), f(s.merge_keys), R.window(s.merge_window), R.basis[s.basis] ?? s.basis), 10);
  }
  const heads = [R.case, R.unit, R.receivedAt, R.category, R.rule, R.linkedCase, R.linkedUnit, R.gapHours, R.reopen, R.keys];
  const tail = fillList(ws, heads, r.links.map((l) => linkRow(l, R)), { ...opts, none: R.none, R, numeric: new Set([7]) });
  unitCounts(ws, r, R, 12, 'repeats');
  // (The gap and reopen columns hold short values under long headers: wide enough for the header on one line.)
  fitColumns(ws, { skipRows: [1, 2, 3], min: 8, max: 40, maxRow: HEADER_ROW + 2000, fixed: { 8: 12, 9: 11 } });
  printSetup(ws, { landscape: true, titleRows: [HEADER_ROW, HEADER_ROW], printArea: `A1:J${HEADER_ROW + Math.max(1, Math.min(r.links.length, PRINT_ROWS))}` });
  return tail;
}

export function fillExclusions(ctx: ReportContext, ws: ExcelJS.Worksheet, opts: { maxRows: number; csvName: string | null }): ListTail | null {
  const R = ctx.L.repeats;
  const r = ctx.result.metrics.repeats as RepeatsResult;
  title(ws, 1, R.exclusionsTitle, 6);
  const heads = [R.case, R.unit, R.receivedAt, R.category, R.rule, R.reason];
  const tail = fillList(ws, heads, r.exclusions.map((e) => exclusionRow(e, R)), { ...opts, none: R.noneExcluded, R, numeric: new Set() });
  unitCounts(ws, r, R, 8, 'exclusions');
  fitColumns(ws, { skipRows: [1, 2, 3], min: 8, max: 40, maxRow: HEADER_ROW + 2000 });
  printSetup(ws, { landscape: true, titleRows: [HEADER_ROW, HEADER_ROW], printArea: `A1:F${HEADER_ROW + Math.max(1, Math.min(r.exclusions.length, PRINT_ROWS))}` });
  return tail;
}

/** Writes a list's rows beyond the exceljs cells into the finished package, styled as the row above them. */
export async function appendListTail(xlsx: Buffer, tail: ListTail): Promise<Buffer> {
  let styles: Map<string, number> | null = null;
  const cols = 'ABCDEFGHIJ';
  return appendRows(xlsx, tail.sheet, tail.firstRow, tail.firstRow + tail.rows.length - 1, (r, xml) => {
    styles ??= rowStyles(xml, tail.firstRow - 1);
    const row = tail.rows[r - tail.firstRow];
    return row.map((v, c): XmlCell => {
      const style = styles!.get(cols[c]) ?? 0;
      if (v === null) return { style };
      return typeof v === 'number' ? { number: v, style } : { text: v, style };
    });
  });
}
