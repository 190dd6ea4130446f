import { z } from 'zod';

/*
 * The raw `robustness.uncertainty` block belongs to config (the assessment file's schema); robustness reads the
 * parsed value and checks it against the indicator system (src/robustness/uncertainty/settings.ts).
 */

/** `robustness.uncertainty` of the assessment file, as written. */
export const uncertaintySchema = z.strictObject({
  samples: z.number().int().min(2).max(100_000).optional(),
  seed: z.number().int().optional(),
  weights: z.number().min(0).max(1).optional(),
  leaf_methods: z.record(z.string(), z.array(z.string()).min(1)).optional(),
  // Two or more to sample among: a single name would be a setting, not an uncertainty.
  aggregation: z.array(z.string()).min(2).optional(),
  missing: z.array(z.string()).min(2).optional(),
  weighting: z.array(z.string()).min(2).optional(),
  remove_one: z.boolean().optional(),
});
export type RawUncertainty = z.output<typeof uncertaintySchema>;
