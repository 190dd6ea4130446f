// Entropy, CRITIC, standard-deviation and combined weights.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { entropyWeights } from '../../../src/scoring/weights/entropy.js';
import { criticWeights } from '../../../src/scoring/weights/critic.js';
import { stdevWeights } from '../../../src/scoring/weights/stdev.js';
import { combineWeights } from '../../../src/scoring/weights/combined.js';
import { MethodInputError } from '../../../src/scoring/weights/method-error.js';

const close = (actual: number[], expected: number[], tol: number) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i]), `entry ${i}: ${a} vs ${expected[i]}`).toBeLessThanOrEqual(tol));
};

function thrown(f: () => unknown): MethodInputError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(MethodInputError);
    return e as MethodInputError;
  }
  throw new Error('did not throw');
}

describe('entropyWeights', () => {
  it('matches a hand computation', () => {
    // Column 1: p = 1/4, 3/4 → e = −(¼ ln ¼ + ¾ ln ¾)/ln 2 = 0.811278, d = 0.188722.
    // Column 2: p = 1/3, 2/3 → e = −(⅓ ln ⅓ + ⅔ ln ⅔)/ln 2 = 0.918296, d = 0.081704.
    // w = d/Σd = 0.188722/0.270426, 0.081704/0.270426 = 0.697868, 0.302132.
    close(entropyWeights([[1, 2], [3, 4]]), [0.697868, 0.302132], 1e-6);
  });
  it('gives a constant column weight 0, keeps 0·ln 0 = 0, and all-constant data equal weights', () => {
    // Column 2 constant → e = 1. Column 1 = (0, 0, 6): p = (0, 0, 1) → e = 0 (0·ln 0 = 0), d = 1.
    close(entropyWeights([[0, 5, 1], [0, 5, 2], [6, 5, 3]]).slice(1, 2), [0], 0);
    const w = entropyWeights([[0, 5], [0, 5], [6, 5]]);
    close(w, [1, 0], 1e-12);
    close(entropyWeights([[2, 7], [2, 7]]), [0.5, 0.5], 1e-12);
  });
  it('rejects a negative value naming its cell, a zero column naming its column, and a single unit', () => {
    const neg = thrown(() => entropyWeights([[1, 5], [2, -1], [3, 4]]));
    expect([neg.row, neg.col]).toEqual([1, 1]);
    expect(neg.hint).toMatch(/normalise|shift/);
    const zero = thrown(() => entropyWeights([[1, 0], [2, 0]]));
    expect([zero.row, zero.col]).toEqual([undefined, 1]);
    expect(zero.hint).toMatch(/drop the indicator/);
    expect(() => entropyWeights([[1, 2]])).toThrow(/at least 2 units/);
    expect(() => entropyWeights([[1, 2], [3]])).toThrow(/row 2 has 1 values/);
  });
});

describe('criticWeights', () => {
  it('matches a hand computation with a cost column', () => {
    // X = [[1,5,2],[2,3,4],[3,4,9]], directions benefit, benefit, cost.
    // Best–worst: r1 = (0, .5, 1), r2 = (1, 0, .5), r3 = ((9−2)/7, (9−4)/7, 0) = (1, .714286, 0).
    // Sample σ: .5, .5, .515079. Pearson r12 = −.5, r13 = −.970725, r23 = .277350.
    // C1 = .5·(1.5 + 1.970725) = 1.735363; C2 = .5·(1.5 + .722650) = 1.111325;
    // C3 = .515079·(1.970725 + .722650) = 1.387301; ΣC = 4.233989.
    // w = .409865, .262477, .327658.
    close(criticWeights([[1, 5, 2], [2, 3, 4], [3, 4, 9]], ['benefit', 'benefit', 'cost']), [0.409865, 0.262477, 0.327658], 2e-6);
  });
  it('gives a constant column weight 0 and treats its correlation as 0', () => {
    // Column 3 constant: normalises to zeros, σ = 0, so C3 = 0; r13 = r23 = 0 adds 1 to the others' conflict.
    // r1 = (0, .5, 1), r2 = (1, 0, .5): σ = .5 each, r12 = −.5 → C1 = C2 = .5·(1.5 + 1) → equal weights.
    close(criticWeights([[1, 5, 7], [2, 3, 7], [3, 4, 7]], ['benefit', 'benefit', 'benefit']), [0.5, 0.5, 0], 1e-12);
    close(criticWeights([[7, 7], [7, 7]], ['benefit', 'cost']), [0.5, 0.5], 1e-12);
  });
  it('reversing a column and its direction changes nothing', () => {
    const x = [[1, 5, 2], [2, 3, 4], [3, 4, 9], [0, 8, 1]];
    const flipped = x.map((r) => [r[0], r[1], -r[2]]);
    close(criticWeights(flipped, ['benefit', 'benefit', 'benefit']), criticWeights(x, ['benefit', 'benefit', 'cost']), 1e-12);
  });
  it('rejects a direction list of the wrong length', () => {
    expect(() => criticWeights([[1, 2], [3, 4]], ['benefit'])).toThrow(MethodInputError);
  });
});

describe('stdevWeights', () => {
  it('is proportional to the sample standard deviation', () => {
    // σ(1,3,5) = 2, σ(10,13,16) = 3 → 0.4, 0.6.
    close(stdevWeights([[1, 10], [3, 13], [5, 16]]), [0.4, 0.6], 1e-12);
    close(stdevWeights([[4, 4], [4, 4]]), [0.5, 0.5], 1e-12);
  });
});

describe('combineWeights', () => {
  it('mixes normalised subjective and objective weights', () => {
    close(combineWeights([0.6, 0.4], [0.2, 0.8], 0.5), [0.4, 0.6], 1e-12);
    // Direct numbers are normalised first: (3, 1) → (0.75, 0.25); α = 0.25: .25·.75 + .75·.5 = .5625.
    close(combineWeights([3, 1], [0.5, 0.5], 0.25), [0.5625, 0.4375], 1e-12);
    close(combineWeights([0.6, 0.4], [0.2, 0.8], 1), [0.6, 0.4], 1e-12);
  });
  it('rejects α outside 0..1, lengths that differ and negative weights', () => {
    expect(() => combineWeights([1], [1], 1.5)).toThrow(/alpha/);
    expect(() => combineWeights([1, 2], [1], 0.5)).toThrow(MethodInputError);
    expect(() => combineWeights([1, -2], [1, 1], 0.5)).toThrow(MethodInputError);
  });
});

// Units × indicators matrices of non-negative values, at least 2 units, with at least one positive value per column.
const unitsMatrix = fc.tuple(fc.integer({ min: 2, max: 8 }), fc.integer({ min: 1, max: 6 })).chain(([m, n]) =>
  fc
    .array(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: n, maxLength: n }), { minLength: m, maxLength: m })
    .map((rows) => rows.map((r) => r.map((x) => Math.round(x * 100) / 100 + 0.01))),
);
const withPermutation = unitsMatrix.chain((x) =>
  fc.shuffledSubarray([...x.keys()], { minLength: x.length, maxLength: x.length }).map((p) => [x, p] as const),
);
const directionsFor = (n: number, seed: number) => Array.from({ length: n }, (_, j) => ((seed >> j) & 1 ? 'cost' : 'benefit') as 'benefit' | 'cost');

describe('properties of the data-driven weights', () => {
  const methods = {
    entropy: (x: number[][]) => entropyWeights(x),
    critic: (x: number[][], seed: number) => criticWeights(x, directionsFor(x[0].length, seed)),
    stdev: (x: number[][]) => stdevWeights(x),
  };
  for (const [name, f] of Object.entries(methods)) {
    it(`${name}: non-negative weights summing to 1`, () => {
      fc.assert(
        fc.property(unitsMatrix, fc.nat(63), (x, seed) => {
          const w = f(x, seed);
          expect(w.every((v) => v >= 0)).toBe(true);
          expect(Math.abs(w.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
        }),
      );
    });
    it(`${name}: permuting the units changes no weight`, () => {
      fc.assert(
        fc.property(withPermutation, fc.nat(63), ([x, p], seed) => {
          const w = f(x, seed);
          const wp = f(p.map((i) => x[i]), seed);
          wp.forEach((v, j) => expect(v).toBeCloseTo(w[j], 9));
        }),
      );
    });
  }
  it('combined: non-negative weights summing to 1', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) =>
          fc.tuple(
            fc.array(fc.double({ min: 0.01, max: 10, noNaN: true }), { minLength: n, maxLength: n }),
            fc.array(fc.double({ min: 0.01, max: 10, noNaN: true }), { minLength: n, maxLength: n }),
            fc.double({ min: 0, max: 1, noNaN: true }),
          ),
        ),
        ([s, o, alpha]) => {
          const w = combineWeights(s, o, alpha);
          expect(w.every((v) => v >= 0)).toBe(true);
          expect(Math.abs(w.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
        },
      ),
    );
  });
});
