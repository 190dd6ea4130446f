/**
 * The 重复与并单 and 剔除工单 sheets and their CSVs (issue 14, design §4.1 last reading): one row per link or exclusion
 * up to the row limit, an autofilter over the list, the rows past the first thousand written as XML text and read
 * back intact, the full lists in `<report>.links.csv` and `<report>.exclusions.csv`, and callers only as hashes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeWorkbook } from '../../src/report/workbook.js';
import type { ExclusionEntry, RepeatLink, RepeatsResult } from '../../src/types.js';
import { makeFixture, UNITS } from './fixture.js';
import { load, tempDir } from './helpers.js';

function repeatsOf(links: number, exclusions: number): RepeatsResult {
  const l: RepeatLink[] = Array.from({ length: links }, (_, i) => ({
    case: `B${i}`,
    linked_case: `A${i}`,
    rule: i % 3 === 0 ? 'merge' : 'repeat',
    keys: (i % 3 === 0 ? { address: '幸福路12号', category: '路灯' } : { caller: 'af8579fcbb489aca', category: '噪音扰民' }) as Record<string, string>,
    gap_hours: 24 + i,
    reopen: i % 2 === 0,
    unit: UNITS[i % 3],
    linked_unit: UNITS[i % 3],
    category: '噪音扰民',
    received_at: '2026-08-01T09:00:00',
  }));
  const e: ExclusionEntry[] = Array.from({ length: exclusions }, (_, i) => ({ case: `X${i}`, unit: UNITS[0], rule: 'column', reason: '=非本级职责', category: '市政', received_at: '2026-07-15T09:00:00', row: i + 2 }));
  const counts = { case_count_all: 10, case_count: 9, repeats: 2, repeats_flagged: 1, repeats_detected: 2, repeats_both: 1, reopens: 1, closed: 8, merged: 1, events: 8, excluded: 1, excluded_by_reason: { 非本级职责: 1 } };
  return {
    settings: { keys: ['caller', 'category'], window: '30 days', merge_keys: ['address', 'category'], merge_window: '72 hours', basis: 'cases', salt: 'configured' },
    units: { [UNITS[0]]: counts },
    links: l,
    exclusions: e,
    hot_spots: [],
  };
}

describe('the repeats and exclusions sheets', () => {
  it('list every link and exclusion up to the limit, with filters, the rest in the CSVs', async () => {
    const result = makeFixture();
    result.metrics.repeats = repeatsOf(1200, 5);
    const dir = await tempDir();
    const path = join(dir, 'report.xlsx');
    await writeWorkbook(result, path, { lang: 'zh', maxIssueRows: 1100 });
    const wb = await load(path);
    const ws = wb.getWorksheet('重复与并单')!;
    expect(ws).toBeDefined();
    expect(ws.autoFilter).toBeTruthy();
    // Header at row 4, then 1,100 rows (the first 1,000 exceljs cells, the rest XML text).
    expect(ws.getCell(5, 1).value).toBe('B0');
    expect(ws.getCell(4 + 1100, 1).value).toBe('B1099');
    expect(ws.getCell(4 + 1050, 8).value).toBe(24 + 1049);
    expect(ws.getCell(4 + 1101, 1).value ?? null).toBeNull();
    expect(String(ws.getCell(2, 1).value)).toContain('100'); // 100 more rows are only in the CSV
    const csv = readFileSync(join(dir, 'report.links.csv'), 'utf8');
    expect(csv.trim().split('\r\n')).toHaveLength(1201);
    expect(csv).toContain('B1199,A1199,repeat,caller=af8579fcbb489aca; category=噪音扰民,1223,false');
    const ex = wb.getWorksheet('剔除工单')!;
    expect(ex.getCell(5, 6).value).toBe('=非本级职责'); // text, not a formula
    expect(readFileSync(join(dir, 'report.exclusions.csv'), 'utf8')).toContain("X4,东湖社区,column,'=非本级职责");
  });

  it('are left out without detection or exclusions', async () => {
    const result = makeFixture();
    const dir = await tempDir();
    await writeWorkbook(result, join(dir, 'r.xlsx'), { lang: 'en' });
    const wb = await load(join(dir, 'r.xlsx'));
    expect(wb.getWorksheet('Repeats and merges')).toBeUndefined();
    expect(wb.getWorksheet('Excluded cases')).toBeUndefined();
  });
});
