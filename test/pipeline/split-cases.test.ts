/**
 * A case log read on two threads (src/pipeline/split-cases.ts) must give exactly what one pass gives: the metrics,
 * the breakdowns, every ledger entry in order (rows, values, "first seen at row" of duplicates), the file counts
 * and checksum — or the same error with the same row. The worker runs from the built code (dist/, which `npm test`
 * builds first), so this test imports computeMetrics from there; under the sources alone there is no worker and
 * every read is one pass.
 *
 * The property cuts arbitrary case logs — ids drawn from a handful so duplicates straddle the cut, broken dates,
 * ragged rows, quoted fields with line breaks (so the cut can fall inside one), blank lines, UTF-8 with and without
 * a BOM, GBK, and a byte that breaks UTF-8, with the cut-off at the end of the period or inside it — and compares
 * threads 1 and 2 with the split threshold at 0 bytes.
 */
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CASE_HEADER, caseRow, csv, tempFile } from '../io/helpers.js';
import { propertyParams } from '../helpers/property-params.js';

const dist = new URL('../../dist/pipeline/compute-metrics.js', import.meta.url);
const built = existsSync(new URL('../../dist/pipeline/case-worker.js', import.meta.url));
if (!built) console.warn('split-cases.test.ts: dist/ is not built (run `npm run build`); the two-thread tests are skipped');

type Compute = typeof import('../../src/pipeline/compute-metrics.js').computeMetrics;

async function run(path: string, threads: number, maxRejectShare = 1, asOf?: string): Promise<unknown> {
  const { computeMetrics } = (await import(dist.href)) as { computeMetrics: Compute };
  const { DEFAULT_METRIC_SETTINGS } = await import(new URL('../../dist/metrics/defaults.js', import.meta.url).href);
  const { parsePeriod } = await import(new URL('../../dist/period.js', import.meta.url).href);
  try {
    const r = await computeMetrics({
      cases: { path, mapping: null },
      survey: null,
      ratings: null,
      units: null,
      period: parsePeriod('2026Q3', asOf),
      calendar: {},
      settings: DEFAULT_METRIC_SETTINGS,
      maxRejectShare,
      threads,
      minSplitBytes: 0,
    });
    return { ok: JSON.parse(JSON.stringify(r)) };
  } catch (e) {
    const err = e as Error & { location?: unknown; exitCode?: number };
    return { error: { name: err.name, message: err.message, location: err.location, exitCode: err.exitCode } };
  }
}

const date = fc
  .record({ d: fc.integer({ min: 0, max: 110 }), h: fc.integer({ min: 0, max: 23 }), m: fc.integer({ min: 0, max: 59 }) })
  .map(({ d, h, m }) => new Date(Date.UTC(2026, 5, 20 + d, h, m)).toISOString().slice(0, 16).replace('T', ' '));
const maybe = (good: fc.Arbitrary<string>, bad: string[]) => fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: fc.constantFrom(...bad) });
const row = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.tuple(
      fc.constantFrom('C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8'),
      maybe(fc.constantFrom('东湖社区', '西湖社区', '南湖社区'), ['', '"北湖\n社区"']),
      maybe(date, ['', '2026-02-30 09:00', '2026-07-14 25:00']),
      maybe(fc.constantFrom('一般', '紧急', '复杂', '咨询'), ['特急', '']),
      maybe(date, ['']),
      maybe(date, ['', 'soon']),
      maybe(date, ['']),
      maybe(fc.constantFrom('是', '否'), ['', '也许']),
      maybe(fc.constantFrom('满意', '非常满意', '基本满意', '不满意'), ['', '还行']),
      maybe(fc.constantFrom('0', '1'), ['-1', '']),
      maybe(fc.constantFrom('是', '否'), ['']),
    ).map((r) => [...r]),
  },
  { weight: 1, arbitrary: fc.constant(['']) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom('x', 'C1', '"a,\nb"', '是'), { maxLength: 14 }) },
);

describe.skipIf(!built)('a case log read on two threads', () => {
  it('gives exactly what one pass gives, on arbitrary files cut at arbitrary places', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 0, maxLength: 60 }),
        fc.constantFrom('utf8', 'utf8-bom', 'gbk'),
        fc.option(fc.nat(), { nil: null }),
        fc.constantFrom(1, 0.05),
        fc.constantFrom('', '', '', '\r\n\r\n', 'C9,"never closed\r\n'),
        fc.constantFrom(undefined, '2026-08-15 12:00'),
        async (rows, encoding, breakAt, maxReject, tail, asOf) => {
          // Cells are joined as they are: the '"…"' cells above are quoted CSV text, and the tail may leave a quote open.
          const text = [CASE_HEADER, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n' + tail;
          let bytes: Buffer = encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from((encoding === 'utf8-bom' ? '\uFEFF' : '') + text, 'utf8');
          if (breakAt !== null && encoding !== 'gbk') {
            const at = Math.floor(bytes.length / 3) + (breakAt % Math.max(1, Math.floor((bytes.length * 2) / 3)));
            bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at)]);
          }
          const path = tempFile('split.csv', bytes);
          const one = await run(path, 1, maxReject, asOf);
          const two = await run(path, 2, maxReject, asOf);
          expect(two).toEqual(one);
        },
      ),
      { numRuns: Number(process.env.SPLIT_RUNS ?? 100), endOnFailure: true },
    );
  }, Number(process.env.SPLIT_RUNS ?? 100) * 1500);

  it('rejects a second-half row repeating a first-half id, takes it out of the counts and points at the first row', async () => {
    const rows = [];
    for (let i = 0; i < 40; i++) rows.push(caseRow({ id: `A${i}`, received: '2026-07-01 09:00', closed: '2026-07-02 09:00' }));
    // Row 42 (second half) repeats A3 (row 5); row 43 repeats it again.
    rows.push(caseRow({ id: 'A3', received: '2026-07-05 09:00', satisfaction: '不满意' }));
    rows.push(caseRow({ id: 'A3', received: '2026-07-06 09:00' }));
    const path = tempFile('split-dup.csv', csv([CASE_HEADER, ...rows]));
    const two = (await run(path, 2)) as { ok: { dataQuality: { issues: { row: number; value: string; reason: string }[]; files: { accepted: number; rejected: number }[] } } };
    expect(two).toEqual(await run(path, 1));
    const dups = two.ok.dataQuality.issues.filter((i) => i.reason === 'duplicate case_id');
    expect(dups.map((d) => [d.row, d.value])).toEqual([
      [42, 'A3 (first seen at row 5)'],
      [43, 'A3 (first seen at row 5)'],
    ]);
    expect(two.ok.dataQuality.files[0]).toMatchObject({ accepted: 40, rejected: 2 });
  });

  it('names the row of the whole file when the second half breaks UTF-8', async () => {
    // Longer than the 64 KiB the encoding is detected from, so the break comes mid-file.
    const rows = [];
    for (let i = 0; i < 3000; i++) rows.push(caseRow({ id: `B${i}` }));
    const text = Buffer.from(csv([CASE_HEADER, ...rows]), 'utf8');
    const at = text.lastIndexOf('B2900');
    const path = tempFile('split-bad.csv', Buffer.concat([text.subarray(0, at), Buffer.from([0xc3, 0x28]), text.subarray(at)]));
    const two = (await run(path, 2)) as { error: { message: string; location: { row: number } } };
    expect(two).toEqual(await run(path, 1));
    expect(two.error.location.row).toBe(2902);
    expect(two.error.message).toContain('row 2902');
  });
});

describe.skipIf(!built)('a case log of mixed encodings read on two threads (issue 12)', () => {
  // Files whose first 64 KiB are ASCII leave the encoding undecided when the worker starts; each case compares the
  // two-thread read with one pass. The cut falls at about 56% of the bytes (split-cases.ts), so the first 2,000
  // ASCII rows and 200 more rows lie in the first half and what follows 2,500 further ASCII rows in the second.
  const ASCII_HEADER = ['case_id', 'unit', 'received_at', 'urgency', 'first_contact_at', 'closed_at', 'verified_at', 'resolved', 'satisfaction', 'returned_count', 'repeat'];
  let k = 0;
  const ascii = (n: number) => Array.from({ length: n }, () => caseRow({ id: `A${k++}`, unit: 'EastLake', urgency: 'general' }));
  const zh = (n: number) => Array.from({ length: n }, () => caseRow({ id: `Z${k++}` }));
  const u8 = (rows: string[][]) => Buffer.from(csv(rows), 'utf8');
  const gbk = (rows: string[][]) => iconv.encode(csv(rows), 'gbk');
  // A GBK row whose bytes happen to be valid UTF-8 (E4 B8 AD E6 96 87: "中文" in UTF-8, three characters in GBK).
  const shortUnit = iconv.decode(Buffer.from([0xe4, 0xb8, 0xad, 0xe6, 0x96, 0x87]), 'gb18030');
  const weak = (n: number) => gbk(Array.from({ length: n }, () => caseRow({ id: `W${k++}`, unit: shortUnit, urgency: 'general' })));
  const both = async (name: string, parts: Buffer[]) => {
    const path = tempFile(name, Buffer.concat([u8([ASCII_HEADER]), ...parts]));
    const two = await run(path, 2);
    expect(two).toEqual(await run(path, 1));
    return two as { ok?: { dataQuality: { files: { accepted: number }[] } }; error?: { name: string; message: string; location: { row: number } } };
  };

  it('UTF-8 in the first half, a GBK row in the second: the worker, which judged GBK, reads again as UTF-8 and stops there', async () => {
    const two = await both('mixed-a.csv', [u8(ascii(2000)), u8(zh(200)), u8(ascii(2500)), gbk(zh(1)), u8(zh(5))]);
    expect(two.error).toMatchObject({ name: 'MixedEncodingError', location: { row: 4702 } });
    expect(two.error!.message).toMatch(/row 4702 is not valid UTF-8/);
  });

  it('a GBK file whose first 64 KiB are ASCII: both halves GBK, read in full', async () => {
    const two = await both('mixed-b.csv', [u8(ascii(2000)), gbk(zh(200)), u8(ascii(2500)), gbk(zh(50))]);
    expect(two.ok!.dataQuality.files[0].accepted).toBe(4750);
  });

  it('an ASCII first half, then GBK and a UTF-8 row: the worker decides and names both rows in the whole file', async () => {
    const two = await both('mixed-c.csv', [u8(ascii(5000)), gbk(zh(3)), u8(zh(1))]);
    expect(two.error).toMatchObject({ name: 'MixedEncodingError', location: { row: 5005 } });
    expect(two.error!.message).toMatch(/row 5005 is UTF-8 text.*from row 5002 on/);
  });

  it('GBK in the first half, only short rows that read as UTF-8 in the second: read again as GBK, as one pass does', async () => {
    const two = await both('mixed-d.csv', [u8(ascii(2000)), gbk(zh(200)), u8(ascii(2500)), weak(3)]);
    expect(two.ok!.dataQuality.files[0].accepted).toBe(4703);
  });

  it('GBK in the first half, a UTF-8 row in the second: the first half\'s first GBK row is named', async () => {
    const two = await both('mixed-e.csv', [u8(ascii(2000)), gbk(zh(200)), u8(ascii(2500)), u8(zh(1))]);
    expect(two.error).toMatchObject({ name: 'MixedEncodingError', location: { row: 4702 } });
    expect(two.error!.message).toMatch(/row 4702 is UTF-8 text.*from row 2002 on/);
  });

  it('a UTF-8 file with a GBK cell in the second half (encoding decided by the header)', async () => {
    const path = tempFile('mixed-f.csv', Buffer.concat([u8([CASE_HEADER]), u8(zh(3000)), gbk(zh(1)), u8(zh(3))]));
    const two = (await run(path, 2)) as { error: { location: { row: number } } };
    expect(two).toEqual(await run(path, 1));
    expect(two.error.location.row).toBe(3002);
  });
});

describe('--threads', () => {
  it('takes a whole number of at least 1, and nothing else', async () => {
    const { parseThreads } = await import('../../src/pipeline/inputs.js');
    expect(parseThreads(undefined)).toBeUndefined();
    expect(parseThreads('1')).toBe(1);
    expect(parseThreads(' 2 ')).toBe(2);
    for (const bad of ['0', '-1', '1.5', 'two']) expect(() => parseThreads(bad), bad).toThrow(/--threads must be a whole number/);
  });
});

describe.skipIf(!built)('a case log read on two threads with repeat detection on (issue 14)', () => {
  async function runRepeats(path: string, threads: number): Promise<unknown> {
    const { computeMetrics } = (await import(dist.href)) as { computeMetrics: Compute };
    const { DEFAULT_METRIC_SETTINGS } = await import(new URL('../../dist/metrics/defaults.js', import.meta.url).href);
    const { parsePeriod } = await import(new URL('../../dist/period.js', import.meta.url).href);
    const r = await computeMetrics({
      cases: { path, mapping: null },
      survey: null,
      ratings: null,
      units: null,
      period: parsePeriod('2026Q3'),
      calendar: {},
      settings: {
        ...DEFAULT_METRIC_SETTINGS,
        repeats: { keys: ['caller', 'category'], window: { amount: 30, unit: 'days' }, mergeKeys: ['address', 'category'], mergeWindow: { amount: 72, unit: 'hours' }, basis: 'cases', salt: 's' },
        exclusions: [{ id: 'x', name: { zh: '其他', en: 'Other' }, when: "d.category === '其他'" }],
      },
      maxRejectShare: 1,
      threads,
      minSplitBytes: 0,
    });
    return JSON.parse(JSON.stringify(r));
  }

  it('gives exactly the links, counts and exclusions of one pass, duplicates and cases before the period across the cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(fc.integer({ min: 1, max: 40 }), date, fc.constantFrom('噪音扰民', '路灯', '其他'), fc.constantFrom('1380013800', '1390000000', ''), fc.constantFrom('幸福路1号', '幸福路 1号', ''), fc.constantFrom('', 'C3', 'ZZ'), fc.constantFrom('', '', '非本级职责')),
          { minLength: 2, maxLength: 200 },
        ),
        async (rows) => {
          const path = tempFile(
            'split-repeats.csv',
            csv([
              ['工单编号', '所属社区', '受理时间', '紧急程度', '办结时间', '诉求类别', '来电号码', '诉求地址', '主工单编号', '剔除原因'],
              ...rows.map(([id, d, cat, caller, addr, parent, ex], i) => [`C${id}`, i % 2 ? '东湖社区' : '西湖社区', d, '一般', i % 3 ? d : '', cat, caller, addr, parent, ex]),
            ]),
          );
          const one = await runRepeats(path, 1);
          const two = await runRepeats(path, 2);
          expect(two).toEqual(one);
        },
      ),
      propertyParams(8),
    );
  }, 300_000);
});
