/**
 * Grey relational analysis (Deng's grade against the ideal unit, ρ = 0.5).
 */
import { describe, expect, it } from 'vitest';
import { greyRelational } from '../../src/scoring/grey-relational.js';
import { MethodInputError } from '../../src/scoring/weights/method-error.js';

const near = (actual: number, expected: number, tol = 1e-4) =>
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tol);

describe('grey relational analysis', () => {
  // Worked by hand from Deng's formulas (ξ = (Δmin + ρΔmax)/(Δ + ρΔmax), ρ = 0.5) on the decision matrix of the
  // example of RMCDA::apply.GRA (CRAN package RMCDA, help page "Apply Grey Relational Analysis (GRA) method"):
  // four alternatives, three benefit criteria, weights 0.4, 0.3, 0.3. Range-normalised matrix:
  //   (1, 0, 2/3), (3/4, 1, 1), (1/2, 1/5, 1/3), (0, 3/5, 0); Δ = 1 − that; Δmin = 0, Δmax = 1, so ξ = 0.5/(Δ + 0.5).
  // The help page prints no scores, so the expected grades are ours (exact fractions):
  //   γ1 = 0.4·1 + 0.3·(1/3) + 0.3·(3/5) = 0.68, γ2 = 0.4·(2/3) + 0.3 + 0.3 = 0.866667,
  //   γ3 = 0.4·(1/2) + 0.3·(5/13) + 0.3·(3/7) = 0.443956, γ4 = 0.4·(1/3) + 0.3·(5/9) + 0.3·(1/3) = 0.4.
  it('grades the RMCDA example alternatives', () => {
    const r = greyRelational(
      [
        [80, 60, 90],
        [75, 85, 95],
        [70, 65, 85],
        [60, 75, 80],
      ],
      [0.4, 0.3, 0.3],
      ['benefit', 'benefit', 'benefit'],
    );
    [0.68, 0.866667, 0.443956, 0.4].forEach((g, i) => near(r.grades[i], g));
    expect(r.ranks).toEqual([2, 1, 3, 4]);
  });

  // A published reference result: the grey relational test of the Julia package JMcDM (jbytecode/JMcDM,
  // test/mcdm/testgra.jl, "Grey Relational Analysis"; tolerance 1e-4 there too): five alternatives, six criteria,
  // cost, benefit, cost, benefit, benefit, cost, weights 0.05, 0.20, 0.10, 0.15, 0.10, 0.40, ρ = 0.5.
  // Its printed scores: 0.525, 0.7007142857142857, 0.5464285714285715, 0.5762820512820512, 0.650952380952381;
  // best alternative 2.
  it('reproduces the JMcDM reference scores (mixed benefit and cost criteria)', () => {
    const columns = [
      [105000, 120000, 150000, 115000, 135000],
      [105, 110, 120, 105, 115],
      [10, 15, 12, 20, 15],
      [4, 4, 3, 4, 5],
      [300, 500, 550, 600, 400],
      [10, 8, 12, 9, 9],
    ];
    const matrix = [0, 1, 2, 3, 4].map((i) => columns.map((c) => c[i]));
    const r = greyRelational(matrix, [0.05, 0.2, 0.1, 0.15, 0.1, 0.4], ['cost', 'benefit', 'cost', 'benefit', 'benefit', 'cost']);
    [0.525, 0.7007142857142857, 0.5464285714285715, 0.5762820512820512, 0.650952380952381].forEach((g, i) => near(r.grades[i], g));
    expect(r.ranks).toEqual([5, 1, 4, 3, 2]);
  });

  it('turns a cost column round', () => {
    const benefit = greyRelational([[1], [2], [4]], [1], ['benefit']);
    const cost = greyRelational([[-1], [-2], [-4]], [1], ['cost']);
    benefit.grades.forEach((g, i) => near(cost.grades[i], g, 1e-12));
  });

  it('a constant column gives every unit ξ = 1 on it, no NaN', () => {
    const r = greyRelational([[1, 5], [3, 5]], [0.5, 0.5], ['benefit', 'benefit']);
    expect(r.coefficients.map((row) => row[1])).toEqual([1, 1]);
    expect(r.grades.every(Number.isFinite)).toBe(true);
    expect(r.ranks).toEqual([2, 1]);
  });

  it('every column constant, or a single unit: every grade is 1 and all tie', () => {
    expect(greyRelational([[3, 5], [3, 5]], [0.5, 0.5], ['benefit', 'cost']).grades).toEqual([1, 1]);
    const one = greyRelational([[3, 5]], [0.5, 0.5], ['benefit', 'cost']);
    expect(one.grades).toEqual([1]);
    expect(one.ranks).toEqual([1]);
  });

  it('rejects ρ outside (0, 1]', () => {
    expect(() => greyRelational([[1], [2]], [1], ['benefit'], 0)).toThrow(MethodInputError);
  });
});
