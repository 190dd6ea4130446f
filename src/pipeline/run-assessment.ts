/**
 * The application service of `govscore assess` (and of `demo` and `compare`, which run an assessment): merges the
 * assessment file with the checked command-line options (a flag wins over the file, the file over the defaults),
 * loads the column mappings, and runs
 * inputs → metrics (src/pipeline) → scores (src/scoring) → robustness and period deltas (src/robustness)
 * → findings (src/findings) → workbook, narrative report (.docx) and JSON (renderers). The output paths are checked before any work, and the
 * outputs are written only once everything has been computed, as one set (src/io/output-set.ts): a failed or
 * interrupted run leaves earlier outputs untouched and no partial file. It prints nothing: the command shows the
 * warnings, the summary and the JSON on stdout.
 *
 * @throws ConfigError for the assessment file, the indicator system or a mapping; UsageError for an output path
 *   (design §7.6); DataError for the inputs
 * @example const { result } = await runAssessment('samples/assessment.yaml', { output: null, json: null, draws: 0 })
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { loadAssessment, type Assessment, type AssessmentInput } from '../config/assessment.js';
import { loadIndicatorSystem, metricSettingsOf } from '../config/indicator-system.js';
import { ConfigError } from '../errors.js';
import { computeFindings } from '../findings/compute-findings.js';
import type { Progress } from '../format/progress.js';
import { checkOutputPaths, writeOutputSet, type InputPath, type OutputFile, type OutputPath } from '../io/output-set.js';
import { loadMappingFile, parseMappingFile } from '../io/mapping.js';
import type { TableMapping } from '../io/mapping-schema.js';
import { parsePeriod } from '../period.js';
import { issuesCsvPath } from '../report/issues-csv.js';
import { resultJson } from '../report/result-json.js';
import { exclusionsCsvPath, linksCsvPath } from '../report/repeats-csv.js';
import { workbookOutputs } from '../report/workbook.js';
import { chartFontWarning, DEFAULT_CHART_FONT, docxOutputs } from '../report/docx/build-docx.js';
import { monteCarloRobustness } from '../robustness/monte-carlo.js';
import { runUncertainty } from '../robustness/uncertainty/analysis.js';
import { resolveUncertainty, sensitivityDefaults, type UncertaintySettings } from '../robustness/uncertainty/settings.js';
import { comparePeriods, loadPreviousResult } from '../robustness/previous.js';
import { checkLeafInputs } from '../scoring/leaf-inputs.js';
import { alternativeRankings } from '../scoring/alternative-rankings.js';
import { scoreAssessment } from '../scoring/score-assessment.js';
import type { IndicatorSystem } from '../model/indicator-system.js';
import type { AssessmentResult } from '../model/result.js';
import type { InputKind, Period } from '../types.js';
import { VERSION } from '../version.js';
import { computeMetrics } from './compute-metrics.js';
import { toMetricsInputs, type ResolvedInputs } from './inputs.js';
import type { AssessmentOptions, InputOptions } from './run-options.js';

/** Defaults of the robustness check when neither the file nor a flag sets them. */
export const ROBUSTNESS_DEFAULTS = { draws: 1000, seed: 20261001, perturbation: 0.2, topK: 3 } as const;

export interface AssessmentRun {
  result: AssessmentResult;
  /** Paths written (null when that output was not asked for); json is `-` for stdout. */
  workbook: string | null;
  json: string | null;
  issuesCsv: string | null;
  /** The narrative report (.docx), null when not asked for. */
  docx: string | null;
  /** The JSON result's text when it goes to stdout (json `-`), for the command to print after the files. */
  stdoutJson: string | null;
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
export function assessmentInputs(a: Assessment, o: InputOptions): InputPath[] {
  const files: InputPath[] = [
    { path: a.path, what: 'the assessment file' },
    { path: o.indicators || a.indicatorSystem, what: 'the indicator system' },
    { path: o.map || a.map || '', what: 'the column mapping' },
    { path: o.calendar || a.calendar || '', what: 'the calendar' },
    { path: (o as AssessmentOptions).previous || '', what: 'the previous result' },
  ];
  const names = { cases: 'the case log', survey: 'the survey', ratings: 'the ratings', units: 'the unit registry' } as const;
  for (const kind of ['cases', 'survey', 'ratings', 'units'] as const) {
    files.push({ path: o[kind] || a.inputs[kind]?.path || '', what: names[kind] });
    const m = a.inputs[kind]?.mapping;
    if (typeof m === 'string') files.push({ path: m, what: `the ${kind} mapping` });
  }
  return files.filter((f) => (typeof f === 'string' ? f !== '' : f.path !== ''));
}

/** The run's output paths with what names them: the flag, or the assessment file's outputs section. */
function assessmentOutputs(workbook: string | null, json: string | null, o: AssessmentOptions, docx: string | null = null): OutputPath[] {
  const out: OutputPath[] = [];
  if (docx) out.push({ path: docx, what: o.docx ? '--docx' : 'outputs.docx' });
  if (workbook) {
    const what = o.output ? '-o' : 'outputs.workbook';
    out.push({ path: workbook, what }, { path: issuesCsvPath(workbook), what: `the issues CSV beside ${what} (${issuesCsvPath(workbook)})` });
    // The repeat links and exclusions beside it (issue 14): checked whether or not this run writes them.
    out.push({ path: linksCsvPath(workbook), what: `the links CSV beside ${what} (${linksCsvPath(workbook)})` });
    out.push({ path: exclusionsCsvPath(workbook), what: `the exclusions CSV beside ${what} (${exclusionsCsvPath(workbook)})` });
  }
  if (json) out.push({ path: json, what: o.json ? '--json' : 'outputs.json', stdout: true });
  return out;
}

function periodOf(a: Assessment, o: AssessmentOptions): Period {
  if (o.period) return parsePeriod(o.period, o.asOf || undefined);
  if (o.asOf) return parsePeriod(a.periodText, o.asOf);
  return a.period;
}

/**
 * Runs an assessment file with checked overrides (run-options.ts; `output: null` / `json: null` suppress the
 * file's outputs, as `compare` does). Returns the result and what was written.
 * @param startProgress starts the command's progress display for the case log, once the outputs are checked
 */
export async function runAssessment(assessmentPath: string, o: AssessmentOptions = {}, startProgress?: () => Progress): Promise<AssessmentRun> {
  const a = await loadAssessment(assessmentPath);
  const systemFile = await loadIndicatorSystem(o.indicators || a.indicatorSystem);
  const settings = metricSettingsOf(systemFile.system);
  // The uncertainty settings name indicators and methods: checked against the system before any data is read.
  const uncertainty = uncertaintyOf(a, o, systemFile.system);

  const mapFilePath = o.map || a.map || undefined;
  const resolved: ResolvedInputs = {
    cases: o.cases || a.inputs.cases?.path,
    survey: o.survey || a.inputs.survey?.path,
    ratings: o.ratings || a.inputs.ratings?.path,
    units: o.units || a.inputs.units?.path,
    mappings: {},
    mapFile: mapFilePath ? await loadMappingFile(mapFilePath) : null,
    calendar: o.calendar || a.calendar || undefined,
    weekendsOnly: Boolean(o.weekendsOnly) || a.weekendsOnly,
    encoding: o.encoding || undefined,
    sheet: o.sheet || undefined,
    maxRejectPercent: o.maxReject !== undefined ? o.maxReject * 100 : (a.maxReject ?? 5),
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

  // The outputs are checked before any work (design §7.6). `null` (not undefined) means "write none".
  const workbook = o.output === null ? null : o.output || a.outputs.workbook;
  const json = o.json === null ? null : o.json || a.outputs.json;
  const docx = o.docx === null ? null : o.docx || a.outputs.docx;
  const lang = o.lang ?? a.outputs.lang ?? 'zh';
  await checkOutputPaths(assessmentOutputs(workbook, json, o, docx), assessmentInputs(a, o));
  const chartFont = o.chartFont || a.outputs.chartFont || DEFAULT_CHART_FONT;

  const progress = startProgress?.();
  const metrics = await computeMetrics(
    { ...toMetricsInputs(resolved, period, settings), threads: o.threads, tolerateAbsentSurveyItems: true },
    { onCases: (n) => progress?.update(n) },
  );
  progress?.stop();
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

  const draws = o.draws ?? a.robustness.draws ?? ROBUSTNESS_DEFAULTS.draws;
  if (draws > 0 && result.units.length > 1) {
    result.robustness = monteCarloRobustness(result, {
      draws,
      seed: o.seed ?? a.robustness.seed ?? ROBUSTNESS_DEFAULTS.seed,
      perturbation: o.perturbation ?? a.robustness.perturbation ?? ROBUSTNESS_DEFAULTS.perturbation,
      topK: a.robustness.topK ?? ROBUSTNESS_DEFAULTS.topK,
    });
  }
  if (a.rankings.length) result.alternative_rankings = alternativeRankings(result, a.rankings);
  if (uncertainty && result.units.filter((u) => u.rank !== null).length > 1) {
    result.uncertainty = runUncertainty(systemFile.system, metrics, result, uncertainty);
  }
  // The cover's issue details (design §7.1): the date of issue defaults to the day of the run, in local time.
  result.assessment.report_no = a.reportNo;
  result.assessment.date_of_issue = a.dateOfIssue ?? localDate(new Date());
  result.assessment.signature = { project_lead: a.signature.projectLead, reviewer: a.signature.reviewer };
  if (o.previous) result.comparison = comparePeriods(result, await loadPreviousResult(o.previous), o.previous);
  // A .docx without its chart font is still written, without charts: a warning says so (and the limitations list it).
  const fontWarning = docx ? chartFontWarning(chartFont) : null;
  if (fontWarning) result.warnings.push(fontWarning);
  result.findings = computeFindings(result);

  // Outputs: only now that everything is computed, all or none; the JSON last, since rendering the workbook may
  // add a warning (xml_text_cleaned), and on stdout only once the files are in place (the command prints it).
  const files: OutputFile[] = [];
  let issuesCsv: string | null = null;
  const final = Boolean(o.final) || a.outputs.final;
  // The .docx starts first: its charts are drawn on worker threads while the workbook is built here.
  const docxFiles = docx ? docxOutputs(result, docx, { lang, bodyFont: o.docxFont || a.outputs.docxFont || undefined, chartFont }) : null;
  // Awaited below; if the workbook fails first, its error is the one reported (no unhandled rejection meanwhile).
  docxFiles?.catch(() => undefined);
  if (workbook) {
    const w = await workbookOutputs(result, workbook, { lang, final });
    files.push(...w.files);
    issuesCsv = w.issuesCsv;
  }
  if (docxFiles) files.push(...(await docxFiles));
  const jsonText = json ? JSON.stringify(resultJson(result), null, 2) + '\n' : null;
  if (json && json !== '-') files.push({ path: json, data: jsonText!, what: json });
  await writeOutputSet(files);
  return { result, workbook: workbook ?? null, json: json ?? null, issuesCsv, docx: docx ?? null, stdoutJson: json === '-' ? jsonText : null };
}

/** YYYY-MM-DD of a moment in the local time zone. @example localDate(new Date(2026, 9, 20, 23, 59)) // → '2026-10-20' */
export function localDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/**
 * The uncertainty analysis's settings (issue 16 item 2): `robustness.uncertainty` of the file, or when
 * `govscore sensitivity` asks for it without one, sensitivityDefaults; `--samples` and `--seed` override. Null when
 * not asked for.
 * @throws ConfigError naming the assessment file and the path of an unknown indicator or method (exit 2)
 */
function uncertaintyOf(a: Assessment, o: AssessmentOptions, system: IndicatorSystem): UncertaintySettings | null {
  const raw = a.robustness.uncertainty ?? (o.sensitivity ? sensitivityDefaults(system) : null);
  if (!raw) return null;
  return resolveUncertainty({ ...raw, ...(o.samples !== undefined ? { samples: o.samples } : {}), ...(o.seed !== undefined ? { seed: o.seed } : {}) }, system, a.path, {
    seed: a.robustness.seed ?? ROBUSTNESS_DEFAULTS.seed,
    weights: a.robustness.perturbation,
  });
}
