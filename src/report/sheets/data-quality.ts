/**
 * 数据质量 / Data quality: every rejected row, repaired value and note of the ledger (file, row, field, value,
 * reason, severity) up to `maxRows` rows, with a line saying how many more are only in the CSV beside the workbook;
 * beside the list, the counts by reason. Values from inputs are stored as plain text.
 */
import type ExcelJS from 'exceljs';
import type { ReportContext } from '../context.js';
import { borders, fitColumns, freeze, header, heading, note, num, printSetup, text, title, FONT } from '../style.js';

const HEADER_ROW = 4;

export function fillDataQuality(ctx: ReportContext, ws: ExcelJS.Worksheet, opts: { maxRows: number; csvName: string | null }): void {
  const { result, L } = ctx;
  const D = L.dq;
  const dq = result.data_quality;
  title(ws, 1, D.title, 6);
  const shown = Math.min(dq.issues.length, Math.max(0, opts.maxRows));
  const hidden = dq.issues.length - shown;
  if (!dq.issues.length) note(ws, 2, D.none, 6);
  else if (hidden > 0) {
    note(ws, 2, D.more(hidden, opts.csvName ?? 'issues.csv'), 6);
    ws.getCell(2, 1).font = { name: FONT, bold: true, color: { argb: 'FFC00000' } };
  } else if (opts.csvName) note(ws, 2, D.csvNote(opts.csvName), 6);

  header(ws, HEADER_ROW, [D.file, D.row, D.field, D.value, D.reason, D.severity]);
  let r = HEADER_ROW + 1;
  for (let i = 0; i < shown; i++) {
    const issue = dq.issues[i];
    text(ws.getCell(r, 1), issue.file);
    num(ws.getCell(r, 2), issue.row, '0');
    text(ws.getCell(r, 3), issue.field);
    text(ws.getCell(r, 4), issue.value);
    text(ws.getCell(r, 5), issue.reason);
    const sev = ws.getCell(r, 6);
    text(sev, D.severities[issue.severity] ?? issue.severity);
    if (issue.severity === 'error') sev.font = { name: FONT, color: { argb: 'FFC00000' } };
    r++;
  }
  const last = r - 1;
  // Per-row borders on a 100,000-row list would bloat the styles; only small lists get them.
  if (shown > 0 && shown <= 5000) borders(ws, HEADER_ROW + 1, last, 1, 6);

  // Counts by reason, to the right of the list so the list's header row can stay frozen.
  heading(ws, HEADER_ROW - 1, D.byReason, 8);
  header(ws, HEADER_ROW, [D.reason, D.count], 8);
  let k = HEADER_ROW + 1;
  for (const [reason, n] of Object.entries(dq.by_reason)) {
    text(ws.getCell(k, 8), reason);
    num(ws.getCell(k, 9), n, '#,##0');
    k++;
  }
  if (k > HEADER_ROW + 1) borders(ws, HEADER_ROW + 1, k - 1, 8, 9);

  freeze(ws, HEADER_ROW + 1, 1);
  if (shown > 0) ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: last, column: 6 } };
  // Widths from the first rows only: measuring 100,000 rows is slow and the first ones are representative.
  fitColumns(ws, { skipRows: [1, 2, 3], min: 8, max: 40, maxRow: HEADER_ROW + 2000 });
  printSetup(ws, { landscape: true, titleRows: [HEADER_ROW, HEADER_ROW] });
}
