/**
 * The fast path for UTF-8 case-log lines (src/io/fast-case-line.ts) must change nothing but the speed: reading a
 * file with it and without it (ReadContext.fastLines = false) gives the same records, ledger entries and counts.
 * The files are longer than the first 64 KiB chunk (always read as text, with the header) so that most lines go
 * through the fast path, and mix lines it takes with every kind it must hand back: quoted fields with line
 * breaks, stray CRs, ragged rows, blank lines, spaced or non-ASCII ids, Unicode spaces, dates in other forms or
 * impossible, unknown labels, times out of order, duplicates, rows outside the period, rows after a cut-off inside
 * the period.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../src/ledger.js';
import { parsePeriod } from '../../src/period.js';
import { readCases } from '../../src/io/read-cases.js';
import type { CaseRecord } from '../../src/types.js';
import { CASE_HEADER, tempFile } from './helpers.js';
import { propertyParams } from '../helpers/property-params.js';

async function read(path: string, fastLines: boolean, registry: Set<string> | null, asOf?: string) {
  const ledger = new Ledger();
  const records: CaseRecord[] = [];
  let error: unknown = null;
  try {
    for await (const b of readCases({ path, mapping: null }, { ledger, period: parsePeriod('2026Q3', asOf), registry, maxRejectShare: 1, fastLines })) records.push(...b);
  } catch (e) {
    error = { message: (e as Error).message, location: (e as { location?: unknown }).location };
  }
  return { records, dq: ledger.toDataQuality(), error };
}

/** A date-time `minutes` after 2026-06-20 00:00, with or without seconds. */
const at = (minutes: number, seconds: boolean) => {
  const iso = new Date(Date.UTC(2026, 5, 20, 0, minutes, seconds ? 7 : 0)).toISOString();
  return seconds ? iso.slice(0, 19).replace('T', ' ') : iso.slice(0, 16).replace('T', ' ');
};
const odd = (good: fc.Arbitrary<string>, bad: string[]) => fc.oneof({ weight: 12, arbitrary: good }, { weight: 1, arbitrary: fc.constantFrom(...bad) });
// Times in order most of the time (so most lines are ones the fast path takes), out of order sometimes.
const times = fc
  .record({
    received: fc.integer({ min: 0, max: 160_000 }),
    contact: fc.integer({ min: -100, max: 5_000 }),
    closed: fc.integer({ min: -100, max: 20_000 }),
    verified: fc.integer({ min: -100, max: 5_000 }),
    seconds: fc.boolean(),
    blank: fc.constantFrom('', 'contact', 'closed', 'verified'),
  })
  .map((t) => {
    const closed = t.received + Math.max(t.closed, t.contact > 0 ? t.contact : 0);
    return [
      at(t.received, t.seconds),
      t.blank === 'contact' ? '' : at(t.received + t.contact, t.seconds),
      t.blank === 'closed' ? '' : at(closed, t.seconds),
      t.blank === 'verified' ? '' : at(closed + t.verified, !t.seconds),
    ];
  });
const badDate = ['2026-02-30 09:00', '2026-07-14 25:00', '2026/7/14 9:05', '2026-07-14T08:00', '2026年7月14日', '46217.5', '2026-07-14 24:00', ' 2026-07-14 08:00', 'soon'];
const line = fc.oneof(
  {
    weight: 20,
    arbitrary: fc
      .tuple(
        odd(fc.integer({ min: 1, max: 400 }).map((n) => `GD${n}`), ['', ' GD1', 'GD1 ', '工单1', 'GD\u30001', '"GD1"']),
        odd(fc.constantFrom('东湖社区', '西湖社区', '南湖社区'), ['', '北湖社区', ' 东湖社区', '东湖社区\u3000', '"东湖,社区"']),
        times,
        fc.nat(40),
        fc.constantFrom(...badDate),
        odd(fc.constantFrom('一般', '紧急', '复杂', '咨询', 'urgent'), ['特急', '', ' 一般']),
        odd(fc.constantFrom('是', '否', ''), ['也许', 'YES']),
        odd(fc.constantFrom('满意', '非常满意', '基本满意', '不满意', '非常不满意', ''), ['还行', '6']),
        odd(fc.constantFrom('0', '1', '2', ''), ['-1', '1.5', ' 1', '007']),
        odd(fc.constantFrom('是', '否', ''), ['x']),
      )
      .map(([id, unit, [received, contact, closed, verified], spoil, bad, urgency, resolved, satisfaction, returned, repeat]) => {
        const dates = [received, contact, closed, verified];
        if (spoil < 4) dates[spoil] = bad; // one date in about ten in another form
        return [id, unit, dates[0], urgency, dates[1], dates[2], dates[3], resolved, satisfaction, returned, repeat].join(',');
      }),
  },
  { weight: 1, arbitrary: fc.constantFrom('', ',,,,,,,,,,', 'GD1,东湖社区', 'GD2,东湖社区,2026-07-01 08:00,一般,,,,,,,,extra', 'a\rb,c', '"multi\nline",x') },
);

describe('the fast path for case-log lines', () => {
  it('gives exactly what the general path gives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 60 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.constantFrom(undefined, '2026-08-20 12:00'), async (lines, eol, withRegistry, asOf) => {
        // Repeat the lines past the first 64 KiB chunk; ids get the repetition's number (the id pool makes duplicates).
        const body: string[] = [];
        let size = 0;
        for (let k = 0; size < 150_000; k++) {
          for (const l of lines) {
            const x = l.replace(/^GD(\d+)/, `GD$1-${k}`);
            body.push(x);
            size += Buffer.byteLength(x) + eol.length;
          }
        }
        const path = tempFile('fast-lines.csv', Buffer.from([CASE_HEADER.join(','), ...body].join(eol) + eol, 'utf8'));
        const registry = withRegistry ? new Set(['东湖社区', '西湖社区']) : null;
        const slow = await read(path, false, registry, asOf);
        const fast = await read(path, true, registry, asOf);
        expect(fast.error).toEqual(slow.error);
        expect(fast.dq).toEqual(slow.dq);
        expect(fast.records).toEqual(slow.records);
      }),
      { numRuns: Number(process.env.FAST_RUNS ?? 100) },
    );
  }, 120_000);
});

describe('the fast path with repeat detection on (issue 14)', () => {
  // The same lines with a caller, an address, a parent case and an exclusion reason in the forms the fast path
  // takes (ASCII digits, interned text) and in those it leaves to the general path (full-width digits, text ids).
  const extra = fc.tuple(
    fc.constantFrom('13800138000', '138 0013 8000', '+8613800138000', '１３８００１３８０００', '张先生', ''),
    fc.constantFrom('幸福路12号', '幸福路 １２号', 'A栋。', ''),
    fc.constantFrom('', 'GD3-0', '主单1', ' GD4-1'),
    fc.constantFrom('', '', '非本级职责'),
  );
  async function readWith(path: string, fastLines: boolean) {
    const ledger = new Ledger();
    const records: CaseRecord[] = [];
    const ctx = { ledger, period: parsePeriod('2026Q3'), registry: null, maxRejectShare: 1, fastLines, detection: { fields: [] } };
    for await (const b of readCases({ path, mapping: null }, ctx)) records.push(...b);
    return { records, dq: ledger.toDataQuality() };
  }
  it('gives exactly what the general path gives, cases before the period included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(line, extra), { minLength: 1, maxLength: 40 }), async (lines) => {
        const body: string[] = [];
        let size = 0;
        for (let k = 0; size < 150_000; k++) {
          for (const [l, [caller, address, parent, exclusion]] of lines) {
            const x = `${l.replace(/^GD(\d+)/, `GD$1-${k}`)},${caller},${address},${parent},${exclusion}`;
            body.push(x);
            size += Buffer.byteLength(x) + 1;
          }
        }
        const header = [...CASE_HEADER, '来电号码', '诉求地址', '主工单编号', '剔除原因'].join(',');
        const path = tempFile('fast-lines-repeats.csv', Buffer.from([header, ...body].join('\n') + '\n', 'utf8'));
        const slow = await readWith(path, false);
        const fast = await readWith(path, true);
        expect(fast.dq).toEqual(slow.dq);
        expect(fast.records).toEqual(slow.records);
      }),
      propertyParams(15),
    );
  }, 120_000);
});
