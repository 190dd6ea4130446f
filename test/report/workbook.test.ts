/**
 * The workbook as a package: which sheets appear, their labels in zh and en, formula cells with cached results equal
 * to the result object, literal injection strings, the data-quality truncation line and the issues CSV, document
 * properties. Expected numbers come from the hand-made fixture (test/report/fixture.ts), which derives every score
 * from made-up counts by the rules of design §4 and §6.
 */
import { readFile, readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { makeFixture, INJECTIONS, VETO_UNIT } from './fixture.js';
import { findCol, findRow, load, sheetParts, valueOf, writeTo, zipOf } from './helpers.js';
import { sheetsFor } from '../../src/report/workbook.js';
import { labels } from '../../src/report/labels.js';

describe('sheets present and absent', () => {
  it('has every sheet, in report order, with all inputs (zh)', async () => {
    const { path } = await writeTo(makeFixture());
    const wb = await load(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['封面', '评价结论', '基本情况', '评价方法', '指标体系', '排名汇总', '得分明细', '工单指标', '满意度调查', '定性评价', '稳健性', '单位画像', '评价发现', '经验做法', '存在问题', '意见建议', '其他说明', '数据质量', '附件 数据溯源']);
  });

  it('leaves out the survey, ratings and robustness sheets when those inputs were not given (en names)', async () => {
    const r = makeFixture({ survey: false, ratings: false, robustness: false, comparison: false });
    expect(sheetsFor(r)).not.toContain('survey');
    const { path } = await writeTo(r, 'en');
    const wb = await load(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Cover', 'Conclusions', 'Background', 'Method', 'Indicators', 'Summary', 'Scores', 'Case metrics', 'Unit profiles', 'Findings', 'Good practice', 'Problems', 'Recommendations', 'Limitations', 'Data quality', 'Annex Provenance']);
  });

  it('summary has no comparison columns without a previous period', async () => {
    const { path } = await writeTo(makeFixture({ comparison: false }));
    const ws = (await load(path)).getWorksheet('排名汇总')!;
    // Columns 1–7 (the sort helpers stand apart, right of the print area).
    const headers = (ws.getRow(3).values as unknown[]).slice(1, 9);
    expect(headers).toEqual(['排名', '评估对象', '总得分', '等级', '诉求处置', '群众满意', '治理作风', undefined]);
  });
});

describe('formulas and cached results', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`scores sheet: node scores, totals, grades and ranks are formulas whose cached results equal the result (${lang})`, async () => {
      const result = makeFixture();
      const L = labels(lang);
      const { path } = await writeTo(result, lang);
      const ws = (await load(path)).getWorksheet(L.sheets.scores)!;
      const totalCol = findCol(ws, 4, L.scores.total);
      const gradeCol = findCol(ws, 4, L.scores.grade);
      const rankCol = findCol(ws, 4, L.scores.rank);
      const d1Col = findCol(ws, 4, lang === 'zh' ? '诉求处置' : 'Case handling');
      for (const u of result.units) {
        const r = findRow(ws, 1, u.unit);
        const total = ws.getCell(r, totalCol);
        expect(total.formula).toMatch(/^MAX\(0,MIN\(100,/);
        expect(valueOf(total)).toBe(u.total);
        const band = result.grades.find((b) => b.label.zh === u.grade)!;
        expect(valueOf(ws.getCell(r, gradeCol))).toBe(band.label[lang]);
        expect(ws.getCell(r, gradeCol).formula).toContain('IF(ROUND(');
        expect(valueOf(ws.getCell(r, rankCol))).toBe(u.rank);
        expect(ws.getCell(r, d1Col).formula).toContain("'" + L.sheets.indicators + "'!$J$");
        expect(valueOf(ws.getCell(r, d1Col))).toBe(u.indicators.d1.score);
      }
    });
  }

  it('the vetoed unit’s grade formula carries the cap (合格 although its total is 良好)', async () => {
    const result = makeFixture();
    const u = result.units.find((x) => x.unit === VETO_UNIT)!;
    expect(u.grade_before_veto).toBe('良好'); // 88.8: fixture
    const { path } = await writeTo(result);
    const ws = (await load(path)).getWorksheet('得分明细')!;
    const cell = ws.getCell(findRow(ws, 1, VETO_UNIT), findCol(ws, 4, '等级'));
    expect(valueOf(cell)).toBe('合格');
    // Outermost test: total ≥ the 合格 band's minimum → the 合格 label.
    // Grades are decided on the total rounded to 2 decimals, as the engine decides them (design §6.3).
    expect(cell.formula).toMatch(/^IF\(ROUND\([A-Z]+\d+,2\)>='指标体系'!\$C\$\d+,'指标体系'!\$D\$\d+,IF/);
  });

  it('rank formulas compare rounded totals and put the vetoed unit after every unit without a veto (veto_rank: last)', async () => {
    const result = makeFixture();
    const { path } = await writeTo(result);
    const ws = (await load(path)).getWorksheet('得分明细')!;
    const rankCol = findCol(ws, 4, '排名');
    const vetoed = ws.getCell(findRow(ws, 1, VETO_UNIT), rankCol);
    expect(valueOf(vetoed)).toBe(9);
    // the eight units without a veto, then the vetoed ones above this one
    expect(vetoed.formula).toMatch(/^SUMPRODUCT\(ISNUMBER\(\$[A-Z]+\$6:\$[A-Z]+\$14\)\*\(\$[A-Z]+\$6:\$[A-Z]+\$14=""\)\)\+SUMPRODUCT\(.*<>""\).*ROUND\(.*,2\)>ROUND\([A-Z]+\d+,2\)\)\)\+1$/);
    const other = result.units.find((u) => u.vetoes.length === 0)!;
    expect(ws.getCell(findRow(ws, 1, other.unit), rankCol).formula).toMatch(/^SUMPRODUCT\(ISNUMBER\(.*\)\*\(.*=""\)\*\(ROUND\(.*,2\)>ROUND\([A-Z]+\d+,2\)\)\)\+1$/);
  });

  it('global weights on the indicator sheet are formulas over the local weights with cached results', async () => {
    const result = makeFixture();
    const { path } = await writeTo(result);
    const ws = (await load(path)).getWorksheet('指标体系')!;
    // The first column holds outline numbers (1, 1.1 …); rows are found by the indicator's name.
    for (const info of result.indicators) {
      const r = findRow(ws, 2, info.name.zh);
      expect(valueOf(ws.getCell(r, 10))).toBe(info.weight);
      expect(valueOf(ws.getCell(r, 11))).toBe(info.global_weight);
      expect(ws.getCell(r, 11).formula).toContain(`$J$${r}/(`);
    }
  });

  it('summary cells refer to the scores sheet and are in rank order', async () => {
    const result = makeFixture();
    const { path } = await writeTo(result);
    const ws = (await load(path)).getWorksheet('排名汇总')!;
    const ranks = [4, 5, 6, 7, 8, 9, 10, 11, 12].map((r) => valueOf(ws.getCell(r, 1)));
    expect(ranks).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]); // fixture totals are all distinct
    expect(ws.getCell(4, 3).formula).toContain("INDEX('得分明细'!");
    // Comparison: change = total − previous total, a formula; the new unit says so.
    const cmp = result.comparison!.units.find((d) => d.unit === '东湖社区')!;
    const r = findRow(ws, 2, '东湖社区');
    expect(valueOf(ws.getCell(r, 9))).toBe(cmp.total_delta);
    expect(valueOf(ws.getCell(findRow(ws, 2, '中心社区'), 9))).toBe('本期新增');
  });
});

describe('safety', () => {
  it('text from inputs that looks like a formula is stored as a plain string, never a formula', async () => {
    const { path } = await writeTo(makeFixture());
    const zip = await zipOf(path);
    const parts = await sheetParts(zip);
    const shared = await zip.file('xl/sharedStrings.xml')!.async('string');
    expect(shared).toContain('=HYPERLINK(&quot;x&quot;)');
    expect(shared).toContain('+cmd|&apos; /C calc&apos;!A0');
    expect(shared).toContain('@SUM(1)');
    expect(shared).toContain('-1+2');
    for (const [name, part] of parts) {
      const xml = await zip.file(part)!.async('string');
      const formulas = [...xml.matchAll(/<f>([^<]*)<\/f>/g)].map((m) => m[1]);
      for (const f of formulas) {
        expect(f, `${name}: ${f}`).not.toMatch(/HYPERLINK|cmd\||SUM\(1\)/);
      }
    }
    const wb = await load(path);
    const ws = wb.getWorksheet('得分明细')!;
    const cell = ws.getCell(findRow(ws, 1, INJECTIONS[0]), 1);
    expect(cell.type).toBe(3); // ValueType.String
  });
});

describe('data quality', () => {
  it('lists at most maxIssueRows and says how many more, with the full list as CSV beside the workbook', async () => {
    const result = makeFixture();
    const { path, issuesCsv, dir } = await writeTo(result, 'zh', 2);
    expect(issuesCsv).toBe(path.replace(/\.xlsx$/, '.issues.csv'));
    const ws = (await load(path)).getWorksheet('数据质量')!;
    expect(valueOf(ws.getCell(2, 1))).toBe('另有 2 条未在本表列出，完整清单见 report.issues.csv。'); // 4 issues − 2 shown
    // Reasons in the report language (src/report/reason-text.ts).
    expect(valueOf(ws.getCell(5, 5))).toBe('日期时间无法识别');
    expect(valueOf(ws.getCell(6, 5))).toBe('工单编号重复');
    expect(valueOf(ws.getCell(7, 5))).toBeNull();
    const csv = await readFile(issuesCsv!, 'utf8');
    const lines = csv.replace(/^\ufeff/, '').trimEnd().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[3]).toBe(`samples/cases.csv,1201,unit,"'=HYPERLINK(""x"")",unit not in the registry,error`);
    expect(lines[4]).toBe(`samples/cases.csv,1502,verified_at,'@SUM(1),verified before closed (treated as missing),warning`);
    // No temporary files are left behind.
    expect((await readdir(dir)).sort()).toEqual(['report.issues.csv', 'report.xlsx']);
  });

  it('writes a header-only CSV and says so when there are no issues (no stale CSV of an earlier run stays)', async () => {
    const { path, issuesCsv, dir } = await writeTo(makeFixture({ issues: false }), 'en');
    expect(issuesCsv).toBe(path.replace(/\.xlsx$/, '.issues.csv'));
    expect(await readFile(issuesCsv!, 'utf8')).toBe('\ufefffile,row,field,value,reason,severity\r\n');
    expect((await readdir(dir)).sort()).toEqual(['report.issues.csv', 'report.xlsx']);
    const ws = (await load(path)).getWorksheet('Data quality')!;
    expect(valueOf(ws.getCell(2, 1))).toBe('No data-quality issues were found.');
  });
});

describe('finish', () => {
  it('sets document properties, frozen headers, filters and A4 print setup', async () => {
    const result = makeFixture();
    const { path } = await writeTo(result);
    const zip = await zipOf(path);
    const core = await zip.file('docProps/core.xml')!.async('string');
    const app = await zip.file('docProps/app.xml')!.async('string');
    expect(core).toContain(`<dc:creator>${result.assessment.evaluator}</dc:creator>`);
    expect(core).toContain(`<dc:title>${result.assessment.title}</dc:title>`);
    expect(app).toContain(`<Company>${result.assessment.client}</Company>`);
    const wb = await load(path);
    const ws = wb.getWorksheet('得分明细')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5, xSplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    // 35 columns (1 + 10 leaves × 2 + 5 nodes + 9) print at 85 % over pages broken between indicators
    // (layout.test.ts), the unit column repeated.
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', scale: 85, printTitlesColumn: 'A:A' });
    expect(wb.getWorksheet('排名汇总')!.pageSetup).toMatchObject({ fitToWidth: 1, fitToHeight: 1 });
    const summary = wb.getWorksheet('排名汇总')!;
    expect(summary.getCell(4, 3).numFmt).toBe('0.0');
    // Column widths count CJK characters as 2: the unit column fits "=HYPERLINK("x")" (15) + 2.
    expect(summary.getColumn(2).width).toBeGreaterThanOrEqual(17);
  });
});

describe('ratings sheet', () => {
  it('names each rated item: the leaf that reads ratings.<id>, or the veto/bonus rule of that id', async () => {
    const result = makeFixture();
    const ratings = result.metrics.ratings!;
    // Rename the leaf so its id ('style') no longer equals the ratings id it reads ('ratings.style').
    const leaf = result.indicators.find((i) => i.metric === 'ratings.style')!;
    for (const u of result.units) u.indicators.work_style = u.indicators[leaf.id];
    leaf.id = 'work_style';
    // A veto rule fed by the ratings file appears there under its own id.
    const veto = result.rules!.vetoes[0];
    ratings.cells[veto.id] = { [result.units[0].unit]: { n: 1, value: 0, min: 0, max: 0, distribution: {} } };
    ratings.indicators[veto.id] = { aggregate: 'mean', raters: ['考评办'], kendallW: null };
    const ws = (await load((await writeTo(result)).path)).getWorksheet('定性评价')!;
    const names = new Set<string>();
    ws.getColumn(1).eachCell((c, row) => {
      if (row > 3) names.add(String(c.value));
    });
    expect(names).toContain('工作作风');
    expect(names).toContain(veto.name.zh);
    expect(names).not.toContain('style');
    expect(names).not.toContain(veto.id);
  });
});
