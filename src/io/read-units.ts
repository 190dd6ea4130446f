/**
 * Reads the unit registry (design §3.4): `unit` (required), optional `name`, `parent` and `population`.
 *
 * Rules: unit missing → rejected; a unit listed again → rejected (the first row counts); a population that is not a
 * whole number ≥ 0 → kept with population null and a warning (cases_per_10k is then missing for that unit).
 *
 * @throws DataError for unreadable files, a missing unit column, too many rejected rows
 * @example const units = await readUnits({ path: 'units.csv', mapping: null }, ctx); units[0] // → { unit: 'A社区', name: null, parent: 'X街道', population: 12000 }
 */
import type { UnitInfo } from '../types.js';
import { FileTally, fieldLabel } from './file-tally.js';
import { openInput, planOrClose, type InputSpec, type ReadContext } from './input.js';
import { planColumns } from './mapping.js';
import { INVALID, parseCount, parseText } from './values.js';

export async function readUnits(spec: InputSpec, ctx: ReadContext): Promise<UnitInfo[]> {
  const tally = new FileTally(ctx.ledger, spec.path, 'units');
  const table = await openInput(spec, 'units', { ctx });
  const plan = await planOrClose(table, () => planColumns('units', table.header, spec.mapping, spec.path));
  const F = plan.fields;
  const width = table.header.length;
  const seen = new Map<string, number>();
  const out: UnitInfo[] = [];

  for await (const batch of table.batches) {
    for (const { row, cells } of batch) {
      if (tally.beginRowRejectingRagged(row, cells, width)) continue;
      const unit = parseText(F.unit.get(cells));
      if (unit === null) tally.problem(row, fieldLabel(F.unit.column, 'unit'), null, 'required field missing', 'error');
      else {
        const first = seen.get(unit);
        if (first !== undefined) tally.problem(row, fieldLabel(F.unit.column, 'unit'), `${unit} (first listed at row ${first})`, 'duplicate unit', 'error');
        else seen.set(unit, row);
      }
      if (!tally.endRow()) continue;
      const popRaw = F.population.get(cells);
      let population = parseCount(popRaw);
      if (population === INVALID) {
        tally.problem(row, fieldLabel(F.population.column, 'population'), popRaw, 'population is not a whole number ≥ 0 (treated as missing)', 'warning');
        population = null;
      }
      out.push({ unit: unit!, name: parseText(F.name.get(cells)), parent: parseText(F.parent.get(cells)), population });
    }
  }
  tally.finish(ctx.maxRejectShare, await table.sha256());
  return out;
}
