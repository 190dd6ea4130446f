import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { competitionRanks } from '../../src/scoring/competition-rank.js';

describe('competitionRanks', () => {
  it('gives ties the best rank and skips the shared places (1, 2, 2, 4)', () => {
    expect(competitionRanks([90, 85, 85, 70])).toEqual([1, 2, 2, 4]);
    expect(competitionRanks([70, 85, 90, 85])).toEqual([4, 2, 1, 2]);
    expect(competitionRanks([5, 5, 5])).toEqual([1, 1, 1]);
    expect(competitionRanks([])).toEqual([]);
  });
  it('ranks ascending on request (smaller is better)', () => {
    expect(competitionRanks([3, 1, 2, 1], 'asc')).toEqual([4, 1, 3, 1]);
  });
  it('rejects NaN', () => {
    expect(() => competitionRanks([1, Number.NaN])).toThrow(/not a number/);
  });
  it('rank = 1 + the number of strictly better values, in both orders', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 30 }), (v) => {
        const desc = competitionRanks(v);
        const asc = competitionRanks(v, 'asc');
        v.forEach((x, i) => {
          expect(desc[i]).toBe(1 + v.filter((y) => y > x).length);
          expect(asc[i]).toBe(1 + v.filter((y) => y < x).length);
        });
      }),
    );
  });
});
