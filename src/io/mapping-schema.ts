/**
 * The shape of a column-mapping file (YAML; design §3), as a zod schema and the types derived from it: one table
 * mapping per input (columns, date formats, value maps, constants, derivations, "don't know" codes, survey items,
 * encoding, sheet). What the keys must name (known fields, valid outputs) is checked by parseMappingFile
 * (mapping.ts), which reads this schema first.
 * @example mappingFileSchema.parse({ cases: { columns: { case_id: 'Unique Key' } } }).cases?.columns?.case_id // → 'Unique Key'
 */
import { z } from 'zod';

const scalar = z.union([z.string(), z.number(), z.boolean()]);
export const tableMappingSchema = z
  .object({
    columns: z.record(z.string(), z.string()).optional(),
    formats: z.record(z.string(), z.string()).optional(),
    values: z.record(z.string(), z.record(z.string(), scalar)).optional(),
    constants: z.record(z.string(), scalar).optional(),
    derive: z
      .record(
        z.string(),
        z.object({ from: z.string(), map: z.record(z.string(), z.string()), default: z.string().optional() }).strict(),
      )
      .optional(),
    dont_know: z.array(z.union([z.string(), z.number()])).optional(),
    items: z.record(z.string(), z.string()).optional(),
    encoding: z.string().optional(),
    sheet: z.string().optional(),
  })
  .strict();
export const mappingFileSchema = z
  .object({
    cases: tableMappingSchema.optional(),
    survey: tableMappingSchema.optional(),
    ratings: tableMappingSchema.optional(),
    units: tableMappingSchema.optional(),
  })
  .strict();

export type TableMapping = z.infer<typeof tableMappingSchema>;
export type MappingFile = z.infer<typeof mappingFileSchema>;
