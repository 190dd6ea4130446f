/**
 * Streams one sheet of an XLSX workbook with exceljs's WorkbookReader: the first sheet unless one is named.
 * Cells arrive as text, numbers (Excel serial dates stay numbers unless the cell is date-formatted) or, for
 * date-formatted cells, a Date whose UTC fields are the wall clock. Rich text is joined, formulas give their cached
 * result, hyperlinks their text, error cells their code (#N/A …) so that they are reported rather than hidden.
 * Row numbers are the sheet's own; the header is the first non-blank row (normally row 1).
 *
 * The SHA-256 is computed over the file's bytes by a separate read (workbooks are small next to CSV logs).
 *
 * Merged cells (the sheet's `<mergeCells>`): Excel keeps a merged range's value in its top-left cell only, so a
 * column of cases grouped under one merged unit name would read as blank for all but the group's first row. Each
 * range that starts in a data row is filled with its top-left value, down and across, and the run gets one
 * `xlsx_merged_filled` warning per file (design §7.5) naming the ranges' count and columns (TableReader.warnings).
 * The ranges come after the rows in the sheet's XML, so they are found first by a scan of that XML alone (jszip,
 * streamed), and the rows are filled as they stream. (Ranges in the header or title rows are left as they are.)
 *
 * exceljs stops without a word where a sheet's XML stops; a sheet whose XML does not end with `</worksheet>`
 * (a truncated or damaged file) is an error rather than a partial read.
 *
 * @throws DataError when the workbook cannot be read, the named sheet does not exist (listing the sheets), the
 *   sheet is empty, or the sheet's XML is cut short (naming the sheet and the last complete row)
 * @example const t = await openXlsx('cases.xlsx', { sheet: '工单' }); t.header // → ['工单编号', …]
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { DataError } from '../errors.js';
import type { RunWarning } from '../types.js';
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
  /** The sheet XML's chunks, read lazily by exceljs when the rows are first asked for. */
  iterator: AsyncIterable<Buffer>;
}

/** A merged range: rows as the sheet numbers them, columns 0-based, bounds included. */
export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Column letters → 0-based index (A → 0, Z → 25, AA → 26). */
function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n - 1;
}

/** Column index → letters, for messages. */
function columnLetters(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * The merged ranges of a sheet, from a scan of its XML for `<mergeCell ref="B2:B5"/>` (ranges only: a single-cell
 * ref merges nothing). The XML is streamed; tags are ASCII, so chunks are read as latin1.
 */
export async function scanMergedRanges(xml: AsyncIterable<Buffer>): Promise<MergedRange[]> {
  const out: MergedRange[] = [];
  const tag = /<mergeCell\b[^>]*?\bref="\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)"[^>]*>/g;
  let carry = '';
  for await (const chunk of xml) {
    const text = carry + chunk.toString('latin1');
    tag.lastIndex = 0;
    let end = 0;
    for (let m = tag.exec(text); m !== null; m = tag.exec(text)) {
      const [a, b] = [columnIndex(m[1]), columnIndex(m[3])];
      const [r1, r2] = [Number(m[2]), Number(m[4])];
      out.push({ top: Math.min(r1, r2), left: Math.min(a, b), bottom: Math.max(r1, r2), right: Math.max(a, b) });
      end = tag.lastIndex;
    }
    // Keep an unfinished tag (from the last '<' not already matched) for the next chunk.
    carry = text.slice(Math.max(end, text.lastIndexOf('<')));
  }
  return out;
}

/** A stream of either kind (jszip's and unzipper's are readable-stream 2, without async iteration) as chunks. */
function chunksOf(x: unknown): AsyncIterable<Buffer> {
  if (typeof (x as AsyncIterable<Buffer>)[Symbol.asyncIterator] === 'function') return x as AsyncIterable<Buffer>;
  return (x as NodeJS.ReadableStream).pipe(new PassThrough());
}

/** The path in the zip of the sheet named `name`, from the workbook's sheet list and relationships (exceljs read them). */
function sheetPath(reader: unknown, name: string): string | null {
  const r = reader as { model?: { sheets?: { name: string; rId: string }[] }; workbookRels?: { Id: string; Target: string }[] };
  const rId = r.model?.sheets?.find((s) => s.name === name)?.rId;
  const target = r.workbookRels?.find((rel) => rel.Id === rId)?.Target;
  if (!target) return null;
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

async function mergedRangesOf(path: string, inZip: string | null): Promise<MergedRange[]> {
  if (inZip === null) return [];
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(await readFile(path));
  } catch {
    return []; // exceljs has read the same zip; whatever jszip dislikes, the rows are still read as they are
  }
  const entry = zip.file(inZip);
  if (!entry) return [];
  return scanMergedRanges(chunksOf(entry.nodeStream('nodebuffer')));
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
  const merged = (await mergedRangesOf(path, sheetPath(reader, sheetName))).sort((a, b) => a.top - b.top);
  // exceljs ends quietly where the XML ends: a sheet cut short must not pass for a short sheet.
  let lastRow = 0;
  const xml = chunksOf(sheet.iterator);
  sheet.iterator = (async function* () {
    let tail = '';
    for await (const chunk of xml) {
      tail = (tail + Buffer.from(chunk.subarray(Math.max(0, chunk.length - 64))).toString('latin1')).slice(-64);
      yield chunk;
    }
    if (!/<\/worksheet\s*>\s*$/.test(tail)) {
      throw new DataError(
        `sheet "${sheetName}" is cut short: its XML stops before the end of the sheet${lastRow ? ` (the last complete row read is row ${lastRow})` : ''}, so rows are missing`,
        { file: path },
        'the workbook is damaged (an interrupted download or copy?); get the file again, or open it in Excel and save it anew',
      );
    }
  })();
  const rowIt = sheet[Symbol.asyncIterator]();

  let header: string[] | null = null;
  let headerRow = 0;
  try {
    for (;;) {
      const next = await rowIt.next();
      if (next.done) break;
      const cells = cellsOf(next.value.values);
      lastRow = next.value.number;
      if (isBlankRow(cells)) continue;
      header = cells.map((c) => (c === null ? '' : c instanceof Date ? c.toISOString() : String(c).trim()));
      headerRow = next.value.number;
      break;
    }
  } catch (e) {
    throw e instanceof DataError ? e : unreadable(e);
  }
  if (header === null) throw new DataError(`sheet "${sheetName}" is empty: it has no header row`, { file: path });
  const width = header.length;
  const headerCells = header;

  // Merged ranges that start in a data row, filled as their rows stream past.
  const fill = merged.filter((m) => m.top > headerRow && (m.bottom > m.top || m.right > m.left));
  const warnings: RunWarning[] = [];
  if (fill.length) {
    const cols = [...new Set(fill.flatMap((m) => Array.from({ length: m.right - m.left + 1 }, (_, i) => m.left + i)))].sort((a, b) => a - b);
    const names = cols.map((c) => (headerCells[c] ? `${headerCells[c]} (${columnLetters(c)})` : columnLetters(c)));
    warnings.push({
      code: 'xlsx_merged_filled',
      message: `${fill.length} merged cell range${fill.length === 1 ? '' : 's'} in sheet "${sheetName}" filled with ${fill.length === 1 ? 'its' : 'their'} top-left value, in column${names.length === 1 ? '' : 's'} ${names.join(', ')}`,
      where: path,
      params: { file: path, sheet: sheetName, ranges: fill.length, columns: names.join(', ') },
    });
  }
  /** fill[pending] is the next range not yet reached; active ones hold their top-left value. */
  let pending = 0;
  const active: { range: MergedRange; value: CellValue }[] = [];
  const fillMerged = (row: number, cells: CellValue[]) => {
    while (pending < fill.length && fill[pending].top <= row) {
      const range = fill[pending++];
      if (range.bottom >= row) active.push({ range, value: range.top === row ? (cells[range.left] ?? null) : null });
    }
    for (let i = active.length - 1; i >= 0; i--) {
      const { range, value } = active[i];
      if (range.bottom < row) {
        active.splice(i, 1);
        continue;
      }
      if (value === null) continue;
      for (let c = range.left; c <= range.right; c++) if (c !== range.left || row !== range.top) cells[c] = value;
    }
  };

  const batches: AsyncIterable<TableRow[]> = {
    async *[Symbol.asyncIterator]() {
      let batch: TableRow[] = [];
      let dataRows = 0;
      for (;;) {
        let next: IteratorResult<SheetRow>;
        try {
          next = await rowIt.next();
        } catch (e) {
          throw e instanceof DataError ? e : unreadable(e);
        }
        if (next.done) break;
        const cells = cellsOf(next.value.values);
        lastRow = next.value.number;
        if (isBlankRow(cells)) continue;
        // Trailing empty cells are simply absent in a sheet; pad so that every row has the header's width.
        for (let i = cells.length; i < width; i++) cells[i] = null;
        if (fill.length) fillMerged(next.value.number, cells);
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
  return { path, header, encoding: 'xlsx', rows: rowsOf(batches), batches, sha256: () => digest, close, warnings };
}
