/**
 * The indicator system as the engine uses it (design §6): the resolved tree, how each leaf is scored, how each
 * node's children are weighted, grade bands, bonus/penalty items and veto rules. src/config reads a YAML file into
 * this shape; src/scoring, src/robustness and src/report only read it, so none of them imports the config loader.
 */
import type { CustomMetricSpec, ExclusionRule, LocalizedText, MetricSettings, RepeatSettings } from '../types.js';

/** Whether larger raw values are better (`benefit`) or worse (`cost`, e.g. the return rate). */
export type Direction = 'benefit' | 'cost';
/** How a unit without a value for a leaf is scored (design §6.4). */
export type MissingPolicy = 'renormalize' | 'zero' | 'average';

/**
 * The parameters of each leaf scoring method (design §6.1), by method id. The model names no method: each method's
 * file in src/scoring/leaf/ adds its entry by declaration merging, e.g.
 * `declare module '../../model/indicator-system.js' { interface LeafMethodParams { threshold: { floor: number; target: number } } }`,
 * and the table src/scoring/leaf/leaf-methods.ts must list exactly these ids (the compiler checks both ways).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the method files (declaration merging)
export interface LeafMethodParams {}
export type LeafMethodId = keyof LeafMethodParams & string;
/** How a leaf's raw metric value becomes a 0..100 score: a method id and that method's parameters. */
export type LeafScoringOf<M extends LeafMethodId> = { method: M } & LeafMethodParams[M];
export type LeafScoring = { [M in LeafMethodId]: LeafScoringOf<M> }[LeafMethodId];

/**
 * The weighting methods (design §6.2) by id, each with its role and the parameters of its resolved spec. Like the
 * leaf methods, each method's file in src/scoring/weights/ adds its own entry by declaration merging and the table
 * src/scoring/weights/weight-methods.ts lists exactly these ids. Roles: `subjective` weights come from people
 * (direct numbers, AHP judgements) and are fixed before the run; `objective` ones come from the units' child scores
 * (entropy, CRITIC, standard deviation); `combined` mixes one of each.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the method files (declaration merging)
export interface WeightMethodKinds {}
export type WeightMethodId = keyof WeightMethodKinds & string;
export type WeightRole = 'subjective' | 'objective' | 'combined';
type WeightParamsOf<M extends WeightMethodId> = WeightMethodKinds[M] extends { params: infer P } ? P : Record<never, never>;
/** How a node's children get their local weights by method M. */
export type WeightsSpecOf<M extends WeightMethodId> = { method: M } & WeightParamsOf<M>;
type WeightIdsOf<R extends WeightRole> = { [M in WeightMethodId]: WeightMethodKinds[M] extends { role: R } ? M : never }[WeightMethodId];
/** How a node's children get their local weights (design §6.2). */
export type WeightsSpec = { [M in WeightMethodId]: WeightsSpecOf<M> }[WeightMethodId];
export type SubjectiveSpec = { [M in WeightIdsOf<'subjective'>]: WeightsSpecOf<M> }[WeightIdsOf<'subjective'>];
export type ObjectiveSpec = { [M in WeightIdsOf<'objective'>]: WeightsSpecOf<M> }[WeightIdsOf<'objective'>];

interface NodeBase {
  id: string;
  name: LocalizedText;
  description: LocalizedText | null;
  /** The direct weight as written (any positive number; normalised among siblings); null when the parent's
   * weighting does not use direct numbers. */
  weight: number | null;
}

export interface LeafIndicator extends NodeBase {
  kind: 'leaf';
  /** `cases.<id>`, `survey.satisfaction_index`, `survey.satisfaction_rate`, `survey.item:<id>`,
   * `survey.dimension:<id>`, `ratings.<id>` or `custom.<id>`. */
  metric: string;
  direction: Direction;
  scoring: LeafScoring;
  missing: MissingPolicy;
  /** `optional: true`: the id it reads may be absent from a given input (missing with a warning, not an error;
   * design §7.5, src/scoring/leaf-inputs.ts). */
  optional: boolean;
}

/**
 * How a node combines its children's scores (design §6.3), keyed by method id. Each aggregation method's file
 * (src/scoring/aggregation/*.ts) adds its id here by declaration merging, e.g.
 * `declare module '../../model/indicator-system.js' { interface AggregationKinds { geometric: true } }`;
 * the table src/scoring/aggregation/aggregation-methods.ts lists them.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the method files (declaration merging)
export interface AggregationKinds {}
/** An aggregation method's id: `arithmetic` (default) or `geometric`, derived from the methods' files. */
export type Aggregation = keyof AggregationKinds & string;

export interface GroupIndicator extends NodeBase {
  kind: 'group';
  /** How the children are weighted. */
  weights: WeightsSpec;
  /** How the children's scores combine; absent means arithmetic. */
  aggregation?: Aggregation;
  children: IndicatorNode[];
}

export type IndicatorNode = LeafIndicator | GroupIndicator;

/** A bonus (加分项) or penalty (扣分项) item: the aggregated rating of `rating` for a unit is its points. */
export interface AdjustmentItem {
  id: string;
  name: LocalizedText;
  description: LocalizedText | null;
  /** The ratings-file indicator id that feeds it. */
  rating: string;
  /** Cap on this item's points, null for none. */
  cap: number | null;
}

export interface Adjustments {
  /** Cap on the sum of the items' points, null for none. */
  cap: number | null;
  items: AdjustmentItem[];
}

/**
 * A veto rule (一票否决): fires when the unit's aggregated rating of `rating` is > 0. Raters write 是 (yes) / 否 (no)
 * — with veto rules present the rating scale gets 是: 100 and 否: 0 unless it defines them — or a number (> 0 = yes).
 * With the mean aggregate a single 是 among the raters fires the rule; choose `per_indicator: {id: median}` under
 * `ratings:` for a majority rule.
 */
export interface VetoRule {
  id: string;
  name: LocalizedText;
  description: LocalizedText | null;
  rating: string;
  /** Index into `grades` (best first) of the grade a unit is capped at when the rule fires. */
  capGrade: number;
}

export interface SurveyItemSpec {
  id: string;
  dimension: string | null;
  weight: number;
  name: LocalizedText | null;
}

export interface IndicatorSystem {
  name: LocalizedText;
  version: string;
  description: LocalizedText | null;
  timeLimits: MetricSettings['timeLimits'];
  satisfaction: MetricSettings['satisfaction'];
  survey: { items: SurveyItemSpec[]; minN: number };
  ratings: MetricSettings['ratings'];
  custom: CustomMetricSpec[];
  /** Repeat and merge detection (design §4.1); null without a `repeats:` block. */
  repeats: RepeatSettings | null;
  exclusions: ExclusionRule[];
  /** Best first (descending `min`); the last band is the floor every total reaches. */
  grades: GradeBand[];
  bonus: Adjustments;
  penalty: Adjustments;
  veto: VetoRule[];
  /** How units with a fired veto rank (design §6.3); default `last`. */
  vetoRank: VetoRank;
  /** How the level-1 indicators are weighted. */
  weights: WeightsSpec;
  /** How the level-1 scores combine into the root score; absent means arithmetic. */
  aggregation?: Aggregation;
  indicators: IndicatorNode[];
}

/** A grade band: totals from `min` up (to the next better band) get this grade (design §6.3). */
export interface GradeBand {
  label: LocalizedText;
  min: number;
}

/** How vetoed units rank (design §6.3); the indicator system's `rules.veto_rank`, default `last`. */
export type VetoRank = 'last' | 'keep' | 'none';

/** Every node in tree order (pre-order: a node, then its children), with its parent and level (1 = top). */
export function walkIndicators(system: IndicatorSystem): { node: IndicatorNode; parent: GroupIndicator | null; level: number }[] {
  const out: { node: IndicatorNode; parent: GroupIndicator | null; level: number }[] = [];
  const visit = (node: IndicatorNode, parent: GroupIndicator | null, level: number) => {
    out.push({ node, parent, level });
    if (node.kind === 'group') for (const c of node.children) visit(c, node, level + 1);
  };
  for (const n of system.indicators) visit(n, null, 1);
  return out;
}

/**
 * The ids the ratings file's `indicator` column may name: those of `ratings.<id>` leaves, bonus, penalty and veto
 * items. The ratings reader can reject rows naming anything else.
 */
export function ratedIndicatorIds(system: IndicatorSystem): string[] {
  const ids = new Set<string>();
  for (const { node } of walkIndicators(system)) if (node.kind === 'leaf' && node.metric.startsWith('ratings.')) ids.add(node.metric.slice(8));
  for (const item of [...system.bonus.items, ...system.penalty.items, ...system.veto]) ids.add(item.rating);
  return [...ids];
}
