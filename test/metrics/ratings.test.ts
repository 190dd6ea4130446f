import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.js';
import { computeRatings, findDuplicateRatings } from '../../src/metrics/ratings.js';
import type { MetricSettings, RatingAggregate, RatingRecord } from '../../src/types.js';

const SCALE = { 优: 95, 良: 85, 中: 70, 差: 50 };

function settings(aggregate: RatingAggregate = 'mean', perIndicator: Record<string, RatingAggregate> = {}): MetricSettings {
  return {
    timeLimits: {} as MetricSettings['timeLimits'],
    satisfaction: { levelScores: { 5: 100, 4: 80, 3: 60, 2: 40, 1: 20 }, satisfiedLevels: [5, 4, 3] },
    survey: { items: [], minN: 30 },
    ratings: { scale: SCALE, aggregate, perIndicator },
    custom: [],
  };
}

function rating(row: number, indicator: string, unit: string, rater: string, label: keyof typeof SCALE): RatingRecord {
  return { row, indicator, unit, rater, value: SCALE[label], label };
}

// Indicator k1, raters r1–r4, units A B C; r4 did not rate C; r1's first rating of A (row 2) is replaced by row 20.
const records: RatingRecord[] = [
  rating(2, 'k1', 'A', 'r1', '良'),
  rating(3, 'k1', 'A', 'r2', '良'),
  rating(4, 'k1', 'A', 'r3', '优'),
  rating(5, 'k1', 'A', 'r4', '中'),
  rating(6, 'k1', 'B', 'r1', '良'),
  rating(7, 'k1', 'B', 'r2', '中'),
  rating(8, 'k1', 'B', 'r3', '良'),
  rating(9, 'k1', 'B', 'r4', '差'),
  rating(10, 'k1', 'C', 'r1', '中'),
  rating(11, 'k1', 'C', 'r2', '优'),
  rating(12, 'k1', 'C', 'r3', '中'),
  rating(20, 'k1', 'A', 'r1', '优'),
];
// after the duplicate: A = 95 85 95 70, B = 85 70 85 50, C = 70 95 70

describe('findDuplicateRatings', () => {
  it('returns the earlier rows that a later row of the same rater, unit and indicator replaces', () => {
    expect(findDuplicateRatings(records).map((r) => r.row)).toEqual([2]);
    expect(findDuplicateRatings([...records].reverse()).map((r) => r.row)).toEqual([2]);
    expect(findDuplicateRatings(records.slice(0, 11))).toEqual([]);
  });
  it('names the row that replaces each one: the next rating of the same key (a chain 2 → 7 → 9)', () => {
    const chain = [rating(9, 'k', 'A', 'r', '优'), rating(2, 'k', 'A', 'r', '差'), rating(7, 'k', 'A', 'r', '中'), rating(3, 'k', 'A', 's', '良')];
    expect(findDuplicateRatings(chain).map((r) => [r.row, r.replacedByRow])).toEqual([
      [2, 7],
      [7, 9],
    ]);
    expect(computeRatings(chain, settings('mean')).cells.k.A).toMatchObject({ n: 2, value: (95 + 85) / 2 });
  });
});

describe('computeRatings', () => {
  it('mean, with n, min, max and the label distribution', () => {
    const { cells } = computeRatings(records, settings('mean'));
    // A: (95 + 85 + 95 + 70)/4 = 86.25; B: (85 + 70 + 85 + 50)/4 = 72.5; C: (70 + 95 + 70)/3 = 78.333333
    expect(cells.k1.A).toEqual({ n: 4, value: 86.25, min: 70, max: 95, raters: ['r1', 'r2', 'r3', 'r4'], distribution: { 优: 2, 良: 1, 中: 1, 差: 0 } });
    expect(cells.k1.B.value).toBeCloseTo(72.5, 10);
    expect(cells.k1.C).toMatchObject({ n: 3, min: 70, max: 95, distribution: { 优: 1, 良: 0, 中: 2, 差: 0 } });
    expect(cells.k1.C.value).toBeCloseTo(78.333333, 5);
  });

  it('median and trimmed mean (去掉一个最高分和一个最低分)', () => {
    const median = computeRatings(records, settings('mean', { k1: 'median' }));
    // A sorted 70 85 95 95 → (85 + 95)/2 = 90; B 50 70 85 85 → 77.5; C 70 70 95 → 70
    expect(median.indicators.k1.aggregate).toBe('median');
    expect([median.cells.k1.A.value, median.cells.k1.B.value, median.cells.k1.C.value]).toEqual([90, 77.5, 70]);
    const trimmed = computeRatings(records, settings('trimmed_mean'));
    // A: drop 95 and 70 → (85 + 95)/2 = 90; B: drop 85 and 50 → (70 + 85)/2 = 77.5; C: drop 95 and one 70 → 70
    expect([trimmed.cells.k1.A.value, trimmed.cells.k1.B.value, trimmed.cells.k1.C.value]).toEqual([90, 77.5, 70]);
  });

  it('fuzzy: membership = label counts / n, score = membership · scale scores', () => {
    const { cells } = computeRatings(records, settings('fuzzy'));
    // A: 优 2, 良 1, 中 1, 差 0 of 4 → (0.5, 0.25, 0.25, 0); 0.5·95 + 0.25·85 + 0.25·70 = 86.25
    expect(cells.k1.A.value).toBeCloseTo(86.25, 10);
    // C: (1/3, 0, 2/3, 0) → 95/3 + 140/3 = 78.333333
    expect(cells.k1.C.value).toBeCloseTo(78.333333, 5);
  });

  it('fuzzy falls back to the mean when a rating has no label', () => {
    const mixed: RatingRecord[] = [
      { row: 2, indicator: 'k2', unit: 'A', rater: 'r1', value: 88, label: null },
      rating(3, 'k2', 'A', 'r2', '良'),
    ];
    const { cells } = computeRatings(mixed, settings('fuzzy'));
    // (88 + 85)/2 = 86.5; the unlabelled 88 is not in the distribution
    expect(cells.k2.A).toEqual({ n: 2, value: 86.5, min: 85, max: 88, raters: ['r1', 'r2'], distribution: { 优: 0, 良: 1, 中: 0, 差: 0 } });
  });

  it("lists the raters and Kendall's W across units, leaving out raters who missed a unit", () => {
    const { indicators } = computeRatings(records, settings());
    expect(indicators.k1.raters).toEqual(['r1', 'r2', 'r3', 'r4']);
    // Each cell names its own raters: r4 did not rate C, so C lists three (the report prints these, not the panel).
    const { cells } = computeRatings(records, settings());
    expect(cells.k1.A.raters).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(cells.k1.C.raters).toEqual(['r1', 'r2', 'r3']);
    // r4 missed C and is left out. Ranks over A B C: r1 95 85 70 → 3 2 1; r2 85 70 95 → 2 1 3; r3 95 85 70 → 3 2 1
    // R = 8, 5, 5; R̄ = 6; S = 4 + 1 + 1 = 6; W = 12·6 / (3²·(27 − 3)) = 72/216 = 1/3
    expect(indicators.k1.kendallW).toBeCloseTo(1 / 3, 10);
  });

  it('W is null with a single unit or a single rater', () => {
    const oneUnit = records.filter((r) => r.unit === 'A');
    expect(computeRatings(oneUnit, settings()).indicators.k1.kendallW).toBeNull();
    const oneRater = records.filter((r) => r.rater === 'r2');
    expect(computeRatings(oneRater, settings()).indicators.k1.kendallW).toBeNull();
  });

  it('no records, no indicators', () => {
    expect(computeRatings([], settings())).toEqual({ cells: {}, indicators: {} });
  });

  it('rejects a value that is not a number, with its row', () => {
    const bad: RatingRecord[] = [{ row: 7, indicator: 'k1', unit: 'A', rater: 'r1', value: NaN, label: null }];
    expect(() => computeRatings(bad, settings())).toThrow(DataError);
    try {
      computeRatings(bad, settings());
    } catch (e) {
      expect((e as DataError).location).toEqual({ row: 7, column: 'value' });
    }
  });

  const labels = Object.keys(SCALE) as (keyof typeof SCALE)[];
  const randomRecords = fc
    .uniqueArray(
      fc.record({
        indicator: fc.constantFrom('k1', 'k2'),
        unit: fc.constantFrom('A', 'B', 'C', 'D'),
        rater: fc.constantFrom('r1', 'r2', 'r3'),
        label: fc.constantFrom(...labels),
      }),
      { maxLength: 40, selector: (r) => `${r.indicator}|${r.unit}|${r.rater}|${r.label}` },
    )
    .map((rs) => rs.map((r, i) => rating(i + 2, r.indicator, r.unit, r.rater, r.label)));

  it('permuting the ratings changes nothing (property)', () => {
    for (const aggregate of ['mean', 'median', 'trimmed_mean', 'fuzzy'] as const) {
      fc.assert(
        fc.property(randomRecords, fc.func(fc.integer()), (rs, key) => {
          const shuffled = [...rs].sort((x, y) => key(x.row) - key(y.row) || x.row - y.row);
          expect(computeRatings(shuffled, settings(aggregate))).toEqual(computeRatings(rs, settings(aggregate)));
          expect(findDuplicateRatings(shuffled)).toEqual(findDuplicateRatings(rs));
        }),
        { numRuns: 50 },
      );
    }
  });

  it('aggregates lie within [min, max] and W within [0, 1] (property)', () => {
    fc.assert(
      fc.property(randomRecords, fc.constantFrom<RatingAggregate>('mean', 'median', 'trimmed_mean', 'fuzzy'), (rs, aggregate) => {
        const r = computeRatings(rs, settings(aggregate));
        const cellsOk = Object.values(r.cells).every((units) =>
          Object.values(units).every((c) => c.value! >= c.min! - 1e-9 && c.value! <= c.max! + 1e-9),
        );
        const wOk = Object.values(r.indicators).every((i) => i.kendallW === null || (i.kendallW >= 0 && i.kendallW <= 1));
        return cellsOk && wOk;
      }),
    );
  });
});
