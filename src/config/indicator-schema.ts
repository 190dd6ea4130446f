/**
 * The shape of an indicator system file (YAML), as a zod schema. This file checks only the shape — types, known
 * keys, ranges; the meaning (references, AHP consistency, matrix sizes, duplicate ids, defaults) is checked and
 * resolved in indicator-system.ts, which turns this raw form into the `IndicatorSystem` the engine uses.
 *
 * Objects are strict: an unknown key (a typo such as `wieght:`) is an error naming that key's path.
 * Friendly shorthands: a name may be a plain text (used for both zh and en) or `{zh, en}`; `scoring: minmax` and
 * `weights: entropy` stand for `{method: minmax}` / `{method: entropy}`.
 */
import { z } from 'zod';
import type { Aggregation, LeafMethodId, LeafScoring, WeightMethodId } from '../model/indicator-system.js';
import { AGGREGATION_IDS } from '../scoring/aggregation/aggregation-methods.js';
import { LEAF_METHODS } from '../scoring/leaf/leaf-methods.js';
import type { AnyWeightMethod, WeightSchemaContext } from '../scoring/weights/weight-method.js';
import { weightMethodsWithRole } from '../scoring/weights/weight-methods.js';

export const INDICATOR_ID = /^[A-Za-z0-9_.-]+$/;

/** Ids may be written as YAML numbers (`id: 1`); they are texts. */
export const idSchema = z.preprocess(
  (v) => (typeof v === 'number' ? String(v) : v),
  z.string().regex(INDICATOR_ID, { error: 'expected an id made of letters, digits, "_", "." or "-"' }),
);

export const localizedSchema = z.union(
  [z.string().min(1), z.strictObject({ zh: z.string().min(1), en: z.string().min(1).optional() })],
  { error: 'expected a text or a mapping {zh: …, en: …}' },
);

/** `minmax` → `{method: 'minmax'}`: methods without parameters may be written as a bare word. */
const bareMethod = (v: unknown) => (typeof v === 'string' ? { method: v.trim() } : v);

/** `scoring:` — one object per leaf scoring method of the table, its parameters beside `method:`. */
export const scoringSchema = z.preprocess(
  bareMethod,
  z.discriminatedUnion(
    'method',
    Object.values(LEAF_METHODS).map((m) => z.strictObject({ method: z.literal(m.id), ...m.params })) as unknown as [z.ZodObject<{ method: z.ZodLiteral<LeafMethodId> }>],
  ),
) as unknown as z.ZodType<LeafScoring, unknown>;

const weightSchemaContext: WeightSchemaContext = {
  specOf: (role) => specSchema(weightMethodsWithRole(role)),
};

/** `weights:` of one of the listed methods: an object with `method:` and that method's fields, or a bare method word. */
function specSchema(methods: AnyWeightMethod[]): z.ZodType {
  return z.preprocess(
    bareMethod,
    z.discriminatedUnion(
      'method',
      methods.map((m) => z.strictObject({ method: z.literal(m.id), ...m.fields(weightSchemaContext) })) as unknown as [z.ZodObject<{ method: z.ZodLiteral<string> }>],
    ),
  );
}

/** `weights:` — one object per weighting method of the table (src/scoring/weights/weight-methods.ts). */
export const weightsSpecSchema = specSchema(weightMethodsWithRole('subjective', 'objective', 'combined')) as z.ZodType<RawWeightsSpec, unknown>;

/** A `weights:` entry after its shape check: its method and that method's fields as written. */
export type RawWeightsSpec = { method: WeightMethodId } & Record<string, unknown>;
export type RawScoring = z.output<typeof scoringSchema>;
export type RawLocalized = z.output<typeof localizedSchema>;

export interface RawIndicatorNode {
  id: string;
  name: RawLocalized;
  description?: RawLocalized;
  weight?: number;
  weights?: RawWeightsSpec;
  aggregation?: Aggregation;
  children?: RawIndicatorNode[];
  metric?: string;
  direction?: 'benefit' | 'cost';
  scoring?: RawScoring;
  missing?: 'renormalize' | 'zero' | 'average';
  optional?: boolean;
}

export const indicatorNodeSchema: z.ZodType<RawIndicatorNode, unknown> = z.strictObject({
  id: idSchema,
  name: localizedSchema,
  description: localizedSchema.optional(),
  weight: z.number().positive().optional(),
  weights: weightsSpecSchema.optional(),
  /** How a node's children combine (design §6.3): an id of the aggregation table (default arithmetic). */
  aggregation: z.enum(AGGREGATION_IDS).optional(),
  get children() {
    return z.array(indicatorNodeSchema).min(1).optional();
  },
  metric: z.string().min(1).optional(),
  direction: z.enum(['benefit', 'cost']).optional(),
  scoring: scoringSchema.optional(),
  missing: z.enum(['renormalize', 'zero', 'average']).optional(),
  /** The leaf's id may be absent from its input (design §7.5): missing with a warning instead of an error. */
  optional: z.boolean().optional(),
}) as unknown as z.ZodType<RawIndicatorNode, unknown>;

/** `"2 hours"`, `"5 workdays"` (parsed in time-limit.ts) or `{amount, unit}`. */
const timeLimitSchema = z.union(
  [z.string(), z.strictObject({ amount: z.number().positive(), unit: z.enum(['hours', 'workdays']) })],
  { error: 'expected a time limit such as "2 hours", "5 workdays" or {amount: 5, unit: workdays}' },
);
const classLimitsSchema = z.strictObject({ contact: timeLimitSchema.optional(), close: timeLimitSchema.optional() });

const ratingAggregateSchema = z.enum(['mean', 'median', 'trimmed_mean', 'fuzzy']);

/** What a bonus or penalty item and a veto rule share: an id, a name, and the rated indicator behind it. */
const ratedItemFields = {
  id: idSchema,
  name: localizedSchema,
  description: localizedSchema.optional(),
  /** The ratings-file indicator id whose aggregated value is the points (or fires the rule); default the item's own id. */
  rating: idSchema.optional(),
};

const adjustmentsSchema = z.strictObject({
  /** Cap on the sum of the items' points. */
  cap: z.number().min(0).optional(),
  items: z
    .array(
      z.strictObject({
        ...ratedItemFields,
        cap: z.number().min(0).optional(),
      }),
    )
    .default([]),
});

/** The fields a repeat or merge key may name (design §4.1). */
export const REPEAT_KEY_FIELDS = ['caller', 'category', 'address', 'grid', 'unit', 'department', 'channel', 'urgency'] as const;

export const indicatorSystemSchema = z.strictObject({
  name: localizedSchema,
  version: z.union([z.string(), z.number()]).optional(),
  description: localizedSchema.optional(),
  time_limits: z
    .strictObject({
      urgent: classLimitsSchema.optional(),
      general: classLimitsSchema.optional(),
      complex: classLimitsSchema.optional(),
      consult: classLimitsSchema.optional(),
    })
    .optional(),
  satisfaction: z
    .strictObject({
      /** Level (5..1 or its label) → score. */
      level_scores: z.record(z.string(), z.number().min(0).max(100)).optional(),
      satisfied_levels: z.array(z.union([z.number(), z.string()])).min(1).optional(),
    })
    .optional(),
  survey: z
    .strictObject({
      items: z
        .array(
          z.strictObject({
            id: idSchema,
            dimension: idSchema.optional(),
            weight: z.number().positive().optional(),
            name: localizedSchema.optional(),
          }),
        )
        .optional(),
      min_n: z.number().int().min(1).optional(),
    })
    .optional(),
  ratings: z
    .strictObject({
      scale: z.record(z.string(), z.number().min(0).max(100)).optional(),
      aggregate: ratingAggregateSchema.optional(),
      per_indicator: z.record(z.string(), ratingAggregateSchema).optional(),
    })
    .optional(),
  custom_metrics: z
    .array(
      z.strictObject({
        id: idSchema,
        name: localizedSchema.optional(),
        source: z.literal('cases').optional(),
        filter: z.string().min(1).optional(),
        aggregate: z.enum(['rate', 'mean', 'count']),
        expr: z.string().min(1).optional(),
      }),
    )
    .optional(),
  /** Repeat requests and merged events (design §4.1); windows are checked by the resolver (repeats/window.ts). */
  repeats: z
    .strictObject({
      keys: z.array(z.enum(REPEAT_KEY_FIELDS)).min(1).optional(),
      window: z.unknown().optional(),
      merge_keys: z.array(z.enum(REPEAT_KEY_FIELDS)).min(1).optional(),
      merge_window: z.unknown().optional(),
      basis: z.enum(['cases', 'events']).optional(),
      salt: z.string().min(1).optional(),
    })
    .optional(),
  /** Exclusion rules (design §4.2): arquero row filters, checked by the resolver. */
  exclusions: z.array(z.strictObject({ id: idSchema, name: localizedSchema.optional(), when: z.string().min(1) })).optional(),
  grades: z.array(z.strictObject({ label: localizedSchema, min: z.number() })).min(1).optional(),
  bonus: adjustmentsSchema.optional(),
  penalty: adjustmentsSchema.optional(),
  veto: z
    .array(
      z.strictObject({
        ...ratedItemFields,
        /** The grade (zh or en label) the unit is capped at when the rule fires; default the lowest grade. */
        grade: z.string().min(1).optional(),
      }),
    )
    .optional(),
  /** How units with a fired veto rank (design §6.3): last (default) | keep | none. */
  veto_rank: z.enum(['last', 'keep', 'none']).optional(),
  weights: weightsSpecSchema.optional(),
  aggregation: z.enum(AGGREGATION_IDS).optional(),
  indicators: z.array(indicatorNodeSchema).min(1),
});

export type RawIndicatorSystem = z.output<typeof indicatorSystemSchema>;
