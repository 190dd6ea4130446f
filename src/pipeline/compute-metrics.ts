/**
 * The metric stage: read every input once, validate row by row into the ledger, and reduce to per-unit metrics.
 * Memory grows with the number of units (and the compact case-id set), not with the rows: cases are streamed
 * in batches through the accumulator and never held.
 */
import { WorkCalendar } from '../calendar/work-calendar.js';
import { DataError } from '../errors.js';
import { readRatings, readSurvey, readUnits, type InputSpec, type ReadContext } from '../io/index.js';
import { Ledger } from '../ledger.js';
import { CaseMetricsAccumulator } from '../metrics/cases.js';
import { computeRatings, findDuplicateRatings } from '../metrics/ratings.js';
import { computeSurvey } from '../metrics/survey.js';
import { accumulateCases } from './split-cases.js';
import { randomCallerKey } from '../repeats/caller.js';
import { detectionContext } from './detection-context.js';
import { surveyItemColumns, withSurveyItems } from './survey-items.js';
import type { MetricSettings, MetricsResult, Period, RunWarning, SurveyResult, UnitInfo } from '../types.js';

export interface MetricsInputs {
  /** The case log; null when the assessment has none (design §3.1: every input is optional, one of case log,
   * survey, ratings is needed — toMetricsInputs checks that). */
  cases: InputSpec | null;
  survey: InputSpec | null;
  ratings: InputSpec | null;
  units: InputSpec | null;
  period: Period;
  calendar: { file?: string; weekendsOnly?: boolean };
  settings: MetricSettings;
  /** Share of a file's rows that may be rejected before the run stops (exit 3). */
  maxRejectShare: number;
  /** Threads for reading a large CSV case log (split-cases.ts): 1 = one pass; default 2 on a multi-core machine. */
  threads?: number;
  /** Smallest case log read on two threads (default 32 MiB; tests lower it). */
  minSplitBytes?: number;
  /** A configured survey item without a column is left out and listed in `survey.absent_items` (for the leaf
   * check of an assessment, design §7.5) instead of stopping the read; `govscore metrics` keeps the data error. */
  tolerateAbsentSurveyItems?: boolean;
}

export interface MetricsProgress {
  /** Called after each batch of case rows with the running count of rows read. */
  onCases?: (rowsRead: number) => void;
}

export async function computeMetrics(inputs: MetricsInputs, progress: MetricsProgress = {}): Promise<MetricsResult> {
  const ledger = new Ledger();
  const warnings: RunWarning[] = [];
  const ctx: ReadContext = { ledger, period: inputs.period, registry: null, maxRejectShare: inputs.maxRejectShare, warnings };

  let registry: UnitInfo[] | null = null;
  if (inputs.units) {
    registry = await readUnits(inputs.units, ctx);
    ctx.registry = new Set(registry.map((u) => u.unit));
  }

  let caseResult: CaseStageResult = { cases: {}, caseCounts: {}, breakdowns: { urgency: [], category: [], department: [], unit_category: {} }, custom: {}, warnings: [], repeats: null };
  if (inputs.cases) {
    const calendar = await WorkCalendar.load(inputs.calendar);
    // Repeat detection (design §4.1): the caller hash key, and the fields the keys name (checked against the header).
    const settings = withCallerKey(inputs.settings, warnings);
    ctx.detection = detectionContext(settings);
    let caseColumns: ReadonlySet<string> | undefined;
    ctx.onCaseColumns = (present) => (caseColumns = present);
    const accumulator = new CaseMetricsAccumulator({ settings, calendar, period: inputs.period, units: registry, file: inputs.cases.path });
    await accumulateCases(
      {
        spec: inputs.cases,
        ctx,
        period: inputs.period,
        units: registry,
        calendar: inputs.calendar,
        settings,
        // Held cases (basis: events) are read in one pass: the held records stay on one thread.
        threads: accumulator.holdsCases ? 1 : inputs.threads,
        minSplitBytes: inputs.minSplitBytes,
        onRows: progress.onCases,
      },
      accumulator,
    );
    warnings.push(...checkCasePeriod(inputs.cases.path, inputs.period, ledger));
    caseResult = accumulator.finish({ presentColumns: caseColumns });
    warnings.push(...caseResult.warnings);
  }

  let survey: MetricsResult['survey'] = null;
  if (inputs.survey) {
    let settings = await withSurveyItems(inputs.settings, inputs.survey);
    let absent: SurveyResult['absent_items'];
    if (inputs.tolerateAbsentSurveyItems) {
      const { present, columns } = await surveyItemColumns(inputs.survey, settings.survey.items.map((i) => i.id));
      const ids = settings.survey.items.filter((i) => !present.has(i.id)).map((i) => i.id);
      if (ids.length > 0) {
        absent = { ids, columns };
        settings = { ...settings, survey: { ...settings.survey, items: settings.survey.items.filter((i) => present.has(i.id)) } };
      }
    }
    const responses = await readSurvey(inputs.survey, ctx, settings.survey.items.map((i) => i.id));
    survey = withFile(inputs.survey.path, () => computeSurvey(responses, settings));
    if (absent) survey.absent_items = absent;
  }

  let ratings: MetricsResult['ratings'] = null;
  if (inputs.ratings) {
    const records = await readRatings(inputs.ratings, ctx, inputs.settings.ratings.scale);
    for (const dup of findDuplicateRatings(records)) {
      ledger.note(
        inputs.ratings.path,
        dup.row,
        'rater',
        dup.rater,
        `rating of ${dup.unit} / ${dup.indicator} replaced by the same rater's later rating at row ${dup.replacedByRow} (a correction)`,
        'warning',
      );
    }
    ratings = withFile(inputs.ratings.path, () => computeRatings(records, inputs.settings));
  }

  // Design §6.3: the registry's units, else the union of the units in the rows of every input given.
  const units: UnitInfo[] =
    registry ??
    [...unitsSeen(caseResult.cases, survey, ratings)].sort(byCodePoint).map((unit) => ({ unit, name: null, parent: null, population: null }));

  return {
    period: inputs.period,
    units,
    cases: caseResult.cases,
    caseCounts: caseResult.caseCounts,
    breakdowns: caseResult.breakdowns,
    custom: caseResult.custom,
    repeats: caseResult.repeats,
    survey,
    ratings,
    dataQuality: ledger.toDataQuality(),
    warnings,
  };
}

/**
 * The caller hash key of a run with repeat detection: `repeats.salt`, else GOVSCORE_SALT, else a random key for
 * this run only, with a warning (hashes then match within the run, not across runs).
 */
function withCallerKey(settings: MetricSettings, warnings: RunWarning[]): MetricSettings {
  const r = settings.repeats;
  if (!r) return settings;
  if (r.salt) return { ...settings, repeats: { ...r, saltSource: 'configured' } };
  const env = process.env.GOVSCORE_SALT;
  if (env) return { ...settings, repeats: { ...r, salt: env, saltSource: 'environment' } };
  warnings.push({
    code: 'caller_salt_random',
    message: 'no repeats.salt in the indicator system and no GOVSCORE_SALT: callers are hashed with a random key for this run, so their hashes cannot be compared with another run\'s',
    where: null,
  });
  return { ...settings, repeats: { ...r, salt: randomCallerKey(), saltSource: 'random' } };
}

type CaseStageResult = ReturnType<CaseMetricsAccumulator['finish']>;

function unitsSeen(cases: MetricsResult['cases'], survey: MetricsResult['survey'], ratings: MetricsResult['ratings']): Set<string> {
  const seen = new Set(Object.keys(cases));
  for (const unit of Object.keys(survey?.units ?? {})) seen.add(unit);
  for (const byUnit of Object.values(ratings?.cells ?? {})) for (const unit of Object.keys(byUnit)) seen.add(unit);
  return seen;
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * After a case log is read: a period that holds none of its cases stops the run (exit 3) rather than grade every
 * unit on nothing; cases received after a cut-off inside the period, left out of every metric (design §4), are
 * a warning with their count.
 * @throws DataError naming the case log and the period when no accepted case falls in the period and cut-off
 */
function checkCasePeriod(file: string, period: Period, ledger: Ledger): RunWarning[] {
  const stats = ledger.file(file);
  const afterCutoff = stats.after_cutoff ?? 0;
  const window = `the period ${period.from}..${period.to}` + (afterCutoff > 0 ? ` up to the cut-off ${period.as_of}` : '');
  if (stats.accepted === 0) {
    throw new DataError(
      `no usable case falls in ${window}: of ${stats.rows} rows, ${stats.out_of_period} were received outside it and ${stats.rejected} were rejected`,
      { file },
      'check --period (and --as-of) against the dates of the case log, or the column that holds the receipt time',
    );
  }
  if (afterCutoff === 0) return [];
  return [
    {
      code: 'cases_after_cutoff',
      message: `${afterCutoff} cases of ${file} were received after the cut-off ${period.as_of}, inside the period ${period.from}..${period.to}: they are left out of every metric (counted outside the period)`,
      where: file,
      params: { count: afterCutoff, as_of: period.as_of },
    },
  ];
}

/** The metric functions see rows, not files: name the file on the data errors they throw. */
function withFile<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof DataError && !e.location.file) throw new DataError(e.message, { ...e.location, file }, e.hint);
    throw e;
  }
}
