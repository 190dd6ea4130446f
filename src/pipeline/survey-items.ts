/**
 * Without an indicator system (`govscore metrics --survey FILE` alone) nobody has named the survey's items, so
 * they are taken from the file: a column that is not the unit, respondent id or weight is an item when, in the first
 * rows, at least 80 % of its filled cells are answer codes (a single digit — 1..5, or a code such as 9 = don't
 * know — or a five-level label) and some are real answers. Text columns such as 调查方式 or 年龄段 are left out. Items are
 * equally weighted, without dimensions. With an indicator system, its `survey.items` are used as written.
 */
import { openInput, type InputSpec } from '../io/input.js';
import { planColumns } from '../io/mapping.js';
import type { MetricSettings } from '../types.js';

const SAMPLE_ROWS = 200;
const ANSWER = /^(?:[1-5](?:\.0+)?|非常满意|满意|基本满意|不满意|非常不满意)$/;
const CODE = /^(?:\d(?:\.0+)?|非常满意|满意|基本满意|不满意|非常不满意)$/;

export async function surveyItemsFromHeader(spec: InputSpec): Promise<string[]> {
  const table = await openInput(spec, 'survey');
  try {
    const plan = planColumns('survey', table.header, spec.mapping, spec.path);
    const used = new Set(Object.values(plan.fields).map((f) => f.index));
    const candidates = table.header.map((h, i) => i).filter((i) => !used.has(i) && table.header[i].trim() !== '');
    const filled = new Array<number>(table.header.length).fill(0);
    const answers = new Array<number>(table.header.length).fill(0);
    const codes = new Array<number>(table.header.length).fill(0);
    let seen = 0;
    for await (const row of table.rows) {
      for (const i of candidates) {
        const v = row.cells[i];
        if (v === null || v === undefined || String(v).trim() === '') continue;
        filled[i]++;
        const text = String(v).trim();
        if (CODE.test(text)) codes[i]++;
        if (ANSWER.test(text)) answers[i]++;
      }
      if (++seen >= SAMPLE_ROWS) break;
    }
    return candidates.filter((i) => answers[i] > 0 && codes[i] / filled[i] >= 0.8).map((i) => table.header[i]);
  } finally {
    await table.close();
  }
}

/** The settings with the survey's items filled from its header when none are configured. */
export async function withSurveyItems(settings: MetricSettings, survey: InputSpec | null): Promise<MetricSettings> {
  if (!survey || settings.survey.items.length > 0) return settings;
  const ids = await surveyItemsFromHeader(survey);
  return { ...settings, survey: { ...settings.survey, items: ids.map((id) => ({ id, dimension: null, weight: 1 })) } };
}

/**
 * Which of the configured survey items the file has a column for (by the mapping's `items`, else a header equal to
 * the id, compared as planColumns does), and the file's columns that could hold items (not the unit, respondent id
 * or weight): for the check of design §7.5, which names them when a leaf reads an item the file lacks.
 */
export async function surveyItemColumns(spec: InputSpec, itemIds: readonly string[]): Promise<{ present: Set<string>; columns: string[] }> {
  const table = await openInput(spec, 'survey');
  try {
    const plan = planColumns('survey', table.header, spec.mapping, spec.path);
    const fold = (s: string) => s.trim().toLowerCase();
    const header = new Set(table.header.map(fold));
    const present = new Set(itemIds.filter((id) => header.has(fold(spec.mapping?.items?.[id] ?? id))));
    const used = new Set(Object.values(plan.fields).map((f) => f.index));
    const columns = table.header.filter((h, i) => !used.has(i) && h.trim() !== '');
    return { present, columns };
  } finally {
    await table.close();
  }
}
