/**
 * `govscore assess assessment.yaml`: one quarter in one command. The assessment file names the inputs, the
 * indicator system and the outputs; every `metrics` flag also works here and overrides the file.
 *
 * inputs → metrics (src/pipeline) → scores (src/scoring) → robustness and period deltas (src/robustness)
 * → findings (src/findings) → workbook and JSON (renderers). The output paths are checked before any work, and the
 * outputs are written only once everything has been computed, as one set (src/io/output-set.ts): a failed or
 * interrupted run leaves earlier outputs untouched and no partial file.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { loadAssessment, type Assessment, type AssessmentInput } from '../config/assessment.js';
import { loadIndicatorSystem, metricSettingsOf } from '../config/indicator-system.js';
import { ConfigError, UsageError } from '../errors.js';
import { computeFindings } from '../findings/compute-findings.js';
import { createProgress } from '../format/progress.js';
import { fmt, renderTable } from '../format/table.js';
import { checkOutputPaths, writeOutputSet, type InputPath, type OutputFile, type OutputPath } from '../io/output-set.js';
import { loadMappingFile, parseMappingFile, type TableMapping } from '../io/mapping.js';
import * as log from '../log.js';
import { parsePeriod } from '../period.js';
import { computeMetrics } from '../pipeline/compute-metrics.js';
import { parseMaxReject, parseThreads, toMetricsInputs, type ResolvedInputs } from '../pipeline/inputs.js';
import { issuesCsvPath } from '../report/issues-csv.js';
import { workbookOutputs } from '../report/workbook.js';
import { monteCarloRobustness } from '../robustness/monte-carlo.js';
import { comparePeriods, loadPreviousResult } from '../robustness/previous.js';
import { checkLeafInputs } from '../scoring/leaf-inputs.js';
import { scoreAssessment } from '../scoring/score-assessment.js';
import type { InputKind, Period } from '../types.js';
import type { AssessmentResult } from '../model/result.js';
import { VERSION } from '../version.js';

/** Defaults of the robustness check when neither the file nor a flag sets them. */
export const ROBUSTNESS_DEFAULTS = { draws: 1000, seed: 20261001, perturbation: 0.2, topK: 3 } as const;

export interface AssessmentRun {
  result: AssessmentResult;
  /** Paths written (null when that output was not asked for). */
  workbook: string | null;
  json: string | null;
  issuesCsv: string | null;
}

function str(v: unknown): string | undefined {
  return v === undefined || v === null || v === '' ? undefined : String(v);
}

function int(v: unknown, flag: string, min: number): number | undefined {
  const s = str(v);
  if (s === undefined) return undefined;
  const x = Number(s);
  if (!Number.isInteger(x) || x < min) throw new UsageError(`${flag} must be a whole number ≥ ${min}, got "${s}"`);
  return x;
}

function num(v: unknown, flag: string, min: number, max: number): number | undefined {
  const s = str(v);
  if (s === undefined) return undefined;
  const x = Number(s);
  if (!Number.isFinite(x) || x < min || x > max) throw new UsageError(`${flag} must be a number from ${min} to ${max}, got "${s}"`);
  return x;
}

/** A per-input mapping from the assessment file: inline, or a file holding either one table's mapping or a whole mapping file. */
async function mappingOf(kind: InputKind, input: AssessmentInput | undefined, assessmentPath: string): Promise<TableMapping | null> {
  if (!input?.mapping) return null;
  if (typeof input.mapping !== 'string') return parseMappingFile({ [kind]: input.mapping }, assessmentPath)[kind] ?? null;
  let obj: unknown;
  try {
    obj = parseYaml((await readFile(input.mapping, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ConfigError(`cannot read the column mapping: ${(e as Error).message.split('\n')[0]}`, { file: input.mapping });
  }
  const isWholeFile = obj !== null && typeof obj === 'object' && ['cases', 'survey', 'ratings', 'units'].some((k) => k in (obj as object));
  return isWholeFile ? ((await loadMappingFile(input.mapping))[kind] ?? null) : (parseMappingFile({ [kind]: obj }, input.mapping)[kind] ?? null);
}

/** Every file an assessment run reads, named for messages (design §7.6: no output may be one of them). */
export function assessmentInputs(a: Assessment, o: Record<string, unknown>): InputPath[] {
  const files: (InputPath | null)[] = [
    { path: a.path, what: 'the assessment file' },
    { path: str(o.indicators) ?? a.indicatorSystem, what: 'the indicator system' },
    { path: str(o.map) ?? a.map ?? '', what: 'the column mapping' },
    { path: str(o.calendar) ?? a.calendar ?? '', what: 'the calendar' },
    { path: str(o.previous) ?? '', what: 'the previous result' },
  ];
  const names = { cases: 'the case log', survey: 'the survey', ratings: 'the ratings', units: 'the unit registry' } as const;
  for (const kind of ['cases', 'survey', 'ratings', 'units'] as const) {
    files.push({ path: str(o[kind]) ?? a.inputs[kind]?.path ?? '', what: names[kind] });
    const m = a.inputs[kind]?.mapping;
    if (typeof m === 'string') files.push({ path: m, what: `the ${kind} mapping` });
  }
  return files.filter((f): f is InputPath => f !== null && (typeof f === 'string' ? f !== '' : f.path !== ''));
}

/** The run's output paths with what names them: the flag, or the assessment file's outputs section. */
function assessmentOutputs(workbook: string | null, json: string | null, o: Record<string, unknown>): OutputPath[] {
  const out: OutputPath[] = [];
  if (workbook) {
    const what = str(o.output) ? '-o' : 'outputs.workbook';
    out.push({ path: workbook, what }, { path: issuesCsvPath(workbook), what: `the issues CSV beside ${what} (${issuesCsvPath(workbook)})` });
  }
  if (json) out.push({ path: json, what: str(o.json) ? '--json' : 'outputs.json', stdout: true });
  return out;
}

function periodOf(a: Assessment, o: Record<string, unknown>): Period {
  const p = str(o.period);
  const asOf = str(o.asOf);
  if (p) return parsePeriod(p, asOf);
  if (asOf) return parsePeriod(a.periodText, asOf);
  return a.period;
}

/**
 * Runs an assessment file with optional overrides (the CLI flags; `output: null` / `json: null` suppress the
 * file's outputs, as `compare` does). Returns the result and what was written.
 */
export async function runAssessment(assessmentPath: string, o: Record<string, unknown> = {}): Promise<AssessmentRun> {
  const started = Date.now();
  const a = await loadAssessment(assessmentPath);
  const systemFile = await loadIndicatorSystem(str(o.indicators) ?? a.indicatorSystem);
  const settings = metricSettingsOf(systemFile.system);

  const mapFilePath = str(o.map) ?? a.map ?? undefined;
  const resolved: ResolvedInputs = {
    cases: str(o.cases) ?? a.inputs.cases?.path,
    survey: str(o.survey) ?? a.inputs.survey?.path,
    ratings: str(o.ratings) ?? a.inputs.ratings?.path,
    units: str(o.units) ?? a.inputs.units?.path,
    mappings: {},
    mapFile: mapFilePath ? await loadMappingFile(mapFilePath) : null,
    calendar: str(o.calendar) ?? a.calendar ?? undefined,
    weekendsOnly: Boolean(o.weekendsOnly) || a.weekendsOnly,
    encoding: str(o.encoding),
    sheet: str(o.sheet),
    maxRejectPercent: o.maxReject !== undefined ? parseMaxReject(o.maxReject) * 100 : (a.maxReject ?? 5),
  };
  for (const kind of ['cases', 'survey', 'ratings', 'units'] as const) {
    const input = a.inputs[kind];
    // A flag that replaces an input file drops the file's mapping only if the file had none for it.
    resolved.mappings![kind] = await mappingOf(kind, input, a.path);
    // The assessment file may fix an input's encoding or sheet; a flag still wins (toMetricsInputs).
    if (input?.encoding && !resolved.encoding) {
      resolved.mappings![kind] = { ...(resolved.mappings![kind] ?? {}), encoding: input.encoding } as TableMapping;
    }
    if (input?.sheet && !resolved.sheet) {
      resolved.mappings![kind] = { ...(resolved.mappings![kind] ?? {}), sheet: input.sheet } as TableMapping;
    }
  }
  if (!resolved.cases && !resolved.survey && !resolved.ratings) {
    throw new ConfigError('nothing to assess: give at least one of inputs.cases, inputs.survey, inputs.ratings (or --cases, --survey, --ratings)', {
      file: a.path,
      path: 'inputs',
    });
  }
  const period = periodOf(a, o);
  const quiet = Boolean(o.quiet);

  // The outputs are checked before any work (design §7.6). `null` (not undefined) means "write none".
  const workbook = o.output === null ? null : (str(o.output) ?? a.outputs.workbook);
  const json = o.json === null ? null : (str(o.json) ?? a.outputs.json);
  const lang = (str(o.lang) ?? a.outputs.lang ?? 'zh') as string;
  if (lang !== 'zh' && lang !== 'en') throw new UsageError(`--lang must be zh or en, got "${lang}"`);
  await checkOutputPaths(assessmentOutputs(workbook, json, o), assessmentInputs(a, o));

  const progress = createProgress('cases', quiet);
  const metrics = await computeMetrics(
    { ...toMetricsInputs(resolved, period, settings), threads: parseThreads(str(o.threads)), tolerateAbsentSurveyItems: true },
    { onCases: (n) => progress.update(n) },
  );
  progress.stop();
  // Design §7.5: a leaf naming an id its given input lacks stops here (exit 2); absent inputs and unread rating ids
  // are warnings, which scoring carries into the result.
  metrics.warnings.push(...checkLeafInputs(systemFile.system, metrics, systemFile.path));

  const result = scoreAssessment({
    system: systemFile.system,
    systemFile: { path: systemFile.path, sha256: systemFile.sha256 },
    assessment: { path: a.path, sha256: a.sha256, title: a.title, client: a.client, evaluator: a.evaluator, texts: a.texts },
    metrics,
    version: VERSION,
    generatedAt: new Date().toISOString(),
  });

  const draws = int(o.draws, '--draws', 0) ?? a.robustness.draws ?? ROBUSTNESS_DEFAULTS.draws;
  if (draws > 0 && result.units.length > 1) {
    result.robustness = monteCarloRobustness(result, {
      draws,
      seed: int(o.seed, '--seed', 0) ?? a.robustness.seed ?? ROBUSTNESS_DEFAULTS.seed,
      perturbation: num(o.perturbation, '--perturbation', 0, 1) ?? a.robustness.perturbation ?? ROBUSTNESS_DEFAULTS.perturbation,
      topK: a.robustness.topK ?? ROBUSTNESS_DEFAULTS.topK,
    });
  }
  // The cover's issue details (design §7.1): the date of issue defaults to the day of the run, in local time.
  result.assessment.report_no = a.reportNo;
  result.assessment.date_of_issue = a.dateOfIssue ?? localDate(new Date());
  result.assessment.signature = { project_lead: a.signature.projectLead, reviewer: a.signature.reviewer };
  const previous = str(o.previous);
  if (previous) result.comparison = comparePeriods(result, await loadPreviousResult(previous), previous);
  result.findings = computeFindings(result);

  // Outputs: only now that everything is computed, all or none; the JSON last, since rendering the workbook may
  // add a warning (xml_text_cleaned), and on stdout only once the files are in place.
  const files: OutputFile[] = [];
  let issuesCsv: string | null = null;
  const final = Boolean(o.final) || a.outputs.final;
  if (workbook) {
    const w = await workbookOutputs(result, workbook, { lang, final });
    files.push(...w.files);
    issuesCsv = w.issuesCsv;
  }
  const jsonText = json ? JSON.stringify(result, null, 2) + '\n' : null;
  if (json && json !== '-') files.push({ path: json, data: jsonText!, what: json });
  await writeOutputSet(files);
  if (json === '-') process.stdout.write(jsonText!);

  log.warnings(result.warnings);
  if (!quiet) {
    const f = result.data_quality.files.find((x) => x.kind === 'cases');
    const outs = [workbook, issuesCsv, json && json !== '-' ? json : null].filter(Boolean).join(', ');
    log.info(
      `${result.units.length} units; ` +
        (f ? `cases ${f.accepted} used, ${f.rejected} rejected, ${f.out_of_period} outside the period` : 'no case log') +
        (outs ? `; wrote ${outs}` : '') +
        `; ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  return { result, workbook: workbook ?? null, json: json ?? null, issuesCsv };
}

/** YYYY-MM-DD of a moment in the local time zone. @example localDate(new Date(2026, 9, 20, 23, 59)) // → '2026-10-20' */
export function localDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

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

export async function runAssess(file: string, opts: Record<string, unknown>): Promise<void> {
  const run = await runAssessment(file, opts);
  if (run.json !== '-' && !opts.quiet) process.stdout.write(renderRanking(run.result));
}
