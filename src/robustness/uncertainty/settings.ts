import { configErrorAt } from '../../config/config-path.js';
import type { RawUncertainty } from '../../config/uncertainty-schema.js';
import type { Aggregation, IndicatorSystem, LeafIndicator, ObjectiveSpec } from '../../model/indicator-system.js';
import { AGGREGATION_IDS } from '../../scoring/aggregation/aggregation-methods.js';
import { weightMethodOf, weightMethodsWithRole } from '../../scoring/weights/weight-methods.js';
import { walkIndicators } from '../../model/indicator-system.js';

/** Leaf scoring methods that need no parameters, so any numeric leaf can be scored by them as an alternative. */
export const PARAMETERLESS_LEAF_METHODS = ['minmax', 'ratio_to_best', 'zscore', 'rank'] as const;
/** The aggregation methods of the table (src/scoring/aggregation/aggregation-methods.ts), which a draw may swap. */
export const AGGREGATIONS: readonly Aggregation[] = AGGREGATION_IDS;
export const MISSING_POLICIES = ['renormalize', 'zero', 'average'] as const;
/** The objective weighting methods of the table (src/scoring/weights/weight-methods.ts), which a draw may swap. */
export const DATA_DRIVEN_WEIGHTINGS = weightMethodsWithRole('objective').map((m) => m.id as DataDrivenWeighting);

export type { Aggregation };
export type MissingPolicyName = (typeof MISSING_POLICIES)[number];
export type DataDrivenWeighting = ObjectiveSpec['method'];

export type { RawUncertainty };

/** The uncertainty settings checked against the indicator system. */
export interface UncertaintySettings {
  /** N base samples of the Saltelli design (draws = N(k + 2)). */
  samples: number;
  seed: number;
  /** Relative perturbation p of every local weight (factor ~ U[1 − p, 1 + p]); 0: weights fixed. */
  weights: number;
  /** Leaf id → the scoring methods to sample among (the leaf's own first); only leaves with two or more. */
  leafMethods: Record<string, string[]>;
  /** Empty: each node keeps its own aggregation. */
  aggregation: Aggregation[];
  /** Empty: each leaf keeps its own policy. */
  missing: MissingPolicyName[];
  /** Empty: each data-driven node keeps its own method. */
  weighting: DataDrivenWeighting[];
  removeOne: boolean;
}

export const UNCERTAINTY_DEFAULTS = { samples: 256, weights: 0.2 };

/**
 * Checks `robustness.uncertainty` against the indicator system (issue 16 item 2): every indicator named must be a
 * leaf of the system; every method must be the leaf's own or one needing no parameters (minmax, ratio_to_best,
 * zscore, rank — a threshold or grade alternative would need a floor and target or a label table the leaf does not
 * have); aggregations, missing-value policies and data-driven weightings must be known names, and a weighting list
 * needs a data-driven node to act on. Duplicates are dropped; the leaf's own method is listed first.
 * @throws ConfigError naming the file and the path, e.g. `robustness.uncertainty.leaf_methods.A9`
 */
export function resolveUncertainty(raw: RawUncertainty, system: IndicatorSystem, file: string, defaults: { seed: number; weights: number | null }): UncertaintySettings {
  const base = ['robustness', 'uncertainty'];
  const leaves = new Map<string, LeafIndicator>();
  let dataDriven = 0;
  if (weightMethodOf(system.weights).role !== 'subjective') dataDriven++;
  for (const { node } of walkIndicators(system)) {
    if (node.kind === 'leaf') leaves.set(node.id, node);
    else if (weightMethodOf(node.weights).role !== 'subjective') dataDriven++;
  }
  const leafMethods: Record<string, string[]> = {};
  for (const [id, methods] of Object.entries(raw.leaf_methods ?? {})) {
    const leaf = leaves.get(id);
    if (!leaf) {
      throw configErrorAt(file, [...base, 'leaf_methods', id], `"${id}" is not a leaf indicator of the system`, `the leaf indicators are: ${[...leaves.keys()].join(', ')}`);
    }
    const own = leaf.scoring.method;
    const list: string[] = [own];
    methods.forEach((m, k) => {
      if (m !== own && !(PARAMETERLESS_LEAF_METHODS as readonly string[]).includes(m)) {
        throw configErrorAt(
          file,
          [...base, 'leaf_methods', id, k],
          `"${m}" is not a scoring method ${id} can take: its own method is ${own}`,
          `use ${own} or one needing no parameters: ${PARAMETERLESS_LEAF_METHODS.join(', ')}`,
        );
      }
      if (!list.includes(m)) list.push(m);
    });
    if (list.length > 1) leafMethods[id] = list;
  }
  const names = <T extends string>(key: string, allowed: readonly T[], values: string[] | undefined): T[] => {
    const out: T[] = [];
    (values ?? []).forEach((v, k) => {
      if (!(allowed as readonly string[]).includes(v)) {
        throw configErrorAt(file, [...base, key, k], `"${v}" is not one of ${allowed.join(', ')}`);
      }
      if (!out.includes(v as T)) out.push(v as T);
    });
    return out;
  };
  const weighting = names('weighting', DATA_DRIVEN_WEIGHTINGS, raw.weighting);
  if (weighting.length > 0 && dataDriven === 0) {
    throw configErrorAt(file, [...base, 'weighting'], 'no node of the system is weighted by entropy, critic, stdev or combined, so there is no data-driven weighting to vary', 'remove the weighting list');
  }
  return {
    samples: raw.samples ?? UNCERTAINTY_DEFAULTS.samples,
    seed: raw.seed ?? defaults.seed,
    weights: raw.weights ?? defaults.weights ?? UNCERTAINTY_DEFAULTS.weights,
    leafMethods,
    aggregation: names('aggregation', AGGREGATIONS, raw.aggregation),
    missing: names('missing', MISSING_POLICIES, raw.missing),
    weighting,
    removeOne: raw.remove_one ?? true,
  };
}

/**
 * What `govscore sensitivity` varies when the assessment file has no `robustness.uncertainty`: the weights (at the
 * Monte Carlo check's perturbation), both aggregations, the three missing-value policies and, when the system has
 * a data-driven node, the three data-driven weightings. Leaf methods stay as configured (alternatives are a choice
 * the evaluator makes per leaf).
 */
export function sensitivityDefaults(system: IndicatorSystem): RawUncertainty {
  const dataDriven = [system.weights, ...walkIndicators(system).flatMap(({ node }) => (node.kind === 'group' ? [node.weights] : []))].some((w) =>
    ['entropy', 'critic', 'stdev', 'combined'].includes(w.method),
  );
  return {
    aggregation: [...AGGREGATIONS],
    missing: [...MISSING_POLICIES],
    ...(dataDriven ? { weighting: [...DATA_DRIVEN_WEIGHTINGS] } : {}),
  };
}
