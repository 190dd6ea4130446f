/**
 * Comparison words never contradict their numbers (issue 11 item 3): over random level-1 scores, every
 * "（S分，高于/低于中位数G分）" / "与中位数持平" of a unit's paragraph is checked against the unit's score and the median
 * computed here, as is every "above/below the median" of the English paragraph; and the causes of the problems
 * section appear exactly when the breakdowns show them (a fixture with complex cases' on-time rate clearly lower).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeFindings } from '../../src/findings/compute-findings.js';
import type { ReportContext } from '../../src/report/context.js';
import { labels, type Lang } from '../../src/report/labels.js';
import { displayFixed } from '../../src/report/format.js';
import { findingSentence, problemPoints } from '../../src/report/sentences.js';
import type { BreakdownRow, CaseCounts } from '../../src/types.js';
import type { AssessmentResult } from '../../src/model/result.js';
import { caseMetricsOf, emptyCaseCounts } from '../../src/metrics/cases.js';
import { makeFixture } from '../report/fixture.js';

const DIMS = ['甲维度', '乙维度', '丙维度'];

/** n units, three level-1 dimensions (one leaf each) with the given scores; totals the weighted mean. */
function resultOf(scores: number[][]): AssessmentResult {
  const base = makeFixture({ survey: false, ratings: false, robustness: false, comparison: false });
  const info = (id: string, name: string, parent: string | null, level: number, leaf: boolean) => ({
    id, name: { zh: name, en: name }, parent, level, weight: 1 / 3, global_weight: 1 / 3, method: 'direct', leaf, metric: null, direction: null, scoring: null, missing: null, description: null,
  });
  const indicators = DIMS.flatMap((d, k) => [info(`d${k}`, d, null, 1, false), info(`d${k}x`, `${d}指标`, `d${k}`, 2, true)]);
  const totals = scores.map((s) => s.reduce((a, b) => a + b, 0) / s.length);
  const order = totals.map((t, i) => [t, i]).sort((a, b) => b[0] - a[0]).map(([, i]) => i);
  const units = scores.map((s, i) => ({
    unit: `单位${i + 1}`, name: null, parent: null, total: totals[i], base: totals[i], bonus: 0, penalty: 0, grade: '合格', grade_before_veto: '合格', vetoes: [],
    rank: order.indexOf(i) + 1, rank_note: null, assessed: true, topsis: null,
    indicators: Object.fromEntries(DIMS.flatMap((_, k) => [[`d${k}`, { raw: null, score: s[k] }], [`d${k}x`, { raw: s[k], score: s[k] }]])),
  }));
  return { ...base, indicators, units, metrics: { ...base.metrics, caseCounts: {}, cases: {}, breakdowns: { urgency: [], category: [], department: [] }, survey: null, ratings: null }, comparison: null, warnings: [] };
}

function ctxOf(result: AssessmentResult, lang: Lang): ReportContext {
  return { result, lang, L: labels(lang), findings: computeFindings(result), charts: [], weightRef: new Map(), bonusCapRef: null, penaltyCapRef: null, bands: [], scores: null, final: false, columnBreaks: new Map() }; // the sentence functions read result, lang, L and findings
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

describe('comparison words', () => {
  it('a dimension below the median never reads 高于 / above, and one above never reads 低于 / below', () => {
    // Scores on a 0.05 grid, so exact ties with the median and gaps that display as 0.0 both occur.
    const score = fc.integer({ min: 0, max: 2000 }).map((x) => x / 20);
    fc.assert(
      fc.property(fc.array(fc.array(score, { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 9 }), (scores) => {
        const result = resultOf(scores);
        const medians = DIMS.map((_, k) => median(scores.map((s) => s[k])));
        for (const lang of ['zh', 'en'] as const) {
          const ctx = ctxOf(result, lang);
          for (const f of ctx.findings!.units) {
            const i = Number(f.unit.slice(2)) - 1;
            const text = findingSentence(ctx, f);
            let seen = 0;
            DIMS.forEach((d, k) => {
              const gap = scores[i][k] - medians[k];
              const shown = displayFixed(Math.abs(gap), 1);
              const zh = new RegExp(`“${d}”[^（]*（${displayFixed(scores[i][k], 1).replace('.', '\\.')}分，(高于中位数|低于中位数|与中位数持平)([0-9.]*)`);
              const en = new RegExp(`${d}[^(]*\\(${displayFixed(scores[i][k], 1).replace('.', '\\.')}, (?:([0-9.]+) (above|below) the median|level with the median)\\)`);
              const m = text.match(lang === 'zh' ? zh : en);
              if (!m) return;
              seen++;
              const word = lang === 'zh' ? m[1] : m[2] ?? 'level';
              const number = lang === 'zh' ? m[2] : m[1] ?? '';
              if (shown === '0.0') expect(word, text).toMatch(/持平|level/);
              else if (gap > 0) expect([word, number], text).toEqual([lang === 'zh' ? '高于中位数' : 'above', shown]);
              else expect([word, number], text).toEqual([lang === 'zh' ? '低于中位数' : 'below', shown]);
            });
            // Strongest and weakest are always named when there are two or more dimensions.
            expect(seen, text).toBeGreaterThanOrEqual(1);
          }
        }
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it('the cases of the report: a score at the median reads 持平, the best of dimensions all below the median reads 低于', () => {
    // Medians: 甲 70, 乙 80, 丙 72.5. Unit 2 sits exactly on two medians; unit 3 is below in every dimension.
    const result = resultOf([
      [90, 80, 72.5],
      [70, 81, 72.5],
      [60, 77.3, 50],
    ]);
    const ctx = ctxOf(result, 'zh');
    const u2 = findingSentence(ctx, ctx.findings!.units.find((u) => u.unit === '单位2')!);
    expect(u2).toContain('“乙维度”是相对长项（81.0分，高于中位数1.0分），“甲维度”是相对短板（70.0分，与中位数持平）');
    expect(u2).not.toContain('中位数0.0');
    const u3 = findingSentence(ctx, ctx.findings!.units.find((u) => u.unit === '单位3')!);
    expect(u3).toContain('3个一级指标均低于中位水平，差距最大的是“丙维度”（50.0分，低于中位数22.5分），差距最小的是“乙维度”（77.3分，低于中位数2.7分）');
    expect(u3).not.toContain('相对最强');
  });
});

describe('causes from the breakdowns', () => {
  const counts = (cases: number, late: number, returned = 0): CaseCounts => ({ ...emptyCaseCounts(), cases, closed: cases, closedOnTime: cases - late, closedLate: late, returned });
  const row = (key: string, c: CaseCounts): BreakdownRow => ({ key, counts: c, metrics: caseMetricsOf(c, null) });

  function withUrgency(complexLate: number): AssessmentResult {
    const r = makeFixture();
    r.metrics = { ...r.metrics, breakdowns: { ...r.metrics.breakdowns, urgency: [row('general', counts(400, 20)), row('complex', counts(100, complexLate))] } };
    return r;
  }

  it('names complex cases with both on-time rates when they are clearly slower than general ones', () => {
    const ctx = ctxOf(withUrgency(20), 'zh'); // complex 80.0 % against general 95.0 %
    const text = problemPoints(ctx, ctx.findings!).join('\n');
    expect(text).toContain('复杂件按时办结率为80.0%（100件中逾期20件），明显低于一般件的95.0%');
    const en = ctxOf(withUrgency(20), 'en');
    expect(problemPoints(en, en.findings!).join('\n')).toContain('Complex cases are closed on time less often: 80.0% of 100 against 95.0% for general cases');
  });

  it('says nothing about urgency classes when complex cases keep pace', () => {
    const ctx = ctxOf(withUrgency(6), 'zh'); // complex 94.0 % against general 95.0 %: within 2 points
    expect(problemPoints(ctx, ctx.findings!).join('\n')).not.toContain('复杂件');
  });

  it('names the categories returned most often, with their rates against all cases', () => {
    const r = makeFixture();
    r.metrics = { ...r.metrics, breakdowns: { ...r.metrics.breakdowns, category: [row('物业管理', counts(200, 0, 30)), row('噪音扰民', counts(300, 0, 3)), row('其他', counts(10, 0, 5))] } };
    const ctx = ctxOf(r, 'zh');
    const pooled = ctx.findings!.overall.case_overall!.return_rate!;
    const text = problemPoints(ctx, ctx.findings!).join('\n');
    // 物业管理 15.0 % is far above the pooled rate; 其他 has too few cases (10 < 20) to be named.
    expect(pooled).toBeLessThan(0.1);
    expect(text).toContain('“物业管理”类15.0%（200件中退单30件）');
    expect(text).not.toContain('“其他”类');
  });
});

describe('the cause by category: a unit × category rate against the same category over all units (issue 11 item 3)', () => {
  /** Counts of one category: `cases` cases, all closed, `late` of them late, `returned` sent back. */
  const counts = (cases: number, late: number, returned: number): CaseCounts => ({ ...emptyCaseCounts(), cases, closed: cases, closedOnTime: cases - late, closedLate: late, returned });
  function withCategories(unitRows: Record<string, CaseCounts>, streetRows: Record<string, CaseCounts>): AssessmentResult {
    const r = resultOf([
      [80, 70, 60],
      [60, 70, 80],
    ]);
    const row = (key: string, c: CaseCounts) => ({ key, counts: c });
    r.metrics.breakdowns = {
      urgency: [],
      department: [],
      category: Object.entries(streetRows).map(([k, c]) => row(k, c)) as BreakdownRow[],
      unit_category: { 单位1: Object.entries(unitRows).map(([k, c]) => row(k, c)) },
    };
    return r;
  }

  it('names the category whose on-time rate is 5 points or more below the street’s, with both rates', () => {
    // 物业管理: the unit 14/20 = 70.0 % on time, the street 180/200 = 90.0 % → 20 points below.
    const r = withCategories({ 物业管理: counts(20, 6, 0) }, { 物业管理: counts(200, 20, 0) });
    const gap = computeFindings(r).units.find((u) => u.unit === '单位1')!.category_gap;
    expect(gap).toEqual({ category: '物业管理', metric: 'on_time_close_rate', cases: 20, value: 0.7, street: 0.9 });
    const text = findingSentence(ctxOf(r, 'zh'), computeFindings(r).units.find((u) => u.unit === '单位1')!);
    expect(text).toContain('“物业管理”类工单');
    expect(text).toContain('70.0%（共20件），低于全部同类工单的90.0%');
  });

  it('says nothing under 15 cases of the category or under 5 points, and names a return rate only when 3 points and half again above', () => {
    expect(computeFindings(withCategories({ 物业管理: counts(14, 6, 0) }, { 物业管理: counts(200, 20, 0) })).units[0].category_gap).toBeNull();
    // 17/20 = 85.0 % against 88.5 %: 3.5 points, not notable.
    expect(computeFindings(withCategories({ 物业管理: counts(20, 3, 0) }, { 物业管理: counts(200, 23, 0) })).units.find((u) => u.unit === '单位1')!.category_gap).toBeNull();
    // returns 3/20 = 15 % against 10 %: 5 points but not 1.5 × → nothing; 4/20 = 20 % → named.
    expect(computeFindings(withCategories({ 违章搭建: counts(20, 0, 3) }, { 违章搭建: counts(200, 0, 20) })).units.find((u) => u.unit === '单位1')!.category_gap).toBeNull();
    expect(computeFindings(withCategories({ 违章搭建: counts(20, 0, 4) }, { 违章搭建: counts(200, 0, 20) })).units.find((u) => u.unit === '单位1')!.category_gap).toMatchObject({ category: '违章搭建', metric: 'return_rate', value: 0.2, street: 0.1 });
  });
});
