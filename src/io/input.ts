/**
 * What the input readers are given: the file and its mapping, and the run's shared context (the ledger, the
 * period, the optional unit registry and the rejection threshold).
 */
import type { Ledger } from '../ledger.js';
import type { Period } from '../types.js';
import type { TableMapping } from './mapping-schema.js';
import type { CsvWindow } from './csv-reader.js';
import { openTable, type TableReader } from './read-table.js';
import type { InputKind, RunWarning } from '../types.js';

export interface InputSpec {
  path: string;
  mapping: TableMapping | null;
  /** Forced encoding (from --encoding); wins over the mapping's. */
  encoding?: string;
  /** Sheet (from --sheet); wins over the mapping's. */
  sheet?: string;
}

export interface ReadContext {
  ledger: Ledger;
  period: Period;
  /** Known unit ids; rows naming another unit are rejected. Null without a registry. */
  registry: Set<string> | null;
  /** Stop (exit 3) when more than this share of a file's rows is rejected; default 0.05. */
  maxRejectShare: number;
  /** false: read every case-log line through the general path (tests compare the two; fast-case-line.ts). */
  fastLines?: boolean;
  /** The run's warnings (design §7.5): what a reader decided on the user's behalf goes here (openInput). */
  warnings?: RunWarning[];
  /** Told, once its header is matched, which canonical fields the case log gives (FieldSource.present). */
  onCaseColumns?: (present: ReadonlySet<string>) => void;
  /**
   * Repeat detection is on (design §4.1): callers are read as their normalised digits, addresses normalised, and accepted
   * cases received before the period come out too, marked `beforePeriod` (predecessors and parents, never counted).
   */
  detection?: { fields: readonly { field: string; path: string }[] } | null;
}

/**
 * Opens the table of an input spec with the spec's (or else the mapping's) encoding and sheet; with a context, the
 * table's warnings (e.g. merged XLSX cells filled) join the run's.
 */
export async function openInput(spec: InputSpec, kind: InputKind, opts: { window?: CsvWindow; ctx?: ReadContext } = {}): Promise<TableReader> {
  const table = await openTable(spec.path, {
    kind,
    encoding: spec.encoding ?? spec.mapping?.encoding,
    sheet: spec.sheet ?? spec.mapping?.sheet,
    window: opts.window,
  });
  if (table.warnings?.length && opts.ctx?.warnings) opts.ctx.warnings.push(...table.warnings);
  return table;
}

/** Plans the columns; on a mapping error the file is released before the error propagates. */
export async function planOrClose<T>(table: TableReader, plan: () => T): Promise<T> {
  try {
    return plan();
  } catch (e) {
    await table.close();
    throw e;
  }
}

/** Checks the row's width against the header: extra cells are allowed only when empty (trailing commas). */
export function raggedBy(cells: readonly unknown[], width: number): boolean {
  if (cells.length === width) return false;
  if (cells.length < width) return true;
  for (let i = width; i < cells.length; i++) {
    const c = cells[i];
    if (c !== null && c !== undefined && !(typeof c === 'string' && c.trim() === '')) return true;
  }
  return false;
}
