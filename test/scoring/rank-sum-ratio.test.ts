/**
 * Rank-sum ratio (秩和比法) with probit 分档.
 */
import { describe, expect, it } from 'vitest';
import { rankSumRatio } from '../../src/scoring/rank-sum-ratio.js';
import { MethodInputError } from '../../src/scoring/weights/method-error.js';

const near = (actual: number, expected: number, tol = 1e-4) =>
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tol);

describe('rank-sum ratio', () => {
  // The textbook example of RSR in 孙振球、徐勇勇《医学统计学》(人民卫生出版社), chapter 综合评价, 秩和比法: 某地 10 个区
  // 妇女保健工作, X1 产前检查率 % (高优), X2 孕产妇死亡率 1/10万 (低优), X3 围产儿死亡率 ‰ (低优), equal weights.
  // The data are the book's; the printed results table was not at hand, so the expected values are worked by hand
  // from 田凤调's rules (stated in src/scoring/rank-sum-ratio.ts): rank sums 18, 12, 23, 12, 18, 20, 15, 27, 17, 3
  // over 3 × 10, and the least-squares line through the 8 distinct (probit, RSR) points computed independently
  // (Python statistics.NormalDist + numpy.polyfit): RSR = −0.60855 + 0.22169·Probit.
  const data = [
    [99.54, 60.27, 16.15],
    [96.52, 59.67, 20.1],
    [99.36, 43.91, 15.6],
    [92.83, 58.99, 17.04],
    [91.71, 35.4, 15.01],
    [95.35, 44.71, 13.93],
    [96.09, 49.81, 17.43],
    [99.27, 31.69, 13.89],
    [94.76, 22.91, 19.87],
    [84.8, 81.49, 23.63],
  ];
  const r = rankSumRatio(data, [1, 1, 1], ['benefit', 'cost', 'cost']);

  it('computes the RSR of the 10 areas', () => {
    [18, 12, 23, 12, 18, 20, 15, 27, 17, 3].forEach((sum, i) => near(r.rsr[i], sum / 30, 1e-12));
    expect(r.ranks).toEqual([4, 8, 2, 8, 4, 3, 7, 1, 6, 10]);
  });

  it('fits RSR on probit over the distinct values', () => {
    near(r.fit!.intercept, -0.60855);
    near(r.fit!.slope, 0.22169);
    // H (RSR 0.9, the largest) has p corrected to 1 − 1/(4·10) = 0.975: probit 5 + 1.959964.
    near(r.probit[7], 6.959964);
    // J (0.1, the smallest, alone): p = 1/10, probit 5 − 1.281552.
    near(r.probit[9], 3.718448);
    // A and E tie at 0.6, cumulative 6 and 7 → mean rank 6.5, p = 0.65, probit 5 + 0.385320.
    near(r.probit[0], 5.38532);
  });

  it('splits into 3 档 at probit 4 and 6', () => {
    expect(r.cuts.map((c) => c.probit)).toEqual([4, 6]);
    near(r.cuts[0].rsr!, -0.60855 + 0.22169 * 4, 2e-4);
    // Top: H (probit 6.96) and C (p = 0.9, probit 6.28); bottom: J (3.72); B/D tie at cumulative 2–3, mean rank 2.5,
    // p = 0.25, probit 4.33: middle like the rest.
    expect(r.tiers).toEqual([2, 2, 1, 2, 2, 2, 2, 1, 2, 3]);
  });

  it('takes a configurable number of 档', () => {
    const four = rankSumRatio(data, [1, 1, 1], ['benefit', 'cost', 'cost'], 4);
    expect(four.cuts.map((c) => c.probit)).toEqual([3.5, 5, 6.5]);
    expect(Math.max(...four.tiers!)).toBeLessThanOrEqual(4);
    expect(() => rankSumRatio(data, [1, 1, 1], ['benefit', 'cost', 'cost'], 1)).toThrow(MethodInputError);
  });

  it('a constant column does not move RSR ranks; every column constant or one unit: no line, all tie', () => {
    const withConst = rankSumRatio(data.map((row) => [...row, 5]), [1, 1, 1, 1], ['benefit', 'cost', 'cost', 'benefit']);
    expect(withConst.ranks).toEqual(r.ranks);
    const flat = rankSumRatio([[1, 2], [1, 2], [1, 2]], [1, 1], ['benefit', 'cost']);
    expect(flat).toMatchObject({ fit: null, fitted: null, tiers: null, ranks: [1, 1, 1] });
    expect(flat.rsr.every(Number.isFinite)).toBe(true);
    const one = rankSumRatio([[1, 2]], [1, 1], ['benefit', 'cost']);
    expect(one).toMatchObject({ rsr: [1], ranks: [1], fit: null, tiers: null });
  });
});
