import { describe, expect, it } from 'vitest';
import { gradeTableScore } from '../../src/scoring/leaf/grade-table.js';
import { identityScore } from '../../src/scoring/leaf/identity.js';
import { minmaxScores } from '../../src/scoring/leaf/minmax.js';
import { rankScores } from '../../src/scoring/leaf/rank-percentile.js';
import { ratioToBestScores } from '../../src/scoring/leaf/ratio-to-best.js';
import { scoreLeaf } from '../../src/scoring/leaf/score-leaf.js';
import { thresholdScore } from '../../src/scoring/leaf/threshold.js';
import { zscoreScores } from '../../src/scoring/leaf/zscore.js';

describe('threshold', () => {
  it('is linear from floor (0) to target (100) and clipped', () => {
    // (0.88 − 0.6)/(0.95 − 0.6)·100 = 0.28/0.35·100 = 80
    expect(thresholdScore(0.88, 0.6, 0.95)).toBeCloseTo(80, 12);
    expect(thresholdScore(0.6, 0.6, 0.95)).toBe(0);
    expect(thresholdScore(0.95, 0.6, 0.95)).toBeCloseTo(100, 12);
    expect(thresholdScore(0.5, 0.6, 0.95)).toBe(0); // below the floor: clipped
    expect(thresholdScore(0.99, 0.6, 0.95)).toBe(100); // above the target: clipped
  });
  it('reverses for a cost indicator written with floor > target', () => {
    // return rate: floor 0.30, target 0.05; x = 0.10 → (0.10 − 0.30)/(0.05 − 0.30)·100 = −0.20/−0.25·100 = 80
    expect(thresholdScore(0.1, 0.3, 0.05)).toBeCloseTo(80, 12);
    expect(thresholdScore(0.02, 0.3, 0.05)).toBe(100);
    expect(thresholdScore(0.4, 0.3, 0.05)).toBe(0);
  });
});

describe('minmax', () => {
  it('maps min → 0 and max → 100 for benefit, reversed for cost, nulls kept', () => {
    // min 2, max 6: (4 − 2)/4·100 = 50
    expect(minmaxScores([2, 4, null, 6], 'benefit')).toEqual([0, 50, null, 100]);
    // cost: (6 − 4)/4·100 = 50, (6 − 2)/4·100 = 100
    expect(minmaxScores([2, 4, null, 6], 'cost')).toEqual([100, 50, null, 0]);
  });
  it('gives 100 to everyone when all values are equal', () => {
    expect(minmaxScores([0.7, 0.7, null], 'benefit')).toEqual([100, 100, null]);
    expect(minmaxScores([null, null], 'benefit')).toEqual([null, null]);
  });
});

describe('ratio_to_best', () => {
  it('benefit x/max·100', () => {
    // max 100: 50/100·100 = 50, 80/100·100 = 80
    expect(ratioToBestScores([50, 100, 80, null], 'benefit')).toEqual([50, 100, 80, null]);
  });
  it('cost min/x·100, x = 0 scores 100', () => {
    // min 0.05: 0.05/0.1·100 = 50, 0.05/0.2·100 = 25
    const s = ratioToBestScores([0.1, 0.2, 0.05], 'cost');
    expect(s[0]).toBeCloseTo(50, 12);
    expect(s[1]).toBeCloseTo(25, 12);
    expect(s[2]).toBe(100);
    // the best is 0 (no returns at all): it scores 100, every other unit 0/x = 0
    expect(ratioToBestScores([0, 0.1], 'cost')).toEqual([100, 0]);
  });
  it('benefit with nothing positive: the max scores 100, others 0', () => {
    expect(ratioToBestScores([0, 0], 'benefit')).toEqual([100, 100]);
    expect(ratioToBestScores([-1, 0], 'benefit')).toEqual([0, 100]);
  });
});

describe('zscore', () => {
  it('50 + 10z with the population sd', () => {
    // mean 2, population sd √((1 + 0 + 1)/3) = √(2/3) = 0.816497; z = ±1.224745 → 50 ± 12.24745
    const s = zscoreScores([1, 2, 3], 'benefit') as number[];
    expect(s[0]).toBeCloseTo(37.752551, 5);
    expect(s[1]).toBeCloseTo(50, 12);
    expect(s[2]).toBeCloseTo(62.247449, 5);
    const c = zscoreScores([1, 2, 3], 'cost') as number[];
    expect(c[0]).toBeCloseTo(62.247449, 5);
  });
  it('clips to 0..100 and gives 50 when all are equal', () => {
    expect(zscoreScores([5, 5, null], 'benefit')).toEqual([50, 50, null]);
    expect(zscoreScores([7], 'benefit')).toEqual([50]);
    // 200 zeros and one 1: mean 1/201, population sd = √200/201, so the outlier's z = √200 ≈ 14.1 → 50 + 141 → 100
    const many = [...Array(200).fill(0), 1];
    const s = zscoreScores(many, 'benefit') as number[];
    expect(s[200]).toBe(100);
    expect(zscoreScores(many, 'cost')[200]).toBe(0);
  });
});

describe('rank', () => {
  it('(n − rank)/(n − 1)·100 with competition ranks, ties share the better score', () => {
    // values 10, 20, 20, 5 → ranks 3, 1, 1, 4 → (4 − 3)/3·100 = 33.33, 100, 100, 0
    const s = rankScores([10, 20, null, 20, 5], 'benefit') as (number | null)[];
    expect(s[0]).toBeCloseTo(100 / 3, 12);
    expect(s.slice(1)).toEqual([100, null, 100, 0]);
    // cost, smallest best: 5 → rank 1, 10 → 2, 20 and 20 → 3 (shared):
    // (4 − 2)/3·100 = 66.67, (4 − 3)/3·100 = 33.33 twice, (4 − 1)/3·100 = 100
    const c = rankScores([10, 20, 20, 5], 'cost') as number[];
    expect(c[0]).toBeCloseTo(200 / 3, 12);
    expect(c[1]).toBeCloseTo(100 / 3, 12);
    expect(c[2]).toBeCloseTo(100 / 3, 12);
    expect(c[3]).toBe(100);
  });
  it('one unit scores 100', () => {
    expect(rankScores([3, null], 'benefit')).toEqual([100, null]);
  });
});

describe('identity and grade', () => {
  it('identity clips to 0..100', () => {
    expect(identityScore(87.5)).toBe(87.5);
    expect(identityScore(120)).toBe(100);
    expect(identityScore(-3)).toBe(0);
  });
  it('grade: mean of the raters\' table scores', () => {
    // two 优 (100) and one 良 (80): (2·100 + 80)/3 = 93.333…
    expect(gradeTableScore({ 优: 2, 良: 1 }, { 优: 100, 良: 80 }, 90)).toBeCloseTo(280 / 3, 12);
    // labels missing from the table do not count; no listed label at all → the aggregated value
    expect(gradeTableScore({ 优: 1, 特: 5 }, { 优: 100 }, 50)).toBe(100);
    expect(gradeTableScore({}, { 优: 100 }, 72)).toBe(72);
    expect(gradeTableScore(null, { 优: 100 }, null)).toBe(null);
  });
  it('scoreLeaf dispatches and keeps nulls', () => {
    expect(scoreLeaf({ method: 'threshold', floor: 0.6, target: 0.95 }, 'benefit', [0.6, null])).toEqual([0, null]);
    expect(scoreLeaf({ method: 'grade', table: { 优: 100, 良: 80 } }, 'benefit', [85, null], [{ 良: 2 }, null])).toEqual([80, null]);
  });
});
