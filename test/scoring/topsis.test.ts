import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { topsis } from '../../src/scoring/topsis.js';
import { weightedSumScores } from '../../src/scoring/wsm.js';
import { MethodInputError } from '../../src/scoring/weights/method-error.js';

describe('topsis', () => {
  // B. Sennaroğlu, Decision Analysis lecture notes (2009), "TOPSIS Example" (after Yoon & Hwang 1995):
  // alternatives (17, 12), (10, 9), (8, 6), both benefit, weights 0.714 and 0.286. The notes print the weighted
  // normalised matrix V = [[0.5703, 0.2124], [0.3355, 0.1593], [0.2684, 0.1062]]. From the printed V:
  // A⁺ = (0.5703, 0.2124), A⁻ = (0.2684, 0.1062); D⁺ = (0, 0.2407, 0.3200), D⁻ = (0.3200, 0.0856, 0);
  // C = (1, 0.2623, 0). Agreement is to the precision V is printed with (4 decimals → ±0.0005 here).
  it('reproduces the Sennaroğlu / Yoon & Hwang example', () => {
    const r = topsis([[17, 12], [10, 9], [8, 6]], [0.714, 0.286], ['benefit', 'benefit']);
    [0, 0.2407, 0.32].forEach((d, i) => expect(Math.abs(r.dPlus[i] - d)).toBeLessThan(5e-4));
    [0.32, 0.0856, 0].forEach((d, i) => expect(Math.abs(r.dMinus[i] - d)).toBeLessThan(5e-4));
    [1, 0.2623, 0].forEach((c, i) => expect(Math.abs(r.closeness[i] - c)).toBeLessThan(5e-4));
    expect(r.ranks).toEqual([1, 2, 3]);
  });

  it('matches a hand computation with a cost criterion', () => {
    // X = [[3, 4], [4, 3]], weights ½ ½, column 2 cost. Norms: 5 and 5, so R = [[.6, .8], [.8, .6]] and
    // V = ½R = [[.3, .4], [.4, .3]]. A⁺ = (.4, .3) (max benefit, min cost), A⁻ = (.3, .4).
    // Unit 1 is A⁻ exactly: D⁺ = √(.1² + .1²) = .141421, D⁻ = 0 → C = 0; unit 2 is A⁺ → C = 1.
    const r = topsis([[3, 4], [4, 3]], [1, 1], ['benefit', 'cost']);
    expect(r.dPlus[0]).toBeCloseTo(0.141421, 6);
    expect(r.closeness).toEqual([0, 1]);
    expect(r.ranks).toEqual([2, 1]);
  });

  it('gives 0.5 to every unit when no weighted column separates them, and ties share the best rank', () => {
    const r = topsis([[5, 2], [5, 2], [5, 2]], [0.3, 0.7], ['benefit', 'cost']);
    expect(r.closeness).toEqual([0.5, 0.5, 0.5]);
    expect(r.ranks).toEqual([1, 1, 1]);
    // Identical rows get identical closeness and the same rank.
    const t = topsis([[1, 2], [3, 1], [1, 2]], [0.5, 0.5], ['benefit', 'benefit']);
    expect(t.closeness[0]).toBe(t.closeness[2]);
    expect(t.ranks[0]).toBe(t.ranks[2]);
  });

  it('rejects mismatched weights and directions', () => {
    expect(() => topsis([[1, 2]], [1], ['benefit', 'benefit'])).toThrow(MethodInputError);
    expect(() => topsis([[1, 2]], [1, 1], ['benefit'])).toThrow(MethodInputError);
    expect(() => topsis([[1, 2]], [-1, 1], ['benefit', 'benefit'])).toThrow(MethodInputError);
  });

  it('keeps closeness within [0, 1] and ranks consistent with it', () => {
    const input = fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 5 })).chain(([m, n]) =>
      fc.tuple(
        fc.array(fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: n, maxLength: n }), { minLength: m, maxLength: m }),
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
        fc.array(fc.constantFrom('benefit' as const, 'cost' as const), { minLength: n, maxLength: n }),
      ),
    );
    fc.assert(
      fc.property(input, ([x, w, d]) => {
        const r = topsis(x, w, d);
        r.closeness.forEach((c, i) => {
          expect(c).toBeGreaterThanOrEqual(0);
          expect(c).toBeLessThanOrEqual(1);
          expect(r.ranks[i]).toBe(1 + r.closeness.filter((o) => o > c).length);
        });
      }),
    );
  });
});

describe('weightedSumScores', () => {
  it('scores min–max per direction on 0..100', () => {
    // Column 1 benefit (1, 2, 3) → 0, 50, 100; column 2 cost (10, 30, 20) → 100, 0, 50; weights .75/.25:
    // 25, 37.5, 87.5.
    const s = weightedSumScores([[1, 10], [2, 30], [3, 20]], [3, 1], ['benefit', 'cost']);
    [25, 37.5, 87.5].forEach((v, i) => expect(s[i]).toBeCloseTo(v, 12));
    // A constant column scores 100 for everyone (design §6.1 minmax).
    expect(weightedSumScores([[4], [4]], [1], ['cost'])).toEqual([100, 100]);
  });
});
