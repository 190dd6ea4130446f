import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AHP_CR_LIMIT, RI_TABLES, ahp, combineExpertMatrices, parseJudgement } from '../../../src/scoring/weights/ahp.js';
import { MethodInputError } from '../../../src/scoring/weights/method-error.js';

const close = (actual: number[], expected: number[], tol: number) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i]), `entry ${i}: ${a} vs ${expected[i]}`).toBeLessThanOrEqual(tol));
};

describe('parseJudgement', () => {
  it('reads numbers and fractions as written in matrix files', () => {
    expect(parseJudgement('3')).toBe(3);
    expect(parseJudgement('1/3')).toBeCloseTo(1 / 3, 15);
    expect(parseJudgement(' 1 / 9 ')).toBeCloseTo(1 / 9, 15);
    expect(parseJudgement('1／5')).toBeCloseTo(0.2, 15); // full-width slash from Chinese input methods
    expect(parseJudgement('0.333')).toBe(0.333);
    expect(parseJudgement(7)).toBe(7);
  });
  it('rejects text, empty cells and division by zero', () => {
    for (const bad of ['', 'abc', '1/', '/3', '1/3/2', '1/0', '三']) expect(() => parseJudgement(bad), bad).toThrow(MethodInputError);
    expect(() => parseJudgement(Number.NaN)).toThrow(MethodInputError);
  });
});

describe('ahp: published and closed-form examples', () => {
  // Esri, ArcGIS Pro 3.5 tool reference, "Calculate the consistency ratio"
  // (https://pro.arcgis.com/zh-cn/pro-app/3.5/tool-reference/analysis/calculate-the-consistency-ratio.htm):
  // a five-variable matrix written with rounded decimals (0.333 for 1/3) and its weights printed to 3 decimals,
  // 0.235, 0.089, 0.136, 0.247, 0.294, with λ computed as the mean of (Aw)_i / w_i. Those weights are the
  // column-normalise-and-average (sum_product, 和积法) weights; we agree to the printed precision (±0.0005).
  // The matrix is badly inconsistent (Dist_to_Road is 5× Dist_to_Elect, yet Dist_to_Elect beats everything
  // Dist_to_Road ties with), which makes it our published example of a matrix that fails the check.
  const esri = [
    [1, 3, 2, 2, 0.333],
    [0.333, 1, 0.5, 1, 0.2],
    [0.5, 2, 1, 1, 0.5],
    [0.5, 1, 1, 1, 5],
    [3, 5, 2, 0.2, 1],
  ];
  it('reproduces the Esri sum_product weights and fails the consistency check', () => {
    const r = ahp(esri, { method: 'sum_product' });
    close(r.weights, [0.235, 0.089, 0.136, 0.247, 0.294], 0.0005);
    expect(r.ri).toEqual({ table: 'saaty', name: 'Saaty (1980)', value: 1.12 });
    expect(r.cr).toBeGreaterThanOrEqual(AHP_CR_LIMIT);
    // CI = (λ − 5)/4 and CR = CI/1.12, whatever λ is.
    expect(r.ci).toBeCloseTo((r.lambdaMax - 5) / 4, 12);
    expect(r.cr).toBeCloseTo(r.ci / 1.12, 12);
    // The judgement furthest from w_i/w_j: Dist_to_Road over Dist_to_Elect, given 5, implied ≈ 0.247/0.294.
    expect(r.mostInconsistent).toMatchObject({ row: 3, col: 4, given: 5 });
    expect(r.mostInconsistent!.implied).toBeCloseTo(r.weights[3] / r.weights[4], 12);
    // The eigenvector and geometric methods fail it too.
    expect(ahp(esri).cr).toBeGreaterThanOrEqual(AHP_CR_LIMIT);
    expect(ahp(esri, { method: 'geometric' }).cr).toBeGreaterThanOrEqual(AHP_CR_LIMIT);
  });

  // A spreadsheet AHP template (层次分析法 Excel 模板, https://www.xiaomilidoc.com/p-10738193.html), 3×3 example:
  // column sums 5.5, 1.375, 11; W = (0.181818, 0.727273, 0.090909); CI = 0; RI = 0.58. The matrix below is the
  // consistent one with those column sums (a_ij = w_i/w_j). All three methods must give W exactly and CR 0.
  it('reproduces a consistent 3×3 textbook example with every method', () => {
    const a = [
      [1, 1 / 4, 2],
      [4, 1, 8],
      [1 / 2, 1 / 8, 1],
    ];
    for (const method of ['eigenvector', 'sum_product', 'geometric'] as const) {
      const r = ahp(a, { method });
      close(r.weights, [0.181818, 0.727273, 0.090909], 5e-7);
      expect(r.lambdaMax).toBeCloseTo(3, 10);
      expect(Math.abs(r.ci)).toBeLessThan(1e-10);
      expect(Math.abs(r.cr)).toBeLessThan(1e-10);
      expect(r.mostInconsistent).toBeNull();
    }
  });

  // For a 3×3 reciprocal matrix λmax has a closed form: with c = a13 / (a12·a23),
  // λmax = 1 + c^(1/3) + c^(−1/3) (the characteristic polynomial is λ³ − 3λ² − (c + 1/c − 2) = 0 shifted by 1).
  // For [[1,2,3],[1/2,1,2],[1/3,1/2,1]]: c = 3/4, λmax = 1 + 0.9085603 + 1.1006424 = 3.0092027;
  // CI = 0.0046014, CR = 0.0046014/0.58 = 0.0079334 (Saaty) and 0.0046014/0.52 = 0.0088488 (Chinese table).
  // The eigenvector (0.5396, 0.2970, 0.1634) is the one printed in many AHP textbooks for this matrix.
  it('matches the closed-form λmax of a 3×3 matrix and the textbook eigenvector', () => {
    const a = [
      [1, 2, 3],
      [1 / 2, 1, 2],
      [1 / 3, 1 / 2, 1],
    ];
    const c = 3 / 4;
    const lambda = 1 + Math.cbrt(c) + Math.cbrt(1 / c);
    const r = ahp(a);
    expect(r.lambdaMax).toBeCloseTo(lambda, 10);
    expect(r.lambdaMax).toBeCloseTo(3.009203, 6);
    close(r.weights, [0.5396, 0.297, 0.1634], 5e-5);
    expect(r.ci).toBeCloseTo(0.004601, 6);
    expect(r.cr).toBeCloseTo(0.007933, 6);
    const chinese = ahp(a, { ri: 'chinese' });
    expect(chinese.ri.value).toBe(0.52);
    expect(chinese.cr).toBeCloseTo(0.008849, 6);
    // The eigenvector satisfies A·w = λ·w to the iteration's tolerance.
    a.forEach((row, i) => expect(row.reduce((s, x, j) => s + x * r.weights[j], 0)).toBeCloseTo(r.lambdaMax * r.weights[i], 10));
  });

  it('uses the mean of (Aw)_i/w_i as λmax for the sum_product and geometric methods', () => {
    const a = [
      [1, 2, 3],
      [1 / 2, 1, 2],
      [1 / 3, 1 / 2, 1],
    ];
    for (const method of ['sum_product', 'geometric'] as const) {
      const r = ahp(a, { method });
      const aw = a.map((row) => row.reduce((s, x, j) => s + x * r.weights[j], 0));
      expect(r.lambdaMax).toBeCloseTo(aw.reduce((s, x, i) => s + x / r.weights[i], 0) / 3, 12);
    }
    // 方根法 by hand: row products 6, 1, 1/6 → cube roots 1.817121, 1, 0.550321 → w = 0.539615, 0.296961, 0.163424.
    close(ahp(a, { method: 'geometric' }).weights, [0.539615, 0.296961, 0.163424], 5e-7);
  });

  it('has CR 0 for one or two criteria, and the RI tables as published', () => {
    expect(ahp([[1]])).toMatchObject({ weights: [1], ci: 0, cr: 0 });
    const two = ahp([
      [1, 3],
      [1 / 3, 1],
    ]);
    close(two.weights, [0.75, 0.25], 1e-12);
    expect(two.cr).toBe(0);
    // Saaty (1980) for n = 3…10, and the Chinese textbook table for n = 3…15 as given in the brief and in
    // common Chinese AHP code (e.g. 龚木森、许树柏 1986).
    expect(RI_TABLES.saaty.values.slice(2, 10)).toEqual([0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49]);
    expect(RI_TABLES.chinese.values.slice(2)).toEqual([0.52, 0.89, 1.12, 1.26, 1.36, 1.41, 1.46, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59]);
  });
});

describe('ahp: bad matrices name the cell', () => {
  const expectCell = (f: () => unknown, row: number, col: number) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(MethodInputError);
      expect((e as MethodInputError).row).toBe(row);
      expect((e as MethodInputError).col).toBe(col);
      return;
    }
    throw new Error('did not throw');
  };
  it('rejects a non-reciprocal matrix at the lower-triangle cell', () => {
    expectCell(() => ahp([[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 2, 1]]), 2, 1);
  });
  it('rejects zero, negative and non-finite judgements', () => {
    expectCell(() => ahp([[1, 0], [1, 1]]), 0, 1);
    expectCell(() => ahp([[1, 2], [-0.5, 1]]), 1, 0);
    expectCell(() => ahp([[1, Number.NaN], [1, 1]]), 0, 1);
  });
  it('rejects a diagonal other than 1 and a non-square matrix', () => {
    expectCell(() => ahp([[2, 1], [1, 1]]), 0, 0);
    expect(() => ahp([[1, 2, 3], [0.5, 1]])).toThrow(/not square/);
    expect(() => ahp([])).toThrow(MethodInputError);
  });
  it('accepts judgements rounded to three decimals (0.333 for 1/3) but not grossly wrong ones', () => {
    expect(() => ahp([[1, 3], [0.333, 1]])).not.toThrow();
    expect(() => ahp([[1, 3], [0.3, 1]])).toThrow(/not reciprocal/);
  });
  it('rejects more criteria than the RI table covers', () => {
    const n = 16;
    const a = Array.from({ length: n }, () => Array.from({ length: n }, () => 1));
    expect(() => ahp(a)).toThrow(/random-index table stops at 15/);
  });
});

describe('combineExpertMatrices', () => {
  it('takes the element-wise geometric mean', () => {
    // √(4·1) = 2, √(1/4·1) = 1/2; √(3·(1/3)) = 1.
    const g = combineExpertMatrices([
      [
        [1, 4, 3],
        [1 / 4, 1, 1],
        [1 / 3, 1, 1],
      ],
      [
        [1, 1, 1 / 3],
        [1, 1, 1],
        [3, 1, 1],
      ],
    ]);
    expect(g[0][1]).toBeCloseTo(2, 12);
    expect(g[1][0]).toBeCloseTo(0.5, 12);
    expect(g[0][2]).toBeCloseTo(1, 12);
    expect(g[2][0]).toBeCloseTo(1, 12);
  });
  it('rejects experts who compared different numbers of criteria, and non-positive judgements', () => {
    expect(() => combineExpertMatrices([[[1, 2], [0.5, 1]], [[1]]])).toThrow(/not 2 × 2/);
    expect(() => combineExpertMatrices([])).toThrow(MethodInputError);
    expect(() => combineExpertMatrices([[[1, 0], [1, 1]]])).toThrow(/not a positive number/);
  });
});

/** A random reciprocal matrix on Saaty's 1–9 scale. */
const saatyValue = fc.constantFrom(1 / 9, 1 / 7, 1 / 5, 1 / 3, 1 / 2, 1, 2, 3, 5, 7, 9);
const reciprocalMatrix = fc.integer({ min: 1, max: 9 }).chain((n) =>
  fc.array(saatyValue, { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 }).map((upper) => {
    const a = Array.from({ length: n }, () => new Array<number>(n).fill(1));
    let k = 0;
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        a[i][j] = upper[k++];
        a[j][i] = 1 / a[i][j];
      }
    return a;
  }),
);

describe('ahp properties', () => {
  it('weights are positive and sum to 1; λmax ≥ n for the eigenvector (Perron)', () => {
    fc.assert(
      fc.property(reciprocalMatrix, fc.constantFrom('eigenvector', 'sum_product', 'geometric' as const), (a, method) => {
        const r = ahp(a, { method });
        expect(r.weights.every((w) => w > 0)).toBe(true);
        expect(Math.abs(r.weights.reduce((s, w) => s + w, 0) - 1)).toBeLessThan(1e-12);
        if (method === 'eigenvector') expect(r.lambdaMax).toBeGreaterThanOrEqual(a.length - 1e-9);
      }),
    );
  });
  it('permuting the criteria permutes the weights', () => {
    fc.assert(
      fc.property(
        reciprocalMatrix.chain((a) => fc.shuffledSubarray([...a.keys()], { minLength: a.length, maxLength: a.length }).map((p) => [a, p] as const)),
        ([a, p]) => {
          const permuted = p.map((i) => p.map((j) => a[i][j]));
          for (const method of ['eigenvector', 'sum_product', 'geometric'] as const) {
            const w = ahp(a, { method }).weights;
            const wp = ahp(permuted, { method }).weights;
            p.forEach((i, k) => expect(wp[k]).toBeCloseTo(w[i], 9));
          }
        },
      ),
    );
  });
});
