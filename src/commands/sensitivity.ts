/**
 * `govscore sensitivity assessment.yaml`: the whole assessment with the uncertainty and sensitivity analysis
 * (issue 16 item 2) switched on — `robustness.uncertainty` of the file, or its defaults (the weights perturbed,
 * N = 256) — writing the workbook and JSON the file names, like `assess`, and printing on stdout what moves the
 * ranks: each uncertain input's first- and total-order index on the mean rank shift, each unit's median rank and
 * 5–95 % interval, and the level-2 indicators whose removal moves the ranks most.
 */
import { createProgress } from '../format/progress.js';
import { fmt, renderTable } from '../format/table.js';
import type { UncertaintyResult } from '../model/uncertainty.js';
import { runAssessment } from '../pipeline/run-assessment.js';
import { parseAssessmentOptions } from '../pipeline/run-options.js';
import { printRun } from './assess.js';

const index = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(3));

/** The analysis as terminal tables. */
export function renderUncertainty(u: UncertaintyResult): string {
  const inputs = renderTable(
    ['uncertain input', 'alternatives', 'S (first order)', 'ST (total order)'],
    u.inputs.map((i) => [i.id, i.alternatives.join(' | '), index(u.mean_rank_shift.first_order[i.id]), index(u.mean_rank_shift.total_order[i.id])]),
  );
  const units = renderTable(
    ['unit', 'base rank', 'median', '5 %', '95 %'],
    [...u.units].sort((a, b) => a.base_rank - b.base_rank).map((x) => [x.unit, String(x.base_rank), String(x.median_rank), String(x.p05_rank), String(x.p95_rank)]),
  );
  const removed = [...u.remove_one].sort((a, b) => b.mean_abs_rank_change - a.mean_abs_rank_change);
  const removeTable = removed.length
    ? renderTable(
        ['left out', 'mean |Δrank|', 'max |Δrank|'],
        removed.map((r) => [r.indicator, fmt(r.mean_abs_rank_change), String(r.max_abs_rank_change)]),
      )
    : '';
  return (
    `uncertainty and sensitivity: N = ${u.samples}, ${u.draws} draws, seed ${u.seed}; mean rank shift ${fmt(u.mean_rank_shift.mean)}\n\n` +
    inputs +
    '\n' +
    units +
    (removeTable ? `\nremove one indicator:\n${removeTable}` : '')
  );
}

export async function runSensitivity(file: string, flags: Record<string, unknown>): Promise<void> {
  const started = Date.now();
  const options = { ...parseAssessmentOptions(flags), sensitivity: true };
  const quiet = Boolean(options.quiet);
  const run = await runAssessment(file, options, () => createProgress('cases', quiet));
  printRun(run, started, quiet);
  if (run.json !== '-' && run.result.uncertainty) process.stdout.write(renderUncertainty(run.result.uncertainty));
}
