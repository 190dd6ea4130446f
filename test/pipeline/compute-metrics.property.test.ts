/**
 * Property tests of the metric stage (issue 7 part 3): for arbitrary case logs — valid rows, rows with broken
 * dates, unknown labels, negative counts, ragged widths, quotes and line breaks — computeMetrics either returns or
 * throws a GovscoreError (exit 2 or 3), nothing else; and every rate it returns is null (empty denominator) or
 * within [0, 1], every row is accounted for exactly once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isGovscoreError } from '../../src/errors.js';
import { DEFAULT_METRIC_SETTINGS } from '../../src/metrics/defaults.js';
import { parsePeriod } from '../../src/period.js';
import { computeMetrics } from '../../src/pipeline/compute-metrics.js';
import { CASE_HEADER, csv, tempFile } from '../io/helpers.js';

const RATES = ['on_time_close_rate', 'first_contact_rate', 'resolution_rate', 'satisfaction_rate', 'verification_rate', 'return_rate', 'repeat_rate'] as const;

const dateArb = fc.oneof(
  fc.record({ d: fc.integer({ min: 0, max: 120 }), h: fc.integer({ min: 0, max: 23 }), m: fc.integer({ min: 0, max: 59 }) }).map(({ d, h, m }) => {
    // Days from 2026-06-20 (some before the period, some after it): always a real date-time.
    const t = new Date(Date.UTC(2026, 5, 20 + d, h, m));
    return t.toISOString().slice(0, 16).replace('T', ' ');
  }),
  fc.constantFrom('', '2026-02-30 09:00', '2026-07-14 24:30', '2026-07-14 25:00', 'yesterday', '2026/7/14 9:05', '46217.5', '2026-07-14 24:00'),
);
const cellArb = (good: fc.Arbitrary<string>) => fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) });
const rowArb = fc.oneof(
  { weight: 9, arbitrary: fc.tuple(
    cellArb(fc.constantFrom('C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8')),
    cellArb(fc.constantFrom('东湖社区', '西湖社区', '')),
    dateArb,
    cellArb(fc.constantFrom('一般', '紧急', '复杂', '咨询', '特急', '')),
    dateArb,
    dateArb,
    dateArb,
    cellArb(fc.constantFrom('是', '否', '')),
    cellArb(fc.constantFrom('满意', '非常满意', '基本满意', '不满意', '非常不满意', '')),
    cellArb(fc.constantFrom('0', '1', '2', '-1', '1.5', '')),
    cellArb(fc.constantFrom('是', '否', '')),
  ).map((r) => [...r]) },
  { weight: 1, arbitrary: fc.array(fc.string({ maxLength: 5 }), { maxLength: 14 }) },
);

describe('computeMetrics on arbitrary case logs', () => {
  it('throws only GovscoreErrors, returns rates in [0, 1] or null, and accounts for every row', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { minLength: 0, maxLength: 25 }), fc.double({ min: 0, max: 1, noNaN: true }), async (rows, maxRejectShare) => {
        const path = tempFile('prop-cases.csv', csv([CASE_HEADER, ...rows]));
        let result;
        try {
          result = await computeMetrics({
            cases: { path, mapping: null },
            survey: null,
            ratings: null,
            units: null,
            period: parsePeriod('2026Q3'),
            calendar: {},
            settings: DEFAULT_METRIC_SETTINGS,
            maxRejectShare,
          });
        } catch (e) {
          if (!isGovscoreError(e)) throw new Error(`undocumented error: ${String((e as Error)?.stack ?? e)}`);
          expect([2, 3]).toContain(e.exitCode);
          return;
        }
        for (const [unit, m] of Object.entries(result.cases)) {
          for (const k of RATES) {
            const v = m[k];
            if (v !== null) {
              expect(v, `${unit} ${k}`).toBeGreaterThanOrEqual(0);
              expect(v, `${unit} ${k}`).toBeLessThanOrEqual(1);
            }
          }
        }
        const f = result.dataQuality.files.find((x) => x.kind === 'cases')!;
        expect(f.accepted + f.rejected + f.out_of_period).toBe(f.rows);
      }),
      { numRuns: 300 },
    );
  });
});
