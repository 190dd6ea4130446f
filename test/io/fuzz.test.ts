/**
 * Property tests (issue 7): no input makes the readers throw anything but the documented errors. Whatever bytes a
 * file holds, openTable + reading its rows, and readCases, either succeed or throw a DataError (exit 3) — never a
 * TypeError, a RangeError or a csv-parse error of its own.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataError, isGovscoreError } from '../../src/errors.js';
import { openTable } from '../../src/io/read-table.js';
import { CASE_HEADER, allCases, context, csv, tempFile } from './helpers.js';

async function outcome(run: () => Promise<unknown>): Promise<'ok' | 'data-error'> {
  try {
    await run();
    return 'ok';
  } catch (e) {
    if (e instanceof DataError) return 'data-error';
    throw new Error(`undocumented error: ${isGovscoreError(e) ? e.describe() : String((e as Error)?.stack ?? e)}`);
  }
}

const cellArb = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', '"', '""', '\n', '\r\n', ',', '2026-02-30', '2026-07-14 24:00', '25:00', '-1', '紧急', '特急', '\uFEFF', '\u0000', 'constructor'),
);

describe('readers never throw undocumented errors', () => {
  it('on arbitrary bytes, as CSV', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
        const path = tempFile('fuzz.csv', bytes);
        await outcome(async () => {
          const t = await openTable(path, { kind: 'cases' });
          for await (const _r of t.rows) void _r;
          await t.sha256();
        });
      }),
      { numRuns: 150 },
    );
  });

  it('on arbitrary bytes named .xlsx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), fc.boolean(), async (bytes, zipMagic) => {
        const body = zipMagic ? Buffer.concat([Buffer.from('PK\x03\x04'), bytes]) : Buffer.from(bytes);
        const path = tempFile('fuzz.xlsx', body);
        expect(await outcome(async () => {
          const t = await openTable(path, { kind: 'cases' });
          for await (const _r of t.rows) void _r;
        })).toBe('data-error');
      }),
      { numRuns: 60 },
    );
  });

  it('on case logs with arbitrary cells and ragged rows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cellArb, { minLength: 0, maxLength: 13 }), { maxLength: 12 }), async (rows) => {
        const path = tempFile('fuzzcases.csv', csv([CASE_HEADER, ...rows]));
        const ctx = context({ maxRejectShare: 0.5 });
        const result = await outcome(() => allCases({ path, mapping: null }, ctx));
        if (result === 'ok') {
          // Every data row is accounted for exactly once.
          const f = ctx.ledger.toDataQuality().files[0];
          expect(f.accepted + f.rejected + f.out_of_period).toBe(f.rows);
        }
      }),
      { numRuns: 150 },
    );
  });
});
