import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageRanks, tieTerm } from '../../src/stats/average-ranks.js';
import { kendallW } from '../../src/stats/kendall-w.js';

describe('averageRanks / tieTerm', () => {
  it('gives tied values the mean of the ranks they occupy', () => {
    // 5 < 10 < 20 = 20: ranks 1, 2, then (3 + 4)/2 = 3.5 shared
    expect(averageRanks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
    expect(averageRanks([7, 7, 7])).toEqual([2, 2, 2]);
    expect(averageRanks([])).toEqual([]);
  });
  it('sums t³ − t over tie groups', () => {
    // groups of 2 and 3: (8 − 2) + (27 − 3) = 30
    expect(tieTerm([1, 2, 2, 3, 3, 3])).toBe(30);
    expect(tieTerm([1, 2, 3])).toBe(0);
  });
  it('throws on values that are not finite', () => {
    expect(() => averageRanks([1, NaN])).toThrow(RangeError);
    expect(() => tieTerm([Infinity])).toThrow(RangeError);
  });
});

describe('kendallW', () => {
  it('matches the ProofWiki worked example (4 judges, 3 competitors): W = 1/16', () => {
    // ProofWiki, "Kendall's Coefficient of Concordance/Examples/Arbitrary Example 1"
    // (https://www.proofwiki.org/wiki/Kendall%27s_Coefficient_of_Concordance/Examples/Arbitrary_Example_1):
    // judges A–D rank X, Y, Z; rank sums 7, 9, 8; S = 2; W = 12·2 / (4²·3·(3² − 1)) = 1/16.
    const judges = [
      [1, 3, 2], // A: X, Y, Z
      [1, 2, 3], // B
      [2, 3, 1], // C
      [3, 1, 2], // D
    ];
    expect(kendallW(judges)).toBeCloseTo(1 / 16, 10);
  });

  it('computes a 3 raters × 6 objects table by hand', () => {
    // rank sums R = 8, 14, 11, 11, 11, 8; R̄ = 3·7/2 = 10.5
    // S = 2.5² + 3.5² + 0.5² + 0.5² + 0.5² + 2.5² = 25.5; W = 12·25.5 / (9·(216 − 6)) = 306/1890 = 0.161905
    const table = [
      [1, 6, 3, 2, 5, 4],
      [1, 5, 6, 4, 2, 3],
      [6, 3, 2, 5, 4, 1],
    ];
    expect(kendallW(table)).toBeCloseTo(306 / 1890, 10);
  });

  it('applies the tie correction', () => {
    // rater 1: 1 2 3 4 → ranks 1 2 3 4, T = 0
    // rater 2: 10 20 20 30 → ranks 1 2.5 2.5 4, T = 2³ − 2 = 6
    // rater 3: 5 5 5 1 → ranks 3 3 3 1, T = 3³ − 3 = 24
    // R = 5, 7.5, 8.5, 9; R̄ = 3·5/2 = 7.5; S = 6.25 + 0 + 1 + 2.25 = 9.5
    // W = 12·9.5 / (3²·(4³ − 4) − 3·30) = 114 / 450 = 0.253333
    const table = [
      [1, 2, 3, 4],
      [10, 20, 20, 30],
      [5, 5, 5, 1],
    ];
    expect(kendallW(table)).toBeCloseTo(114 / 450, 10);
  });

  it('is 1 for identical orders and 0 for two opposite orders', () => {
    expect(kendallW([[1, 2, 3], [10, 20, 30], [0.1, 0.2, 0.3]])).toBeCloseTo(1, 12);
    // R = 4, 4, 4: S = 0
    expect(kendallW([[1, 2, 3], [3, 2, 1]])).toBe(0);
  });

  it('leaves out raters with a missing object', () => {
    const complete = [
      [1, 2, 3],
      [1, 3, 2],
    ];
    expect(kendallW([...complete, [3, null, 1]])).toBe(kendallW(complete));
  });

  it('is null with fewer than 2 complete raters, fewer than 2 objects, or only ties', () => {
    expect(kendallW([])).toBeNull();
    expect(kendallW([[1, 2, 3]])).toBeNull();
    expect(kendallW([[1, 2, 3], [1, null, 3]])).toBeNull();
    expect(kendallW([[1], [2]])).toBeNull();
    // every rater ties everything: denominator m²(n³ − n) − m·ΣT = 4·6 − 2·12 = 0
    expect(kendallW([[5, 5, 5], [3, 3, 3]])).toBeNull();
  });

  it('throws on ragged tables and values that are not finite', () => {
    expect(() => kendallW([[1, 2], [1, 2, 3]])).toThrow(RangeError);
    expect(() => kendallW([[1, NaN], [1, 2]])).toThrow(RangeError);
  });

  const tables = fc
    .tuple(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 2, max: 7 }))
    .chain(([m, n]) => fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: n, maxLength: n }), { minLength: m, maxLength: m }));

  it('lies in [0, 1] (property)', () => {
    fc.assert(
      fc.property(tables, (table) => {
        const w = kendallW(table);
        return w === null || (w >= 0 && w <= 1);
      }),
    );
  });

  it('does not depend on the order of raters or objects (property)', () => {
    fc.assert(
      fc.property(tables, fc.integer(), (table, seed) => {
        const w = kendallW(table);
        const raters = [...table].reverse();
        const n = table[0].length;
        const shift = Math.abs(seed) % n;
        const objects = table.map((row) => [...row.slice(shift), ...row.slice(0, shift)]);
        const a = kendallW(raters);
        const b = kendallW(objects);
        if (w === null) return a === null && b === null;
        return Math.abs(a! - w) < 1e-12 && Math.abs(b! - w) < 1e-12;
      }),
    );
  });
});
