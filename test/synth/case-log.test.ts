/**
 * The synthetic 12345 case-log generator: deterministic bytes, exact row counts, faults at the configured
 * rate (checked by an independent reader of the CSV, not by trusting the generator's own counters alone),
 * and good rows that respect the order of events.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { CASE_FAULT_KINDS, CASE_LOG_HEADERS, createCaseLog, writeCaseLogCsv, type CaseFaultKind } from '../support/synth/case-log.js';

const dir = mkdtempSync(join(tmpdir(), 'govscore-synth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DATETIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
/** Independent strict parser: a real calendar date and clock time, or null. */
function parse(s: string): number | null {
  const m = DATETIME.exec(s);
  if (!m) return null;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  const d = new Date(t);
  if (d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3] || +m[4] > 23 || +m[5] > 59 || +m[6] > 59) return null;
  return t;
}

function readCsv(path: string, encoding: 'utf8' | 'gbk' = 'utf8'): string[][] {
  const text = encoding === 'gbk' ? iconv.decode(readFileSync(path), 'gbk') : readFileSync(path, 'utf8');
  const lines = text.replace(/^\uFEFF/, '').split('\r\n');
  expect(lines.pop()).toBe(''); // the file ends with a line break
  return lines.map((l) => l.split(','));
}

const col = (name: string): number => (CASE_LOG_HEADERS as readonly string[]).indexOf(name);
const C = {
  id: col('工单编号'),
  received: col('受理时间'),
  urgency: col('办理类型'),
  unit: col('所属社区'),
  contact: col('首次联系时间'),
  closed: col('办结时间'),
  verified: col('回访时间'),
  resolved: col('是否解决'),
  satisfaction: col('回访满意度'),
};
const UNITS = ['青禾社区', '望江社区', '柳岸社区', '梧桐社区', '金桥社区', '锦绣社区', '南苑社区', '石榴社区', '春晖社区'];

/** Classifies a row the way validation would, without looking at the generator's internals. */
function detectFault(row: string[], seenIds: Set<string>): CaseFaultKind | null {
  const dup = seenIds.has(row[C.id]);
  seenIds.add(row[C.id]);
  if (dup) return 'duplicate_id';
  if (row[C.received] === '') return 'missing_received';
  const received = parse(row[C.received]);
  if (received === null) return 'garbage_date';
  if (!['紧急', '一般', '复杂', '咨询'].includes(row[C.urgency])) return 'unknown_urgency';
  if (!UNITS.includes(row[C.unit])) return 'unknown_unit';
  const closed = row[C.closed] ? parse(row[C.closed]) : null;
  if (closed !== null && closed < received) return 'closed_before_received';
  const verified = row[C.verified] ? parse(row[C.verified]) : null;
  if (closed !== null && verified !== null && verified < closed) return 'verified_before_closed';
  return null;
}

describe('createCaseLog / writeCaseLogCsv', () => {
  it('writes identical bytes for the same seed, and different bytes for another seed', async () => {
    const opts = { rows: 3000, faultRate: 0.02, outOfPeriodRate: 0.01 };
    await writeCaseLogCsv(join(dir, 'a.csv'), { ...opts, seed: 99 });
    await writeCaseLogCsv(join(dir, 'b.csv'), { ...opts, seed: 99 });
    await writeCaseLogCsv(join(dir, 'c.csv'), { ...opts, seed: 100 });
    const a = readFileSync(join(dir, 'a.csv'));
    expect(a.equals(readFileSync(join(dir, 'b.csv')))).toBe(true);
    expect(a.equals(readFileSync(join(dir, 'c.csv')))).toBe(false);
    // UTF-8 with BOM by default, the Chinese header first.
    expect([...a.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(readCsv(join(dir, 'a.csv'))[0]).toEqual([...CASE_LOG_HEADERS]);
  });

  it('writes exactly the requested number of data rows', async () => {
    for (const rows of [0, 1, 7, 1234]) {
      const path = join(dir, `n${rows}.csv`);
      const stats = await writeCaseLogCsv(path, { rows, seed: rows, faultRate: 0.1 });
      expect(readCsv(path).length - 1).toBe(rows);
      expect(stats.rows).toBe(rows);
    }
  });

  it('injects faults at the configured rate, one per faulty row, and counts them truthfully', async () => {
    // 20,000 rows at 5 %: expected 1,000 faulty rows, binomial σ = √(20000·0.05·0.95) ≈ 30.8; allow 4σ.
    const path = join(dir, 'faults.csv');
    const stats = await writeCaseLogCsv(path, { rows: 20_000, seed: 7, faultRate: 0.05, faultKinds: CASE_FAULT_KINDS });
    const [, ...rows] = readCsv(path);
    const seen = new Set<string>();
    const detected = Object.fromEntries(CASE_FAULT_KINDS.map((k) => [k, 0])) as Record<CaseFaultKind, number>;
    for (const row of rows) {
      const kind = detectFault(row, seen);
      if (kind) detected[kind]++;
    }
    expect(detected).toEqual(stats.faults);
    const total = Object.values(detected).reduce((a, b) => a + b, 0);
    expect(Math.abs(total - 1000)).toBeLessThan(4 * 30.8);
    // Seven kinds drawn equally among ~1,000 faults: each about 143; every kind must show up in quantity.
    for (const k of CASE_FAULT_KINDS) expect(detected[k]).toBeGreaterThan(80);
  });

  it('writes no faults with faultRate 0', async () => {
    const log = createCaseLog({ rows: 2000, seed: 5 });
    const seen = new Set<string>();
    for (const row of log.rows()) expect(detectFault(row, seen)).toBeNull();
    expect(Object.values(log.stats.faults).every((n) => n === 0)).toBe(true);
  });

  it('every good row has received ≤ first contact ≤ closed ≤ verified, answers only for closed cases, and is in the period', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 1, max: 400 }), (seed, rows) => {
        const log = createCaseLog({ rows, seed, period: '2026Q3' });
        const from = Date.UTC(2026, 6, 1);
        const toExclusive = Date.UTC(2026, 9, 1);
        for (const row of log.rows()) {
          const received = parse(row[C.received])!;
          expect(received).not.toBeNull();
          expect(received >= from && received < toExclusive).toBe(true);
          const contact = row[C.contact] ? parse(row[C.contact]) : null;
          const closed = row[C.closed] ? parse(row[C.closed]) : null;
          const verified = row[C.verified] ? parse(row[C.verified]) : null;
          if (contact !== null) expect(contact).toBeGreaterThanOrEqual(received);
          if (closed !== null) {
            expect(closed).toBeGreaterThanOrEqual(contact ?? received);
            expect(['是', '否']).toContain(row[C.resolved]);
          } else {
            // Still open: nothing that only a closed case can have.
            expect(row[C.verified] + row[C.resolved] + row[C.satisfaction]).toBe('');
          }
          if (verified !== null) expect(verified).toBeGreaterThanOrEqual(closed!);
          if (row[C.satisfaction]) expect(verified).not.toBeNull();
        }
        return true;
      }),
      { numRuns: 25 },
    );
  });

  it('puts the requested share of rows before the period, and leaves a share open', () => {
    const log = createCaseLog({ rows: 5000, seed: 11, outOfPeriodRate: 0.02 });
    let before = 0;
    for (const row of log.rows()) if (parse(row[C.received])! < Date.UTC(2026, 6, 1)) before++;
    expect(before).toBe(100); // round(5000 × 0.02), apportioned exactly
    expect(log.stats.outOfPeriod).toBe(100);
    expect(log.stats.open).toBeGreaterThan(0);
    expect(log.stats.open).toBeLessThan(500);
  });

  it('writes GBK when asked, with the same content as the UTF-8 file', async () => {
    await writeCaseLogCsv(join(dir, 'u.csv'), { rows: 300, seed: 3, encoding: 'utf8' });
    await writeCaseLogCsv(join(dir, 'g.csv'), { rows: 300, seed: 3, encoding: 'gbk' });
    const gbk = readFileSync(join(dir, 'g.csv'));
    expect(gbk.toString('utf8')).not.toContain('工单编号'); // really re-encoded
    expect(readCsv(join(dir, 'g.csv'), 'gbk')).toEqual(readCsv(join(dir, 'u.csv')));
  });

  it('rejects impossible options', () => {
    expect(() => createCaseLog({ rows: -1 })).toThrow(/rows/);
    expect(() => createCaseLog({ rows: 1.5 })).toThrow(/rows/);
    expect(() => createCaseLog({ rows: 10, faultRate: 2 })).toThrow(/faultRate/);
    expect(() => createCaseLog({ rows: 10, units: [] })).toThrow(/units/);
    expect(() => createCaseLog({ rows: 10, period: '2026Q5' })).toThrow(/period/);
  });
});
