/**
 * Opens any tabular input — CSV or XLSX — after the checks every input gets: the path exists, is a file, is
 * readable and not empty; an `.xlsx` is really a zip workbook (and a legacy `.xls` is named as such); the header has
 * no duplicate names. The format follows the content: a zip is read as a workbook whatever its name.
 * Inputs are only ever opened read-only.
 *
 * @throws DataError (exit 3) with the file named, for each of the problems above
 * @example const t = await openTable('cases.csv', { kind: 'cases' }); for await (const r of t.rows) r.row // → 2, 3, …
 */
import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { DataError } from '../errors.js';
import type { InputKind } from '../types.js';
import { openCsv, type CsvWindow } from './csv-reader.js';
import type { TableReader } from './table.js';

export type { TableReader, TableRow } from './table.js';

export interface OpenTableOptions {
  encoding?: string;
  sheet?: string;
  kind: InputKind;
  /** Read only this byte range of a CSV (see CsvWindow); ignored for workbooks. */
  window?: CsvWindow;
}

function fsError(e: unknown, path: string): DataError {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied: the file cannot be read'
        : code === 'EISDIR'
          ? 'this is a folder, not a file'
          : `cannot read the file (${code ?? (e as Error).message})`;
  return new DataError(why, { file: path });
}

async function readHead(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(8);
    const { bytesRead } = await fh.read(buf, 0, 8, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export async function openTable(path: string, opts: OpenTableOptions): Promise<TableReader> {
  let size: number;
  let head: Buffer;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    if (!st.isFile()) throw new DataError('this is not a regular file', { file: path });
    size = st.size;
    head = await readHead(path);
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw fsError(e, path);
  }
  if (size === 0) throw new DataError(`the ${opts.kind} file is empty (0 bytes)`, { file: path });

  const isZip = head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  const isOle = head.length >= 4 && head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0;
  const ext = extname(path).toLowerCase();
  if (isOle) {
    throw new DataError('this is a legacy Excel 97–2003 (.xls) workbook, which govscore does not read', { file: path }, 'save it as .xlsx or as CSV');
  }
  if ((ext === '.xlsx' || ext === '.xlsm') && !isZip) {
    throw new DataError(`the file is named ${ext} but is not an Excel workbook (not a zip archive); it may be CSV text`, { file: path }, 'rename it to .csv if it is CSV');
  }

  let table: TableReader;
  try {
    // exceljs is loaded only for workbooks: importing it costs a third of a second that CSV runs need not pay.
    table = isZip
      ? await (await import('./xlsx-reader.js')).openXlsx(path, { sheet: opts.sheet })
      : await openCsv(path, { encoding: opts.encoding, size, window: opts.window });
  } catch (e) {
    if (e instanceof Error && 'code' in e && typeof (e as NodeJS.ErrnoException).code === 'string' && !(e instanceof DataError)) {
      const code = (e as NodeJS.ErrnoException).code!;
      if (/^E[A-Z]+$/.test(code)) throw fsError(e, path);
    }
    throw e;
  }

  const seen = new Map<string, number>();
  const dups: string[] = [];
  for (const h of table.header) {
    if (h === '') continue;
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    if (n === 2) dups.push(h);
  }
  if (dups.length) {
    await table.close();
    throw new DataError(`duplicate column names in the header: ${dups.join(', ')}`, { file: path, row: 1, column: dups[0] }, 'rename or remove the repeated columns');
  }
  return table;
}
