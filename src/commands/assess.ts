/**
 * `govscore assess assessment.yaml`: one quarter in one command. The assessment file names the inputs, the
 * indicator system and the outputs; every `metrics` flag also works here and overrides the file. This module
 * checks the flags (src/pipeline/run-options.ts), runs the assessment (src/pipeline/run-assessment.ts) and prints:
 * the warnings and a summary on stderr, then the ranking, or the JSON result for `--json -`, on stdout.
 */
import { fmt, renderTable } from '../format/table.js';
import { createProgress } from '../format/progress.js';
import * as log from '../log.js';
import { runAssessment, type AssessmentRun } from '../pipeline/run-assessment.js';
import { parseAssessmentOptions } from '../pipeline/run-options.js';
import type { AssessmentResult } from '../model/result.js';

/** The ranking as a terminal table (when stdout is not taken by the JSON). */
export function renderRanking(result: AssessmentResult): string {
  const level1 = result.indicators.filter((i) => i.level === 1);
  const header = ['rank', 'unit', 'total', 'grade', ...level1.map((i) => i.name.zh || i.id)];
  // A unit without a rank (vetoed under veto_rank: none, or not assessed) shows —; a vetoed unit ranked last is marked *.
  const rows = result.units.map((u) => [
    u.rank === null ? '—' : `${u.rank}${u.rank_note === 'veto_last' ? '*' : ''}`,
    u.name ?? u.unit,
    fmt(u.total),
    u.assessed ? (u.grade ?? '—') : '未评估',
    ...level1.map((i) => fmt(u.indicators[i.id]?.score ?? null)),
  ]);
  const notes: string[] = [];
  if (result.units.some((u) => u.rank_note === 'veto_last')) notes.push('* a veto rule fired: ranked after every unit without one');
  if (result.units.some((u) => u.rank_note === 'veto_unranked')) notes.push('— a veto rule fired: not ranked (veto_rank: none)');
  if (result.units.some((u) => !u.assessed)) notes.push('未评估 (not assessed): no data for any indicator');
  return renderTable(header, rows) + notes.map((n) => `${n}\n`).join('');
}

/**
 * What a finished run shows (assess and demo): the JSON on stdout for `--json -` (after the files, design §7.6),
 * the warnings summarised on stderr (design §7.5), and unless quiet one summary line.
 */
export function printRun(run: AssessmentRun, startedMs: number, quiet: boolean): void {
  if (run.stdoutJson !== null) process.stdout.write(run.stdoutJson);
  log.warnings(run.result.warnings);
  if (quiet) return;
  const f = run.result.data_quality.files.find((x) => x.kind === 'cases');
  const outs = [run.workbook, run.issuesCsv, run.docx, run.json && run.json !== '-' ? run.json : null].filter(Boolean).join(', ');
  log.info(
    `${run.result.units.length} units; ` +
      (f ? `cases ${f.accepted} used, ${f.rejected} rejected, ${f.out_of_period} outside the period` : 'no case log') +
      (outs ? `; wrote ${outs}` : '') +
      `; ${((Date.now() - startedMs) / 1000).toFixed(1)} s`,
  );
}

export async function runAssess(file: string, flags: Record<string, unknown>): Promise<void> {
  const started = Date.now();
  const options = parseAssessmentOptions(flags);
  const quiet = Boolean(options.quiet);
  const run = await runAssessment(file, options, () => createProgress('cases', quiet));
  printRun(run, started, quiet);
  if (run.json !== '-' && !quiet) process.stdout.write(renderRanking(run.result));
}
