/**
 * Reads and validates a resident satisfaction survey (design §3.2): one row per respondent with `unit`, optional
 * `respondent_id` and `weight`, and one column per survey item (by the mapping's `items`, else a header equal to
 * the item id).
 *
 * Rules: unit missing, or not in the registry → rejected; weight not a positive number → rejected (empty is 1);
 * an answer is 1..5 or a five-level label; blanks and the mapping's `dont_know` codes are missing (null), not
 * zero; any other answer is missing too, with a warning naming the item. Surveys are not filtered by the period:
 * a survey is run for the period it is given for.
 *
 * @throws DataError for unreadable files, missing unit or item columns, too many rejected rows
 * @example const rs = await readSurvey({ path: 'survey.csv', mapping: null }, ctx, ['q1', 'q2']); rs[0].answers.q1 // → 5
 */
import type { SatisfactionLevel, SurveyResponse } from '../types.js';
import { FileTally, fieldLabel } from './file-tally.js';
import { openInput, planOrClose, type InputSpec, type ReadContext } from './input.js';
import { planColumns } from './mapping.js';
import { INVALID, parseNumber, parseSurveyAnswer, parseText } from './values.js';

export async function readSurvey(spec: InputSpec, ctx: ReadContext, itemIds: string[]): Promise<SurveyResponse[]> {
  const tally = new FileTally(ctx.ledger, spec.path, 'survey');
  const table = await openInput(spec, 'survey', { ctx });
  const plan = await planOrClose(table, () => planColumns('survey', table.header, spec.mapping, spec.path, itemIds));
  const { unit: fUnit, respondent_id: fId, weight: fWeight } = plan.fields;
  const width = table.header.length;
  const itemCols = itemIds.map((id) => ({ id, index: plan.items[id], label: fieldLabel(table.header[plan.items[id]], id) }));
  const out: SurveyResponse[] = [];

  for await (const batch of table.batches) {
    for (const { row, cells } of batch) {
      if (tally.beginRowRejectingRagged(row, cells, width)) continue;
      const unit = parseText(fUnit.get(cells));
      if (unit === null) tally.problem(row, fieldLabel(fUnit.column, 'unit'), null, 'required field missing', 'error');
      else if (ctx.registry !== null && !ctx.registry.has(unit)) {
        tally.problem(row, fieldLabel(fUnit.column, 'unit'), unit, 'unit not in the registry', 'error');
      }
      const weightRaw = fWeight.get(cells);
      const weight = parseNumber(weightRaw);
      if (weight === INVALID || (weight !== null && !(weight > 0))) {
        tally.problem(row, fieldLabel(fWeight.column, 'weight'), weightRaw, 'weight is not a positive number', 'error');
      }
      if (tally.rejected) {
        tally.endRow();
        continue;
      }
      const answers: Record<string, SatisfactionLevel | null> = {};
      for (const item of itemCols) {
        const raw = cells[item.index] ?? null;
        const a = parseSurveyAnswer(raw, plan.dontKnow);
        if (a === INVALID) {
          tally.problem(row, item.label, raw, 'answer is not 1..5 or a satisfaction label (treated as missing)', 'warning');
          answers[item.id] = null;
        } else answers[item.id] = a;
      }
      tally.endRow();
      out.push({ row, unit: unit as string, respondentId: parseText(fId.get(cells)), weight: (weight as number | null) ?? 1, answers });
    }
  }
  tally.finish(ctx.maxRejectShare, await table.sha256());
  return out;
}
