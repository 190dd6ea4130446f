/**
 * `govscore compare assessment.yaml --scenarios FILE [-o compare.xlsx] [--json -]`: runs the assessment once,
 * rescores it under every scenario of the scenarios file (src/robustness/scenarios-file.ts), and shows the
 * rankings side by side — totals, ranks, rank changes against the base, grade changes, and Spearman / Kendall
 * correlations between every pair of rankings — as a table on stdout, a JSON document, and/or a workbook.
 *
 * A weights-only scenario reuses the base run's metrics and reruns only the scoring stage; a scenario with an
 * alternative indicator_system reruns the whole assessment with that system (its time limits and metrics may
 * differ), then applies its weights, if any.
 * @throws UsageError for a bad --lang; ConfigError for the scenarios file (naming its path); whatever the
 *   assessment run throws
 * @example await runCompare('samples/assessment.yaml', { scenarios: 'samples/scenarios.yaml', output: 'compare.xlsx' })
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { loadAssessment } from '../config/assessment.js';
import { loadIndicatorSystem } from '../config/indicator-system.js';
import { walkIndicators, type IndicatorSystem } from '../model/indicator-system.js';
import { UsageError } from '../errors.js';
import { alignColumns } from '../format/table.js';
import { checkOutputPaths, writeOutputSet, type OutputFile } from '../io/output-set.js';
import * as log from '../log.js';
import { assessmentOptionsSchema, parseOptions } from '../pipeline/run-options.js';
import { compareWorkbookOutput } from '../report/compare-workbook.js';
import { labels, type Lang } from '../report/labels.js';
import { compareScenarios, type NamedResult, type ScenarioComparison } from '../robustness/compare-scenarios.js';
import { checkScenarioIds, loadScenarios, type ScenariosFile } from '../robustness/scenarios-file.js';
import { scoreScenario } from '../robustness/score-scenario.js';
import type { AssessmentResult } from '../model/result.js';

export interface LoadedSystem {
  system: IndicatorSystem;
  path: string;
  sha256: string;
}

export interface ScenarioRunner {
  /** The indicator system the base run used. */
  baseSystem: LoadedSystem;
  loadSystem(path: string): Promise<LoadedSystem>;
  /** The whole assessment rerun with another indicator system (metrics included). */
  runWithSystem(path: string): Promise<AssessmentResult>;
}

/** Every scenario's result, ids checked against the system each scenario applies to, in file order. */
export async function scenarioResults(base: AssessmentResult, file: ScenariosFile, runner: ScenarioRunner): Promise<NamedResult[]> {
  const out: NamedResult[] = [];
  for (const [i, s] of file.scenarios.entries()) {
    const loaded = s.indicator_system ? await runner.loadSystem(s.indicator_system) : runner.baseSystem;
    checkScenarioIds(s, i, walkIndicators(loaded.system).map((w) => w.node.id), file.path);
    const start = s.indicator_system ? await runner.runWithSystem(s.indicator_system) : base;
    const hasWeights = Object.keys(s.weights).length > 0;
    const result = hasWeights ? scoreScenario(start, loaded.system, { path: loaded.path, sha256: loaded.sha256 }, s.weights) : start;
    out.push({ name: s.name, description: s.description, overrides: s.weights, result });
  }
  return out;
}

function signed(n: number | null): string {
  return n === null ? '—' : n > 0 ? `+${n}` : n === 0 ? '0' : String(n);
}

function fixed(n: number | null, d: number): string {
  return n === null ? '—' : n.toFixed(d);
}

/** The side-by-side table for the terminal: plain text, aligned, one line per unit. */
export function formatComparison(c: ScenarioComparison, lang: Lang = 'zh'): string {
  const L = labels(lang).compare;
  const T = L.terminal;
  const names = c.scenarios.slice(1).map((s) => s.name);
  const head = [T.baseRank, T.unit, T.baseTotal, T.grade];
  for (const n of names) head.push(`${n} ${T.total}`, T.rankChange, T.grade);
  const na = T.notAssessed;
  const rows = c.units.map((u) => {
    const r = [u.base_rank === null ? '—' : String(u.base_rank), u.unit, fixed(u.base_total, 2), u.base_grade ?? na];
    for (const n of names) {
      const cell = u.scenarios[n];
      r.push(fixed(cell.total, 2), cell.rank === null ? '—' : `${cell.rank} (${signed(cell.rank_change)})`, (cell.grade ?? '—') + (cell.grade_changed ? ' *' : ''));
    }
    return r;
  });
  const numeric = (i: number) => i !== 1 && !(i >= 3 && (i - 3) % 3 === 0);
  const out = alignColumns(head, rows, numeric);
  out.push('', T.correlations);
  for (const r of c.correlations) {
    out.push(`  ${r.a === 'base' ? L.base : r.a} ↔ ${r.b}: ρ = ${fixed(r.spearman, 3)}, τb = ${fixed(r.kendall_tau_b, 3)} (n = ${r.n})`);
  }
  out.push('');
  if (c.grade_changes.length === 0) out.push(T.noGradeChange);
  else {
    out.push(T.gradeChanges);
    for (const g of c.grade_changes) out.push(`  ${g.unit} [${g.scenario}]: ${g.from ?? na} → ${g.to ?? na}`);
  }
  return out.join('\n') + '\n';
}

/** compare's flags: an assessment run's (of which the command line offers the inputs, -o and --lang) and the scenarios file. */
const compareOptionsSchema = assessmentOptionsSchema.extend({ scenarios: z.string().optional() });

export async function runCompare(file: string, flags: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(compareOptionsSchema, flags);
  const lang = opts.lang ?? 'zh';
  if (!opts.scenarios) throw new UsageError('--scenarios FILE is required');
  const scenariosFile = await loadScenarios(resolve(opts.scenarios));
  // Loaded on use, like every command module, so this file's pure parts import without the whole pipeline.
  const { runAssessment, assessmentInputs } = await import('../pipeline/run-assessment.js');

  // The base run: the assessment as configured, without its own outputs or Monte Carlo check.
  const { output, json, scenarios: _scenarios, ...inputOpts } = opts;
  void _scenarios;
  const runOpts = { ...inputOpts, output: null, json: null, draws: 0, previous: undefined, quiet: true };
  const assessment = await loadAssessment(resolve(file));
  // Before any work (design §7.6): neither output may overwrite an input (the indicator systems of the scenarios too).
  await checkOutputPaths(
    [
      { path: output ?? '', what: '-o' },
      { path: json ?? '', what: '--json', stdout: true },
    ],
    [
      ...assessmentInputs(assessment, inputOpts),
      { path: scenariosFile.path, what: 'the scenarios file' },
      ...scenariosFile.scenarios.map((s) => ({ path: s.indicator_system ?? '', what: `the indicator system of scenario "${s.name}"` })),
    ],
  );
  const basePath = opts.indicators ? resolve(opts.indicators) : assessment.indicatorSystem;
  log.info(`running the base assessment ${file}`);
  const { result: base } = await runAssessment(file, runOpts);
  log.warnings(base.warnings);
  const loadSystem = async (path: string): Promise<LoadedSystem> => loadIndicatorSystem(path);
  const results = await scenarioResults(base, scenariosFile, {
    baseSystem: await loadSystem(basePath),
    loadSystem,
    runWithSystem: async (path) => {
      log.info(`rerunning the assessment with the indicator system ${path}`);
      const { result } = await runAssessment(file, { ...runOpts, indicators: path });
      log.warnings(result.warnings);
      return result;
    },
  });
  const comparison = compareScenarios(base, results);

  // Both outputs or neither (src/io/output-set.ts); JSON on stdout only after them.
  const files: OutputFile[] = [];
  if (output) {
    const w = await compareWorkbookOutput(comparison, resolve(output), lang);
    if (w.warning) log.warnings([w.warning]);
    files.push({ ...w.file, what: output });
  }
  if (json && json !== '-') files.push({ path: resolve(json), data: JSON.stringify(comparison, null, 2) + '\n', what: json });
  await writeOutputSet(files);
  for (const f of files) log.info(`wrote ${f.what}`);
  if (json === '-') process.stdout.write(JSON.stringify(comparison, null, 2) + '\n');
  else process.stdout.write(formatComparison(comparison, lang));
}
