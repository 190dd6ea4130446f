import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { marginOfError } from '../../src/stats/margin-of-error.js';

describe('marginOfError', () => {
  it('is 1.96·s/√n without weights', () => {
    // 80, 100, 60, 80: mean 80, Σ(x − x̄)² = 800, s² = 800/3, s = 16.329932; 1.96·s/2 = 16.003333
    expect(marginOfError([80, 100, 60, 80])).toBeCloseTo(16.003333, 5);
  });

  it('uses the weighted mean, a weighted variance and Kish effective n with weights', () => {
    // values 100, 80, 60 with weights 2, 1, 1: Σw = 4, Σw² = 6, n_eff = 16/6 = 2.666667
    // x̄_w = (200 + 80 + 60)/4 = 85; Σw(x − x̄)² = 2·225 + 25 + 625 = 1100; /Σw = 275
    // s²_w = 275 · n_eff/(n_eff − 1) = 275 · 1.6 = 440; MOE = 1.96·√(440/2.666667) = 1.96·√165 = 25.176656
    expect(marginOfError([100, 80, 60], [2, 1, 1])).toBeCloseTo(25.176656, 5);
  });

  it('with equal weights equals the unweighted margin (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 20, max: 100 }), { minLength: 2, maxLength: 30 }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (xs, w) => Math.abs(marginOfError(xs, xs.map(() => w))! - marginOfError(xs)!) < 1e-9,
      ),
    );
  });

  it('is null when n < 2 or all the weight sits on one value', () => {
    expect(marginOfError([])).toBeNull();
    expect(marginOfError([80])).toBeNull();
    expect(marginOfError([80], [1])).toBeNull();
    expect(marginOfError([80, 60], [1, 0])).toBeNull();
    expect(marginOfError([80, 60], [0, 0])).toBeNull();
  });

  it('is 0 when every value is the same', () => {
    expect(marginOfError([60, 60, 60])).toBe(0);
  });

  it('throws on negative or non-finite weights, length mismatch and non-finite values', () => {
    expect(() => marginOfError([1, 2], [1, -1])).toThrow(RangeError);
    expect(() => marginOfError([1, 2], [1, NaN])).toThrow(RangeError);
    expect(() => marginOfError([1, 2], [1])).toThrow(RangeError);
    expect(() => marginOfError([1, Infinity])).toThrow(RangeError);
  });
});
