/**
 * Reads and validates qualitative ratings (design §3.3): one row per rating with `unit`, `indicator`, `rater` and
 * `value` — a grade label of the configured scale (mapped to its score, the label kept for fuzzy evaluation) or a
 * number 0..100.
 *
 * Rules: any of the four missing → rejected; a value that is neither a label of the scale nor a number in 0..100 →
 * rejected; a unit not in the registry → rejected. A second rating by the same rater of the same unit and
 * indicator is read like any other: the later row replaces the earlier (design §3.1, a correction), which
 * computeRatings applies and the pipeline notes in the ledger (findDuplicateRatings).
 *
 * @throws DataError for unreadable files, missing columns, too many rejected rows
 * @example const rs = await readRatings(spec, ctx, { 优: 95, 良: 85, 中: 70, 差: 50 }); rs[0] // → { unit, indicator, rater, value: 85, label: '良', row: 2 }
 */
import type { RatingRecord } from '../types.js';
import { FileTally, fieldLabel } from './file-tally.js';
import { openInput, planOrClose, type InputSpec, type ReadContext } from './input.js';
import { planColumns } from './mapping.js';
import { INVALID, makeRatingParser, parseText } from './values.js';

export async function readRatings(spec: InputSpec, ctx: ReadContext, scale: Record<string, number>): Promise<RatingRecord[]> {
  const tally = new FileTally(ctx.ledger, spec.path, 'ratings');
  const table = await openInput(spec, 'ratings', { ctx });
  const plan = await planOrClose(table, () => planColumns('ratings', table.header, spec.mapping, spec.path));
  const F = plan.fields;
  const width = table.header.length;
  const parseRating = makeRatingParser(scale);
  const out: RatingRecord[] = [];

  for await (const batch of table.batches) {
    for (const { row, cells } of batch) {
      if (tally.beginRowRejectingRagged(row, cells, width)) continue;
      const text: Record<'unit' | 'indicator' | 'rater', string | null> = { unit: null, indicator: null, rater: null };
      for (const k of ['unit', 'indicator', 'rater'] as const) {
        text[k] = parseText(F[k].get(cells));
        if (text[k] === null) tally.problem(row, fieldLabel(F[k].column, k), null, 'required field missing', 'error');
      }
      if (text.unit !== null && ctx.registry !== null && !ctx.registry.has(text.unit)) {
        tally.problem(row, fieldLabel(F.unit.column, 'unit'), text.unit, 'unit not in the registry', 'error');
      }
      const raw = F.value.get(cells);
      const v = parseRating(raw);
      if (v === null) tally.problem(row, fieldLabel(F.value.column, 'value'), null, 'required field missing', 'error');
      else if (v === INVALID) {
        tally.problem(row, fieldLabel(F.value.column, 'value'), raw, 'rating is neither a grade of the scale nor a number 0..100', 'error');
      }
      if (!tally.endRow()) continue;
      const { value, label } = v as { value: number; label: string | null };
      out.push({ row, unit: text.unit!, indicator: text.indicator!, rater: text.rater!, value, label });
    }
  }
  tally.finish(ctx.maxRejectShare, await table.sha256());
  return out;
}
