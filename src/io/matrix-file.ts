/**
 * Reads the plain matrices of the analyst commands (`govscore weights`, `govscore rank`).
 *
 * Units × indicators (CSV): the header row names the indicators; a first column whose cells are mostly labels
 * holds the unit labels (its header cell is free text such as "unit"). Entries are numbers or fractions (`1/3`):
 * finite ones (±1e308 is a number; `NaN`, `Infinity`, `1e999` and Excel's `#DIV/0!` are not).
 *
 * Layout detection (header row, label column) goes by labels, and `NaN`, `Infinity` and `#…` error codes are bad
 * numbers, not labels: a header row is one whose cells are all labels; a label column one whose cells are mostly
 * labels; and a pairwise layout must come out square, so that one typo in a judgement is named where it is rather
 * than turning its row into a header (and the next row into the culprit).
 *
 * Pairwise comparison matrices (CSV or YAML):
 * - CSV: an n × n block of judgements, optionally with a header row of criterion names and/or a first column of
 *   labels. Several experts: put their matrices one after another, separated by one or more blank lines, each
 *   block laid out the same way. Judgements are numbers or fractions (`3`, `1/3`, `0.333`).
 * - YAML: `{labels?: [...], matrix: [[...]]}` for one matrix, or `{labels?: [...], matrices: [[[...]], ...]}` for
 *   several experts; entries numbers or fraction strings ("1/3").
 *
 * CSV text is UTF-8 (with or without BOM); if it is not valid UTF-8 it is read as GB18030 (which covers GBK), as
 * Chinese spreadsheet software often saves it.
 * @throws DataError naming the file, the row (spreadsheet numbering: the first line is row 1) and the column
 *   (or, for YAML, the path) of an unreadable entry or a malformed layout
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import iconv from 'iconv-lite';
import YAML from 'yaml';
import { DataError, type Location } from '../errors.js';
import { CsvTokenizer, UnclosedQuoteError } from './csv-tokenizer.js';
import { MethodInputError } from '../scoring/weights/method-error.js';
import { parseJudgement } from '../scoring/weights/ahp.js';

/** A units × indicators matrix read from a CSV, with what is needed to point back into the file. */
export interface UnitsMatrix {
  file: string;
  rowLabels: string[];
  columnLabels: string[];
  values: number[][];
  /** Where value [row][col] sits in the file (row/col 0-based in `values`; either may be omitted). */
  locate(row?: number, col?: number): Location;
}

/** One or more experts' pairwise comparison matrices over the same criteria. */
export interface PairwiseMatrices {
  file: string;
  labels: string[];
  matrices: number[][][];
  /** Where judgement [row][col] of expert `expert` (0-based) sits in the file. */
  locate(expert: number, row?: number, col?: number): Location;
}

async function readText(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new DataError(err.code === 'ENOENT' ? 'file not found' : `cannot read the file (${err.message})`, { file });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = iconv.decode(bytes, 'gb18030');
  }
  return text.replace(/^\uFEFF/, '');
}

function isNumberLike(cell: string): boolean {
  try {
    parseJudgement(cell);
    return true;
  } catch {
    return false;
  }
}

/** Spellings of numbers that are not finite, and spreadsheet error codes: bad entries, never names. */
const NOT_A_FINITE_NUMBER = /^([+-]?(nan|inf|infinity|∞)|#[A-Za-z0-9/!?.]+)$/i;

/** A cell that can be a name (a criterion, a unit): not a number, not a bad number. */
function isLabel(cell: string | undefined): boolean {
  return cell !== undefined && cell !== '' && !isNumberLike(cell) && !NOT_A_FINITE_NUMBER.test(cell.trim());
}

/** Whether most of the cells are labels. */
function mostlyLabels(cells: (string | undefined)[]): boolean {
  return cells.length > 0 && cells.filter(isLabel).length * 2 > cells.length;
}

interface CsvBlock {
  /** Spreadsheet row number (1-based line) of each record of the block. */
  lines: number[];
  records: string[][];
}

/**
 * Splits CSV text into blocks separated by blank lines, keeping each record's row number. The records come from
 * the project's one CSV tokenizer (csv-tokenizer.ts, as for case logs, surveys and ratings), so a row here is a
 * record as a spreadsheet shows it; cells are trimmed.
 */
function csvBlocks(text: string, file: string): CsvBlock[] {
  const records: { record: string[]; info: { lines: number } }[] = [];
  const tokenizer = new CsvTokenizer();
  let row = 0;
  const push = (cells: string[]) => records.push({ record: cells.map((c) => c.trim()), info: { lines: ++row } });
  try {
    tokenizer.write(text, push);
    tokenizer.end(push);
  } catch (e) {
    if (!(e instanceof UnclosedQuoteError)) throw e;
    throw new DataError(`not a readable CSV file: ${e.message}`, { file, row: e.record });
  }
  const blocks: CsvBlock[] = [];
  let current: CsvBlock | null = null;
  for (const { record, info } of records) {
    const blank = record.every((c) => c === '');
    if (blank) {
      current = null;
      continue;
    }
    if (!current) {
      current = { lines: [], records: [] };
      blocks.push(current);
    }
    current.lines.push(info.lines);
    current.records.push(record);
  }
  return blocks;
}

/** Column letter(s) as a spreadsheet shows them, for files without a header row. */
function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function parseCell(cell: string, location: Location): number {
  if (cell === '') {
    throw new DataError('the entry is empty', location, 'every entry of the matrix must be a number; remove the row or fill it in');
  }
  let value: number;
  try {
    value = parseJudgement(cell);
  } catch (e) {
    if (e instanceof MethodInputError) throw new DataError(`"${cell}" is not a number`, location, 'write finite numbers or fractions such as 0.5 or 1/3');
    throw e;
  }
  // (A fraction's quotient can overflow too: 1e308/1e-10.)
  if (!Number.isFinite(value)) throw new DataError(`"${cell}" is too large: not a finite number`, location, 'write finite numbers (up to about ±1.8e308)');
  return value;
}

/**
 * Reads a units × indicators CSV (rows = units, columns = indicators).
 * @throws DataError for a missing file, an empty or header-only file, a row of the wrong length, or a cell that is
 *   not a number
 */
export async function readUnitsMatrix(file: string): Promise<UnitsMatrix> {
  const blocks = csvBlocks(await readText(file), file);
  if (blocks.length === 0) throw new DataError('the file is empty', { file });
  // Blank lines inside a units matrix carry no meaning; read every non-blank record as one table.
  const lines = blocks.flatMap((b) => b.lines);
  const records = blocks.flatMap((b) => b.records);
  if (records.length < 2) throw new DataError('the file has a header row but no units (rows)', { file, row: lines[0] });
  const header = records[0];
  const body = records.slice(1);
  const bodyLines = lines.slice(1);
  const hasLabels = header[0] === '' || mostlyLabels(body.map((r) => r[0]));
  const first = hasLabels ? 1 : 0;
  const columnLabels = header.slice(first).map((h, j) => h || columnLetter(j + first));
  if (columnLabels.length === 0) throw new DataError('the file has no indicator columns', { file, row: lines[0] });
  const seen = new Set<string>();
  for (const name of columnLabels) {
    if (seen.has(name)) throw new DataError(`indicator "${name}" appears twice in the header`, { file, row: lines[0], column: name });
    seen.add(name);
  }
  const rowLabels: string[] = [];
  const values = body.map((record, i) => {
    const row = bodyLines[i];
    if (record.length !== header.length) {
      throw new DataError(`the row has ${record.length} cells, the header has ${header.length}`, { file, row });
    }
    rowLabels.push(hasLabels ? record[0] : String(i + 1));
    return record.slice(first).map((cell, j) => parseCell(cell, { file, row, column: columnLabels[j] }));
  });
  return {
    file,
    rowLabels,
    columnLabels,
    values,
    locate: (row, col) => ({
      file,
      row: row === undefined ? undefined : bodyLines[row],
      column: col === undefined ? undefined : columnLabels[col],
    }),
  };
}

function readPairwiseCsv(file: string, text: string): PairwiseMatrices {
  const blocks = csvBlocks(text, file);
  if (blocks.length === 0) throw new DataError('the file is empty', { file });
  let labels: string[] | null = null;
  const cellLines: number[][] = [];
  const cellColumns: string[][] = [];
  const matrices = blocks.map((block, k) => {
    const first = block.records[0];
    const square = (header: boolean, labels: boolean) => {
      const rows = header ? block.records.slice(1) : block.records;
      return rows.length > 0 && rows.every((r) => r.length - (labels ? 1 : 0) === rows.length);
    };
    const named = first.slice(1).filter((c) => c !== '');
    let hasHeader = first[0] === '' || (named.length > 0 && named.every(isLabel));
    let hasLabelColumn = mostlyLabels((hasHeader ? block.records.slice(1) : block.records).map((r) => r[0]));
    // A layout that is not square where another reading is: a typo made a row look like a header, or a column
    // like labels. Take the square reading, so that the typo is named in its cell.
    if (!square(hasHeader, hasLabelColumn)) {
      const alternatives: [boolean, boolean][] = [
        [false, hasLabelColumn],
        [hasHeader, false],
        [false, false],
      ];
      const fit = alternatives.find(([h, l]) => (h !== hasHeader || l !== hasLabelColumn) && square(h, l));
      if (fit) [hasHeader, hasLabelColumn] = fit;
    }
    const body = hasHeader ? block.records.slice(1) : block.records;
    const lines = hasHeader ? block.lines.slice(1) : block.lines;
    const offset = hasLabelColumn ? 1 : 0;
    const n = body.length;
    const names = hasHeader
      ? first.slice(offset).filter((_, j) => j < n)
      : hasLabelColumn
        ? body.map((r) => r[0])
        : Array.from({ length: n }, (_, j) => `C${j + 1}`);
    const columnsOfBlock = Array.from({ length: n }, (_, j) => (hasHeader ? first[j + offset] || columnLetter(j + offset) : columnLetter(j + offset)));
    body.forEach((r, i) => {
      const width = r.length - offset;
      if (width !== n) {
        throw new DataError(
          `matrix ${k + 1} is not square: ${n} rows but this row has ${width} judgements`,
          { file, row: lines[i] },
          blocks.length > 1 ? 'separate the experts\u2019 matrices by a blank line' : undefined,
        );
      }
    });
    if (labels === null) labels = names;
    else if (names.length !== labels.length || (hasHeader && names.some((x, j) => x !== labels![j]))) {
      throw new DataError(
        `matrix ${k + 1} does not compare the same criteria as matrix 1 (${labels.join(', ')})`,
        { file, row: block.lines[0] },
        'every expert must compare the same criteria in the same order',
      );
    }
    cellLines.push(lines);
    cellColumns.push(columnsOfBlock);
    return body.map((r, i) => r.slice(offset).map((cell, j) => parseCell(cell, { file, row: lines[i], column: columnsOfBlock[j] })));
  });
  return {
    file,
    labels: labels!,
    matrices,
    locate: (expert, row, col) => ({
      file,
      row: row === undefined ? undefined : cellLines[expert][row],
      column: col === undefined ? undefined : cellColumns[expert][col],
    }),
  };
}

function readPairwiseYaml(file: string, text: string): PairwiseMatrices {
  let doc: unknown;
  try {
    doc = YAML.parse(text);
  } catch (e) {
    throw new DataError(`not a readable YAML file: ${(e as Error).message}`, { file });
  }
  const shape = 'expected {labels: [...], matrix: [[...]]} or {labels: [...], matrices: [[[...]], ...]}';
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new DataError(`the file is not a mapping: ${shape}`, { file });
  const o = doc as Record<string, unknown>;
  const several = o.matrices !== undefined;
  const raw = several ? o.matrices : [o.matrix];
  const key = several ? 'matrices' : 'matrix';
  if (!Array.isArray(raw) || raw.length === 0 || raw[0] === undefined) throw new DataError(`no matrix found: ${shape}`, { file, path: key });
  const pathOf = (k: number, i?: number, j?: number) =>
    (several ? `matrices[${k}]` : 'matrix') + (i === undefined ? '' : `[${i}]`) + (j === undefined ? '' : `[${j}]`);
  const matrices = raw.map((m, k) => {
    if (!Array.isArray(m)) throw new DataError('not a list of rows', { file, path: pathOf(k) });
    return m.map((row, i) => {
      if (!Array.isArray(row)) throw new DataError('not a list of judgements', { file, path: pathOf(k, i) });
      return row.map((cell, j) => {
        const location = { file, path: pathOf(k, i, j) };
        if (typeof cell !== 'number' && typeof cell !== 'string') throw new DataError(`${JSON.stringify(cell)} is not a number`, location);
        return parseCell(String(cell).trim(), location);
      });
    });
  });
  const n = matrices[0].length;
  let labels: string[];
  if (o.labels === undefined) labels = Array.from({ length: n }, (_, j) => `C${j + 1}`);
  else if (Array.isArray(o.labels) && o.labels.every((x) => typeof x === 'string' || typeof x === 'number')) labels = o.labels.map(String);
  else throw new DataError('labels must be a list of names', { file, path: 'labels' });
  matrices.forEach((m, k) => {
    if (m.length !== labels.length) {
      throw new DataError(`${m.length} rows but ${labels.length} criteria`, { file, path: pathOf(k) }, 'give one row and one column per criterion');
    }
    m.forEach((row, i) => {
      if (row.length !== labels.length) throw new DataError(`${row.length} judgements but ${labels.length} criteria`, { file, path: pathOf(k, i) });
    });
  });
  return { file, labels, matrices, locate: (expert, row, col) => ({ file, path: pathOf(expert, row, col) }) };
}

/**
 * Reads one or several experts' pairwise comparison matrices from a CSV or YAML file (by extension: .yaml/.yml
 * is YAML, anything else CSV).
 * @throws DataError for a missing file, unreadable entries, a non-square matrix, or experts' matrices over
 *   different criteria
 */
export async function readPairwiseMatrices(file: string): Promise<PairwiseMatrices> {
  const text = await readText(file);
  const ext = extname(file).toLowerCase();
  return ext === '.yaml' || ext === '.yml' ? readPairwiseYaml(file, text) : readPairwiseCsv(file, text);
}
