/**
 * The application service of `govscore metrics`: the checked input options (run-options.ts) → the metrics of
 * design §4–§5. The JSON path is checked against the inputs before any work (design §7.6); without --period the
 * case log's span is the period, and without a case log there is none (survey answers and ratings carry no dates).
 * It prints nothing: the command renders the table or the JSON.
 *
 * @throws UsageError for --as-of without --period or an output path that is an input; ConfigError for the
 *   indicator system or the mapping; DataError for the inputs
 * @example const { metrics } = await runMetricsStage({ cases: 'samples/cases.csv', period: '2026Q3' })
 */
import { loadIndicatorSystem, metricSettingsOf } from '../config/indicator-system.js';
import type { Progress } from '../format/progress.js';
import { checkOutputPaths } from '../io/output-set.js';
import { DEFAULT_METRIC_SETTINGS } from '../metrics/defaults.js';
import type { MetricsResult, Period } from '../types.js';
import { computeMetrics } from './compute-metrics.js';
import { inferPeriod } from './infer-period.js';
import { loadMapFileOption, parsePeriodOption, toMetricsInputs } from './inputs.js';
import type { InputOptions } from './run-options.js';

export interface MetricsRun {
  metrics: MetricsResult;
  /** False when there was no period to use: no --period and no case log to infer one from. */
  periodKnown: boolean;
}

/** What the command shows while the stage runs. */
export interface MetricsHooks {
  /** No --period was given: the case log's span is used. */
  onPeriodInferred?: (period: Period) => void;
  /** Starts the progress display for the case log. */
  startProgress?: () => Progress;
}

/** Stands for "no period" when neither --period nor a case log gives one (only survey and ratings read it: not at all). */
const NO_PERIOD = { from: '', to: '', as_of: '' };

export async function runMetricsStage(o: InputOptions, hooks: MetricsHooks = {}): Promise<MetricsRun> {
  await checkOutputPaths(o.json ? [{ path: o.json, what: '--json', stdout: true }] : [], [
    { path: o.cases ?? '', what: 'the case log' },
    { path: o.survey ?? '', what: 'the survey' },
    { path: o.ratings ?? '', what: 'the ratings' },
    { path: o.units ?? '', what: 'the unit registry' },
    { path: o.calendar ?? '', what: 'the calendar' },
    { path: o.map ?? '', what: 'the column mapping' },
    { path: o.indicators ?? '', what: 'the indicator system' },
  ]);
  const settings = o.indicators ? metricSettingsOf((await loadIndicatorSystem(o.indicators)).system) : DEFAULT_METRIC_SETTINGS;
  const mapFile = await loadMapFileOption(o.map);
  const resolved = {
    cases: o.cases,
    survey: o.survey,
    ratings: o.ratings,
    units: o.units,
    mapFile,
    calendar: o.calendar,
    weekendsOnly: o.weekendsOnly,
    encoding: o.encoding,
    sheet: o.sheet,
    // --max-reject, else 5 % (an assessment file's max_reject applies to assess only).
    maxRejectPercent: (o.maxReject ?? 0.05) * 100,
  };
  let period = parsePeriodOption(o.period, o.asOf);
  const draft = toMetricsInputs(resolved, period ?? NO_PERIOD, settings);
  let periodKnown = true;
  if (!period && draft.cases) {
    period = await inferPeriod(draft.cases);
    hooks.onPeriodInferred?.(period);
  } else if (!period) {
    period = NO_PERIOD;
    periodKnown = false;
  }
  const progress = hooks.startProgress?.();
  const metrics = await computeMetrics({ ...draft, period, threads: o.threads }, { onCases: (n) => progress?.update(n) });
  progress?.stop();
  return { metrics, periodKnown };
}
