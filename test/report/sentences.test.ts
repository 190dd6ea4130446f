/**
 * Every number in a findings sentence equals a number some cell of the same unit shows (issue 5 §4): the
 * findings row, the summary row, the scores row, the case-metrics row, the survey row — formatted by the cell's
 * number format as a spreadsheet displays it. Signed cells (changes, gaps) may appear as their absolute value.
 */
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { makeFixture } from './fixture.js';
import { findRow, load, valueOf, writeTo } from './helpers.js';
import { labels } from '../../src/report/labels.js';
import { displayFixed } from '../../src/report/format.js';
import { FINDINGS_COLUMNS } from '../../src/report/sheets/findings.js';

/** What a cell displays under its number format (the formats this workbook uses). */
function shown(cell: ExcelJS.Cell): string[] {
  const v = valueOf(cell);
  if (typeof v !== 'number') return [];
  const fmt = cell.numFmt ?? 'General';
  const decimals = /0\.(0+)/.exec(fmt)?.[1].length ?? 0;
  const s = fmt.includes('%') ? `${displayFixed(v * 100, decimals)}%` : fmt === 'General' ? String(v) : displayFixed(v, decimals);
  return [s, s.replace(/^-/, '')];
}

function rowDisplays(ws: ExcelJS.Worksheet, row: number): string[] {
  const out: string[] = [];
  ws.getRow(row).eachCell({ includeEmpty: false }, (c) => out.push(...shown(c)));
  return out;
}

describe('findings sentences', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`use only numbers that the unit's cells show (${lang})`, async () => {
      const result = makeFixture();
      const L = labels(lang);
      const { path } = await writeTo(result, lang);
      const wb = await load(path);
      const sheet = (k: keyof typeof L.sheets) => wb.getWorksheet(L.sheets[k])!;
      const names = result.indicators.map((i) => i.name[lang]).sort((a, b) => b.length - a.length);
      for (const u of result.units) {
        // The number of units, the survey's minimum sample, the number of level-1 dimensions ("all 3 dimensions").
        const allowed = new Set<string>([String(result.units.length), String(result.metrics.survey!.minN), String(result.indicators.filter((i) => i.level === 1).length)]);
        const fr = findRow(sheet('findings'), FINDINGS_COLUMNS.unit, u.unit);
        for (const [k, col] of [['findings', FINDINGS_COLUMNS.unit], ['summary', 2], ['scores', 1], ['cases', 1], ['survey', 1]] as const) {
          // The summary marks a vetoed unit with ※ after its name.
          const label = k === 'summary' && u.vetoes.length ? `${u.unit}※` : u.unit;
          rowDisplays(sheet(k), findRow(sheet(k), col, label)).forEach((s) => allowed.add(s));
        }
        // The street's pooled cases, which a unit's case metrics are compared with: the case sheet's total rows.
        // The case sheet holds two tables per grouping (timeliness, quality): every row of the unit counts.
        const cases = sheet('cases');
        for (let r = 1; r <= cases.rowCount; r++) if ([L.layout.streetTotal, u.unit].includes(String(valueOf(cases.getCell(r, 1))))) rowDisplays(cases, r).forEach((s) => allowed.add(s));
        // The level-1 medians: the median row is not a cell, so a gap and its median come from the findings row.
        for (const c of [FINDINGS_COLUMNS.strongGap, FINDINGS_COLUMNS.weakGap]) shown(sheet('findings').getCell(fr, c)).forEach((s) => allowed.add(s));
        let sentence = String(valueOf(sheet('findings').getCell(fr, FINDINGS_COLUMNS.sentence)));
        expect(sentence.startsWith(u.unit)).toBe(true);
        // Names may hold digits (-1+2, @SUM(1)): take them out before reading the numbers.
        sentence = sentence.split(u.unit).join(' ');
        for (const n of names) sentence = sentence.split(n).join(' ');
        const numbers = sentence.match(/\d+(\.\d+)?%?/g) ?? [];
        expect(numbers.length).toBeGreaterThan(5);
        for (const n of numbers) expect(allowed, `${u.unit}: ${n} in "${sentence}"`).toContain(n);
      }
    });
  }

  it('reads as expected for the vetoed unit (zh)', async () => {
    const { path } = await writeTo(makeFixture());
    const ws = (await load(path)).getWorksheet('评价发现')!;
    const s = String(valueOf(ws.getCell(findRow(ws, FINDINGS_COLUMNS.unit, '滨江社区'), FINDINGS_COLUMNS.sentence)));
    // The veto leads the paragraph: the grade the score alone gives, the rule by name, the grade it is set to, and
    // (veto_rank: last) the rank after the eight units without a veto, saying why.
    expect(s).toMatch(/^滨江社区总得分88\.8分，按分数应为“良好”，因触发“重大安全责任事故”，等级确定为“合格”，在9个评估对象中排名第9位（触发一票否决的评估对象排在其他评估对象之后）。/);
  });

  it('draws 存在的问题及原因分析 from the findings when the evaluator wrote none', async () => {
    const result = makeFixture();
    delete result.assessment.texts.problems;
    const { path } = await writeTo(result);
    const ws = (await load(path)).getWorksheet('存在问题')!;
    expect(valueOf(ws.getCell(1, 1))).toBe('七、存在的问题及原因分析');
    const points: string[] = [];
    for (let r = 3; r <= ws.rowCount; r++) if (typeof valueOf(ws.getCell(r, 1)) === 'string') points.push(String(valueOf(ws.getCell(r, 1))));
    // Fixture: =HYPERLINK("x") is the only unit graded 不合格 on its score; 滨江社区's veto lowered 良好 to 合格.
    expect(points.some((p) => p.startsWith('（一）=HYPERLINK("x")（') && p.includes('按得分评定为“不合格”'))).toBe(true);
    expect(points.some((p) => p.includes('滨江社区触发“重大安全责任事故”，等级由“良好”调整为“合格”'))).toBe(true);
  });
});
