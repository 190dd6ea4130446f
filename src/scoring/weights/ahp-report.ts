import { AHP_CR_LIMIT } from './ahp.js';
import type { AhpExpertRecord, AhpRepairRecord } from '../../model/result.js';
import type { ConsistencyRepair, GroupAhpDetails } from './ahp-group.js';

export type { AhpExpertRecord, AhpRepairRecord };

/**
 * The JSON form of a consistency repair, naming the children by id.
 * @example repairRecord({ row: 0, col: 2, given: 5, crBefore: 0.3, best: { value: 2, cr: 0 }, acceptable: { value: 3, cr: 0.05 } }, ['A', 'B', 'C']).row_id // → 'A'
 */
export function repairRecord(r: ConsistencyRepair, ids: readonly string[]): AhpRepairRecord {
  return {
    row_id: ids[r.row],
    col_id: ids[r.col],
    given: r.given,
    cr_before: r.crBefore,
    best_value: r.best.value,
    best_cr: r.best.cr,
    acceptable_value: r.acceptable?.value ?? null,
    acceptable_cr: r.acceptable?.cr ?? null,
  };
}

/** The per-expert records of a group AHP node (JSON, method sheet). */
export function expertRecords(d: GroupAhpDetails, ids: readonly string[]): AhpExpertRecord[] {
  return d.experts.map((e) => ({
    expert: e.expert,
    lambda_max: e.lambdaMax,
    ci: e.ci,
    cr: e.cr,
    inconsistent: e.cr >= AHP_CR_LIMIT,
    departure: e.departure,
    most_departing: e.expert === d.mostDeparting,
    weights: Object.fromEntries(ids.map((id, i) => [id, e.weights[i]])),
    repair: e.repair ? repairRecord(e.repair, ids) : null,
  }));
}

/**
 * A judgement value as a reviewer writes it: 3, or 1/3 for the reciprocals of the scale.
 * @example judgementText(0.25) // → '1/4'
 */
export function judgementText(x: number): string {
  if (x >= 1) return String(Math.round(x * 100) / 100);
  const inv = 1 / x;
  return Math.abs(inv - Math.round(inv)) < 0.05 ? `1/${Math.round(inv)}` : String(Math.round(x * 1000) / 1000);
}

/**
 * One sentence (English) on a repair, for messages and hints.
 * @example repairSentence({ row_id: 'A', col_id: 'B', given: 3, cr_before: 0.19, best_value: 0.25, best_cr: 0, acceptable_value: 0.5, acceptable_cr: 0.046, }) // → 'changing A vs B from 3 to 1/2 brings CR to 0.046 (to 1/4: CR 0.000)'
 */
export function repairSentence(r: AhpRepairRecord): string {
  // A consistent matrix's CR comes out as a rounding-size negative number (λmax a hair below n): print 0.000.
  const crText = (cr: number) => Math.max(0, cr).toFixed(3);
  const best = `${judgementText(r.best_value)}: CR ${crText(r.best_cr)}`;
  if (r.acceptable_value === null) return `changing ${r.row_id} vs ${r.col_id} from ${judgementText(r.given)} lowers CR most (to ${best}), but no single change brings it under 0.10`;
  if (r.acceptable_value === r.best_value) return `changing ${r.row_id} vs ${r.col_id} from ${judgementText(r.given)} to ${judgementText(r.best_value)} brings CR to ${crText(r.best_cr)}`;
  return `changing ${r.row_id} vs ${r.col_id} from ${judgementText(r.given)} to ${judgementText(r.acceptable_value)} brings CR to ${crText(r.acceptable_cr!)} (to ${best})`;
}
