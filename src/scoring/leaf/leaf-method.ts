import type { z } from 'zod';
import type { Direction, LeafMethodId, LeafMethodParams, LeafScoring, LeafScoringOf } from '../../model/indicator-system.js';
import type { LocalizedText } from '../../types.js';

/** Per unit, the raters' grade-label counts of a ratings leaf (null for a unit without ratings). */
export type LabelCounts = readonly (Readonly<Record<string, number>> | null)[];

/**
 * One leaf scoring method (design §6.1): everything the indicator system file, the scoring stage and the report
 * need to know about it. A method is one file that exports one of these and declares its parameters in
 * `LeafMethodParams` (src/model/indicator-system.ts), plus its line in the table leaf-methods.ts.
 */
export interface LeafMethod<M extends LeafMethodId> {
  id: M;
  /** The parameters written beside `method:` in the file, as zod fields (`{}` for a method without any). */
  params: { [K in keyof LeafMethodParams[M]]-?: z.ZodType<LeafMethodParams[M][K]> };
  /**
   * A rule beyond the parameters' shape, judged with the leaf (e.g. threshold: floor ≠ target): the offending key
   * under `scoring` and the message, or null when the leaf is fine.
   */
  check?: (scoring: LeafScoringOf<M>, leaf: { metric: string; direction: Direction }) => { key: string; message: string } | null;
  /**
   * Every unit's 0..100 score from the units' raw values, a null raw value giving a null score (filled later by the
   * missing-value policy, design §6.4). `labels` are given for ratings leaves.
   */
  score: (scoring: LeafScoringOf<M>, direction: Direction, raws: readonly (number | null)[], labels?: LabelCounts) => (number | null)[];
  /** The method in words, as the report's indicator and method sheets print it. */
  describe: (scoring: LeafScoringOf<M>, cost: boolean) => LocalizedText;
}

/** A table entry seen without its id's parameter types, for dispatch by the table. */
export interface AnyLeafMethod {
  id: string;
  params: Record<string, z.ZodType>;
  check?: (scoring: LeafScoring, leaf: { metric: string; direction: Direction }) => { key: string; message: string } | null;
  score: (scoring: LeafScoring, direction: Direction, raws: readonly (number | null)[], labels?: LabelCounts) => (number | null)[];
  describe: (scoring: LeafScoring, cost: boolean) => LocalizedText;
}
