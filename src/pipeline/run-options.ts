/**
 * The options of a run as one typed object, checked once (issue 13 §3): commander hands the commands strings, and
 * these schemas turn them into numbers, shares and a report language. A bad value is a UsageError (exit 2) naming
 * its flag and what it accepts, before any file is read. A flag left out stays undefined: the assessment file's
 * value or the documented default is merged later, by the run (run-assessment.ts, run-metrics.ts).
 *
 * @throws UsageError, e.g. `--lang must be zh or en, got "fr"`, `--draws must be a whole number ≥ 0, got "x"`
 * @example parseAssessmentOptions({ draws: '200', lang: 'en' }) // → { draws: 200, lang: 'en' }
 */
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { LANGS } from '../report/labels.js';
import { parseMaxReject, parseThreads } from './inputs.js';

/** A flag's value: commander gives a string, a caller in code may give the number itself; blank means not given. */
const given = (v: unknown): unknown => (v === null || v === '' ? undefined : v);
const raw = z.union([z.string(), z.number()]);

/** A value read by one of the flag parsers of inputs.ts, whose UsageError message becomes the zod issue. */
function parsedBy<T>(parse: (v: unknown) => T) {
  return z.preprocess(
    given,
    raw.optional().transform((v, ctx) => {
      if (v === undefined) return undefined;
      try {
        return parse(v);
      } catch (e) {
        ctx.addIssue({ message: (e as Error).message, code: 'custom' });
        return z.NEVER;
      }
    }),
  );
}

function wholeNumber(flag: string, min: number) {
  return parsedBy((v) => {
    const x = Number(v);
    if (!Number.isInteger(x) || x < min) throw new UsageError(`${flag} must be a whole number ≥ ${min}, got "${String(v)}"`);
    return x;
  });
}

function numberIn(flag: string, min: number, max: number) {
  return parsedBy((v) => {
    const x = Number(v);
    if (!Number.isFinite(x) || x < min || x > max) throw new UsageError(`${flag} must be a number from ${min} to ${max}, got "${String(v)}"`);
    return x;
  });
}

/** `--lang`: the one place the report language of a command line is checked (assess, demo, compare). */
export const langOption = z.preprocess(
  given,
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || (LANGS as readonly string[]).includes(v)) return v as (typeof LANGS)[number] | undefined;
      ctx.addIssue({ message: `--lang must be ${LANGS.join(' or ')}, got "${v}"`, code: 'custom' });
      return z.NEVER;
    }),
);

const path = z.string().optional();
const flag = z.boolean().optional();

/** The options shared by the commands that read inputs (metrics, assess, compare): design §3. */
export const inputOptionsSchema = z.object({
  cases: path,
  survey: path,
  ratings: path,
  units: path,
  period: path,
  asOf: path,
  calendar: path,
  weekendsOnly: flag,
  map: path,
  indicators: path,
  encoding: path,
  sheet: path,
  /** The share of a file's rows that may be rejected (`--max-reject 5` → 0.05). */
  maxReject: parsedBy(parseMaxReject),
  threads: parsedBy(parseThreads),
  /** A file, `-` for stdout; null (from code) writes none. */
  json: z.string().nullable().optional(),
  quiet: flag,
  verbose: flag,
});
/** Every option may be left out (zod marks the parsed flags as present-but-undefined, which a caller in code need not spell). */
export type InputOptions = Partial<z.output<typeof inputOptionsSchema>>;

/** `assess` (and `demo`, `compare`, which run an assessment): the input options and the outputs, report and robustness. */
export const assessmentOptionsSchema = inputOptionsSchema.extend({
  /** The workbook; null (from code) writes none even when the assessment file names one. */
  output: z.string().nullable().optional(),
  lang: langOption,
  final: flag,
  /** The narrative report (.docx, issue 15); null (from code) writes none. Its body font and chart font file. */
  docx: z.string().nullable().optional(),
  docxFont: path,
  chartFont: path,
  previous: path,
  seed: wholeNumber('--seed', 0),
  draws: wholeNumber('--draws', 0),
  perturbation: numberIn('--perturbation', 0, 1),
  /** `govscore sensitivity`: run the uncertainty analysis even when the file has no robustness.uncertainty. */
  sensitivity: flag,
  /** N base samples of the uncertainty analysis (overrides robustness.uncertainty.samples). */
  samples: wholeNumber('--samples', 2),
});
export type AssessmentOptions = Partial<z.output<typeof assessmentOptionsSchema>>;

/** Checks flags against a schema: the typed options, or a UsageError with the first problem's message. */
export function parseOptions<S extends z.ZodType>(schema: S, flags: Record<string, unknown>): z.output<S> {
  const r = schema.safeParse(flags);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const key = issue.path.map(String).join('.');
  const named = issue.code === 'custom' ? issue.message : `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${issue.message}`;
  throw new UsageError(named);
}

export function parseInputOptions(flags: Record<string, unknown>): InputOptions {
  return parseOptions(inputOptionsSchema, flags);
}

export function parseAssessmentOptions(flags: Record<string, unknown>): AssessmentOptions {
  return parseOptions(assessmentOptionsSchema, flags);
}
