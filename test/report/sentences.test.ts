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
        const allowed = new Set<string>([String(result.units.length), String(result.metrics.survey!.minN)]);
        const fr = findRow(sheet('findings'), FINDINGS_COLUMNS.unit, u.unit);
        for (const [k, col] of [['findings', FINDINGS_COLUMNS.unit], ['summary', 2], ['scores', 1], ['cases', 1], ['survey', 1]] as const) {
          // The summary marks a vetoed unit with ※ after its name.
          const label = k === 'summary' && u.vetoes.length ? `${u.unit}※` : u.unit;
          rowDisplays(sheet(k), findRow(sheet(k), col, label)).forEach((s) => allowed.add(s));
        }
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
    expect(s).toContain('因触发一票否决，等级由“良好”调整为“合格”。');
    // veto_rank: last — ranked after the eight units without a veto, and the sentence says why.
    expect(s).toMatch(/^滨江社区总得分88\.8分，等级为“合格”，在9个评估对象中排名第9位（因触发一票否决，排在未触发的评估对象之后）/);
  });

  it('draws 存在问题 from the findings when the evaluator wrote none', async () => {
    const result = makeFixture();
    delete result.assessment.texts.problems;
    const { path } = await writeTo(result);
    const ws = (await load(path)).getWorksheet('评价发现')!;
    const body = String(valueOf(ws.getCell(findRow(ws, 1, '五、存在问题及原因分析') + 1, 1)));
    // Fixture: =HYPERLINK("x") is the only 不合格 unit; overdue counts 36 (南山), 33 (西湖), 31 (桂花) from COUNTS.
    expect(body).toContain('1. 等级为“不合格”的评估对象：=HYPERLINK("x")。');
    expect(body).toContain('逾期工单较多的评估对象：南山社区（36件）、西湖社区（33件）、桂花社区（31件）。');
    expect(body).toContain('触发一票否决、等级被调降的评估对象：滨江社区。');
  });
});
