import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.js';
import { openTable, type TableReader, type TableRow } from '../../src/io/read-table.js';
import { MixedEncodingError } from '../../src/io/csv-reader.js';
import { allCases, context, csv, tempDir, tempFile } from './helpers.js';

async function drain(t: TableReader): Promise<TableRow[]> {
  const out: TableRow[] = [];
  for await (const r of t.rows) out.push(r);
  return out;
}

async function dataError(p: Promise<unknown>): Promise<DataError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error('expected a DataError');
}

const HEADER = ['工单编号', '所属社区', '受理时间'];
const ROWS = [
  ['A-1', '东湖社区', '2026-07-14 09:00'],
  ['A-2', '西城街道', '2026/7/15 10:30'],
];

describe('CSV encodings', () => {
  it('reads UTF-8 without a BOM', async () => {
    const t = await openTable(tempFile('u8.csv', csv([HEADER, ...ROWS])), { kind: 'cases' });
    expect(t.header).toEqual(HEADER);
    expect(t.encoding).toBe('utf8');
    expect(await drain(t)).toEqual([
      { row: 2, cells: ROWS[0] },
      { row: 3, cells: ROWS[1] },
    ]);
  });

  it('reads UTF-8 with a BOM, which does not stick to the first header', async () => {
    const t = await openTable(tempFile('bom.csv', '\uFEFF' + csv([HEADER, ...ROWS], '\r\n')), { kind: 'cases' });
    expect(t.header[0]).toBe('工单编号');
    expect((await drain(t)).map((r) => r.cells)).toEqual(ROWS);
  });

  it('detects GBK without a flag (decoded as GB18030, its superset) and reads the same cells', async () => {
    const bytes = iconv.encode(csv([HEADER, ...ROWS]), 'gbk');
    const t = await openTable(tempFile('gbk.csv', bytes), { kind: 'cases' });
    expect(t.encoding).toBe('gb18030');
    expect(t.header).toEqual(HEADER);
    expect((await drain(t)).map((r) => r.cells)).toEqual(ROWS);
  });

  it('honours a forced encoding', async () => {
    const bytes = iconv.encode(csv([HEADER, ...ROWS]), 'gbk');
    const t = await openTable(tempFile('gbk2.csv', bytes), { kind: 'cases', encoding: 'GBK' });
    expect(t.encoding).toBe('gbk');
    expect((await drain(t)).map((r) => r.cells)).toEqual(ROWS);
  });

  it('names the row where a file that began as UTF-8 stops being UTF-8, and suggests --encoding', async () => {
    // 60,000 ASCII rows (> the 1 MiB detection chunk) then one GBK row: detected as UTF-8, broken at row 60,002.
    const ascii = Array.from({ length: 60_000 }, (_, i) => [`A-${i}`, 'unit-x', '2026-07-14 09:00:00']);
    const head = Buffer.from(csv([['工单编号', 'unit', 'received_at'], ...ascii]), 'utf8');
    const tail = iconv.encode(csv([['B-1', '东湖社区', '2026-07-14 09:00:00']]), 'gbk');
    const t = await openTable(tempFile('mixed.csv', Buffer.concat([head, tail])), { kind: 'cases' });
    expect(t.encoding).toBe('utf8');
    let n = 0;
    const e = await dataError(
      (async () => {
        for await (const _r of t.rows) n++;
      })(),
    );
    expect(n).toBe(60_000);
    expect(e.location).toMatchObject({ row: 60_002 });
    expect(e.hint).toMatch(/--encoding gb18030/);
    expect(e.describe()).toMatch(/mixed\.csv, row 60002/);
  });

  describe('a file of mixed encodings stops at its first bad row, never garbled silently (issue 12)', () => {
    const rowsOf = (n: number, from = 0) => Array.from({ length: n }, (_, i) => [`A-${from + i}`, '东湖社区', '2026-07-14 09:00:00']);
    const asciiRows = (n: number) => Array.from({ length: n }, (_, i) => [`A-${i}`, 'unit-x', '2026-07-14 09:00:00']);
    const readAll = async (path: string, encoding?: string) => {
      const t = await openTable(path, { kind: 'cases', encoding });
      return { t, rows: await drain(t) };
    };

    it('a UTF-8 file with one GBK cell inside its first 64 KiB (it used to be read whole as GB18030, every name garbled)', async () => {
      // Header + 9 rows of UTF-8, then row 11 with its unit in GBK, then more UTF-8: all within the first chunk.
      const bytes = Buffer.concat([
        Buffer.from(csv([HEADER, ...rowsOf(9)]), 'utf8'),
        Buffer.from('B-1,', 'utf8'),
        iconv.encode('西湖社区', 'gbk'),
        Buffer.from(',2026-07-14 09:00:00\n' + csv(rowsOf(20, 100)), 'utf8'),
      ]);
      expect(bytes.length).toBeLessThan(65_536);
      const e = await dataError(readAll(tempFile('gbk-cell.csv', bytes)));
      expect(e).toBeInstanceOf(MixedEncodingError);
      expect(e.location.row).toBe(11);
      expect(e.message).toMatch(/row 11 is not valid UTF-8/);
      expect(e.hint).toMatch(/re-save the file as UTF-8/);
      expect(e.hint).toMatch(/--encoding gb18030/);
    });

    it('the same cell after the first 64 KiB', async () => {
      const head = Buffer.from(csv([HEADER, ...rowsOf(3000)]), 'utf8');
      expect(head.length).toBeGreaterThan(65_536);
      const bytes = Buffer.concat([head, iconv.encode(csv([['B-1', '西湖社区', '2026-07-14 09:00:00']]), 'gbk'), Buffer.from(csv(rowsOf(5)), 'utf8')]);
      const e = await dataError(readAll(tempFile('gbk-late.csv', bytes)));
      expect(e.location.row).toBe(3002);
    });

    it('a UTF-8 file with a BOM and a GBK row', async () => {
      const bytes = Buffer.concat([Buffer.from('\uFEFF' + csv([HEADER, ...rowsOf(2)]), 'utf8'), iconv.encode(csv(rowsOf(1)), 'gbk')]);
      const e = await dataError(readAll(tempFile('bom-gbk.csv', bytes)));
      expect(e.location.row).toBe(4);
    });

    it('a pure UTF-8 file with a BOM is read, its ASCII-only rows no evidence either way', async () => {
      const { t, rows } = await readAll(tempFile('bom-ok.csv', '\uFEFF' + csv([HEADER, ...asciiRows(3), ...rowsOf(2)], '\r\n')));
      expect(t.encoding).toBe('utf8');
      expect(rows.map((r) => r.cells[1])).toEqual(['unit-x', 'unit-x', 'unit-x', '东湖社区', '东湖社区']);
    });

    it('a GBK file whose first 64 KiB are ASCII is read as GBK (it used to stop as broken UTF-8)', async () => {
      const head = csv([['case_id', 'unit', 'received_at', 'urgency'], ...asciiRows(3000).map((r) => [...r, 'general'])]);
      expect(head.length).toBeGreaterThan(65_536);
      const bytes = Buffer.concat([Buffer.from(head, 'utf8'), iconv.encode(csv(rowsOf(3, 5000).map((r) => [...r, '一般'])), 'gbk')]);
      const { t, rows } = await readAll(tempFile('gbk-late-start.csv', bytes));
      expect(t.encoding).toBe('gb18030');
      expect(rows.slice(-3).map((r) => r.cells[1])).toEqual(['东湖社区', '东湖社区', '东湖社区']);
      // The same through the case-log reader, whose fast path reads UTF-8 lines as bytes.
      const got = await allCases({ path: t.path, mapping: null }, context());
      expect(got.slice(-3).map((c) => [c.row, c.unit])).toEqual([
        [3002, '东湖社区'],
        [3003, '东湖社区'],
        [3004, '东湖社区'],
      ]);
    });

    it('a UTF-8 row in a file read as GBK names that row and the first GBK row', async () => {
      const bytes = Buffer.concat([Buffer.from(csv([['case_id', 'unit', 'received_at'], ...asciiRows(2)]), 'utf8'), iconv.encode(csv(rowsOf(2)), 'gbk'), Buffer.from(csv(rowsOf(1, 10)), 'utf8')]);
      const e = await dataError(readAll(tempFile('utf8-in-gbk.csv', bytes)));
      expect(e).toBeInstanceOf(MixedEncodingError);
      expect(e.location.row).toBe(6);
      expect(e.message).toMatch(/row 6 is UTF-8 text.*from row 4 on.*GBK/);
      expect(e.hint).toMatch(/--encoding utf8 or --encoding gb18030/);
    });

    it('--encoding gbk forces: the mixed file is read, the UTF-8 cell decoded as GBK as asked', async () => {
      const bytes = Buffer.concat([Buffer.from(csv([['case_id', 'unit', 'received_at'], ...asciiRows(2)]), 'utf8'), iconv.encode(csv(rowsOf(2)), 'gbk'), Buffer.from(csv(rowsOf(1, 10)), 'utf8')]);
      const { t, rows } = await readAll(tempFile('forced.csv', bytes), 'gbk');
      expect(t.encoding).toBe('gbk');
      expect(rows).toHaveLength(5);
      expect(rows[2].cells[1]).toBe('东湖社区');
      expect(rows[4].cells[1]).toBe(iconv.decode(Buffer.from('东湖社区', 'utf8'), 'gbk'));
    });
  });

  it('hashes the raw bytes (SHA-256 of "a,b\\n1,2\\n" from sha256sum)', async () => {
    const t = await openTable(tempFile('h.csv', 'a,b\n1,2\n'), { kind: 'cases' });
    await drain(t);
    // printf 'a,b\n1,2\n' | sha256sum
    expect(await t.sha256()).toBe('492d5ea496056f1a6a6592241032fab764c321596317930b4fa0e1e8bc3b7470');
  });
});

describe('CSV structure', () => {
  it('numbers rows as a spreadsheet shows them: blank lines and quoted line breaks keep the numbering right', async () => {
    const text = 'a,b\n1,x\n\n2,"two\nlines"\n ,  \n3,z\n';
    const rows = await drain(await openTable(tempFile('blank.csv', text), { kind: 'cases' }));
    expect(rows.map((r) => [r.row, r.cells[0]])).toEqual([
      [2, '1'],
      [4, '2'],
      [6, '3'],
    ]);
    expect(rows[1].cells[1]).toBe('two\nlines');
  });

  it('passes ragged rows through for the validator to reject', async () => {
    const rows = await drain(await openTable(tempFile('ragged.csv', 'a,b\n1\n2,3,4\n'), { kind: 'cases' }));
    expect(rows.map((r) => r.cells)).toEqual([['1'], ['2', '3', '4']]);
  });

  it('reads a 10 MB field', async () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const rows = await drain(await openTable(tempFile('big.csv', `a,b\n1,"${big}"\n`), { kind: 'cases' }));
    expect(String(rows[0].cells[1]).length).toBe(big.length);
  });

  it('reports an unclosed quote at the row where it opens', async () => {
    const t = await openTable(tempFile('quote.csv', 'a,b\n1,2\n3,"open\n4,5\n'), { kind: 'cases' });
    const e = await dataError(drain(t));
    expect(e.message).toMatch(/malformed CSV.*Quote Not Closed/i);
    expect(e.location.row).toBe(3);
  });
});

describe('unusable files', () => {
  it.each([
    ['a missing path', () => join(tempDir(), 'nope.csv'), /no such file/],
    ['a directory', () => tempDir(), /folder/],
    ['a path through a file', () => join(tempFile('plain.csv', 'a\n1\n'), 'x.csv'), /cannot read the file \(ENOTDIR\)/],
    ['an empty file', () => tempFile('empty.csv', ''), /empty/],
    ['a file of blank lines', () => tempFile('blanks.csv', '\n\n  \n'), /no header/],
    ['a header-only file', () => tempFile('header.csv', 'a,b\n'), /no data rows/],
    ['a header and blank lines', () => tempFile('header2.csv', 'a,b\n\n,\n'), /no data rows/],
    ['junk binary', () => tempFile('junk.csv', Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x10])), /binary/],
    ['UTF-16 text', () => tempFile('u16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n1,2\n', 'utf16le')])), /UTF-16/],
    ['an .xlsx that is really CSV', () => tempFile('fake.xlsx', 'a,b\n1,2\n'), /not an Excel workbook/],
    ['a legacy .xls', () => tempFile('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])), /legacy/],
    ['a broken zip named .xlsx', () => tempFile('broken.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64, 7)])), /cannot read the workbook/],
    ['duplicate headers', () => tempFile('dup.csv', 'a,b,a,c,b\n1,2,3,4,5\n'), /duplicate column names.*a, b/],
  ])('%s gives a DataError naming the file', async (_what, make, msg) => {
    const path = make();
    const e = await dataError(
      (async () => {
        const t = await openTable(path, { kind: 'cases' });
        await drain(t);
      })(),
    );
    expect(e.message).toMatch(msg);
    expect(e.location.file).toBe(path);
    expect(e.exitCode).toBe(3);
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable path gives a DataError', async () => {
    const p = tempFile('locked.csv', 'a,b\n1,2\n');
    chmodSync(p, 0o000);
    const e = await dataError(openTable(p, { kind: 'cases' }));
    expect(e.message).toMatch(/permission denied/);
  });

  it('an unknown forced encoding is a usage error', async () => {
    await expect(openTable(tempFile('x.csv', 'a\n1\n'), { kind: 'cases', encoding: 'klingon' })).rejects.toThrow(/unknown encoding/);
  });
});

describe('XLSX', () => {
  async function workbook(): Promise<string> {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').addRow(['本表为测试数据']);
    const ws = wb.addWorksheet('工单');
    ws.addRow(['工单编号', '所属社区', '受理时间', '办结时间', '备注']);
    // A native date cell and an Excel serial number (46217.375 = 2026-07-14 09:00, 46217 days after 1899-12-30).
    ws.addRow([56923577, '东湖社区', new Date(Date.UTC(2026, 6, 14, 1, 5, 28)), 46217.375, { richText: [{ text: '富' }, { text: '文本' }] }]);
    ws.addRow([]);
    ws.addRow(['A-2', '西城街道', '2026/7/15 10:30', { formula: '46217+1', result: 46218 }]);
    mkdirSync(tempDir(), { recursive: true });
    const p = join(tempDir(), `wb-${Math.random().toString(36).slice(2)}.xlsx`);
    await wb.xlsx.writeFile(p);
    return p;
  }

  it('reads the first sheet by default and the named one with sheet', async () => {
    const p = await workbook();
    const first = await openTable(p, { kind: 'cases' });
    expect(first.header).toEqual(['本表为测试数据']);
    await drain(first).catch(() => {});
    const t = await openTable(p, { kind: 'cases', sheet: '工单' });
    expect(t.encoding).toBe('xlsx');
    expect(t.header).toEqual(['工单编号', '所属社区', '受理时间', '办结时间', '备注']);
    const rows = await drain(t);
    expect(rows.map((r) => r.row)).toEqual([2, 4]);
    expect(rows[0].cells[0]).toBe(56923577);
    expect(rows[0].cells[2]).toEqual(new Date(Date.UTC(2026, 6, 14, 1, 5, 28)));
    expect(rows[0].cells[3]).toBe(46217.375);
    expect(rows[0].cells[4]).toBe('富文本');
    expect(rows[1].cells).toEqual(['A-2', '西城街道', '2026/7/15 10:30', 46218, null]);
    expect(await t.sha256()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('an unknown sheet is a DataError listing the sheets', async () => {
    const p = await workbook();
    const e = await dataError(openTable(p, { kind: 'cases', sheet: '汇总' }));
    expect(e.message).toMatch(/no sheet named "汇总".*说明, 工单/);
  });
});
