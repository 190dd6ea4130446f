import { describe, expect, it } from 'vitest';
import { fuzzyComposite, fuzzyEvaluate, fuzzyScore, membershipFromCounts } from '../../src/stats/fuzzy-evaluation.js';

function expectVector(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => expect(a).toBeCloseTo(expected[i], 4));
}

describe('fuzzy comprehensive evaluation, M(·,+)', () => {
  it('restaurant example: W and R of 模糊综合评估法简单示例 (dtcms.com/a/298653.html)', () => {
    // factors 口味 服务 环境 价格, W = (0.4, 0.3, 0.2, 0.1); grades 优秀 良好 一般 较差.
    // b1 = 0.4·0.5 + 0.3·0.2 + 0.2·0.1 + 0.1·0   = 0.28
    // b2 = 0.4·0.3 + 0.3·0.4 + 0.2·0.3 + 0.1·0.2 = 0.32
    // b3 = 0.4·0.2 + 0.3·0.3 + 0.2·0.5 + 0.1·0.4 = 0.31
    // b4 = 0.4·0   + 0.3·0.1 + 0.2·0.1 + 0.1·0.4 = 0.09
    const W = [0.4, 0.3, 0.2, 0.1];
    const R = [
      [0.5, 0.3, 0.2, 0.0],
      [0.2, 0.4, 0.3, 0.1],
      [0.1, 0.3, 0.5, 0.1],
      [0.0, 0.2, 0.4, 0.4],
    ];
    expectVector(fuzzyComposite(W, R), [0.28, 0.32, 0.31, 0.09]);
  });

  it('clothing example: W and R of 第七讲 模糊综合评价法, 例1 (m.777doc.com/doc-3277666.html)', () => {
    // factors 花色 样式 价格 耐用度 舒适度, W = (0.1, 0.1, 0.15, 0.3, 0.35); grades 很欢迎 欢迎 一般 不欢迎.
    // b1 = 0.02 + 0.01 + 0     + 0    + 0.175 = 0.205
    // b2 = 0.05 + 0.03 + 0.015 + 0.12 + 0.105 = 0.32
    // b3 = 0.03 + 0.05 + 0.09  + 0.15 + 0.07  = 0.39
    // b4 = 0    + 0.01 + 0.045 + 0.03 + 0     = 0.085
    const W = [0.1, 0.1, 0.15, 0.3, 0.35];
    const R = [
      [0.2, 0.5, 0.3, 0],
      [0.1, 0.3, 0.5, 0.1],
      [0, 0.1, 0.6, 0.3],
      [0, 0.4, 0.5, 0.1],
      [0.5, 0.3, 0.2, 0],
    ];
    expectVector(fuzzyComposite(W, R), [0.205, 0.32, 0.39, 0.085]);
  });

  it('clothing example: W and R of 模糊数学之F综合评判 (m.777doc.com/doc-2305902.html)', () => {
    // factors 花色样式 耐穿程度 价格费用, A = (0.5, 0.3, 0.2); grades 很欢迎 比较欢迎 不太欢迎 不欢迎.
    // b = (0.35 + 0.06 + 0.06, 0.10 + 0.09 + 0.08, 0.05 + 0.12 + 0.04, 0 + 0.03 + 0.02) = (0.47, 0.27, 0.21, 0.05)
    const R = [
      [0.7, 0.2, 0.1, 0],
      [0.2, 0.3, 0.4, 0.1],
      [0.3, 0.4, 0.2, 0.1],
    ];
    expectVector(fuzzyComposite([0.5, 0.3, 0.2], R), [0.47, 0.27, 0.21, 0.05]);
  });

  it('turns a grade distribution into a membership vector and a score', () => {
    // 10 raters: 优 3, 良 5, 中 2, 差 0 → (0.3, 0.5, 0.2, 0); score 0.3·95 + 0.5·85 + 0.2·70 = 85
    const membership = membershipFromCounts([3, 5, 2, 0])!;
    expectVector(membership, [0.3, 0.5, 0.2, 0]);
    expect(fuzzyScore(membership, [95, 85, 70, 50])).toBeCloseTo(85, 10);
    // two factors, equal weights: B = (0.4, 0.5, 0.1); score 40 + 40 + 6 = 86
    const { composite, score } = fuzzyEvaluate([0.5, 0.5], [[0.6, 0.4, 0], [0.2, 0.6, 0.2]], [100, 80, 60]);
    expectVector(composite, [0.4, 0.5, 0.1]);
    expect(score).toBeCloseTo(86, 10);
  });

  it('normalises B by its sum when R rows do not sum to 1', () => {
    // B = (0.2, 0.2): score (0.2·100 + 0.2·50)/0.4 = 75
    expect(fuzzyScore([0.2, 0.2], [100, 50])).toBeCloseTo(75, 12);
  });

  it('is null without raters or membership', () => {
    expect(membershipFromCounts([0, 0, 0])).toBeNull();
    expect(fuzzyScore([0, 0], [100, 50])).toBeNull();
  });

  it('throws on malformed input', () => {
    expect(() => fuzzyComposite([0.5, 0.4], [[1], [1]])).toThrow(/sum to/);
    expect(() => fuzzyComposite([1], [[1], [1]])).toThrow(RangeError);
    expect(() => fuzzyComposite([], [])).toThrow(RangeError);
    expect(() => fuzzyComposite([0.5, 0.5], [[1, 0], [1]])).toThrow(RangeError);
    expect(() => fuzzyComposite([1.5, -0.5], [[1], [1]])).toThrow(/negative/);
    expect(() => fuzzyComposite([1], [[1.2]])).toThrow(/outside/);
    expect(() => fuzzyScore([1], [1, 2])).toThrow(RangeError);
    expect(() => fuzzyScore([-0.1, 1.1], [1, 2])).toThrow(RangeError);
    expect(() => membershipFromCounts([1, -1])).toThrow(RangeError);
    expect(() => membershipFromCounts([1, NaN])).toThrow(RangeError);
  });
});
