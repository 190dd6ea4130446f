import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { kendallTauB, spearman } from '../../src/stats/rank-correlation.js';

// Published example: Wikipedia, "Spearman's rank correlation coefficient", worked example (IQ against hours of
// TV per week, 10 people, no ties): Σd² = 194, ρ = 1 − 6·194 / (10·99) = −29/165 ≈ −0.175757.
const IQ = [106, 86, 100, 101, 99, 103, 97, 113, 112, 110];
const TV = [7, 0, 27, 50, 28, 29, 20, 12, 6, 17];

describe('spearman', () => {
  it('matches the published IQ / TV example (no ties)', () => {
    expect(spearman(IQ, TV)).toBeCloseTo(-29 / 165, 12);
  });

  it('uses average ranks for ties (hand-computed)', () => {
    // x = [1,2,2,3,4] → ranks [1,2.5,2.5,4,5]; y = [2,1,3,3,5] → ranks [2,1,3.5,3.5,5]; mean rank 3.
    // deviations x: [−2,−.5,−.5,1,2], y: [−1,−2,.5,.5,2]; Σxy = 2+1−.25+.5+4 = 7.25; Σx² = Σy² = 9.5.
    // ρ = 7.25 / 9.5 = 0.763157…  (scipy.stats.spearmanr 1.17.1 gives 0.7631578947368421 as well)
    expect(spearman([1, 2, 2, 3, 4], [2, 1, 3, 3, 5])).toBeCloseTo(7.25 / 9.5, 12);
  });

  it('is 1 for the same order, −1 for the reverse, null when undefined', () => {
    expect(spearman([1, 2, 3], [10, 20, 30])).toBe(1);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBe(-1);
    expect(spearman([1], [1])).toBeNull();
    expect(spearman([1, 2, 3], [4, 4, 4])).toBeNull();
  });

  it('throws on different lengths', () => {
    expect(() => spearman([1, 2], [1])).toThrow(/differ in length/);
  });

  it('is symmetric and within [−1, 1] (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })), { minLength: 2, maxLength: 30 }),
        (pairs) => {
          const x = pairs.map((p) => p[0]);
          const y = pairs.map((p) => p[1]);
          const a = spearman(x, y);
          const b = spearman(y, x);
          if (a === null) return b === null;
          return b !== null && Math.abs(a - b) < 1e-12 && a >= -1 && a <= 1;
        },
      ),
    );
  });
});

describe('kendallTauB', () => {
  it('counts pairs by hand without ties', () => {
    // [1,2,3,4] vs [1,3,2,4]: of the 6 pairs only (2,3) is discordant → (5 − 1) / 6.
    expect(kendallTauB([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(4 / 6, 12);
  });

  it('corrects for ties (hand-computed)', () => {
    // x = [1,2,2,3,4], y = [2,1,3,3,5]; 10 pairs: discordant (1,2); tied in x (2,3); tied in y (3,4);
    // the other 7 concordant. n0 = 10, n1 = n2 = 1 → τb = (7 − 1) / √(9·9) = 2/3.
    // (scipy.stats.kendalltau 1.17.1, which computes τ-b, gives 0.6666666666666666.)
    expect(kendallTauB([1, 2, 2, 3, 4], [2, 1, 3, 3, 5])).toBeCloseTo(2 / 3, 12);
  });

  it('matches the IQ / TV data: 20 concordant, 25 discordant pairs → −5/45', () => {
    expect(kendallTauB(IQ, TV)).toBeCloseTo(-5 / 45, 12);
  });

  it('is null when one side is entirely tied', () => {
    expect(kendallTauB([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(kendallTauB([], [])).toBeNull();
  });

  it('is 1 for identical rankings with ties', () => {
    expect(kendallTauB([1, 2, 2, 4], [1, 2, 2, 4])).toBe(1);
  });
});
