import type { ObjectiveSpec, WeightMethodId, WeightRole, WeightsSpec } from '../../model/indicator-system.js';
import { ahpMethod } from './ahp-weighting.js';
import { combinedMethod } from './combined.js';
import { criticMethod } from './critic.js';
import { directMethod } from './direct.js';
import { entropyMethod } from './entropy.js';
import { stdevMethod } from './stdev.js';
import type { AnyWeightMethod, WeightMethod } from './weight-method.js';

/**
 * The weighting methods (design §6.2), one line each. The indicator system's `weights:` schema and its resolution
 * and rules, the scoring stage, `govscore weights` and the report's method names all read this table; adding a
 * method is its file (formula, YAML fields, weights, name, and its `WeightMethodKinds` entry) plus one line here.
 * Listed in the order the schema's messages name them.
 */
export const WEIGHT_METHODS: { [M in WeightMethodId]: WeightMethod<M> } = {
  direct: directMethod,
  ahp: ahpMethod,
  entropy: entropyMethod,
  critic: criticMethod,
  stdev: stdevMethod,
  combined: combinedMethod,
};

const ALL = Object.values(WEIGHT_METHODS) as unknown as AnyWeightMethod[];

/** The methods that weigh a units × indicators matrix on their own (`govscore weights <id> FILE.csv`), table order. */
export const MATRIX_WEIGHT_METHOD_IDS: readonly string[] = ALL.flatMap((m) => (m.units ? [m.id] : []));

/** The table's entry for a method id (undefined for an id the table does not list, e.g. from an old result). */
export function weightMethodById(id: string): AnyWeightMethod | undefined {
  return ALL.find((m) => m.id === id);
}

/** The table's entry for a spec's method. */
export function weightMethodOf(spec: WeightsSpec): AnyWeightMethod {
  return WEIGHT_METHODS[spec.method] as unknown as AnyWeightMethod;
}

/** The methods of some roles, in table order. */
export function weightMethodsWithRole(...roles: WeightRole[]): AnyWeightMethod[] {
  return ALL.filter((m) => roles.includes(m.role));
}

/** The spec in words for messages: `entropy`, `combined (direct + critic)`. */
export function weightsSpecLabel(spec: WeightsSpec): string {
  return weightMethodOf(spec).label?.(spec) ?? spec.method;
}

/** Whether a spec's weights come from the units' child scores alone (an objective method). */
export function isObjectiveSpec(spec: WeightsSpec): spec is ObjectiveSpec {
  return weightMethodOf(spec).role === 'objective';
}
