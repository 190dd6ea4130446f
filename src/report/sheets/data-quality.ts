/**
 * 数据质量 / Data quality: every rejected row, repaired value and note of the ledger (file, row, field, value,
 * reason, severity) up to `maxRows` rows, with a line saying how many more are only in the CSV beside the workbook;
 * beside the list, the counts by reason. Values from inputs are stored as plain text.
 *
 * Only the first `cellRows` (1,000) rows of the list are exceljs cells; the rest are returned as a `DataQualityTail`
 * and written as XML text after the package is built (sheet-rows.ts, appendDataQualityTail), with the styles of the
 * rows above: 100,000 exceljs rows took 650 MB, the XML text takes a few tens.
 */
import type ExcelJS from 'exceljs';
import type { DataIssue } from '../../types.js';
import { appendRows, rowStyles, type XmlCell } from '../sheet-rows.js';
import type { ReportContext } from '../context.js';
import type { Lang } from '../labels.js';
import { localiseField, localiseIssueValue, localiseReason } from '../reason-text.js';
import { borders, fitColumns, freeze, header, heading, note, num, printSetup, text, title, FONT } from '../style.js';

const HEADER_ROW = 4;

/** The rows of the list left for appendDataQualityTail: issues[from..to) at sheet rows firstRow onwards. */
export interface DataQualityTail {
  issues: DataIssue[];
  from: number;
  to: number;
  firstRow: number;
  severities: Record<string, string>;
  /** The report language, for the reasons, fields and values (reason-text.ts). */
  lang: Lang;
}

export const CELL_ROWS = 1000;
/** Rows of the list inside the print area. */
export const PRINT_ROWS = 200;

export function fillDataQuality(
  ctx: ReportContext,
  ws: ExcelJS.Worksheet,
  opts: { maxRows: number; csvName: string | null; cellRows?: number },
): DataQualityTail | null {
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
  const asCells = Math.min(shown, Math.max(1, opts.cellRows ?? CELL_ROWS));
  let r = HEADER_ROW + 1;
  for (let i = 0; i < asCells; i++) {
    const issue = dq.issues[i];
    text(ws.getCell(r, 1), issue.file);
    num(ws.getCell(r, 2), issue.row, '0');
    text(ws.getCell(r, 3), localiseField(issue.field, ctx.lang));
    text(ws.getCell(r, 4), localiseIssueValue(issue.value, ctx.lang));
    text(ws.getCell(r, 5), localiseReason(issue.reason, ctx.lang));
    const sev = ws.getCell(r, 6);
    text(sev, D.severities[issue.severity] ?? issue.severity);
    if (issue.severity === 'error') sev.font = { name: FONT, color: { argb: 'FFC00000' } };
    r++;
  }
  const tail: DataQualityTail | null =
    shown > asCells ? { issues: dq.issues, from: asCells, to: shown, firstRow: r, severities: D.severities, lang: ctx.lang } : null;
  const last = HEADER_ROW + shown;
  // Per-row borders on a 100,000-row list would bloat the styles; only small lists get them.
  // (Only on the exceljs rows: the rows written as XML copy their styles, borders included.)
  if (shown > 0 && shown <= 5000) borders(ws, HEADER_ROW + 1, HEADER_ROW + asCells, 1, 6);

  // Counts by reason, to the right of the list so the list's header row can stay frozen.
  heading(ws, HEADER_ROW - 1, D.byReason, 8);
  header(ws, HEADER_ROW, [D.reason, D.count], 8);
  let k = HEADER_ROW + 1;
  for (const [reason, n] of Object.entries(dq.by_reason)) {
    text(ws.getCell(k, 8), localiseReason(reason, ctx.lang));
    num(ws.getCell(k, 9), n, '#,##0');
    k++;
  }
  if (k > HEADER_ROW + 1) borders(ws, HEADER_ROW + 1, k - 1, 8, 9);

  freeze(ws, HEADER_ROW + 1, 1);
  if (shown > 0) ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: last, column: 6 } };
  // Widths from the first rows only: measuring 100,000 rows is slow and the first ones are representative.
  fitColumns(ws, { skipRows: [1, 2, 3], min: 8, max: 40, maxRow: HEADER_ROW + 2000 });
  // Paper gets the first PRINT_ROWS rows (a 100,000-row list is not read on paper); the note says where the rest is.
  if (shown > PRINT_ROWS) note(ws, HEADER_ROW - 1, L.layout.dqPrintNote(PRINT_ROWS, opts.csvName ?? 'issues.csv'), 6);
  printSetup(ws, { landscape: true, titleRows: [HEADER_ROW, HEADER_ROW], printArea: `A1:F${HEADER_ROW + Math.max(1, Math.min(shown, PRINT_ROWS))}` });
  return tail;
}

/**
 * Writes the list's rows beyond the exceljs cells into the finished package, each cell styled as the same column
 * of the rows above (the severity column as the last row above with the same severity, so errors stay red).
 */
export async function appendDataQualityTail(xlsx: Buffer, sheetName: string, tail: DataQualityTail): Promise<Buffer> {
  const last = tail.firstRow + (tail.to - tail.from) - 1;
  let styles: Map<string, number> | null = null;
  const severityStyle = new Map<string, number>();
  return appendRows(xlsx, sheetName, tail.firstRow, last, (r, xml) => {
    if (!styles) {
      styles = rowStyles(xml, HEADER_ROW + 1);
      for (let i = 0; i < tail.from; i++) {
        const sev = tail.issues[i].severity;
        if (!severityStyle.has(sev)) severityStyle.set(sev, rowStyles(xml, HEADER_ROW + 1 + i).get('F') ?? 0);
      }
    }
    const st = (col: string) => styles!.get(col) ?? 0;
    const issue = tail.issues[tail.from + (r - tail.firstRow)];
    const t = (col: string, v: string | null): XmlCell => (v === null ? { style: st(col) } : { text: v, style: st(col) });
    return [
      t('A', issue.file),
      issue.row === null ? { style: st('B') } : { number: issue.row, style: st('B') },
      t('C', localiseField(issue.field, tail.lang)),
      t('D', localiseIssueValue(issue.value, tail.lang)),
      t('E', localiseReason(issue.reason, tail.lang)),
      { text: tail.severities[issue.severity] ?? issue.severity, style: severityStyle.get(issue.severity) ?? st('F') },
    ];
  });
}
