/**
 * The assessment file (YAML): one quarter's assessment as one command, `govscore assess assessment.yaml`.
 *
 * ```yaml
 * title: 某街道2026年第三季度基层社会治理第三方评估
 * client: 某区人民政府办公室              # optional
 * evaluator: 某第三方评估机构              # optional
 * report_no: YH-2026-Q3-01               # optional, printed on the cover
 * date_of_issue: 2026-10-20              # optional; default the day of the run (local time)
 * signature: {project_lead: 王某, reviewer: 李某}  # optional names in the cover's signature block
 * period: 2026Q3                         # or 2026-09, 2026-07-01..2026-09-30, or {from: 2026-07-01, to: 2026-09-30}
 * as_of: 2026-10-08T00:00:00             # optional cut-off; default the end of the period
 * indicator_system: ../indicators/community.yaml
 * calendar: calendar.json                # optional user calendar; weekends_only: true for years outside it
 * max_reject: 5                          # percent of a file's rows that may be rejected before the run stops
 * map: mapping.yaml                      # optional: a whole column-mapping file
 * inputs:                                # each optional; at least one of cases, survey, ratings
 *   cases: {path: data/cases.csv, encoding: gbk, mapping: {columns: {case_id: 工单流水号}}}
 *   survey: data/survey.xlsx             # a bare path is {path: …}
 *   ratings: {path: data/ratings.csv, mapping: ratings-mapping.yaml}
 *   units: data/units.csv
 * outputs: {workbook: out/report.xlsx, json: out/result.json, lang: zh, final: false}  # final: values only, protected
 *   # also docx: out/report.docx (the narrative report), docx_font: 宋体 (body; default 仿宋), chart_font: <CJK font file>
 * rankings: [vikor, gra, rsr]           # optional: rankings beside the weighted sum and TOPSIS (scores sheet, JSON)
 * robustness: {draws: 1000, seed: 20261008, perturbation: 0.2, top_k: 3,
 *   uncertainty: {samples: 256, weights: 0.2, leaf_methods: {A1: [minmax]}, aggregation: [arithmetic, geometric],
 *                 missing: [renormalize, zero, average], weighting: [entropy, critic, stdev], remove_one: true}}
 * texts: {background: …, organisation: …, method_notes: …, conclusions: …, experiences: …, problems: …, suggestions: …, limitations: …}
 * ```
 *
 * Relative paths resolve against the assessment file's folder (not the working directory), so the file can be
 * run from anywhere. `outputs.json: "-"` means stdout. A per-input `mapping` is a path (resolved) or an inline
 * mapping, passed through unvalidated: src/io/mapping.ts validates it when the input is read.
 * Errors are ConfigErrors naming the path (`inputs.cases.path: missing; expected a text`).
 */
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { GovscoreError } from '../errors.js';
import { parsePeriod } from '../period.js';
import type { Period } from '../types.js';
import { uncertaintySchema, type RawUncertainty } from './uncertainty-schema.js';
import { configErrorAt, configErrorFromZod } from './config-path.js';
import { parseYamlText, readYamlFile } from './yaml-file.js';

const inputSchema = z.preprocess(
  (v) => (typeof v === 'string' ? { path: v } : v),
  z.strictObject({
    path: z.string().min(1),
    encoding: z.string().min(1).optional(),
    sheet: z.union([z.string().min(1), z.number()]).optional(),
    mapping: z.unknown().optional(),
  }),
);

const dateText = z.preprocess((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v), z.string().min(1));

export const assessmentSchema = z.strictObject({
  title: z.string().min(1),
  client: z.string().min(1).optional(),
  evaluator: z.string().min(1).optional(),
  report_no: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().min(1)).optional(),
  date_of_issue: dateText.optional(),
  signature: z.strictObject({ project_lead: z.string().min(1).optional(), reviewer: z.string().min(1).optional() }).optional(),
  period: z.union([z.string().min(1), z.strictObject({ from: dateText, to: dateText })], {
    error: 'expected a period such as 2026Q3, 2026-09, 2026-07-01..2026-09-30 or {from: …, to: …}',
  }),
  as_of: dateText.optional(),
  indicator_system: z.string().min(1),
  calendar: z.string().min(1).optional(),
  weekends_only: z.boolean().optional(),
  max_reject: z.number().min(0).max(100).optional(),
  map: z.string().min(1).optional(),
  inputs: z.strictObject({
    cases: inputSchema.optional(),
    survey: inputSchema.optional(),
    ratings: inputSchema.optional(),
    units: inputSchema.optional(),
  }),
  outputs: z
    .strictObject({
      workbook: z.string().min(1).optional(),
      json: z.string().min(1).optional(),
      lang: z.enum(['zh', 'en']).optional(),
      final: z.boolean().optional(),
      docx: z.string().min(1).optional(),
      docx_font: z.string().min(1).optional(),
      chart_font: z.string().min(1).optional(),
    })
    .optional(),
  /** Rankings beside the weighted sum and TOPSIS (issue 16 item 3): any of vikor, gra, rsr. */
  rankings: z.array(z.enum(['vikor', 'gra', 'rsr'])).optional(),
  robustness: z
    .strictObject({
      draws: z.number().int().min(0).optional(),
      seed: z.number().int().optional(),
      perturbation: z.number().min(0).max(1).optional(),
      top_k: z.number().int().min(1).optional(),
      // Checked here for its shape; its names are checked against the indicator system when the run starts
      // (src/robustness/uncertainty/settings.ts).
      uncertainty: uncertaintySchema.optional(),
    })
    .optional(),
  texts: z
    .strictObject({
      background: z.string().optional(),
      organisation: z.string().optional(),
      method_notes: z.string().optional(),
      problems: z.string().optional(),
      conclusions: z.string().optional(),
      suggestions: z.string().optional(),
      experiences: z.string().optional(),
      limitations: z.string().optional(),
    })
    .optional(),
});

export interface AssessmentInput {
  /** Absolute path (resolved against the assessment file's folder). */
  path: string;
  encoding: string | null;
  sheet: string | null;
  /** A mapping file path (resolved) or an inline mapping object, for src/io/mapping.ts; null when absent. */
  mapping: string | Record<string, unknown> | null;
}

export type AssessmentInputKind = 'cases' | 'survey' | 'ratings' | 'units';

export interface Assessment {
  /** The assessment file itself, and the SHA-256 of its bytes (printed on the report's cover). */
  path: string;
  sha256: string;
  title: string;
  client: string | null;
  evaluator: string | null;
  /** The cover's report number, date of issue (YYYY-MM-DD; null: the run's local date) and signature names. */
  reportNo: string | null;
  dateOfIssue: string | null;
  signature: { projectLead: string | null; reviewer: string | null };
  /** The period as written ("2026Q3", "2026-07-01..2026-09-30"); a {from, to} mapping becomes "from..to". */
  periodText: string;
  asOf: string | null;
  /** The period resolved with its cut-off (src/period.ts). */
  period: Period;
  indicatorSystem: string;
  calendar: string | null;
  weekendsOnly: boolean;
  /** Percent, or null for the command's default. */
  maxReject: number | null;
  /** A whole column-mapping file (resolved), or null. */
  map: string | null;
  /** Every input is optional (design §3.1); runAssessment checks that the file and flags give one of cases, survey, ratings. */
  inputs: Partial<Record<AssessmentInputKind, AssessmentInput>>;
  outputs: {
    workbook: string | null;
    json: string | null;
    lang: 'zh' | 'en' | null;
    final: boolean;
    /** The narrative report (.docx), its body font and the font file its charts are drawn with (issue 15). */
    docx: string | null;
    docxFont: string | null;
    chartFont: string | null;
  };
  robustness: { draws: number | null; seed: number | null; perturbation: number | null; topK: number | null; uncertainty: RawUncertainty | null };
  /** Ranking methods to show beside the weighted sum (vikor, gra, rsr), in the order given. */
  rankings: string[];
  /** Evaluator-written report texts by key (background, organisation, method_notes, conclusions, suggestions). */
  texts: Record<string, string>;
}

/** Reads and validates an assessment file; relative paths resolve against its folder. */
export async function loadAssessment(path: string): Promise<Assessment> {
  const { data, sha256 } = await readYamlFile(path);
  return resolveAssessment(data, path, sha256);
}

/** Validates the YAML text of an assessment file (`file` names it in errors and anchors relative paths). */
export function parseAssessment(text: string, file: string, sha256 = ''): Assessment {
  return resolveAssessment(parseYamlText(text, file), file, sha256);
}

export function resolveAssessment(data: unknown, file: string, sha256: string): Assessment {
  const parsed = assessmentSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) throw configErrorFromZod(parsed.error, file);
  const raw = parsed.data;
  const dir = dirname(resolve(file));
  const at = (p: string) => resolve(dir, p);
  const periodText = typeof raw.period === 'string' ? raw.period : `${raw.period.from}..${raw.period.to}`;
  let period: Period;
  try {
    period = parsePeriod(periodText, raw.as_of);
  } catch (e) {
    if (!(e instanceof GovscoreError)) throw e;
    // parsePeriod speaks of the command-line flag; here the value came from the file.
    const message = e.message.replace(/^--period:\s*/, '').replace(/^--as-of:\s*/, '');
    const key = /as-of|cut-off/i.test(e.message) ? 'as_of' : 'period';
    throw configErrorAt(file, [key], message, e.hint);
  }
  const input = (v: z.output<typeof inputSchema> | undefined, kind: AssessmentInputKind): AssessmentInput | undefined => {
    if (!v) return undefined;
    const mapping = v.mapping === undefined || v.mapping === null ? null : v.mapping;
    if (mapping !== null && typeof mapping !== 'string' && (typeof mapping !== 'object' || Array.isArray(mapping))) {
      throw configErrorAt(file, ['inputs', kind, 'mapping'], 'expected a mapping file path or an inline mapping (columns: …)');
    }
    return {
      path: at(v.path),
      encoding: v.encoding ?? null,
      sheet: v.sheet === undefined ? null : String(v.sheet),
      mapping: typeof mapping === 'string' ? at(mapping) : (mapping as Record<string, unknown> | null),
    };
  };
  const inputs: Assessment['inputs'] = {};
  for (const kind of ['cases', 'survey', 'ratings', 'units'] as const) {
    const spec = input(raw.inputs[kind], kind);
    if (spec) inputs[kind] = spec;
  }
  const texts: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw.texts ?? {})) if (typeof v === 'string' && v.trim() !== '') texts[k] = v;
  const json = raw.outputs?.json;
  return {
    path: file,
    sha256,
    title: raw.title,
    client: raw.client ?? null,
    evaluator: raw.evaluator ?? null,
    reportNo: raw.report_no ?? null,
    dateOfIssue: raw.date_of_issue ?? null,
    signature: { projectLead: raw.signature?.project_lead ?? null, reviewer: raw.signature?.reviewer ?? null },
    periodText,
    asOf: raw.as_of ?? null,
    period,
    indicatorSystem: at(raw.indicator_system),
    calendar: raw.calendar ? at(raw.calendar) : null,
    weekendsOnly: raw.weekends_only ?? false,
    maxReject: raw.max_reject ?? null,
    map: raw.map ? at(raw.map) : null,
    inputs,
    outputs: {
      workbook: raw.outputs?.workbook ? at(raw.outputs.workbook) : null,
      json: json === undefined ? null : json === '-' ? '-' : at(json),
      lang: raw.outputs?.lang ?? null,
      final: raw.outputs?.final ?? false,
      docx: raw.outputs?.docx ? at(raw.outputs.docx) : null,
      docxFont: raw.outputs?.docx_font ?? null,
      chartFont: raw.outputs?.chart_font ? at(raw.outputs.chart_font) : null,
    },
    rankings: [...new Set(raw.rankings ?? [])],
    robustness: {
      draws: raw.robustness?.draws ?? null,
      seed: raw.robustness?.seed ?? null,
      perturbation: raw.robustness?.perturbation ?? null,
      topK: raw.robustness?.top_k ?? null,
      uncertainty: raw.robustness?.uncertainty ?? null,
    },
    texts,
  };
}
