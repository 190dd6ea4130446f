/**
 * The numbers the report's texts may quote, derived straight from a JSON result (issue 11 item 3, issue 15) —
 * independently of src/findings: the units, indicators, case counts, breakdowns, survey and ledger. Shared by the
 * sentence test (sentence-numbers.test.ts) and the narrative report's test (docx/docx-libreoffice.test.ts).
 */
import type { CaseCounts } from '../../src/types.js';
import type { AssessmentResult } from '../../src/model/result.js';
import { displayFixed } from '../../src/report/format.js';

export const one = (x: number) => displayFixed(x, 1);
export const pct = (x: number) => `${displayFixed(x * 100, 1)}%`;
export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const assessed = (result: AssessmentResult) => result.units.filter((u) => u.total !== null);
const scoreOf = (result: AssessmentResult, unit: string, id: string) => result.units.find((u) => u.unit === unit)!.indicators[id]?.score ?? null;

/** The case rates of a set of counts (design §4 definitions, written out here again). */
export function rates(c: CaseCounts): number[] {
  const r = (a: number, b: number) => (b > 0 ? [a / b] : []);
  return [
    ...r(c.closedOnTime, c.closed + c.openOverdue),
    ...r(c.contactedInTime, c.contactDue),
    ...r(c.resolved, c.resolvedKnown),
    ...r(c.satisfied, c.rated),
    ...r(c.verified, c.closed),
    ...r(c.returned, c.cases),
    ...r(c.repeat, c.cases),
  ];
}

export function pooled(result: AssessmentResult): CaseCounts {
  const sum = {} as CaseCounts;
  for (const u of assessed(result)) for (const [k, v] of Object.entries(result.metrics.caseCounts[u.unit] ?? {})) (sum as unknown as Record<string, number>)[k] = ((sum as unknown as Record<string, number>)[k] ?? 0) + v;
  return sum;
}

/** Numbers the street-wide sentences may quote. */
export function streetNumbers(result: AssessmentResult): Set<string> {
  const s = new Set<string>();
  const add = (...xs: string[]) => xs.forEach((x) => s.add(x));
  const totals = assessed(result).map((u) => u.total as number);
  add(one(totals.reduce((a, b) => a + b, 0) / totals.length), one(median(totals)), String(assessed(result).length));
  for (const u of assessed(result)) add(one(u.total as number));
  for (const g of result.grades) add(String(assessed(result).filter((u) => u.grade === g.label.zh).length));
  const level1 = result.indicators.filter((i) => i.level === 1);
  for (const d of level1) {
    const scores = assessed(result).map((u) => scoreOf(result, u.unit, d.id)).filter((x): x is number => x !== null);
    const m = median(scores);
    add(one(m));
    for (const x of scores) add(one(x), one(Math.abs(x - m)));
  }
  for (const leaf of result.indicators.filter((i) => i.leaf)) {
    const scored = assessed(result).map((u) => ({ u, s: scoreOf(result, u.unit, leaf.id) })).filter((x) => x.s !== null);
    if (scored.length) add(one(scored.reduce((a, x) => a + (x.s as number), 0) / scored.length));
    for (const { u, s } of scored) {
      add(one(s as number));
      const raw = u.indicators[leaf.id].raw;
      if (raw !== null) add(pct(raw));
    }
  }
  rates(pooled(result)).forEach((x) => add(pct(x)));
  const b = result.metrics.breakdowns;
  for (const row of [...b.urgency, ...b.category, ...b.department]) {
    rates(row.counts).forEach((x) => add(pct(x)));
    add(String(row.counts.cases), String(row.counts.closedLate + row.counts.openOverdue), String(row.counts.returned), String(row.counts.repeat));
  }
  const survey = result.metrics.survey!;
  for (const it of survey.items) add(it.id.replace(/\D/g, ''), one(survey.overall.items[it.id] as number));
  add(String(survey.minN));
  for (const u of Object.values(survey.units)) add(String(u.n));
  for (const [id, info] of Object.entries(result.metrics.ratings!.indicators)) {
    add(String(info.raters.length));
    for (const c of Object.values(result.metrics.ratings!.cells[id])) add(String(c.n));
  }
  for (const f of result.data_quality.files) add(String(f.rows), String(f.rejected), String(f.out_of_period));
  // Repeats, merges and exclusions (issue 14): per-unit counts summed over the units, the hot spots' pairs, and the
  // repeat share over the assessed units' counted cases.
  const rep = result.metrics.repeats;
  if (rep) {
    let received = 0;
    let excluded = 0;
    let cases = 0;
    let events = 0;
    let repeats = 0;
    let counted = 0;
    const reasons = new Map<string, number>();
    const assessedIds = new Set(result.units.filter((u) => u.total !== null).map((u) => u.unit));
    for (const [unit, c] of Object.entries(rep.units)) {
      received += c.case_count_all;
      excluded += c.excluded;
      cases += c.case_count;
      events += c.events;
      if (assessedIds.has(unit)) {
        repeats += c.repeats;
        counted += c.case_count;
      }
      for (const [reason, n] of Object.entries(c.excluded_by_reason)) reasons.set(reason, (reasons.get(reason) ?? 0) + n);
    }
    add(String(received), String(excluded), String(cases), String(events), ...[...reasons.values()].map(String));
    if (counted > 0) add(pct(repeats / counted));
    for (const h of rep.hot_spots) add(String(h.cases), String(h.repeats), pct(h.repeats / h.cases));
  }
  // The period in words (2026年第三季度 / Q3 2026) and dates.
  for (const d of [result.period.from, result.period.to]) d.split('-').forEach((p) => add(p, String(Number(p))));
  add('3');
  return s;
}

/** Numbers a unit's paragraph may quote. */
export function unitNumbers(result: AssessmentResult, unit: string): Set<string> {
  const s = new Set<string>();
  const add = (...xs: string[]) => xs.forEach((x) => s.add(x));
  const u = result.units.find((x) => x.unit === unit)!;
  add(one(u.total as number), String(u.rank), String(assessed(result).length));
  const level1 = result.indicators.filter((i) => i.level === 1);
  add(String(level1.length));
  for (const d of level1) {
    const own = scoreOf(result, unit, d.id);
    const m = median(assessed(result).map((x) => scoreOf(result, x.unit, d.id)).filter((x): x is number => x !== null));
    if (own !== null) add(one(own), one(Math.abs(own - m)));
  }
  for (const leaf of result.indicators.filter((i) => i.leaf)) {
    const x = u.indicators[leaf.id];
    if (x?.score === null || x?.score === undefined) continue;
    add(one(x.score), displayFixed(leaf.global_weight * (100 - x.score), 2));
    if (x.raw !== null) add(pct(x.raw));
  }
  const c = result.metrics.caseCounts[unit];
  if (c) {
    add(String(c.cases), String(c.closedLate + c.openOverdue), String(c.openOverdue), String(c.returned));
    rates(c).forEach((x) => add(pct(x)));
  }
  rates(pooled(result)).forEach((x) => add(pct(x)));
  // Its categories against the same categories over all units' cases (the category-gap sentence).
  for (const row of result.metrics.breakdowns.unit_category?.[unit] ?? []) {
    add(String(row.counts.cases));
    rates(row.counts).forEach((x) => add(pct(x)));
  }
  for (const row of result.metrics.breakdowns.category) rates(row.counts).forEach((x) => add(pct(x)));
  const sv = result.metrics.survey!;
  add(String(sv.units[unit]?.n ?? 0), String(sv.minN));
  return s;
}

/** The numbers of a sentence, with the inputs' own names (which may hold digits) taken out first. */
export function numbersIn(result: AssessmentResult, text: string): string[] {
  let t = text.replace(/^（[一二三四五六七八九十]+）|^\d+\. /, ' ');
  const names = [
    ...result.units.map((u) => u.unit),
    ...result.indicators.flatMap((i) => [i.name.zh, i.name.en]),
    ...result.data_quality.files.map((f) => f.path.split('/').pop()!),
    ...(result.metrics.survey?.items.map((i) => i.id) ?? []),
  ].sort((a, b) => b.length - a.length);
  for (const n of names) t = t.split(n).join(' ');
  return t.match(/\d+(\.\d+)?%?/g) ?? [];
}

