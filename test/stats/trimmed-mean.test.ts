import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trimmedMean } from '../../src/stats/trimmed-mean.js';

describe('trimmedMean (去掉一个最高分和一个最低分)', () => {
  it('drops one highest and one lowest', () => {
    // 90 and 60 dropped: (85 + 70 + 88)/3 = 81
    expect(trimmedMean([90, 85, 70, 88, 60])).toBe(81);
    // 3 values: only the middle one is left
    expect(trimmedMean([10, 50, 20])).toBe(20);
  });
  it('drops only one value at each end when several share it', () => {
    // one 80 and the 70 dropped: (80 + 80)/2 = 80
    expect(trimmedMean([80, 80, 80, 70])).toBe(80);
  });
  it('is the plain mean for fewer than 3 values and null for none', () => {
    expect(trimmedMean([70, 90])).toBe(80);
    expect(trimmedMean([65])).toBe(65);
    expect(trimmedMean([])).toBeNull();
  });
  it('throws on values that are not finite', () => {
    expect(() => trimmedMean([1, 2, NaN])).toThrow(RangeError);
  });
  it('lies between min and max and ignores order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 20 }), (xs) => {
        const t = trimmedMean(xs)!;
        return t >= Math.min(...xs) - 1e-9 && t <= Math.max(...xs) + 1e-9 && Math.abs(trimmedMean([...xs].reverse())! - t) < 1e-9;
      }),
    );
  });
});
