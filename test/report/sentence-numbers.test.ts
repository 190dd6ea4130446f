/**
 * Every number a report sentence quotes is recomputed from the JSON result (issue 11 item 3): the sample quarter is
 * assessed by the built CLI, and this test derives — independently of src/findings, straight from the JSON's units,
 * indicators, case counts, breakdowns, survey and ledger — the numbers each kind of sentence may quote, then parses
 * every number out of the generated sentences (zh and en) and checks it is among them. A sentence that quoted a
 * wrong gap, a rate of the wrong group or a median of the wrong dimension fails here.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseCounts } from '../../src/types.js';
import type { AssessmentResult } from '../../src/model/result.js';
import { computeFindings } from '../../src/findings/compute-findings.js';
import type { ReportContext } from '../../src/report/context.js';
import { labels, type Lang } from '../../src/report/labels.js';
import { displayFixed } from '../../src/report/format.js';
import { readResultJson } from '../support/read-result-json.js';
import { experiencePoints, findingSentence, headlinePoints, limitationPoints, problemPoints, suggestionPoints } from '../../src/report/sentences.js';

const root = resolve(__dirname, '../..');
let result: AssessmentResult;

beforeAll(() => {
  const out = mkdtempSync(join(tmpdir(), 'govscore-numbers-'));
  const r = spawnSync(process.execPath, [join(root, 'bin/govscore'), 'assess', join(root, 'samples/assessment.yaml'), '-o', join(out, 'r.xlsx'), '--json', join(out, 'r.json'), '-q'], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  result = readResultJson(JSON.parse(readFileSync(join(out, 'r.json'), 'utf8')));
}, 120_000);

function ctxOf(lang: Lang): ReportContext {
  return { result, lang, L: labels(lang), findings: computeFindings(result), charts: [], weightRef: new Map(), bonusCapRef: null, penaltyCapRef: null, bands: [], scores: null, final: false, columnBreaks: new Map() }; // the sentence functions read result, lang, L and findings
}

// ── independent derivations from the JSON ──
const one = (x: number) => displayFixed(x, 1);
const pct = (x: number) => `${displayFixed(x * 100, 1)}%`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const assessed = () => result.units.filter((u) => u.total !== null);
const scoreOf = (unit: string, id: string) => result.units.find((u) => u.unit === unit)!.indicators[id]?.score ?? null;

/** The case rates of a set of counts (design §4 definitions, written out here again). */
function rates(c: CaseCounts): number[] {
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

function pooled(): CaseCounts {
  const sum = {} as CaseCounts;
  for (const u of assessed()) for (const [k, v] of Object.entries(result.metrics.caseCounts[u.unit] ?? {})) (sum as unknown as Record<string, number>)[k] = ((sum as unknown as Record<string, number>)[k] ?? 0) + v;
  return sum;
}

/** Numbers the street-wide sentences may quote. */
function streetNumbers(): Set<string> {
  const s = new Set<string>();
  const add = (...xs: string[]) => xs.forEach((x) => s.add(x));
  const totals = assessed().map((u) => u.total as number);
  add(one(totals.reduce((a, b) => a + b, 0) / totals.length), one(median(totals)), String(assessed().length));
  for (const u of assessed()) add(one(u.total as number));
  for (const g of result.grades) add(String(assessed().filter((u) => u.grade === g.label.zh).length));
  const level1 = result.indicators.filter((i) => i.level === 1);
  for (const d of level1) {
    const scores = assessed().map((u) => scoreOf(u.unit, d.id)).filter((x): x is number => x !== null);
    const m = median(scores);
    add(one(m));
    for (const x of scores) add(one(x), one(Math.abs(x - m)));
  }
  for (const leaf of result.indicators.filter((i) => i.leaf)) {
    const scored = assessed().map((u) => ({ u, s: scoreOf(u.unit, leaf.id) })).filter((x) => x.s !== null);
    if (scored.length) add(one(scored.reduce((a, x) => a + (x.s as number), 0) / scored.length));
    for (const { u, s } of scored) {
      add(one(s as number));
      const raw = u.indicators[leaf.id].raw;
      if (raw !== null) add(pct(raw));
    }
  }
  rates(pooled()).forEach((x) => add(pct(x)));
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
  // The period in words (2026年第三季度 / Q3 2026) and dates.
  for (const d of [result.period.from, result.period.to]) d.split('-').forEach((p) => add(p, String(Number(p))));
  add('3');
  return s;
}

/** Numbers a unit's paragraph may quote. */
function unitNumbers(unit: string): Set<string> {
  const s = new Set<string>();
  const add = (...xs: string[]) => xs.forEach((x) => s.add(x));
  const u = result.units.find((x) => x.unit === unit)!;
  add(one(u.total as number), String(u.rank), String(assessed().length));
  const level1 = result.indicators.filter((i) => i.level === 1);
  add(String(level1.length));
  for (const d of level1) {
    const own = scoreOf(unit, d.id);
    const m = median(assessed().map((x) => scoreOf(x.unit, d.id)).filter((x): x is number => x !== null));
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
  rates(pooled()).forEach((x) => add(pct(x)));
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
function numbersIn(text: string): string[] {
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

describe('every number a sentence quotes is recomputed from the JSON result (sample quarter)', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`unit paragraphs (${lang})`, () => {
      const ctx = ctxOf(lang);
      let checked = 0;
      for (const f of ctx.findings!.units) {
        const allowed = unitNumbers(f.unit);
        const text = findingSentence(ctx, f);
        for (const n of numbersIn(text)) {
          expect(allowed, `${f.unit}: ${n} in ${text}`).toContain(n);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(9 * 8);
    });

    it(`summary, experiences, problems, suggestions and limitations (${lang})`, () => {
      const ctx = ctxOf(lang);
      const allowed = streetNumbers();
      const f = ctx.findings!;
      let checked = 0;
      for (const text of [...headlinePoints(ctx, f), ...experiencePoints(ctx, f), ...problemPoints(ctx, f), ...suggestionPoints(ctx, f), ...limitationPoints(ctx, f)]) {
        for (const n of numbersIn(text)) {
          expect(allowed, `${n} in ${text}`).toContain(n);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(40);
    });
  }

  it('quotes the breakdowns that show the causes: complex cases, the slowest departments, the most returned categories', () => {
    const ctx = ctxOf('zh');
    const text = problemPoints(ctx, ctx.findings!).join('\n');
    const u = Object.fromEntries(result.metrics.breakdowns.urgency.map((r) => [r.key, r.counts]));
    const onTime = (c: CaseCounts) => c.closedOnTime / (c.closed + c.openOverdue);
    // The sample quarter's complex cases are closed on time clearly less often than general ones.
    expect(onTime(u.complex)).toBeLessThan(onTime(u.general) - 0.02);
    expect(text).toContain(`复杂件按时办结率为${pct(onTime(u.complex))}`);
    expect(text).toContain(`一般件的${pct(onTime(u.general))}`);
    const worstCategory = [...result.metrics.breakdowns.category].filter((r) => r.counts.cases >= 20).sort((a, b) => b.counts.returned / b.counts.cases - a.counts.returned / a.counts.cases)[0];
    expect(text).toContain(`“${worstCategory.key}”类${pct(worstCategory.counts.returned / worstCategory.counts.cases)}`);
    const slowest = [...result.metrics.breakdowns.department].filter((r) => r.counts.cases >= 20).sort((a, b) => onTime(a.counts) - onTime(b.counts))[0];
    expect(text).toContain(`${slowest.key}${pct(onTime(slowest.counts))}`);
  });
});
