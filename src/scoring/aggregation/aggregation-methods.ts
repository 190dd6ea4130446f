import type { Aggregation } from '../../model/indicator-system.js';
import type { AggregationMethod } from './aggregation-method.js';
import { arithmeticAggregation } from './arithmetic.js';
import { geometricAggregation } from './geometric.js';

/**
 * The aggregation methods (design §6.3), one line each. The indicator system's `aggregation:` schema, the scoring
 * stage, the uncertainty analysis' list of aggregations and the method sheet's words all read this table; adding a
 * method is its file (formula, words, and its `AggregationKinds` entry) plus one line here. The first is the
 * default; the order is the order the schema's messages and the uncertainty draws name them.
 */
export const AGGREGATION_METHODS: { [A in Aggregation]: AggregationMethod<A> } = {
  arithmetic: arithmeticAggregation,
  geometric: geometricAggregation,
};

/** The aggregation ids in table order, as a non-empty tuple (what `z.enum` takes). */
export const AGGREGATION_IDS = Object.keys(AGGREGATION_METHODS) as [Aggregation, ...Aggregation[]];

/** The table's entry for an aggregation id (undefined for none or an id the table does not list, e.g. an old result). */
export function aggregationMethodById(id: string | undefined): AggregationMethod | undefined {
  return id === undefined ? undefined : (Object.values(AGGREGATION_METHODS) as AggregationMethod[]).find((m) => m.id === id);
}
