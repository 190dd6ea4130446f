/**
 * `govscore metrics`: the per-unit case, survey and rating metrics of design §4–§5, as a table or as JSON.
 */
import type { InputOptions } from '../cli.js';
import { loadIndicatorSystem, metricSettingsOf } from '../config/indicator-system.js';
import { checkOutputPaths, writeOutputSet } from '../io/output-set.js';
import * as log from '../log.js';
import { DEFAULT_METRIC_SETTINGS } from '../metrics/defaults.js';
import { computeMetrics } from '../pipeline/compute-metrics.js';
import { inferPeriod } from '../pipeline/infer-period.js';
import { loadMapFileOption, parseMaxReject, parsePeriodOption, parseThreads, toMetricsInputs } from '../pipeline/inputs.js';
import { renderMetricsTable } from '../format/metrics-table.js';
import { createProgress } from '../format/progress.js';
import type { MetricsResult } from '../types.js';

/**
 * The JSON of `govscore metrics --json` (issue 2): case metrics per unit under their §4 ids without the `cases.` prefix.
 * `period` is null when there was none to use: no --period and no case log to infer one from.
 */
export function metricsJson(m: MetricsResult, periodKnown = true): unknown {
  return {
    period: periodKnown ? m.period : null,
    units: m.units.map((u) => ({
      unit: u.unit,
      name: u.name,
      parent: u.parent,
      metrics: m.cases[u.unit] ?? null,
      custom: Object.fromEntries(Object.entries(m.custom).map(([id, byUnit]) => [id, byUnit[u.unit] ?? null])),
    })),
    breakdowns: m.breakdowns,
    survey: m.survey,
    ratings: m.ratings,
    data_quality: m.dataQuality,
    warnings: m.warnings,
  };
}

/** Stands for "no period" when neither --period nor a case log gives one (only survey and ratings read it: not at all). */
const NO_PERIOD = { from: '', to: '', as_of: '' };

export async function runMetrics(opts: InputOptions): Promise<void> {
  const started = Date.now();
  // Before any work (design §7.6): the JSON must not overwrite an input.
  await checkOutputPaths(opts.json ? [{ path: opts.json, what: '--json', stdout: true }] : [], [
    { path: opts.cases ?? '', what: 'the case log' },
    { path: opts.survey ?? '', what: 'the survey' },
    { path: opts.ratings ?? '', what: 'the ratings' },
    { path: opts.units ?? '', what: 'the unit registry' },
    { path: opts.calendar ?? '', what: 'the calendar' },
    { path: opts.map ?? '', what: 'the column mapping' },
    { path: opts.indicators ?? '', what: 'the indicator system' },
  ]);
  const settings = opts.indicators ? metricSettingsOf((await loadIndicatorSystem(opts.indicators)).system) : DEFAULT_METRIC_SETTINGS;
  const mapFile = await loadMapFileOption(opts.map);
  const resolved = {
    cases: opts.cases,
    survey: opts.survey,
    ratings: opts.ratings,
    units: opts.units,
    mapFile,
    calendar: opts.calendar,
    weekendsOnly: opts.weekendsOnly,
    encoding: opts.encoding,
    sheet: opts.sheet,
    maxRejectPercent: parseMaxReject(opts.maxReject) * 100,
  };
  let period = parsePeriodOption(opts.period, opts.asOf);
  const draft = toMetricsInputs(resolved, period ?? NO_PERIOD, settings);
  let periodKnown = true;
  if (!period && draft.cases) {
    period = await inferPeriod(draft.cases);
    log.info(`no --period given: using ${period.from}..${period.to}, cut-off ${period.as_of} (the span of the case log)`);
  } else if (!period) {
    // Survey answers and ratings carry no dates: every row counts, and there is no period to report.
    period = NO_PERIOD;
    periodKnown = false;
  }
  const progress = createProgress('cases', Boolean(opts.quiet));
  const metrics = await computeMetrics({ ...draft, period, threads: parseThreads(opts.threads) }, { onCases: (n) => progress.update(n) });
  progress.stop();

  if (opts.json) {
    const text = JSON.stringify(metricsJson(metrics, periodKnown), null, 2) + '\n';
    if (opts.json === '-') process.stdout.write(text);
    else await writeOutputSet([{ path: opts.json, data: text, what: '--json' }]);
  } else {
    process.stdout.write(renderMetricsTable(metrics, periodKnown));
  }
  log.warnings(metrics.warnings);
  if (!opts.quiet) {
    const f = metrics.dataQuality.files.find((x) => x.kind === 'cases');
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    log.info(
      `${metrics.units.length} units; ` +
        (f ? `cases: ${f.accepted} used, ${f.rejected} rejected, ${f.out_of_period} outside the period` : 'no case log') +
        (opts.json && opts.json !== '-' ? `; wrote ${opts.json}` : '') +
        `; ${secs} s`,
    );
  }
}
