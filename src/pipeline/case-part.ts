/**
 * What the main thread and the worker of a split case log (split-cases.ts, case-worker.ts) share: the messages
 * between them and the one way a case enters the accumulator.
 */
import type { CsvWindow } from '../io/csv-reader.js';
import type { InputSpec } from '../io/input.js';
import { DataError, isGovscoreError } from '../errors.js';
import type { AccumulatorState, CaseMetricsAccumulator } from '../metrics/cases.js';
import type { CaseRecord, DataIssue, FileStats, MetricSettings, Period, UnitInfo } from '../types.js';
import type { Location } from '../errors.js';
import type { EncodingVerdict } from '../io/encoding.js';

export interface CaseWorkerInput {
  spec: InputSpec;
  window: CsvWindow;
  period: Period;
  /** The registry's unit ids, or null without a registry. */
  registry: string[] | null;
  units: UnitInfo[] | null;
  calendar: { file?: string; weekendsOnly?: boolean };
  settings: MetricSettings;
}

export type CaseWorkerMessage =
  | { kind: 'progress'; rows: number }
  | {
      kind: 'done';
      stats: Pick<FileStats, 'rows' | 'accepted' | 'rejected' | 'out_of_period' | 'after_cutoff'>;
      reasons: [string, number][];
      issues: DataIssue[];
      duplicates: { caseId: string; firstRow: number }[];
      ids: { lo: Uint32Array; hi: Uint32Array; rows: Uint32Array; count: number };
      state: AccumulatorState;
      /** Encoding detection's state at the part's end (null when forced). */
      verdict: EncodingVerdict | null;
    }
  | { kind: 'error'; error: WorkerError; verdict: EncodingVerdict | null };

export interface WorkerError {
  type: string;
  message: string;
  location?: Location;
  hint?: string;
  stack?: string;
  /** A MixedEncodingError's fields (part rows; `gbFromInPart` false when the row came with the window). */
  mixed?: { badRow: number; kind: 'not-utf8' | 'utf8-line'; gbFrom?: number; gbFromInPart: boolean };
}

/**
 * Counts one accepted case. A calendar error (a date outside the known years) knows the date, not the row: the
 * case log and the row are added here.
 */
export function addCase(accumulator: CaseMetricsAccumulator, rec: CaseRecord, file: string, sign: 1 | -1 = 1): void {
  try {
    if (sign === 1) accumulator.add(rec);
    else accumulator.remove(rec);
  } catch (e) {
    if (isGovscoreError(e) && e instanceof DataError && e.location.row === undefined) {
      throw new DataError(e.message, { ...e.location, file, row: rec.row }, e.hint);
    }
    throw e;
  }
}
