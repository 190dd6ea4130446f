/**
 * `govscore metrics`: the per-unit case, survey and rating metrics of design §4–§5, as a table or as JSON. This
 * module checks the flags, runs the metric stage (src/pipeline/run-metrics.ts) and shows its result.
 */
import { renderMetricsTable } from '../format/metrics-table.js';
import { createProgress } from '../format/progress.js';
import { writeOutputSet } from '../io/output-set.js';
import * as log from '../log.js';
import { runMetricsStage } from '../pipeline/run-metrics.js';
import { parseInputOptions } from '../pipeline/run-options.js';
import { metricsJson } from '../report/result-json.js';

export async function runMetrics(flags: Record<string, unknown>): Promise<void> {
  const started = Date.now();
  const opts = parseInputOptions(flags);
  const quiet = Boolean(opts.quiet);
  const { metrics, periodKnown } = await runMetricsStage(opts, {
    onPeriodInferred: (p) => log.info(`no --period given: using ${p.from}..${p.to}, cut-off ${p.as_of} (the span of the case log)`),
    startProgress: () => createProgress('cases', quiet),
  });

  if (opts.json) {
    const text = JSON.stringify(metricsJson(metrics, periodKnown), null, 2) + '\n';
    if (opts.json === '-') process.stdout.write(text);
    else await writeOutputSet([{ path: opts.json, data: text, what: '--json' }]);
  } else {
    process.stdout.write(renderMetricsTable(metrics, periodKnown));
  }
  log.warnings(metrics.warnings);
  if (!quiet) {
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
