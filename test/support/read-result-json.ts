/**
 * The engine's AssessmentResult from a JSON result of any schema version (1 to 3), for tests that hand a written
 * result to the report code (src/report/sentences.ts, src/findings). Schema 3 (src/report/result-json.ts) is read
 * back into the engine's names, with the metric stage's period, data quality and warnings taken from the result's
 * own (the metric stage's warnings cannot be told apart from scoring's there: all are given); schemas 1 and 2 are
 * that shape already.
 */
import type { AssessmentResult } from '../../src/model/result.js';

function mapValues<T, U>(rec: Record<string, T>, f: (v: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, f(v)]));
}

/** A snake_case field name in camelCase. @example camelCase('closed_on_time') // → 'closedOnTime' */
export function camelCase(name: string): string {
  return name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

function camelFields(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [camelCase(k), v]));
}

type Json = Record<string, unknown>;
const rowsBack = (list: Json[]) => list.map((r) => ({ ...r, counts: camelFields(r.counts as Json) }));

export function readResultJson(doc: Json): AssessmentResult {
  if (typeof doc.schema_version !== 'number' || doc.schema_version < 3) return doc as unknown as AssessmentResult;
  const m = doc.metrics as Json;
  const b = m.breakdowns as Record<string, Json[] | Record<string, Json[]>>;
  const survey = m.survey as Json | null;
  const ratings = m.ratings as Json | null;
  const metrics = {
    ...camelFields(m),
    period: doc.period,
    caseCounts: mapValues(m.case_counts as Record<string, Json>, camelFields),
    breakdowns: mapValues(b, (v) => (Array.isArray(v) ? rowsBack(v) : mapValues(v, rowsBack))),
    survey: survey && camelFields({ ...survey, units: mapValues(survey.units as Record<string, Json>, camelFields), overall: camelFields(survey.overall as Json) }),
    ratings: ratings && camelFields({ ...ratings, indicators: mapValues(ratings.indicators as Record<string, Json>, camelFields) }),
    dataQuality: doc.data_quality,
    warnings: doc.warnings,
  };
  const findings = doc.findings as Json | null | undefined;
  const overall = findings?.overall as Json | undefined;
  return {
    ...doc,
    metrics,
    ...(findings ? { findings: { ...findings, overall: { ...overall, case_pooled: overall?.case_pooled ? camelFields(overall.case_pooled as Json) : null } } } : {}),
  } as unknown as AssessmentResult;
}
