/**
 * Totals as grades and ranks see them (design §6.3): rounded to 2 decimals, half away from zero, after 15
 * significant digits — as a spreadsheet's ROUND(x, 2) does (Excel and LibreOffice both give ROUND(2.675, 2) = 2.68,
 * although the double nearest 2.675 lies just below it).
 */
import { describe, expect, it } from 'vitest';
import { roundTotal, totalHundredths } from '../../src/scoring/round-total.js';
import { assessmentRanks } from '../../src/scoring/assessment-ranks.js';
import { compareUnitsByRank } from '../../src/scoring/unit-order.js';

describe('roundTotal', () => {
  it('rounds to 2 decimals, so totals that print alike are equal', () => {
    expect(roundTotal(84.999999)).toBe(85);
    expect(roundTotal(85.004)).toBe(85);
    expect(roundTotal(85.0049999)).toBe(85);
    expect(roundTotal(85.005)).toBe(85.01);
  });

  it('rounds a decimal half up as a spreadsheet does, not the binary value below it', () => {
    expect(1.005 * 100).toBeLessThan(100.5); // the double nearest 1.005 is 1.00499999…, so Math.round(x · 100) gives 100
    expect(roundTotal(2.675)).toBe(2.68);
    expect(roundTotal(1.005)).toBe(1.01);
    expect(roundTotal(89.995)).toBe(90);
    expect(roundTotal(-2.675)).toBe(-2.68); // half away from zero
    expect(roundTotal(99.99499999999999)).toBe(100); // 15 significant digits: 99.9950000000000
  });

  it('handles tiny and huge values (exponent notation) and keeps non-finite values', () => {
    expect(roundTotal(2.1e-109)).toBe(0);
    expect(roundTotal(0.005)).toBe(0.01);
    expect(totalHundredths(1e25)).toBe(1e27);
    expect(Number.isNaN(roundTotal(Number.NaN))).toBe(true);
  });
});

describe('assessmentRanks', () => {
  const totals = [90, 70, 80, 70, null];
  const vetoed = [true, false, false, true, false];
  it('last: units without a veto first (1, 2), then the vetoed by total among themselves (3, 4); none for no total', () => {
    expect(assessmentRanks(totals, vetoed, 'last')).toEqual([
      { rank: 3, rank_note: 'veto_last' },
      { rank: 2, rank_note: null },
      { rank: 1, rank_note: null },
      { rank: 4, rank_note: 'veto_last' },
      { rank: null, rank_note: null },
    ]);
  });
  it('keep: by total alone, ties sharing the best rank', () => {
    expect(assessmentRanks(totals, vetoed, 'keep').map((r) => r.rank)).toEqual([1, 3, 2, 3, null]);
  });
  it('none: the vetoed unranked, the others 1..k without gaps', () => {
    expect(assessmentRanks(totals, vetoed, 'none')).toEqual([
      { rank: null, rank_note: 'veto_unranked' },
      { rank: 2, rank_note: null },
      { rank: 1, rank_note: null },
      { rank: null, rank_note: 'veto_unranked' },
      { rank: null, rank_note: null },
    ]);
  });
  it('ties on totals rounded to 2 decimals', () => {
    expect(assessmentRanks([84.999999, 85.004, 90], [false, false, false], 'last').map((r) => r.rank)).toEqual([2, 2, 1]);
  });
});

describe('compareUnitsByRank', () => {
  it('lists ranked units by rank, then unranked ones by total, then not-assessed ones, ties by id', () => {
    const units = [
      { unit: 'E', rank: null, total: null },
      { unit: 'D', rank: null, total: 60 },
      { unit: 'C', rank: null, total: 95 },
      { unit: 'B', rank: 2, total: 70 },
      { unit: 'A', rank: 2, total: 70 },
      { unit: 'F', rank: 1, total: 50 },
    ];
    expect([...units].sort(compareUnitsByRank).map((u) => u.unit)).toEqual(['F', 'A', 'B', 'C', 'D', 'E']);
  });
});
