import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.js';
import { readCases } from '../../src/io/index.js';
import { parsePeriod } from '../../src/period.js';
import type { CaseRecord } from '../../src/types.js';
import { allCases, CASE_HEADER, caseRow, context, csv, tempDir, tempFile } from './helpers.js';

const U = Date.UTC;

/** One row per rule of the brief (period 2026Q3 = 2026-07-01..2026-09-30); row numbers as a spreadsheet shows them. */
const RULES: { row: number; cells: string[]; expect: 'accepted' | 'out_of_period' | { reason: string; field: string | null; value: string | null } }[] = [
  { row: 2, cells: caseRow({ id: 'C1' }), expect: 'accepted' },
  { row: 3, cells: caseRow({ id: '' }), expect: { reason: 'required field missing', field: '工单编号 (case_id)', value: null } },
  { row: 4, cells: caseRow({ id: 'C3', unit: ' ' }), expect: { reason: 'required field missing', field: '所属社区 (unit)', value: null } },
  { row: 5, cells: caseRow({ id: 'C4', received: '2026-02-30 09:00' }), expect: { reason: 'unreadable date-time', field: '受理时间 (received_at)', value: '2026-02-30 09:00' } },
  { row: 6, cells: caseRow({ id: 'C5', urgency: '特急' }), expect: { reason: 'unknown urgency class', field: '紧急程度 (urgency)', value: '特急' } },
  { row: 7, cells: caseRow({ id: 'C6', closed: '2026-07-14 08:59:59' }), expect: { reason: 'closed before received', field: '办结时间 (closed_at)', value: '2026-07-14 08:59:59' } },
  { row: 8, cells: caseRow({ id: 'C7', contact: '2026-07-13 10:00' }), expect: { reason: 'first contact before received', field: '首次联系时间 (first_contact_at)', value: '2026-07-13 10:00' } },
  { row: 9, cells: caseRow({ id: 'C8', returned: '-1' }), expect: { reason: 'not a whole number ≥ 0', field: '退单次数 (returned_count)', value: '-1' } },
  { row: 10, cells: caseRow({ id: 'C1', unit: '西城社区' }), expect: { reason: 'duplicate case_id', field: '工单编号 (case_id)', value: 'C1 (first seen at row 2)' } },
  { row: 11, cells: caseRow({ id: 'C10', received: '2026-06-30 23:59:59' }), expect: 'out_of_period' },
  { row: 12, cells: caseRow({ id: 'C11', closed: '2026-07-14 25:00' }), expect: { reason: 'unreadable date-time', field: '办结时间 (closed_at)', value: '2026-07-14 25:00' } },
  { row: 13, cells: ['C12', '东湖社区', '2026-07-14 09:00'], expect: { reason: 'wrong number of cells', field: null, value: '3 cells, header has 11' } },
  { row: 14, cells: caseRow({ id: 'C13', received: '2026-09-30 23:59:59' }), expect: 'accepted' },
  { row: 15, cells: caseRow({ id: 'C14', received: '2026-10-01 00:00:00' }), expect: 'out_of_period' },
];

describe('readCases: one rule per row', async () => {
  const path = tempFile('rules.csv', csv([CASE_HEADER, ...RULES.map((r) => r.cells)]));
  const ctx = context();
  const got = await allCases({ path, mapping: null }, ctx);
  const dq = ctx.ledger.toDataQuality();

  it('accepts exactly the valid in-period rows', () => {
    expect(got.map((c) => c.row)).toEqual(RULES.filter((r) => r.expect === 'accepted').map((r) => r.row));
  });

  it.each(RULES.filter((r) => typeof r.expect === 'object').map((r) => [r.row, r] as const))('row %i lands in the ledger', (_row, r) => {
    const want = r.expect as { reason: string; field: string | null; value: string | null };
    expect(dq.issues.filter((i) => i.row === r.row)).toEqual([{ file: path, row: r.row, severity: 'error', ...want }]);
  });

  it('counts every row once: rows = accepted + rejected + out of period', () => {
    const f = dq.files[0];
    expect(f).toMatchObject({ path, kind: 'cases', rows: 14, accepted: 2, rejected: 10, out_of_period: 2 });
    expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('readCases: kept rows', () => {
  it('reads every field into canonical form', async () => {
    const path = tempFile(
      'full.csv',
      csv([
        [...CASE_HEADER, '办理时限', '诉求类别', '承办部门', '渠道', '所属网格'],
        [
          ...caseRow({ id: 'F1', urgency: '紧急', contact: '2026/7/14 9:30', closed: '2026-07-15T18:00', verified: '2026-07-16 10:00:00', resolved: '已解决', satisfaction: '基本满意', returned: '2', repeat: '是' }),
          '2026-07-15 09:00',
          '噪音扰民',
          '城管局',
          '12345热线',
          '网格3',
        ],
      ]),
    );
    const [c] = await allCases({ path, mapping: null }, context());
    expect(c).toEqual<CaseRecord>({
      row: 2,
      caseId: 'F1',
      unit: '东湖社区',
      receivedAt: U(2026, 6, 14, 9),
      urgency: 'urgent',
      firstContactAt: U(2026, 6, 14, 9, 30),
      closedAt: U(2026, 6, 15, 18),
      verifiedAt: U(2026, 6, 16, 10),
      deadlineAt: U(2026, 6, 15, 9),
      resolved: true,
      satisfaction: 3,
      returnedCount: 2,
      repeat: true,
      category: '噪音扰民',
      department: '城管局',
      channel: '12345热线',
      grid: '网格3',
    });
  });

  it('verified before closed: kept, verifiedAt null, a warning; unreadable yes/no and satisfaction: kept as missing, warnings', async () => {
    const path = tempFile(
      'warn.csv',
      csv([CASE_HEADER, caseRow({ id: 'W1', closed: '2026-07-15 10:00', verified: '2026-07-15 09:00', resolved: '部分解决', satisfaction: '还行', repeat: '也许' })]),
    );
    const ctx = context();
    const [c] = await allCases({ path, mapping: null }, ctx);
    expect(c).toMatchObject({ verifiedAt: null, closedAt: U(2026, 6, 15, 10), resolved: null, satisfaction: null, repeat: false, returnedCount: 0 });
    const dq = ctx.ledger.toDataQuality();
    expect(dq.issues.map((i) => [i.severity, i.field, i.reason])).toEqual([
      ['warning', '核实反馈时间 (verified_at)', 'verified before closed (treated as missing)'],
      ['warning', '是否解决 (resolved)', 'unreadable yes/no value (treated as missing)'],
      ['warning', '是否重复诉求 (repeat)', 'unreadable yes/no value (treated as missing)'],
      ['warning', '回访满意度 (satisfaction)', 'unreadable satisfaction level (treated as missing)'],
    ]);
    expect(dq.files[0]).toMatchObject({ rows: 1, accepted: 1, rejected: 0 });
  });

  it('with a registry, rows naming an unknown unit are rejected', async () => {
    const path = tempFile('reg.csv', csv([CASE_HEADER, caseRow({ id: 'R1' }), caseRow({ id: 'R2', unit: '不存在社区' })]));
    const ctx = context({ registry: new Set(['东湖社区']) });
    const got = await allCases({ path, mapping: null }, ctx);
    expect(got.map((c) => c.caseId)).toEqual(['R1']);
    expect(ctx.ledger.toDataQuality().issues).toEqual([
      { file: path, row: 3, field: '所属社区 (unit)', value: '不存在社区', reason: 'unit not in the registry', severity: 'error' },
    ]);
  });

  it('a row with several problems gets one ledger entry per problem and is counted rejected once', async () => {
    const path = tempFile('multi.csv', csv([CASE_HEADER, caseRow({ id: 'OK' }), caseRow({ id: 'M1', unit: '', received: 'yesterday', urgency: '?' })]));
    const ctx = context();
    await allCases({ path, mapping: null }, ctx);
    const dq = ctx.ledger.toDataQuality();
    expect(dq.issues.map((i) => i.reason)).toEqual(['required field missing', 'unreadable date-time', 'unknown urgency class']);
    expect(dq.files[0]).toMatchObject({ rows: 2, accepted: 1, rejected: 1 });
  });
});

describe('readCases: the rejection threshold', () => {
  const rows = (bad: number, good: number) =>
    csv([CASE_HEADER, ...Array.from({ length: good }, (_, i) => caseRow({ id: `G${i}` })), ...Array.from({ length: bad }, (_, i) => caseRow({ id: `B${i}`, urgency: '特急' }))]);

  it('stops with a DataError when more than the allowed share of rows is rejected', async () => {
    const path = tempFile('share.csv', rows(2, 18));
    const ctx = context({ maxRejectShare: 0.05 });
    const e = await allCases({ path, mapping: null }, ctx).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DataError);
    // 2 of 20 rows = 10 % > 5 %.
    expect((e as DataError).message).toBe('2 of 20 rows rejected (10 %), more than the allowed 5 %; most frequent reasons: unknown urgency class (2)');
    expect((e as DataError).location.file).toBe(path);
    // The ledger still holds the rows and the checksum for the report.
    expect(ctx.ledger.toDataQuality().files[0]).toMatchObject({ rows: 20, rejected: 2 });
    expect(ctx.ledger.toDataQuality().files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('exactly the allowed share passes (1 of 20 = 5 %)', async () => {
    const got = await allCases({ path: tempFile('share2.csv', rows(1, 19)), mapping: null }, context({ maxRejectShare: 0.05 }));
    expect(got.length).toBe(19);
  });
});

describe('readCases: inputs in other shapes', () => {
  const expected = [
    { caseId: 'A-1', unit: '东湖社区', receivedAt: U(2026, 6, 14, 9), urgency: 'general' },
    { caseId: 'A-2', unit: '西城街道', receivedAt: U(2026, 6, 15, 10, 30), urgency: 'urgent' },
  ];
  const text = csv([
    ['工单编号', '所属社区', '受理时间', '紧急程度'],
    ['A-1', '东湖社区', '2026-07-14 09:00', '一般'],
    ['A-2', '西城街道', '2026/7/15 10:30', '紧急'],
  ]);

  it('GBK without a flag', async () => {
    const got = await allCases({ path: tempFile('gbk.csv', iconv.encode(text, 'gbk')), mapping: null }, context());
    expect(got).toMatchObject(expected);
  });

  it('GB18030 forced through the mapping file', async () => {
    const got = await allCases({ path: tempFile('gb.csv', iconv.encode(text, 'gb18030')), mapping: { encoding: 'gb18030' } }, context());
    expect(got).toMatchObject(expected);
  });

  it('UTF-8 with a BOM and CRLF line ends', async () => {
    const got = await allCases({ path: tempFile('bom.csv', '\uFEFF' + text.replace(/\n/g, '\r\n')), mapping: null }, context());
    expect(got).toMatchObject(expected);
  });

  it('XLSX with a native date, an Excel serial number and a numeric case id', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('工单');
    ws.addRow(['工单编号', '所属社区', '受理时间', '紧急程度', '办结时间']);
    // 46217.75 = 2026-07-14 18:00 (46217 days after 1899-12-30, the 1900 system's day 0, plus ¾ day).
    ws.addRow([56923577, '东湖社区', new Date(U(2026, 6, 14, 1, 5, 28)), '一般', 46217.75]);
    const path = join(tempDir(), 'cases.xlsx');
    await wb.xlsx.writeFile(path);
    const ctx = context();
    const [c] = await allCases({ path, mapping: null }, ctx);
    expect(c).toMatchObject({ row: 2, caseId: '56923577', receivedAt: U(2026, 6, 14, 1, 5, 28), closedAt: U(2026, 6, 14, 18) });
    expect(ctx.ledger.toDataQuality().files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('per-column date formats from the mapping, with constants and a derived urgency', async () => {
    const path = tempFile(
      'us.csv',
      csv([
        ['Key', 'Board', 'Created Date', 'Closed Date', 'Type'],
        ['1', '01 BRONX', '07/14/2026 11:45:00 PM', '07/15/2026 12:10:41 AM', 'HEAT/HOT WATER'],
        ['2', '01 BRONX', '07/14/2026 01:00:00 PM', '', 'Noise'],
      ]),
    );
    const got = await allCases(
      {
        path,
        mapping: {
          columns: { case_id: 'Key', unit: 'Board', received_at: 'Created Date', closed_at: 'Closed Date' },
          formats: { received_at: 'MM/DD/YYYY hh:mm:ss A', closed_at: 'MM/DD/YYYY hh:mm:ss A' },
          derive: { urgency: { from: 'Type', map: { 'HEAT/HOT WATER': 'urgent' }, default: 'general' } },
          constants: { channel: '311' },
        },
      },
      context(),
    );
    expect(got).toMatchObject([
      { caseId: '1', receivedAt: U(2026, 6, 14, 23, 45), closedAt: U(2026, 6, 15, 0, 10, 41), urgency: 'urgent', channel: '311' },
      { caseId: '2', receivedAt: U(2026, 6, 14, 13), closedAt: null, urgency: 'general', channel: '311' },
    ]);
  });

  it('a mapping naming an absent column stops before any row (DataError, exit 3)', async () => {
    const path = tempFile('absent.csv', text);
    const gen = readCases({ path, mapping: { columns: { unit: '所属网格' } } }, context());
    await expect(gen.next()).rejects.toThrow(/"所属网格".*工单编号, 所属社区, 受理时间, 紧急程度/);
  });

  it('a missing required column is a DataError naming it', async () => {
    const path = tempFile('noUrg.csv', csv([['工单编号', '所属社区', '受理时间'], ['1', 'x', '2026-07-14']]));
    await expect(readCases({ path, mapping: null }, context()).next()).rejects.toThrow(/missing required column 紧急程度 \(urgency\)/);
  });
});

describe('readCases: time zone', () => {
  const saved = process.env.TZ;
  afterAll(() => {
    process.env.TZ = saved;
  });
  it('gives identical records under TZ=UTC, Asia/Shanghai and America/New_York', async () => {
    const path = tempFile(
      'tz.csv',
      csv([CASE_HEADER, caseRow({ id: 'T1', received: '2026-07-14 23:30', closed: '2026-07-15 00:30' }), caseRow({ id: 'T2', received: '2026-09-30 23:59:59' })]),
    );
    const runs: CaseRecord[][] = [];
    for (const tz of ['UTC', 'Asia/Shanghai', 'America/New_York']) {
      process.env.TZ = tz;
      runs.push(await allCases({ path, mapping: null }, context()));
    }
    expect(runs[0].map((c) => [c.receivedAt, c.closedAt])).toEqual([
      [U(2026, 6, 14, 23, 30), U(2026, 6, 15, 0, 30)],
      [U(2026, 8, 30, 23, 59, 59), null],
    ]);
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  });
});

describe('readCases: properties', () => {
  const rowArb = fc.record({
    id: fc.constantFrom('K1', 'K2', 'K3', 'K4', 'K5', 'K6', ''),
    unit: fc.constantFrom('东湖社区', '西城社区', ''),
    received: fc.constantFrom('2026-07-14 09:00', '2026-08-01', '2026-06-30 12:00', '2026-02-30', 'x'),
    urgency: fc.constantFrom('一般', '紧急', '特急'),
    closed: fc.constantFrom('', '2026-07-20 10:00', '2026-07-01 00:00'),
  });

  it('permuting the rows changes neither the accepted case ids nor the counts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowArb, { minLength: 1, maxLength: 25 }).chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }))),
        async ([rows, shuffled]) => {
          const run = async (rs: typeof rows) => {
            const ctx = context();
            const got = await allCases({ path: tempFile('perm.csv', csv([CASE_HEADER, ...rs.map((r) => caseRow(r))])), mapping: null }, ctx);
            const f = ctx.ledger.toDataQuality().files[0];
            return { ids: got.map((c) => c.caseId).sort(), counts: [f.rows, f.accepted, f.rejected, f.out_of_period] };
          };
          expect(await run(shuffled)).toEqual(await run(rows));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('readCases: deadline_at and the cut-off (issue 12)', () => {
  const EOD = 86_400_000 - 1; // a date-only deadline is the end of its day: 23:59:59.999

  it('reads a date-only deadline_at as the end of that day, and a timed one as written', async () => {
    const header = [...CASE_HEADER, '办理时限'];
    const rows = [
      ['2026-07-17', U(2026, 6, 17) + EOD],
      ['2026/7/17', U(2026, 6, 17) + EOD],
      ['2026年7月17日', U(2026, 6, 17) + EOD],
      ['2026-07-17 00:00', U(2026, 6, 17)], // a time is given, even if it is midnight
      ['2026-07-17 18:30:00', U(2026, 6, 17, 18, 30)],
      ['2026-07-17 24:00', U(2026, 6, 18)],
      ['', null],
    ] as const;
    const path = tempFile('deadlines.csv', csv([header, ...rows.map(([d], i) => [...caseRow({ id: `D${i}` }), d])]));
    const got = await allCases({ path, mapping: null }, context());
    expect(got.map((c) => c.deadlineAt)).toEqual(rows.map(([, want]) => want));
  });

  it('applies the same rule through a column format: a format without an hour reads a date alone', async () => {
    const header = ['Key', 'Board', 'Created', 'Type', 'Due', 'Due2'];
    const path = tempFile('us-deadlines.csv', csv([header, ['1', 'B', '07/14/2026 09:00', '一般', '07/17/2026', '07/17/2026 12:00 AM']]));
    const mapping = {
      columns: { case_id: 'Key', unit: 'Board', received_at: 'Created', urgency: 'Type', deadline_at: 'Due' },
      formats: { received_at: 'MM/DD/YYYY HH:mm', deadline_at: 'MM/DD/YYYY' },
    };
    const [c] = await allCases({ path, mapping }, context());
    expect(c.deadlineAt).toBe(U(2026, 6, 17) + EOD);
    const [d] = await allCases({ path, mapping: { ...mapping, columns: { ...mapping.columns, deadline_at: 'Due2' }, formats: { ...mapping.formats, deadline_at: 'MM/DD/YYYY hh:mm A' } } }, context());
    expect(d.deadlineAt).toBe(U(2026, 6, 17)); // 12:00 AM is a stated time: midnight itself
  });

  it('reads a whole Excel serial or a midnight XLSX date in deadline_at as a date alone', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('工单');
    ws.addRow(['工单编号', '所属社区', '受理时间', '紧急程度', '办理时限']);
    // 46220 = 2026-07-17 (46217 is 2026-07-14, see above); 46220.5 is noon.
    ws.addRow(['X1', '东湖社区', '2026-07-14 09:00', '一般', 46220]);
    ws.addRow(['X2', '东湖社区', '2026-07-14 09:00', '一般', 46220.5]);
    ws.addRow(['X3', '东湖社区', '2026-07-14 09:00', '一般', new Date(U(2026, 6, 17))]);
    const path = join(tempDir(), 'deadlines.xlsx');
    await wb.xlsx.writeFile(path);
    const got = await allCases({ path, mapping: null }, context());
    expect(got.map((c) => c.deadlineAt)).toEqual([U(2026, 6, 17) + EOD, U(2026, 6, 17, 12), U(2026, 6, 17) + EOD]);
  });

  it.each([true, false])('leaves out, and counts, the cases received after a cut-off inside the period (fast path %s)', async (fastLines) => {
    const path = tempFile(
      'cutoff.csv',
      csv([
        CASE_HEADER,
        caseRow({ id: 'K1', received: '2026-08-31 10:00:00' }), // exactly at the cut-off: counted
        caseRow({ id: 'K2', received: '2026-08-31 10:00:01' }), // a second after: left out
        caseRow({ id: 'K3', received: '2026-09-15 09:00:00' }), // later in the period: left out
        caseRow({ id: 'K4', received: '2026-10-02 09:00:00' }), // after the period: out of the period as always
        caseRow({ id: 'K5', received: '2026-09-16 09:00:00', urgency: '特急' }), // rejected first, whatever its date
        caseRow({ id: 'K3', received: '2026-07-15 09:00:00' }), // an id seen only after the cut-off: not a duplicate
      ]),
    );
    const ctx = context({ period: parsePeriod('2026Q3', '2026-08-31 10:00'), fastLines });
    const got = await allCases({ path, mapping: null }, ctx);
    expect(got.map((c) => c.caseId)).toEqual(['K1', 'K3']);
    expect(ctx.ledger.toDataQuality().files[0]).toMatchObject({ rows: 6, accepted: 2, rejected: 1, out_of_period: 3, after_cutoff: 2 });
  });

  it('counts no case after the cut-off when the cut-off is the end of the period', async () => {
    const ctx = context();
    await allCases({ path: tempFile('no-cutoff.csv', csv([CASE_HEADER, caseRow({ id: 'K1', received: '2026-09-30 23:59:59' })])), mapping: null }, ctx);
    expect(ctx.ledger.toDataQuality().files[0]).toMatchObject({ accepted: 1, out_of_period: 0, after_cutoff: 0 });
  });
});
