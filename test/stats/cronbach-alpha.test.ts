import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cronbachAlpha } from '../../src/stats/cronbach-alpha.js';

/** α by the covariance form α = k·c̄ / (v̄ + (k − 1)·c̄), an independent route to the same number. */
function alphaFromCovariances(rows: number[][]): number {
  const k = rows[0].length;
  const n = rows.length;
  const means = Array.from({ length: k }, (_, i) => rows.reduce((a, r) => a + r[i], 0) / n);
  const cov = (i: number, j: number) => rows.reduce((a, r) => a + (r[i] - means[i]) * (r[j] - means[j]), 0) / (n - 1);
  let v = 0;
  let c = 0;
  for (let i = 0; i < k; i++) {
    v += cov(i, i) / k;
    for (let j = 0; j < k; j++) if (i !== j) c += cov(i, j) / (k * (k - 1));
  }
  return (k * c) / (v + (k - 1) * c);
}

describe('cronbachAlpha', () => {
  it('3 items × 5 respondents (data of the askan.ai worked example), by hand', () => {
    // data: "How is cronbach alpha coefficient calculated", askan.ai (items A, B, C; respondents 1–5).
    // item variances (n − 1): A 3,2,4,3,4 → 2.8/4 = 0.7; B 4,3,4,2,4 → 3.2/4 = 0.8; C 3,4,5,3,4 → 2.8/4 = 0.7; Σ = 2.2
    // totals 10, 9, 13, 8, 12 (mean 10.4) → 17.2/4 = 4.3; α = 3/2 · (1 − 2.2/4.3) = 0.732558
    const rows = [
      [3, 4, 3],
      [2, 3, 4],
      [4, 4, 5],
      [3, 2, 3],
      [4, 4, 4],
    ];
    expect(cronbachAlpha(rows)).toBeCloseTo(0.732558, 5);
    expect(cronbachAlpha(rows)).toBeCloseTo(alphaFromCovariances(rows), 10);
  });

  it('3 items × 4 participants (data of the calkulon.com step-by-step guide), by hand', () => {
    // data: calkulon.com "Cronbach's alpha" guide: item 1 = 4,3,5,2; item 2 = 5,4,5,3; item 3 = 4,3,5,2.
    // item variances 5/3, 2.75/3, 5/3 → Σ = 4.25; totals 13, 10, 15, 7 (mean 11.25) → 36.75/3 = 12.25
    // α = 3/2 · (1 − 4.25/12.25) = 0.979592
    const rows = [
      [4, 5, 4],
      [3, 4, 3],
      [5, 5, 5],
      [2, 3, 2],
    ];
    expect(cronbachAlpha(rows)).toBeCloseTo(0.979592, 5);
  });

  it('can be negative', () => {
    // items 1,2,3 and 3,1,2: variances 1 and 1; totals 4, 3, 5 → variance 1; α = 2·(1 − 2/1) = −2
    expect(cronbachAlpha([[1, 3], [2, 1], [3, 2]])).toBeCloseTo(-2, 12);
  });

  it('drops respondents with a missing item (listwise)', () => {
    const complete = [
      [3, 4, 3],
      [2, 3, 4],
      [4, 4, 5],
      [3, 2, 3],
      [4, 4, 4],
    ];
    expect(cronbachAlpha([...complete, [5, null, 1], [null, null, null]])).toBe(cronbachAlpha(complete));
  });

  it('is null when k < 2, fewer than 2 complete respondents, or totals do not vary', () => {
    expect(cronbachAlpha([])).toBeNull();
    expect(cronbachAlpha([[1], [2], [3]])).toBeNull();
    expect(cronbachAlpha([[1, 2], [2, null]])).toBeNull();
    // totals all 6
    expect(cronbachAlpha([[1, 5], [5, 1], [3, 3]])).toBeNull();
  });

  it('throws on ragged rows and values that are not finite', () => {
    expect(() => cronbachAlpha([[1, 2], [1]])).toThrow(RangeError);
    expect(() => cronbachAlpha([[1, NaN], [1, 2]])).toThrow(RangeError);
  });

  const answerTables = fc
    .tuple(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 2, max: 12 }))
    .chain(([k, n]) =>
      fc.array(fc.array(fc.option(fc.integer({ min: 1, max: 5 }), { freq: 6 }), { minLength: k, maxLength: k }), {
        minLength: n,
        maxLength: n,
      }),
    );

  it('never exceeds 1 (property; 1e-9 allows for rounding when all items are identical)', () => {
    fc.assert(
      fc.property(answerTables, (rows) => {
        const a = cronbachAlpha(rows);
        return a === null || a <= 1 + 1e-9;
      }),
    );
  });

  it('does not depend on the order of respondents (property)', () => {
    fc.assert(
      fc.property(answerTables, (rows) => {
        const a = cronbachAlpha(rows);
        const b = cronbachAlpha([...rows].reverse());
        return a === null ? b === null : Math.abs(a - b!) < 1e-9;
      }),
    );
  });
});
