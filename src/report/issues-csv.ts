/**
 * The full data-quality list as CSV beside the workbook (`<name>.issues.csv`), for lists longer than a sheet
 * should hold and for pipelines (issue 7 §1).
 *
 * Formula-injection guard: a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading
 * apostrophe (`'=HYPERLINK(…)`), so a spreadsheet that opens the CSV shows the text instead of running it (the
 * OWASP "CSV injection" advice). The apostrophe is visible in a text editor; strip one leading apostrophe to get the
 * original value back. Cells are then quoted per RFC 4180 when they hold a comma, quote, CR or LF.
 * UTF-8 with a byte-order mark, so spreadsheet programs detect the encoding of Chinese text; CRLF line ends.
 */
import type { DataIssue } from '../types.js';

export const ISSUES_CSV_HEADER = ['file', 'row', 'field', 'value', 'reason', 'severity'] as const;

/** `report.xlsx` → `report.issues.csv` (same folder). */
export function issuesCsvPath(workbookPath: string): string {
  return workbookPath.replace(/\.xlsx$/i, '') + '.issues.csv';
}

/**
 * One CSV cell, escaped against formula injection and quoted when needed.
 * @example csvCell('=1+1') // → "'=1+1"
 * @example csvCell('a,"b"') // → '"a,""b"""'
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function issuesCsv(issues: DataIssue[]): string {
  const lines = [ISSUES_CSV_HEADER.join(',')];
  for (const i of issues) lines.push([i.file, i.row, i.field, i.value, i.reason, i.severity].map(csvCell).join(','));
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}
