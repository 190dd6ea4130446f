/**
 * Period over period (design §6.5, issue 6): deltas of a unit's total, rank and level-1 scores against the JSON
 * result of an earlier run.
 *
 * Per unit: total_delta = total − previous total; rank_change = previous rank − current rank (positive = moved
 * up); level1_deltas[id] = current score − previous score of each level-1 indicator, matched by indicator id
 * (null when either side lacks a score, e.g. an indicator added this period). Units assessed in only one period
 * are listed with status `new` or `dropped` and null deltas — never silently left out. A unit listed but not
 * assessed (未评估: null total) counts as not assessed in that period; a unit without a rank (a veto under
 * `veto_rank: none`) has a total delta but a null rank change. Deltas are rounded to 1e−9 so that float noise
 * (2.1100000000000136) does not reach the report.
 * A previous result of any schema version up to this one's is read (1 had no schema_version key; 2 and 3 differ only
 * in the metric stage's part, which this comparison does not read); a newer one is refused with its version.
 * @throws DataError (loadPreviousResult) naming the file when it cannot be read, is not a govscore JSON result, or
 *   comes from a newer schema
 * @example comparePeriods(current, previous, 'q2.json').units[0] // → { unit: 'A', status: 'both', total_delta: 2.1, rank_change: 1, … }
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { formatConfigPath } from '../config/config-path.js';
import { DataError } from '../errors.js';
import { RESULT_SCHEMA_VERSION, type PeriodComparison, type PeriodDelta } from '../model/result.js';
import type { Period } from '../types.js';

/** The parts of a result this comparison reads; everything else may be absent or from another version. */
const previousSchema = z.looseObject({
  tool: z.looseObject({ name: z.literal('govscore') }),
  schema_version: z.number().int().min(1).optional(),
  period: z.looseObject({ from: z.string(), to: z.string(), as_of: z.string() }),
  generated_at: z.string(),
  indicators: z.array(z.looseObject({ id: z.string(), level: z.number() })),
  units: z.array(
    z.looseObject({
      unit: z.string(),
      total: z.number().nullable(),
      rank: z.number().nullable(),
      indicators: z.record(z.string(), z.looseObject({ score: z.number().nullable() })),
    }),
  ),
});

/** What a previous result provides to the comparison, in every schema version it reads. */
export type PreviousResult = z.output<typeof previousSchema>;

export async function loadPreviousResult(path: string): Promise<PreviousResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DataError(code === 'ENOENT' ? 'previous result not found' : `cannot read the previous result (${code ?? String(e)})`, { file: path });
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new DataError(`the previous result is not valid JSON (${(e as Error).message})`, { file: path }, 'pass the JSON result of an earlier `govscore assess … --json FILE` run');
  }
  const parsed = previousSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = formatConfigPath(issue.path);
    const isOurs = typeof data === 'object' && data !== null && (data as { tool?: { name?: unknown } }).tool?.name === 'govscore';
    throw new DataError(
      isOurs ? `the previous result is incomplete or from an incompatible version: ${at || 'top level'}: ${issue.message}` : 'not a govscore JSON result (no "tool": {"name": "govscore"})',
      { file: path, ...(isOurs && at ? { path: at } : {}) },
      'pass the JSON result of an earlier `govscore assess … --json FILE` run',
    );
  }
  const version = parsed.data.schema_version ?? 1;
  if (version > RESULT_SCHEMA_VERSION) {
    throw new DataError(
      `the previous result has schema_version ${version}, newer than this govscore reads (1 to ${RESULT_SCHEMA_VERSION})`,
      { file: path, path: 'schema_version' },
      'compare with a result written by this version of govscore or an earlier one, or update govscore',
    );
  }
  return parsed.data;
}

function round9(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

/** What the comparison reads of a result: this run's (AssessmentResult) or a previous one's (PreviousResult). */
interface ComparedUnit {
  unit: string;
  total: number | null;
  rank: number | null;
  indicators: Record<string, { score: number | null }>;
}
interface ComparedResult {
  period: Period;
  generated_at: string;
  indicators: { id: string; level: number }[];
  units: ComparedUnit[];
}

function level1Ids(result: ComparedResult): string[] {
  return result.indicators.filter((i) => i.level === 1).map((i) => i.id);
}

export function comparePeriods(current: ComparedResult, previous: ComparedResult, previousPath: string): PeriodComparison {
  // Level-1 ids of both periods: an indicator present in only one period still shows, with null deltas.
  const ids = [...new Set([...level1Ids(current), ...level1Ids(previous)])];
  // Only assessed units take part: a not-assessed one (null total) has nothing to compare.
  const assessed = (u: ComparedUnit) => u.total !== null && u.total !== undefined;
  const before = new Map(previous.units.filter(assessed).map((u) => [u.unit, u]));
  const now = new Set(current.units.filter(assessed).map((u) => u.unit));
  const nullDeltas = (): Record<string, number | null> => Object.fromEntries(ids.map((id) => [id, null]));

  const scoreOf = (u: ComparedUnit, id: string): number | null => {
    const s = u.indicators[id]?.score;
    return typeof s === 'number' && Number.isFinite(s) ? s : null;
  };

  const units: PeriodDelta[] = current.units.filter(assessed).map((u) => {
    const p = before.get(u.unit);
    if (!p) {
      return {
        unit: u.unit,
        status: 'new',
        total: u.total,
        previous_total: null,
        total_delta: null,
        rank: u.rank,
        previous_rank: null,
        rank_change: null,
        level1_deltas: nullDeltas(),
      };
    }
    const level1: Record<string, number | null> = {};
    for (const id of ids) {
      const a = scoreOf(u, id);
      const b = scoreOf(p, id);
      level1[id] = a === null || b === null ? null : round9(a - b);
    }
    return {
      unit: u.unit,
      status: 'both',
      total: u.total,
      previous_total: p.total,
      total_delta: round9(u.total! - p.total!),
      rank: u.rank,
      previous_rank: p.rank,
      rank_change: p.rank !== null && u.rank !== null ? p.rank - u.rank : null,
      level1_deltas: level1,
    };
  });
  for (const p of before.values()) {
    if (now.has(p.unit)) continue;
    units.push({
      unit: p.unit,
      status: 'dropped',
      total: null,
      previous_total: p.total,
      total_delta: null,
      rank: null,
      previous_rank: p.rank,
      rank_change: null,
      level1_deltas: nullDeltas(),
    });
  }
  return { previous: { path: previousPath, period: previous.period, generated_at: previous.generated_at }, units };
}
