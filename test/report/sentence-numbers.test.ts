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
import { numbersIn as numbersOf, pct, streetNumbers as streetOf, unitNumbers as unitOf } from './json-numbers.js';
import { computeFindings } from '../../src/findings/compute-findings.js';
import { readResultJson } from '../support/read-result-json.js';
import type { ReportContext } from '../../src/report/context.js';
import { labels, type Lang } from '../../src/report/labels.js';
import { experiencePoints, findingSentence, headlinePoints, limitationPoints, problemPoints, suggestionPoints } from '../../src/report/sentences.js';

const root = resolve(__dirname, '../..');
let result: AssessmentResult;

beforeAll(() => {
  const out = mkdtempSync(join(tmpdir(), 'govscore-numbers-'));
  const r = spawnSync(process.execPath, [join(root, 'bin/govscore'), 'assess', join(root, 'samples/assessment.yaml'), '-o', join(out, 'r.xlsx'), '--json', join(out, 'r.json'), '-q'], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  result = readResultJson(JSON.parse(readFileSync(join(out, 'r.json'), 'utf8')));
}, 120_000);

const streetNumbers = () => streetOf(result);
const unitNumbers = (unit: string) => unitOf(result, unit);
const numbersIn = (text: string) => numbersOf(result, text);

function ctxOf(lang: Lang): ReportContext {
  return { result, lang, L: labels(lang), findings: computeFindings(result), charts: [], weightRef: new Map(), bonusCapRef: null, penaltyCapRef: null, bands: [], scores: null, final: false, columnBreaks: new Map() }; // the sentence functions read result, lang, L and findings
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

  it('names the repeat hot spots (unit × category) with their counts from the JSON (issue 14)', () => {
    const ctx = ctxOf('zh');
    const text = problemPoints(ctx, ctx.findings!).join('\n');
    const rep = result.metrics.repeats!;
    expect(rep.settings).not.toBeNull();
    // The pair with most repeats, when its share clears the hot-spot bar, is named with its own counts.
    const top = rep.hot_spots[0];
    expect(text).toContain(`${top.unit}的“${top.category}”（${top.cases}件中${top.repeats}件，${pct(top.repeats / top.cases)}）`);
  });

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
