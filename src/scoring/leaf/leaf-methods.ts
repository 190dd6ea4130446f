import type { LeafMethodId, LeafScoring } from '../../model/indicator-system.js';
import { gradeMethod } from './grade-table.js';
import { identityMethod } from './identity.js';
import type { AnyLeafMethod, LeafMethod } from './leaf-method.js';
import { minmaxMethod } from './minmax.js';
import { rankMethod } from './rank-percentile.js';
import { ratioToBestMethod } from './ratio-to-best.js';
import { thresholdMethod } from './threshold.js';
import { zscoreMethod } from './zscore.js';

/**
 * The leaf scoring methods (design §6.1), one line each. The indicator system's `scoring:` schema, the config's
 * rules, the scoring stage and the report's words all read this table; adding a method is its file (formula, zod
 * parameters, words, and its `LeafMethodParams` entry) plus one line here.
 * Listed in the order the schema's messages name them.
 */
export const LEAF_METHODS: { [M in LeafMethodId]: LeafMethod<M> } = {
  threshold: thresholdMethod,
  minmax: minmaxMethod,
  ratio_to_best: ratioToBestMethod,
  zscore: zscoreMethod,
  rank: rankMethod,
  identity: identityMethod,
  grade: gradeMethod,
};

/** The table's entry for a scoring spec's method. */
export function leafMethodOf(scoring: LeafScoring): AnyLeafMethod {
  return LEAF_METHODS[scoring.method] as unknown as AnyLeafMethod;
}
