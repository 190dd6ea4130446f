/**
 * Streams one sheet of an XLSX workbook with exceljs's WorkbookReader: the first sheet unless one is named.
 * Cells arrive as text, numbers (Excel serial dates stay numbers unless the cell is date-formatted) or, for
 * date-formatted cells, a Date whose UTC fields are the wall clock. Rich text is joined, formulas give their cached
 * result, hyperlinks their text, error cells their code (#N/A …) so that they are reported rather than hidden.
 * Row numbers are the sheet's own; the header is the first non-blank row (normally row 1).
 *
 * The SHA-256 is computed over the file's bytes by a separate read (workbooks are small next to CSV logs).
 *
 * @throws DataError when the workbook cannot be read, the named sheet does not exist (listing the sheets), or the
 *   sheet is empty
 * @example const t = await openXlsx('cases.xlsx', { sheet: '工单' }); t.header // → ['工单编号', …]
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { DataError } from '../errors.js';
import type { CellValue } from './datetime.js';
import { isBlankRow, rowsOf, type TableReader, type TableRow } from './table.js';

const BATCH = 1000;

interface SheetRow {
  number: number;
  values: unknown[] | Record<string, unknown>;
}
interface SheetReader extends AsyncIterable<SheetRow> {
  name?: string;
  id?: number | string;
}

/** A cell of exceljs → a plain cell value. */
export function plainCell(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((t) => t.text ?? '').join('');
    if ('formula' in o || 'sharedFormula' in o) return plainCell(o.result);
    if ('text' in o) return plainCell(o.text);
    if ('error' in o) return String(o.error);
  }
  return String(v);
}

function cellsOf(values: SheetRow['values']): CellValue[] {
  const arr = Array.isArray(values) ? values : Object.values(values);
  // exceljs rows are 1-based: index 0 is always empty.
  const out: CellValue[] = new Array(Math.max(0, arr.length - 1));
  for (let i = 1; i < arr.length; i++) out[i - 1] = plainCell(arr[i]);
  return out;
}

function sha256OfFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (c) => h.update(c))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}

export async function openXlsx(path: string, opts: { sheet?: string }): Promise<TableReader> {
  const digest = sha256OfFile(path);
  digest.catch(() => {});
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const sheets = (reader as unknown as AsyncIterable<SheetReader>)[Symbol.asyncIterator]();
  const unreadable = (e: unknown) =>
    new DataError(`cannot read the workbook: ${(e as Error).message}`, { file: path }, 'check that it is an .xlsx file saved by a spreadsheet program');

  const seen: string[] = [];
  let sheet: SheetReader | null = null;
  try {
    for (;;) {
      const next = await sheets.next();
      if (next.done) break;
      const ws = next.value;
      const name = ws.name ?? `sheet${String(ws.id ?? seen.length + 1)}`;
      seen.push(name);
      if (opts.sheet === undefined || name === opts.sheet || name.trim() === opts.sheet.trim()) {
        sheet = ws;
        break;
      }
      // A sheet we do not want must still be read through for the zip stream to move on.
      for await (const _row of ws) void _row;
    }
  } catch (e) {
    throw unreadable(e);
  }
  if (!sheet) {
    if (opts.sheet !== undefined) {
      throw new DataError(`the workbook has no sheet named "${opts.sheet}"; its sheets are: ${seen.join(', ')}`, { file: path }, 'pick one with --sheet');
    }
    throw new DataError('the workbook has no sheets', { file: path });
  }
  const sheetName = seen[seen.length - 1];
  const rowIt = sheet[Symbol.asyncIterator]();

  let header: string[] | null = null;
  let headerRow = 0;
  try {
    for (;;) {
      const next = await rowIt.next();
      if (next.done) break;
      const cells = cellsOf(next.value.values);
      if (isBlankRow(cells)) continue;
      header = cells.map((c) => (c === null ? '' : c instanceof Date ? c.toISOString() : String(c).trim()));
      headerRow = next.value.number;
      break;
    }
  } catch (e) {
    throw unreadable(e);
  }
  if (header === null) throw new DataError(`sheet "${sheetName}" is empty: it has no header row`, { file: path });
  const width = header.length;

  const batches: AsyncIterable<TableRow[]> = {
    async *[Symbol.asyncIterator]() {
      let batch: TableRow[] = [];
      let dataRows = 0;
      for (;;) {
        let next: IteratorResult<SheetRow>;
        try {
          next = await rowIt.next();
        } catch (e) {
          throw unreadable(e);
        }
        if (next.done) break;
        const cells = cellsOf(next.value.values);
        if (isBlankRow(cells)) continue;
        // Trailing empty cells are simply absent in a sheet; pad so that every row has the header's width.
        for (let i = cells.length; i < width; i++) cells[i] = null;
        dataRows++;
        batch.push({ row: next.value.number, cells });
        if (batch.length >= BATCH) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
      if (dataRows === 0) throw new DataError(`sheet "${sheetName}" has a header but no data rows`, { file: path, row: headerRow + 1 });
      // Stop the workbook stream: the sheets after the one read are not needed.
      await sheets.return?.(undefined).catch(() => {});
    },
  };

  const close = async () => {
    await sheets.return?.(undefined).catch(() => {});
  };
  return { path, header, encoding: 'xlsx', rows: rowsOf(batches), batches, sha256: () => digest, close };
}
