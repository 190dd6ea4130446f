/**
 * Turns command-line options (and, for assess, the assessment file) into the inputs of the metric stage:
 * input specs with their column mappings, the period, the calendar and the reject threshold.
 */
import { UsageError } from '../errors.js';
import { loadMappingFile } from '../io/mapping.js';
import type { MappingFile, TableMapping } from '../io/mapping-schema.js';
import type { InputSpec } from '../io/index.js';
import { parsePeriod } from '../period.js';
import type { InputKind, MetricSettings, Period } from '../types.js';
import type { MetricsInputs } from './compute-metrics.js';

/** Everything the metric stage needs to know, after the assessment file and flags are merged. */
export interface ResolvedInputs {
  cases?: string;
  survey?: string;
  ratings?: string;
  units?: string;
  /** Per input: a mapping from the assessment file (inline) or null. */
  mappings?: Partial<Record<InputKind, TableMapping | null>>;
  /** A whole mapping file (--map); its sections apply where no per-input mapping is given. */
  mapFile?: MappingFile | null;
  period?: Period;
  calendar?: string;
  weekendsOnly?: boolean;
  encoding?: string;
  sheet?: string;
  maxRejectPercent?: number;
}

/** Parses `--max-reject 5` (or `5%`) into a share; a UsageError for anything but a number in 0..100. */
export function parseMaxReject(v: unknown): number {
  if (v === undefined || v === null || v === '') return 0.05;
  const s = String(v).trim().replace(/%$/, '');
  const x = Number(s);
  if (!Number.isFinite(x) || x < 0 || x > 100 || s === '') {
    throw new UsageError(`--max-reject must be a percentage between 0 and 100, got "${String(v)}"`);
  }
  return x / 100;
}

/** Parses `--threads 2` (a whole number ≥ 1); undefined when not given (the default then applies). */
export function parseThreads(v: unknown): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const x = Number(String(v).trim());
  if (!Number.isInteger(x) || x < 1) throw new UsageError(`--threads must be a whole number of at least 1, got "${String(v)}"`);
  return x;
}

export async function loadMapFileOption(path: string | undefined): Promise<MappingFile | null> {
  return path ? loadMappingFile(path) : null;
}

export function parsePeriodOption(period: string | undefined, asOf: string | undefined): Period | undefined {
  if (!period) {
    if (asOf) throw new UsageError('--as-of needs --period (the cut-off belongs to a period)');
    return undefined;
  }
  return parsePeriod(period, asOf);
}

function spec(kind: InputKind, path: string | undefined, r: ResolvedInputs): InputSpec | null {
  if (!path) return null;
  const mapping = r.mappings?.[kind] ?? r.mapFile?.[kind] ?? null;
  // A flag forces the encoding/sheet for every input; otherwise the mapping may name them per input.
  return {
    path,
    mapping,
    encoding: r.encoding ?? mapping?.encoding,
    sheet: r.sheet ?? mapping?.sheet,
  };
}

export function toMetricsInputs(r: ResolvedInputs, period: Period, settings: MetricSettings): MetricsInputs {
  const cases = spec('cases', r.cases, r);
  const survey = spec('survey', r.survey, r);
  const ratings = spec('ratings', r.ratings, r);
  // Design §3.1: every input is optional, but there must be something to assess.
  if (!cases && !survey && !ratings) {
    throw new UsageError('no input to assess: give at least one of --cases, --survey, --ratings (or inputs.cases, inputs.survey, inputs.ratings in the assessment file)');
  }
  return {
    cases,
    survey,
    ratings,
    units: spec('units', r.units, r),
    period,
    calendar: { file: r.calendar, weekendsOnly: r.weekendsOnly },
    settings,
    maxRejectShare: (r.maxRejectPercent ?? 5) / 100,
  };
}
