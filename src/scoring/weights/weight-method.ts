import type { z } from 'zod';
import type { Direction, WeightMethodId, WeightMethodKinds, WeightRole, WeightsSpec, WeightsSpecOf } from '../../model/indicator-system.js';
import type { NodeWeighting } from '../../model/result.js';
import type { LocalizedText } from '../../types.js';
import { MethodInputError } from './method-error.js';

export interface WeightedChild {
  id: string;
  /** The direct weight as written (null when the parent does not use direct numbers). */
  weight: number | null;
}

export interface NodeWeightsResult {
  /** Normalised local weights, children order. */
  weights: number[];
  /** For the result's `weighting[]` (without `node`, which the caller knows). */
  detail: Omit<NodeWeighting, 'node' | 'weights'>;
}

/** A path below the method's own spec in the indicator system file, e.g. `['matrix', 1, 0]`. */
export type SpecPath = (string | number)[];

/** What the config gives a method to resolve its spec: errors at a path below the spec, nested specs by the table. */
export interface WeightConfigContext {
  fail(path: SpecPath, message: string, hint?: string): never;
  /** Resolves a nested spec (combined's parts) by its own method's entry. */
  normalise(raw: { method: string }, path: SpecPath): WeightsSpec;
}

/** What the config gives a method to build its YAML schema: the schema of the specs of one role. */
export interface WeightSchemaContext {
  specOf(role: WeightRole): z.ZodType;
}

/** The units × children input of a weighting, and scenario overrides (indicator id → raw weight). */
export interface WeightInput {
  children: readonly WeightedChild[];
  /** units × children 0..100 scores, used by the objective methods. */
  childScores: readonly (readonly (number | null)[])[];
  overrides: Readonly<Record<string, number>>;
  /** Weights by a nested spec's own method (combined's parts), without the scenario step of nodeWeights. */
  nested: (spec: WeightsSpec) => NodeWeightsResult;
}

/** What the config gives a method to check its spec against the children. */
export interface WeightCheckContext {
  fail: WeightConfigContext['fail'];
  /** The parent node, for messages: `"A"` or `the top level`. */
  owner: string;
  /** Checks a nested spec (combined's parts) by its own method, its paths below `path`. */
  checkNested: (spec: WeightsSpec, path: SpecPath) => void;
}

/**
 * One weighting method (design §6.2): its YAML form, its resolution and checks, its weights and its name in the
 * report. A method is one file that exports one of these and declares its role and spec in `WeightMethodKinds`
 * (src/model/indicator-system.ts), plus its line in the table weight-methods.ts.
 */
export interface WeightMethod<M extends WeightMethodId> {
  id: M;
  role: WeightMethodKinds[M] extends { role: infer R } ? R : never;
  /** The method's name as the report prints it (weights, method sheet, notes). */
  name: LocalizedText;
  /** The fields beside `method:` in the YAML form (`{}` when none: then `weights: <id>` also works). */
  fields: (ctx: WeightSchemaContext) => z.ZodRawShape;
  /** From the shape-checked YAML form to the spec the engine uses. */
  normalise: (raw: any, ctx: WeightConfigContext) => WeightsSpecOf<M>;
  /** Whether the children carry `weight:` numbers (scenario overrides then replace those numbers). */
  usesChildWeights: (spec: WeightsSpecOf<M>) => boolean;
  /** Rules against the children (e.g. an AHP matrix's size and consistency); `owner` names the parent node. */
  check?: (spec: WeightsSpecOf<M>, children: readonly { id: string }[], ctx: WeightCheckContext) => void;
  /** The children's normalised local weights. */
  compute: (spec: WeightsSpecOf<M>, input: WeightInput) => NodeWeightsResult;
  /** The spec in words for messages (default: the id). */
  label?: (spec: WeightsSpecOf<M>) => string;
  /**
   * For `govscore weights <id> FILE` on a units × indicators CSV (objective methods): the weights of the matrix's
   * columns, cost columns marked in `directions`, and the method's name in the printed title.
   */
  units?: { weights: (matrix: number[][], directions: Direction[]) => number[]; title: string };
}

/** A table entry seen without its id's spec type, for dispatch by the table. */
export interface AnyWeightMethod {
  id: string;
  role: WeightRole;
  name: LocalizedText;
  fields: (ctx: WeightSchemaContext) => z.ZodRawShape;
  normalise: (raw: any, ctx: WeightConfigContext) => WeightsSpec;
  usesChildWeights: (spec: WeightsSpec) => boolean;
  check?: (spec: WeightsSpec, children: readonly { id: string }[], ctx: WeightCheckContext) => void;
  compute: (spec: WeightsSpec, input: WeightInput) => NodeWeightsResult;
  label?: (spec: WeightsSpec) => string;
  units?: { weights: (matrix: number[][], directions: Direction[]) => number[]; title: string };
}

/**
 * Data-driven weights from the units × children score matrix (design §6.2), shared by the objective methods. Scores
 * already point the same way (higher = better), so every column is a benefit column. Only units that have a score
 * for every child enter (a row with a gap would bias the columns differently); if fewer than 2 such units remain, or
 * the method cannot run (e.g. entropy on a column of zeros), the children get equal weights and a note says why.
 * @example objectiveWeights('stdev', stdevWeights, [[1, 10], [3, 13], [5, 16]], 2).weights // → [0.4, 0.6]
 */
export function objectiveWeights(
  id: string,
  weigh: (matrix: number[][], directions: Direction[]) => number[],
  childScores: readonly (readonly (number | null)[])[],
  n: number,
): { weights: number[]; note?: string } {
  const complete = childScores.filter((row) => row.every((s) => s !== null)) as number[][];
  const left = childScores.length - complete.length;
  const leftNote = left > 0 ? `; ${left} unit(s) with a missing child score left out` : '';
  if (n === 1) return { weights: [1] };
  if (complete.length < 2) {
    return { weights: Array(n).fill(1 / n), note: `${id}: fewer than 2 units have every child score; equal weights used${leftNote}` };
  }
  try {
    const w = weigh(complete, Array(n).fill('benefit'));
    return { weights: w, note: left > 0 ? `${id}: computed over ${complete.length} units${leftNote}` : undefined };
  } catch (e) {
    if (!(e instanceof MethodInputError)) throw e;
    return { weights: Array(n).fill(1 / n), note: `${id} could not be computed (${e.message}); equal weights used` };
  }
}

/**
 * The table entry of an objective method (weights from the units' child scores), from its matrix weights: what an
 * objective method's file needs beyond its formula.
 * @example objectiveMethod('stdev', { zh: '标准差法', en: 'standard deviation' }, { title: 'standard-deviation', weights: (m) => stdevWeights(m) })
 */
export function objectiveMethod<M extends WeightMethodId>(
  id: M,
  name: LocalizedText,
  units: { weights: (matrix: number[][], directions: Direction[]) => number[]; title: string },
): WeightMethod<M> {
  return {
    id,
    role: 'objective' as WeightMethod<M>['role'],
    name,
    fields: () => ({}),
    normalise: () => ({ method: id }) as WeightsSpecOf<M>,
    usesChildWeights: () => false,
    compute: (_spec, { childScores, children }) => {
      const r = objectiveWeights(id, units.weights, childScores, children.length);
      return { weights: r.weights, detail: { method: id, ...(r.note ? { note: r.note } : {}) } };
    },
    units,
  };
}
