/**
 * The full lists of repeat/merge links and of excluded cases as CSV beside the workbook (`<name>.links.csv`,
 * `<name>.exclusions.csv`; issue 14, design §4.1): the workbook's sheets stop at 100,000 rows, these do not. Same
 * form as the issues CSV (issues-csv.ts): UTF-8 with a BOM, CRLF, cells guarded against formula injection. Keys
 * are `field=value` pairs joined by `; `, the caller as its hash.
 */
import type { ExclusionEntry, RepeatLink } from '../types.js';
import { csvCell } from './issues-csv.js';

export const LINKS_CSV_HEADER = ['case', 'linked_case', 'rule', 'keys', 'gap_hours', 'reopen', 'unit', 'linked_unit', 'category', 'received_at'] as const;
export const EXCLUSIONS_CSV_HEADER = ['case', 'unit', 'rule', 'reason', 'category', 'received_at', 'row'] as const;

/** `report.xlsx` → `report.links.csv`. */
export function linksCsvPath(workbookPath: string): string {
  return workbookPath.replace(/\.xlsx$/i, '') + '.links.csv';
}

/** `report.xlsx` → `report.exclusions.csv`. */
export function exclusionsCsvPath(workbookPath: string): string {
  return workbookPath.replace(/\.xlsx$/i, '') + '.exclusions.csv';
}

function csv(lines: string[]): string {
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

export function linksCsv(links: readonly RepeatLink[]): string {
  const lines = [LINKS_CSV_HEADER.join(',')];
  for (const l of links) {
    const keys = Object.entries(l.keys)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
    lines.push([l.case, l.linked_case, l.rule, keys, l.gap_hours, l.reopen ? 'true' : 'false', l.unit, l.linked_unit, l.category, l.received_at].map(csvCell).join(','));
  }
  return csv(lines);
}

export function exclusionsCsv(entries: readonly ExclusionEntry[]): string {
  const lines = [EXCLUSIONS_CSV_HEADER.join(',')];
  for (const e of entries) lines.push([e.case, e.unit, e.rule, e.reason, e.category, e.received_at, e.row].map(csvCell).join(','));
  return csv(lines);
}
