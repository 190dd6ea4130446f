/**
 * The report's layout and print finish (issue 11, design §7.1): the cover (issue details and a signature block, no
 * paths or hashes), the provenance annex (relative paths, local time to the second), page headers that keep a
 * title's digits, one unit-profile page per unit, the live re-sorting summary with its street-average row and veto
 * marks, numerators and denominators beside the case rates with a street-total row, print areas, the CJK face, and
 * the `--final` version (values only, every sheet protected, 定稿 on the cover). Expected numbers come from the
 * hand-made fixture (fixture.ts).
 */
import { describe, expect, it } from 'vitest';
import { makeFixture, VETO_UNIT } from './fixture.js';
import { findCol, findRow, load, sheetParts, valueOf, writeTo, zipOf } from './helpers.js';
import { writeWorkbook } from '../../src/report/workbook.js';
import { columnBreaks, pageHeader, headerFooterText } from '../../src/report/style.js';
import { localTimestamp, relativePath } from '../../src/report/sheets/provenance.js';
import { sortKeys } from '../../src/report/sheets/summary.js';
import type { AssessmentResult } from '../../src/model/result.js';
import { join } from 'node:path';

function withIssue(r: AssessmentResult): AssessmentResult {
  r.assessment.report_no = 'GH-2026-Q3-07';
  r.assessment.date_of_issue = '2026-10-20';
  r.assessment.signature = { project_lead: '王评估', reviewer: null };
  return r;
}

async function sheetTexts(path: string, sheet: string): Promise<string[]> {
  const ws = (await load(path)).getWorksheet(sheet)!;
  const out: string[] = [];
  ws.eachRow((row) => row.eachCell((c) => out.push(String(valueOf(c) ?? ''))));
  return out;
}

describe('page header', () => {
  it('keeps the digits a title starts with (a space after the size code) and doubles &', () => {
    // '&L&82026…' would be read as font size 82026: the title would print as '年…'.
    expect(pageHeader('2026年第三季度评估')).toBe('&L&9 2026年第三季度评估');
    expect(headerFooterText('R&D 2026')).toBe('R&&D 2026');
  });

  it('is written on every sheet of a workbook whose title starts with digits', async () => {
    const r = makeFixture();
    r.assessment.title = '2026年桂花街道评估 & 复核';
    const { path } = await writeTo(r);
    for (const ws of (await load(path)).worksheets) expect(ws.headerFooter.oddHeader, ws.name).toMatch(/^&L&9 2026年桂花街道评估 && 复核(&C|$)/);
  });
});

describe('cover', () => {
  it('has title, client, evaluator, period, report number, date of issue and a signature block, no paths or hashes', async () => {
    const { path } = await writeTo(withIssue(makeFixture()));
    const texts = await sheetTexts(path, '封面');
    for (const t of ['桂花街道2026年第三季度基层社会治理第三方评估', '桂花街道办事处', '某某第三方评估中心', '2026-07-01 至 2026-09-30', 'GH-2026-Q3-07', '2026-10-20', '评价机构（盖章）', '项目负责人（签字）', '王评估', '日期']) {
      expect(texts, t).toContain(t);
    }
    const all = texts.join('\n');
    expect(all).not.toMatch(/[0-9a-f]{64}/); // no SHA-256
    expect(all).not.toMatch(/\.ya?ml|\.csv|\//); // no file names or paths
    expect(all).not.toContain('未提供');
    expect(all).not.toContain('定稿');
  });

  it('prints nothing for a field the assessment file does not give (en)', async () => {
    const r = makeFixture();
    r.assessment.client = null;
    const { path } = await writeTo(r, 'en');
    const texts = await sheetTexts(path, 'Cover');
    expect(texts).not.toContain('Client');
    expect(texts).not.toContain('Report no.');
    expect(texts).toContain('Evaluator (seal)');
    expect(texts.join(' ')).not.toContain('not given');
  });
});

describe('provenance annex', () => {
  it('paths relative to the assessment file, SHA-256 per file, generated at in local time without milliseconds', async () => {
    const r = makeFixture();
    r.config.assessment = { path: '/data/q3/assessment.yaml', sha256: 'b'.repeat(64) };
    r.config.indicator_system.path = '/data/indicators/system.yaml';
    r.data_quality.files[0].path = '/data/q3/in/cases.csv';
    r.generated_at = '2026-10-08T09:30:00.123Z';
    const { path } = await writeTo(r);
    const texts = await sheetTexts(path, '附件 数据溯源');
    expect(texts).toContain('in/cases.csv');
    expect(texts).toContain('assessment.yaml');
    expect(texts.some((t) => t.includes('../indicators/system.yaml'))).toBe(true);
    expect(texts).toContain('c'.repeat(64));
    expect(texts.join('\n')).not.toContain('/data/');
    const when = localTimestamp('2026-10-08T09:30:00.123Z')!;
    expect(texts.some((t) => t.startsWith(when.time) && !t.includes('.123'))).toBe(true);
  });

  it('relativePath and localTimestamp', () => {
    expect(relativePath('/a/b/c.csv', '/a')).toBe('b/c.csv');
    expect(relativePath('/x/c.csv', '/a/b')).toBe('../../x/c.csv');
    expect(relativePath('samples/c.csv', '/a')).toBe('samples/c.csv');
    const t = localTimestamp('2026-10-08T09:30:00.999Z')!;
    expect(t.time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(t.offset).toMatch(/^[+-]\d\d:\d\d$/);
  });
});

describe('unit profiles', () => {
  it('one page per unit: a title per unit, a page break between units, a radar chart each', async () => {
    const r = makeFixture();
    const { path } = await writeTo(r);
    const ws = (await load(path)).getWorksheet('单位画像')!;
    const titles: string[] = [];
    ws.eachRow((row) => {
      const v = valueOf(row.getCell(1));
      if (typeof v === 'string' && v.startsWith('单位画像：')) titles.push(v);
    });
    expect(titles).toHaveLength(r.units.length);
    const zip = await zipOf(path);
    const part = (await sheetParts(zip)).get('单位画像')!;
    const xml = await zip.file(part)!.async('string');
    expect((xml.match(/<brk /g) ?? []).length).toBe(r.units.length - 1);
    const rels = await zip.file(part.replace('worksheets/', 'worksheets/_rels/') + '.rels')!.async('string');
    const drawing = /Target="\.\.\/drawings\/(drawing\d+\.xml)"/.exec(rels)![1];
    const anchors = (await zip.file(`xl/drawings/${drawing}`)!.async('string')).match(/<xdr:twoCellAnchor/g) ?? [];
    expect(anchors).toHaveLength(r.units.length);
  });

  it('shows the unit’s total, grade and rank as formulas on the scores sheet', async () => {
    const r = makeFixture();
    const { path } = await writeTo(r);
    const ws = (await load(path)).getWorksheet('单位画像')!;
    const u = r.units.find((x) => x.unit === VETO_UNIT)!;
    const top = findRow(ws, 1, `单位画像：${VETO_UNIT}`);
    expect(ws.getCell(top + 1, 2).formula).toMatch(/^'得分明细'!\$/);
    expect(valueOf(ws.getCell(top + 1, 2))).toBe(u.total);
    expect(valueOf(ws.getCell(top + 1, 4))).toBe('合格');
    expect(valueOf(ws.getCell(top + 1, 6))).toBe(u.rank);
    // The veto is footnoted on the unit's page.
    expect(String(valueOf(ws.getCell(top + 2, 1)))).toMatch(/^※ 触发一票否决/);
  });
  it('a long indicator name in the costliest list gets a row tall enough for its wrapped lines (en)', async () => {
    const r = makeFixture();
    for (const i of r.indicators) if (i.leaf) i.name.en = `${i.name.en} with a long qualifying phrase`;
    const { path } = await writeTo(r, 'en');
    const ws = (await load(path)).getWorksheet('Unit profiles')!;
    let seen = 0;
    ws.eachRow((row) => {
      const v = valueOf(row.getCell(1));
      if (typeof v === 'string' && v.endsWith('with a long qualifying phrase')) {
        expect(row.height, v).toBeGreaterThanOrEqual(30);
        seen++;
      }
    });
    expect(seen).toBeGreaterThan(0);
  });
});

describe('summary', () => {
  it('row k reads the unit whose sort key is the k-th smallest, via INDEX/MATCH on helper columns outside the print area', async () => {
    const r = makeFixture();
    const { path } = await writeTo(r);
    const ws = (await load(path)).getWorksheet('排名汇总')!;
    expect(ws.getCell(4, 2).formula).toMatch(/^INDEX\(/);
    expect(ws.getCell(4, 3).formula).toContain("INDEX('得分明细'!");
    const area = ws.pageSetup.printArea!;
    const lastPrinted = /:\$?([A-Z]+)\$?\d+$/.exec(area)![1];
    const helper = findCol(ws, 3, '排序辅助列（不打印）');
    expect(helper).toBeGreaterThan(lastPrinted.charCodeAt(0) - 64);
  });

  it('sort keys: ranked by rank (ties by id), then unranked by total (highest first), then not assessed', () => {
    const keys = sortKeys([
      { unit: 'b', rank: 1, total: 90 },
      { unit: 'a', rank: 1, total: 90 },
      { unit: 'c', rank: null, total: 80 },
      { unit: 'e', rank: null, total: 85.004 },
      { unit: 'd', rank: null, total: null },
    ]);
    // n = 5, class width 10001: b → 10001·6 + 2, a → 10001·6 + 1, c → (6·10001 + 10000 − 8000)·6 + 3,
    // e → (6·10001 + 10000 − 8500)·6 + 5 (85.004 rounds to 85.00), d → 7·10001·6 + 4.
    expect(keys).toEqual([60008, 60007, 372039, 369041, 420046]);
    const order = ['b', 'a', 'c', 'e', 'd'].map((u, i) => ({ u, k: keys[i] })).sort((x, y) => x.k - y.k).map((x) => x.u);
    expect(order).toEqual(['a', 'b', 'e', 'c', 'd']);
  });

  it('has a street-average row and marks the vetoed unit with ※ and a footnote naming the rule', async () => {
    const r = makeFixture();
    const { path } = await writeTo(r);
    const ws = (await load(path)).getWorksheet('排名汇总')!;
    const avg = findRow(ws, 2, '街道平均');
    expect(avg).toBe(4 + r.units.length);
    expect(ws.getCell(avg, 3).formula).toBe(`AVERAGE(C4:C${3 + r.units.length})`);
    const mean = r.units.reduce((a, u) => a + (u.total ?? 0), 0) / r.units.length;
    expect(valueOf(ws.getCell(avg, 3)) as number).toBeCloseTo(mean, 9);
    expect(findRow(ws, 2, `${VETO_UNIT}※`)).toBeGreaterThan(3);
    const notes: string[] = [];
    ws.eachRow((row) => notes.push(String(valueOf(row.getCell(1)) ?? '')));
    expect(notes.some((t) => t.startsWith('※ 触发一票否决'))).toBe(true);
  });
});

describe('case metrics', () => {
  it('numerator and denominator beside each rate, a street-total row with rates from the summed counts', async () => {
    const r = makeFixture();
    const { path } = await writeTo(r);
    const ws = (await load(path)).getWorksheet('工单指标')!;
    const head = findRow(ws, 1, '评估对象');
    const rate = findCol(ws, head, '按时办结率');
    expect(valueOf(ws.getCell(head, rate - 1))).toBe('应办结');
    expect(valueOf(ws.getCell(head, rate - 5))).toBe('按时办结');
    const total = findRow(ws, 1, '街道合计');
    const sum = (k: 'closedOnTime' | 'closed' | 'openOverdue') => Object.values(r.metrics.caseCounts).reduce((a, c) => a + c[k], 0);
    expect(valueOf(ws.getCell(total, rate)) as number).toBeCloseTo(sum('closedOnTime') / (sum('closed') + sum('openOverdue')), 12);
    expect(ws.getCell(total, rate).formula).toMatch(/^IF\(SUM\(/);
  });
});

describe('print setup', () => {
  it('every sheet: A4, fitted to the page width, body fonts of at least 9 pt; print areas where helpers exist', async () => {
    const { path } = await writeTo(makeFixture());
    const wb = await load(path);
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup.paperSize, ws.name).toBe(9);
      // Fitted to the page width, or (the scores sheet) a fixed scale that keeps 11 pt text at 9 pt or more.
      if (ws.pageSetup.fitToPage) expect(ws.pageSetup.fitToWidth, ws.name).toBeGreaterThanOrEqual(1);
      else expect(ws.pageSetup.scale! * 11, ws.name).toBeGreaterThanOrEqual(900);
      ws.eachRow((row) => row.eachCell((c) => expect(c.font?.size ?? 11, `${ws.name}!${c.address}`).toBeGreaterThanOrEqual(9)));
    }
    for (const name of ['封面', '排名汇总', '工单指标', '稳健性', '单位画像', '数据质量', '附件 数据溯源']) expect(wb.getWorksheet(name)!.pageSetup.printArea, name).toBeTruthy();
    expect(wb.getWorksheet('单位画像')!.pageSetup.orientation).toBe('portrait');
    // The method sheet's columns (about 130 units) fit a landscape page near full size, not a portrait one.
    expect(wb.getWorksheet('评价方法')!.pageSetup.orientation).toBe('landscape');
  });

  it('the scores table breaks into pages between indicators, never inside a leaf’s value and score, without its title rows', async () => {
    const r = makeFixture();
    const { path } = await writeTo(r);
    const zip = await zipOf(path);
    const xml = await zip.file((await sheetParts(zip)).get('得分明细')!)!.async('string');
    const ws = (await load(path)).getWorksheet('得分明细')!;
    // The fixture's table is 1 + 2 × leaves + nodes + 9 columns wide; at 85 % it needs more than one page.
    const breaks = [...xml.matchAll(/<brk id="(\d+)"[^>]*man="1"/g)].map((m) => Number(m[1]));
    expect(/<colBreaks /.test(xml)).toBe(true);
    expect(breaks.length).toBeGreaterThan(0);
    // A break falls after a score column (row 5 says 得分), so a leaf's 原始值/得分 pair stays on one page.
    for (const b of breaks) expect(valueOf(ws.getCell(5, b)), `column ${b}`).toBe('得分');
    expect(ws.pageSetup.printArea).toMatch(/^\$?A\$?4:/);
    expect(ws.pageSetup.scale).toBe(85);
    expect(ws.headerFooter.oddHeader).toContain('&C&B&11 五、绩效分析：各评估对象得分明细');
  });

  it('columnBreaks: greedy over groups, the repeated column on every page', () => {
    // Page width at 100 %: 784.3 pt; a column of width w takes (8.5w + 5) × 0.75 pt.
    const width = () => 40; // 258.75 pt each; the repeated column of width 10 takes 67.5 pt → 716.8 pt left
    expect(columnBreaks([[2], [3], [4], [5]], width, 10, 100)).toEqual([3]); // two columns (517.5) fit, three do not
    expect(columnBreaks([[2, 3], [4, 5]], width, 10, 100)).toEqual([3]);
    expect(columnBreaks([[2], [3]], () => 5, 10, 100)).toEqual([]);
  });

  it('the data-quality print area holds the first 200 rows of the list', async () => {
    const r = makeFixture();
    const base = r.data_quality.issues[0];
    r.data_quality.issues = Array.from({ length: 450 }, (_, i) => ({ ...base, row: i + 2 }));
    const { path } = await writeTo(r);
    const ws = (await load(path)).getWorksheet('数据质量')!;
    expect(ws.pageSetup.printArea).toMatch(/:\$?F\$?204$/);
  });

  it('Calibri is paired with 宋体 for Chinese text (theme East Asian font, fonts tied to the theme)', async () => {
    const { path } = await writeTo(makeFixture());
    const zip = await zipOf(path);
    expect(await zip.file('xl/theme/theme1.xml')!.async('string')).toContain('<a:ea typeface="宋体"/>');
    const fonts = (await zip.file('xl/styles.xml')!.async('string')).match(/<font>(?:(?!<\/font>)[\s\S])*<\/font>/g)!;
    for (const f of fonts.filter((x) => x.includes('Calibri'))) expect(f).toContain('<scheme val="minor"/>');
  });
});

describe('--final', () => {
  it('writes values only, protects every sheet without a password, and marks the cover 定稿', async () => {
    const r = makeFixture();
    const { dir } = await writeTo(r);
    const path = join(dir, 'final.xlsx');
    await writeWorkbook(r, path, { lang: 'zh', final: true });
    const zip = await zipOf(path);
    for (const [name, part] of await sheetParts(zip)) {
      const xml = await zip.file(part)!.async('string');
      expect(xml, name).not.toMatch(/<f>|<f /);
      expect(xml, name).toMatch(/<sheetProtection [^>]*sheet="1"/);
      expect(xml, name).not.toMatch(/hashValue|password=/);
    }
    const wb = await load(path);
    const cover = wb.getWorksheet('封面')!;
    const texts: string[] = [];
    cover.eachRow((row) => row.eachCell((c) => texts.push(String(valueOf(c)))));
    expect(texts).toContain('【定稿】');
    // The values are the engine's: the scores sheet's totals as numbers.
    const scores = wb.getWorksheet('得分明细')!;
    const u = r.units[0];
    expect(scores.getCell(findRow(scores, 1, u.unit), findCol(scores, 4, '总得分')).value).toBe(u.total);
  });

  it('the default workbook keeps live formulas and says where numbers are run-time values', async () => {
    const { path } = await writeTo(makeFixture());
    const wb = await load(path);
    expect(wb.getWorksheet('得分明细')!.getCell(6, 2).value).not.toBeUndefined();
    for (const name of ['评价方法', '稳健性']) {
      const texts: string[] = [];
      wb.getWorksheet(name)!.eachRow((row) => row.eachCell((c) => texts.push(String(valueOf(c)))));
      expect(texts.some((t) => t.includes('运行时')), name).toBe(true);
    }
  });
});
