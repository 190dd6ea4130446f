/**
 * The data-quality list beyond the first rows is written as XML text into the package (sheet-rows.ts) instead of
 * exceljs cells, to keep a 100,000-row list from costing 650 MB (issue 7). Read back by exceljs and by LibreOffice,
 * those rows must hold exactly the ledger's entries — text stays text (formula-like values included), row numbers
 * are numbers, errors keep their red font — and the counts-by-reason table beside the list must survive the merge.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeWorkbook } from '../../src/report/workbook.js';
import type { DataIssue } from '../../src/types.js';
import { makeFixture } from './fixture.js';
import { load, tempDir, valueOf } from './helpers.js';
import { convert, hasSoffice } from './soffice.js';

/** 300 issues with awkward values: formula-like, XML-special, CJK, spaces kept, control characters, nulls. */
function manyIssues(): DataIssue[] {
  const values = ['=HYPERLINK("x")', '<b>&amp;</b>', '2026-02-30 10:00', '  padded  ', '东湖社区', 'tab\there', 'bell\u0007', null, '+1', '@SUM(1)'];
  return Array.from({ length: 300 }, (_, i) => ({
    file: 'samples/cases.csv',
    row: i % 37 === 0 ? null : 2 + i,
    field: i % 11 === 0 ? null : 'received_at',
    value: values[i % values.length],
    reason: i % 3 === 0 ? 'verified before closed' : 'invalid date',
    severity: i % 3 === 0 ? 'warning' : 'error',
  }));
}

/** What a cell should show: the value with characters XML cannot hold dropped. */
const shown = (v: string | null) => (v === null ? null : v.replace(/\u0007/g, ''));

async function build(maxIssueRows: number) {
  const result = makeFixture();
  const issues = manyIssues();
  result.data_quality.issues = issues;
  result.data_quality.by_reason = { 'invalid date': 200, 'verified before closed': 100 };
  const dir = await tempDir();
  const path = join(dir, 'report.xlsx');
  await writeWorkbook(result, path, { lang: 'en', maxIssueRows, issueCellRows: 10 });
  return { path, dir, issues };
}

describe('data-quality rows written as XML', () => {
  it('hold the ledger entries exactly, after the exceljs rows, with the by-reason table beside them', async () => {
    const { path, issues } = await build(250);
    const ws = (await load(path)).getWorksheet('Data quality')!;
    // Header at row 4; issues i = 0…249 at rows 5…254; rows 5…14 are exceljs cells, 15… are XML text.
    for (let i = 0; i < 250; i++) {
      const r = 5 + i;
      expect(valueOf(ws.getCell(r, 1)), `row ${r}`).toBe('samples/cases.csv');
      expect(valueOf(ws.getCell(r, 2))).toBe(issues[i].row);
      expect(valueOf(ws.getCell(r, 3))).toBe(issues[i].field);
      expect(valueOf(ws.getCell(r, 4)), `row ${r}`).toBe(shown(issues[i].value));
      expect(valueOf(ws.getCell(r, 5))).toBe(issues[i].reason);
      expect(valueOf(ws.getCell(r, 6))).toBe(issues[i].severity === 'error' ? 'rejected' : 'warning'); // labels.ts, en
      if (issues[i].value !== null) expect(ws.getCell(r, 4).type, `row ${r}`).toBe(3); // ValueType.String: never a formula
      // Same styles as the exceljs rows: red font for errors.
      expect(ws.getCell(r, 6).font?.color?.argb ?? null).toBe(issues[i].severity === 'error' ? 'FFC00000' : null);
      expect(ws.getCell(r, 2).numFmt).toBe('0');
    }
    expect(valueOf(ws.getCell(255, 1))).toBeNull();
    expect(valueOf(ws.getCell(2, 1))).toBe('50 more are not listed here; the full list is in report.issues.csv.'); // labels.ts, en: 300 − 250
    expect(valueOf(ws.getCell(5, 8))).toBe('invalid date');
    expect(valueOf(ws.getCell(6, 9))).toBe(100);
  });

  it('keeps a by-reason table that runs past the end of the list', async () => {
    const result = makeFixture();
    result.data_quality.issues = manyIssues().slice(0, 30);
    // 20 reasons: rows 5…24 in columns H–I, while the list (12 rows shown) ends at row 16.
    result.data_quality.by_reason = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`reason ${i}`, 100 - i]));
    const path = join(await tempDir(), 'report.xlsx');
    await writeWorkbook(result, path, { lang: 'en', maxIssueRows: 12, issueCellRows: 10 });
    const ws = (await load(path)).getWorksheet('Data quality')!;
    expect(valueOf(ws.getCell(16, 5))).toBe(result.data_quality.issues[11].reason);
    expect(valueOf(ws.getCell(17, 5))).toBeNull();
    for (let i = 0; i < 20; i++) {
      expect(valueOf(ws.getCell(5 + i, 8))).toBe(`reason ${i}`);
      expect(valueOf(ws.getCell(5 + i, 9))).toBe(100 - i);
    }
  });

  it.skipIf(!hasSoffice)(
    'open in LibreOffice with every row',
    async () => {
      const { path, dir, issues } = await build(300);
      const out = await convert(path, 'xlsx', join(dir, 'lo'));
      const ws = (await load(out)).getWorksheet('Data quality')!;
      for (const i of [0, 9, 10, 11, 150, 299]) {
        expect(valueOf(ws.getCell(5 + i, 4))).toBe(shown(issues[i].value));
        expect(valueOf(ws.getCell(5 + i, 2))).toBe(issues[i].row);
      }
      expect(valueOf(ws.getCell(5, 8))).toBe('invalid date');
    },
    180_000,
  );
});
