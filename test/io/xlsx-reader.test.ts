/**
 * XLSX specifics (src/io/xlsx-reader.ts, issue 12): merged cells are filled from their top-left cell with one
 * warning, and a sheet whose XML is cut short is an error, not a partial read. The workbooks are built here with
 * exceljs (mergeCells, as Excel's 合并单元格 stores it: the value in the top-left cell only) and cut with jszip.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.js';
import { DEFAULT_METRIC_SETTINGS } from '../../src/metrics/defaults.js';
import { parsePeriod } from '../../src/period.js';
import { computeMetrics } from '../../src/pipeline/compute-metrics.js';
import { openTable } from '../../src/io/read-table.js';
import { scanMergedRanges } from '../../src/io/xlsx-reader.js';
import { CASE_HEADER, caseRow, tempDir } from './helpers.js';

let n = 0;
async function workbook(rows: string[][], merges: string[] = [], sheetName = '工单'): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  for (const r of rows) ws.addRow(r);
  for (const m of merges) ws.mergeCells(m);
  const path = join(tempDir(), `wb-${n++}.xlsx`);
  await wb.xlsx.writeFile(path);
  return path;
}

const metricsOf = (path: string) =>
  computeMetrics({
    cases: { path, mapping: null },
    survey: null,
    ratings: null,
    units: null,
    period: parsePeriod('2026Q3'),
    calendar: {},
    settings: DEFAULT_METRIC_SETTINGS,
    maxRejectShare: 1,
  });

describe('merged cells in a workbook', () => {
  // Eight closed cases of one unit; 是否解决 (column H) merged as H2:H7 = 是 (six cases) and H8:H9 = 否 (two), and
  // the unit (column B) merged over all eight. Filled, 6 of 8 known cases are resolved (0.75); read blank, only the
  // two top cells were known (1 of 2, 0.5) and seven rows lacked their unit.
  const rows = Array.from({ length: 8 }, (_, i) =>
    caseRow({ id: `M${i + 1}`, unit: i === 0 ? '东湖社区' : '', closed: '2026-07-15 09:00:00', resolved: i === 0 ? '是' : i === 6 ? '否' : '' }),
  );

  it('fills a merged range down from its top-left value, with one warning naming the ranges and columns', async () => {
    const path = await workbook([CASE_HEADER, ...rows], ['B2:B9', 'H2:H7', 'H8:H9']);
    const m = await metricsOf(path);
    const f = m.dataQuality.files.find((x) => x.kind === 'cases')!;
    expect(f).toMatchObject({ rows: 8, accepted: 8, rejected: 0 });
    expect(m.caseCounts['东湖社区']).toMatchObject({ cases: 8, resolvedKnown: 8, resolved: 6 });
    expect(m.cases['东湖社区'].resolution_rate).toBe(0.75);
    expect(m.warnings).toHaveLength(1);
    expect(m.warnings[0]).toMatchObject({ code: 'xlsx_merged_filled', where: path, params: { sheet: '工单', ranges: 3, columns: '所属社区 (B), 是否解决 (H)' } });
    expect(m.warnings[0].message).toMatch(/3 merged cell ranges in sheet "工单" filled/);
  });

  it('fills across as well as down, leaves ranges in the header alone, and keeps blank rows blank', async () => {
    const path = await workbook(
      [
        ['a', 'b', 'c', 'd'],
        ['1', 'x', '', ''],
        ['2', '', '', 'y'],
        ['', '', '', ''],
        ['3', 'z', '', ''],
      ],
      ['C1:D1', 'B2:C3', 'B4:B4'],
    );
    const t = await openTable(path, { kind: 'cases' });
    const got: unknown[] = [];
    for await (const r of t.rows) got.push([r.row, ...r.cells]);
    // C1:D1 merges two header cells: left as it is (D has no name), not filled into a duplicate name.
    expect(t.header).toEqual(['a', 'b', 'c']);
    expect(got).toEqual([
      [2, '1', 'x', 'x'],
      [3, '2', 'x', 'x', 'y'],
      [5, '3', 'z', null],
    ]);
    expect(t.warnings).toHaveLength(1);
    expect(t.warnings![0].params).toMatchObject({ ranges: 1, columns: 'b (B), c (C)' });
  });

  it('finds the ranges in the XML wherever its chunks are cut', async () => {
    const xml = Buffer.from('<sheetData/><mergeCells count="3"><mergeCell ref="B2:B9"/><mergeCell ref="AA10:AB12"/><mergeCell ref="C3"/></mergeCells></worksheet>');
    for (const size of [1, 7, 13, xml.length]) {
      const chunks = async function* () {
        for (let i = 0; i < xml.length; i += size) yield xml.subarray(i, i + size);
      };
      expect(await scanMergedRanges(chunks())).toEqual([
        { top: 2, left: 1, bottom: 9, right: 1 },
        { top: 10, left: 26, bottom: 12, right: 27 },
      ]);
    }
  });
});

describe('a workbook whose sheet XML is cut short', () => {
  it('is an error naming the file, the sheet and the last row read, not 59 of 120 rows and exit 0', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => caseRow({ id: `T${i + 1}` }));
    const whole = await workbook([CASE_HEADER, ...rows], [], '工单');
    const zip = await JSZip.loadAsync(readFileSync(whole));
    const name = 'xl/worksheets/sheet1.xml';
    const xml = await zip.file(name)!.async('string');
    // Cut inside row 61 (the 60th case): after its first cell.
    const at = xml.indexOf('<row r="61"');
    expect(at).toBeGreaterThan(0);
    zip.file(name, xml.slice(0, xml.indexOf('</c>', at) + 4));
    const path = join(tempDir(), 'cut.xlsx');
    writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));

    let read = 0;
    let error: unknown = null;
    try {
      const t = await openTable(path, { kind: 'cases' });
      for await (const _r of t.rows) read++;
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataError);
    const e = error as DataError;
    expect(e.exitCode).toBe(3);
    expect(e.location.file).toBe(path);
    expect(e.message).toMatch(/sheet "工单" is cut short.*last complete row read is row 60/);
    expect(read).toBe(0); // (rows go on in batches: none of the 59 read reached the validators)
    await expect(metricsOf(path)).rejects.toThrow(/cut short/);
  });
});
