/**
 * Command-line pieces shared by `govscore weights` and `govscore rank`: the --cost and --weights lists, the
 * mapping of a method's input error back into the file, the JSON document and the aligned table.
 */
import { DataError, UsageError, type Location } from '../errors.js';
import { alignColumns } from '../format/table.js';
import { checkOutputPaths, writeOutputSet } from '../io/output-set.js';
import { MethodInputError } from '../scoring/weights/method-error.js';

export type Direction = 'benefit' | 'cost';

function splitList(text: string): string[] {
  return text
    .split(/[,，]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function unknownColumn(option: string, name: string, columns: string[]): UsageError {
  return new UsageError(`${option}: no column "${name}"; the columns are: ${columns.join(', ')}`);
}

/** Directions from `--cost COL,…`: listed columns are cost (smaller is better), the rest benefit. */
export function parseCostOption(cost: unknown, columns: string[]): Direction[] {
  const directions: Direction[] = columns.map(() => 'benefit');
  if (cost === undefined || cost === null || cost === false) return directions;
  for (const name of splitList(String(cost))) {
    const j = columns.indexOf(name);
    if (j < 0) throw unknownColumn('--cost', name, columns);
    directions[j] = 'cost';
  }
  return directions;
}

/**
 * Weights from `--weights COL=W,…`: any non-negative numbers, normalised later by the method. Columns that are
 * not listed get weight 0 (they take no part in the ranking).
 */
export function parseWeightsOption(text: unknown, columns: string[]): number[] {
  if (typeof text !== 'string' || text.trim() === '') throw new UsageError('--weights is required: COL=W,… (e.g. --weights a=0.6,b=0.4)');
  const weights = columns.map(() => 0);
  const given = new Set<string>();
  for (const item of splitList(text)) {
    const eq = item.lastIndexOf('=');
    if (eq <= 0) throw new UsageError(`--weights: "${item}" is not COL=W`);
    const name = item.slice(0, eq).trim();
    const valueText = item.slice(eq + 1).trim();
    const j = columns.indexOf(name);
    if (j < 0) throw unknownColumn('--weights', name, columns);
    if (given.has(name)) throw new UsageError(`--weights: column "${name}" is given twice`);
    given.add(name);
    const w = Number(valueText);
    if (valueText === '' || !Number.isFinite(w) || w < 0) throw new UsageError(`--weights: weight "${valueText}" of ${name} is not a non-negative number`);
    weights[j] = w;
  }
  if (!weights.some((w) => w > 0)) throw new UsageError('--weights: at least one weight must be positive');
  return weights;
}

/** Turns a pure method's complaint into a DataError pointing into the input file. */
export function toDataError(e: unknown, locate: (row?: number, col?: number) => Location): unknown {
  if (!(e instanceof MethodInputError)) return e;
  return new DataError(e.message, locate(e.row, e.col), e.hint);
}

/**
 * Checks that a units × indicators matrix can go through the methods' arithmetic: finite entries may still
 * overflow it (±1e308: its range is 2e308; 1e200: its square), which would surface as a NaN score ("value 1 is not
 * a number") or a column silently weighing nothing. Each column's range max − min and its sum of squares Σx² (the
 * TOPSIS norm, the spread behind the weights) must be finite.
 * @throws DataError naming the column and its largest entry, with the fix
 * @example checkMagnitudes([[1e308, 1], [-1e308, 2]], locate) // throws: column 1 overflows at its entry 1e308
 */
export function checkMagnitudes(values: number[][], locate: (row?: number, col?: number) => Location): void {
  const n = values[0]?.length ?? 0;
  for (let j = 0; j < n; j++) {
    let min = Infinity;
    let max = -Infinity;
    let squares = 0;
    let largest = 0;
    values.forEach((row, i) => {
      const x = row[j];
      min = Math.min(min, x);
      max = Math.max(max, x);
      squares += x * x;
      if (Math.abs(x) > Math.abs(values[largest][j])) largest = i;
    });
    if (Number.isFinite(max - min) && Number.isFinite(squares)) continue;
    throw new DataError(
      `the entries of this column (up to ${values[largest][j]}) are too large to compute with: their ${Number.isFinite(max - min) ? 'squares' : 'range'} overflow double-precision numbers`,
      locate(largest, j),
      'rescale the column (e.g. count in thousands or millions) so that its values stay below about 1e150',
    );
  }
}

/** The JSON document of both commands; fields that do not apply are null. */
export interface MatrixCommandResult {
  method: string;
  weights: Record<string, number>;
  lambda_max: number | null;
  ci: number | null;
  cr: number | null;
  ri: { table: string; name: string; value: number } | null;
  scores: { label: string; score: number; rank: number }[] | null;
  [extra: string]: unknown;
}

/**
 * Checks, before any work, that `--json` does not name the input matrix file or a folder (design §7.6).
 * @throws UsageError naming the path
 */
export async function checkJsonOption(target: unknown, input: string): Promise<void> {
  if (typeof target !== 'string' || target === '') return;
  await checkOutputPaths([{ path: target, what: '--json', stdout: true }], [{ path: input, what: 'the input file' }]);
}

/** Writes the JSON to stdout (`-`) or atomically to a file; returns true when stdout was used. */
export async function emitJson(target: unknown, result: MatrixCommandResult): Promise<boolean> {
  if (typeof target !== 'string' || target === '') return false;
  const text = JSON.stringify(result, null, 2) + '\n';
  if (target === '-') {
    process.stdout.write(text);
    return true;
  }
  await writeOutputSet([{ path: target, data: text, what: '--json' }]);
  return false;
}

/** An aligned text table; `align` gives each column's side ('l' or 'r'; default: first left, the rest right). */
export function formatTable(header: string[], rows: string[][], align?: ('l' | 'r')[]): string {
  const side = (j: number) => align?.[j] ?? (j === 0 ? 'l' : 'r');
  return alignColumns(header, rows, (j) => side(j) === 'r', '-').join('\n') + '\n';
}
