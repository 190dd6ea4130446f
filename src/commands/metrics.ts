/**
 * `govscore metrics`: the per-unit case, survey and rating metrics of design §4–§5, as a table or as JSON.
 */
import type { InputOptions } from '../cli.js';
import { loadIndicatorSystem, metricSettingsOf } from '../config/indicator-system.js';
import { writeAtomic } from '../io/atomic-write.js';
import * as log from '../log.js';
import { DEFAULT_METRIC_SETTINGS } from '../metrics/defaults.js';
import { computeMetrics } from '../pipeline/compute-metrics.js';
import { inferPeriod } from '../pipeline/infer-period.js';
import { loadMapFileOption, parseMaxReject, parsePeriodOption, parseThreads, toMetricsInputs } from '../pipeline/inputs.js';
import { renderMetricsTable } from '../format/metrics-table.js';
import { createProgress } from '../format/progress.js';
import type { MetricsResult } from '../types.js';

/** The JSON of `govscore metrics --json` (issue 2): case metrics per unit under their §4 ids without the `cases.` prefix. */
export function metricsJson(m: MetricsResult): unknown {
  return {
    period: m.period,
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
  };
}

export async function runMetrics(opts: InputOptions): Promise<void> {
  const started = Date.now();
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
  const draft = toMetricsInputs(resolved, period ?? { from: '', to: '', as_of: '' }, settings);
  if (!period) {
    period = await inferPeriod(draft.cases);
    log.info(`no --period given: using ${period.from}..${period.to}, cut-off ${period.as_of} (the span of the case log)`);
  }
  const progress = createProgress('cases', Boolean(opts.quiet));
  const metrics = await computeMetrics({ ...draft, period, threads: parseThreads(opts.threads) }, { onCases: (n) => progress.update(n) });
  progress.stop();

  if (opts.json) {
    const text = JSON.stringify(metricsJson(metrics), null, 2) + '\n';
    if (opts.json === '-') process.stdout.write(text);
    else await writeAtomic(opts.json, text);
  } else {
    process.stdout.write(renderMetricsTable(metrics));
  }
  if (!opts.quiet) {
    const f = metrics.dataQuality.files.find((x) => x.kind === 'cases');
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    log.info(
      `${metrics.units.length} units; cases: ${f?.accepted ?? 0} used, ${f?.rejected ?? 0} rejected, ${f?.out_of_period ?? 0} outside the period` +
        (opts.json && opts.json !== '-' ? `; wrote ${opts.json}` : '') +
        `; ${secs} s`,
    );
  }
}
