import type { NodeWeighting } from '../../model/result.js';
import type { RunWarning } from '../../types.js';
import { repairSentence } from './ahp-report.js';

/**
 * Run warnings for AHP judgements accepted although inconsistent (design §6.2: an expert's own CR ≥ 0.10 is a
 * warning; `allow_inconsistent: true` lets a matrix with CR ≥ 0.10 through): one `ahp_expert_inconsistent` per such
 * expert and one `ahp_inconsistent_accepted` per such node matrix, each naming the judgement to change.
 * @example ahpWarnings([{ node: 'root', method: 'ahp', weights: {}, cr: 0.2, repair: { row_id: 'A', col_id: 'B', given: 3, cr_before: 0.2, best_value: 0.25, best_cr: 0, acceptable_value: 0.5, acceptable_cr: 0.05 } }]).length // → 1
 */
export function ahpWarnings(weighting: readonly NodeWeighting[]): RunWarning[] {
  const out: RunWarning[] = [];
  for (const w of weighting) {
    for (const e of w.experts ?? []) {
      if (!e.inconsistent) continue;
      out.push({
        code: 'ahp_expert_inconsistent',
        message: `${w.node}: expert ${e.expert}'s pairwise matrix has CR = ${e.cr.toFixed(3)} ≥ 0.10${e.repair ? `; ${repairSentence(e.repair)}` : ''}`,
        where: w.node,
        params: { node: w.node, expert: e.expert, cr: Number(e.cr.toFixed(4)), repair: e.repair ? repairSentence(e.repair) : null },
      });
    }
    if (w.repair) {
      out.push({
        code: 'ahp_inconsistent_accepted',
        message: `${w.node}: the ${w.experts?.length ? "experts' combined" : 'pairwise'} matrix has CR = ${(w.cr ?? w.repair.cr_before).toFixed(3)} ≥ 0.10, accepted by allow_inconsistent; ${repairSentence(w.repair)}`,
        where: w.node,
        params: { node: w.node, cr: Number((w.cr ?? w.repair.cr_before).toFixed(4)), repair: repairSentence(w.repair) },
      });
    }
  }
  return out;
}
