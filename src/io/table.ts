/**
 * The shape every tabular reader (CSV, XLSX) hands to the validators: a header and rows of cells, numbered as a
 * spreadsheet shows them (the header is row 1), plus the SHA-256 of the file's bytes for the report's cover.
 */
import type { CellValue } from './datetime.js';
import type { EncodingVerdict } from './encoding.js';
import type { RunWarning } from '../types.js';

export interface TableRow {
  /** Row number as a spreadsheet shows it (header = row 1). */
  row: number;
  cells: CellValue[];
}

/** Where a CSV's rows go when they are handled as they are read (TableReader.attach). */
export interface RowSink {
  row(row: number, cells: CellValue[]): void;
  /**
   * Optional: reads the line buf[start, end) (UTF-8, no line break, no quote, no CR) as row `row`: FAST_OK when it
   * has handled it, FAST_SIMPLE to have it split at commas and given to `row`, FAST_COMPLEX to have the CSV
   * tokenizer read on from it.
   */
  line?(buf: Buffer, start: number, end: number, row: number): number;
}

export interface TableReader {
  path: string;
  /** Header cells, trimmed. */
  header: string[];
  /** The encoding the text was decoded with ('utf8', 'gb18030', …); 'xlsx' for workbooks. */
  encoding: string;
  /** CSV whose encoding is detected: detection's state so far (encoding.ts); null when forced. */
  detection?(): EncodingVerdict | null;
  /** Data rows one by one (blank rows are skipped, their numbers are not reused). Iterate once, or use batches. */
  rows: AsyncIterable<TableRow>;
  /** The same rows in batches: one await per batch keeps the per-row path cheap on large files. */
  batches: AsyncIterable<TableRow[]>;
  /** Hex SHA-256 of the raw file bytes; resolves once the rows have been consumed. */
  sha256(): Promise<string>;
  /** What reading the table decided on the user's behalf (e.g. merged XLSX cells filled): the run's warnings. */
  warnings?: RunWarning[];
  /** Releases the file when the rows will not be read to the end (e.g. a header problem); harmless after EOF. */
  close(): Promise<void>;
  /**
   * CSV only: from now on each data row goes to `sink.row` as it is read, in order, instead of into `batches`
   * (which then yields an empty batch per chunk); rows read with the header are handed over at once. With
   * `sink.line`, a UTF-8 file's lines are offered as bytes first (fast-case-line.ts).
   */
  attach?(sink: RowSink): void;
  /** Only for a CSV read as a byte range (csv-reader.ts, CsvWindow). */
  part?: {
    /** Records read so far, blank ones and (in the first part) the header included: the last row number. */
    records(): number;
    /** The header's row number (0 in a later part, which has none). */
    headerRow(): number;
    /** First part: null before its end; then whether its end was a record boundary (else it read on to EOF). */
    clean(): boolean | null;
    /** Detection's state at the part's end (null when forced); rows of a decided verdict are part rows. */
    verdict(): EncodingVerdict | null;
  };
}

/** Builds `rows` on top of `batches`. */
export function rowsOf(batches: AsyncIterable<TableRow[]>): AsyncIterable<TableRow> {
  return {
    async *[Symbol.asyncIterator]() {
      for await (const b of batches) for (const r of b) yield r;
    },
  };
}

/** True when every cell is empty or whitespace: such rows are blank lines, not data. */
export function isBlankRow(cells: CellValue[]): boolean {
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c === null || c === undefined) continue;
    if (typeof c === 'string' && c.trim() === '') continue;
    return false;
  }
  return true;
}
