/**
 * Saltelli sampling with Jansen's estimators against a function whose indices are known in closed form.
 */
import { describe, expect, it } from 'vitest';
import { Xoshiro128 } from '../../src/robustness/prng.js';
import { designRow, drawCount, jansenIndices, saltelliDesign } from '../../src/robustness/sobol-indices.js';

/**
 * The Ishigami function (Ishigami & Homma 1990), a = 7, b = 0.1, x_i ~ U[−π, π]. Its indices in closed form
 * (Saltelli et al. 2008, Global Sensitivity Analysis: The Primer, §4.8; Saltelli et al. 2010, CPC 181:259, §4),
 * printed there as S1 = 0.3139, S2 = 0.4424, S3 = 0, ST1 = 0.5576, ST2 = 0.4424, ST3 = 0.2437:
 *   V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2, V1 = (1 + bπ⁴/5)²/2, V2 = a²/8, V13 = b²π⁸(1/18 − 1/50).
 */
const a = 7;
const b = 0.1;
const ishigami = (x: Float64Array) => {
  const [x1, x2, x3] = [x[0], x[1], x[2]].map((u) => (2 * u - 1) * Math.PI);
  return Math.sin(x1) + a * Math.sin(x2) ** 2 + b * x3 ** 4 * Math.sin(x1);
};
const pi = Math.PI;
const V = (a * a) / 8 + (b * pi ** 4) / 5 + (b * b * pi ** 8) / 18 + 0.5;
const V1 = (1 + (b * pi ** 4) / 5) ** 2 / 2;
const V2 = (a * a) / 8;
const V13 = b * b * pi ** 8 * (1 / 18 - 1 / 50);

describe('Jansen estimators on the Ishigami function', () => {
  it('the closed form gives the published values', () => {
    expect(V1 / V).toBeCloseTo(0.3139, 4);
    expect(V2 / V).toBeCloseTo(0.4424, 4);
    expect((V1 + V13) / V).toBeCloseTo(0.5576, 4);
    expect(V13 / V).toBeCloseTo(0.2437, 4);
  });

  it('estimates S1, S2, S3 and ST1, ST2, ST3 within sampling error (N = 2^14, seeded)', () => {
    const rng = new Xoshiro128(20261128);
    const design = saltelliDesign(2 ** 14, [[0], [1], [2]], () => rng.uniform());
    const t = drawCount(design);
    expect(t).toBe(2 ** 14 * 5);
    const y = new Float64Array(t);
    const row = new Float64Array(design.d);
    for (let i = 0; i < t; i++) {
      designRow(design, i, row);
      y[i] = ishigami(row);
    }
    const s = jansenIndices(y, design.n, 3);
    const expected = { first: [V1 / V, V2 / V, 0], total: [(V1 + V13) / V, V2 / V, V13 / V] };
    // Jansen's estimators' standard error at N = 16384 is below 0.01 for these indices.
    s.first.forEach((x, i) => expect(Math.abs(x! - expected.first[i]), `S${i + 1} = ${x}`).toBeLessThan(0.03));
    s.total.forEach((x, i) => expect(Math.abs(x! - expected.total[i]), `ST${i + 1} = ${x}`).toBeLessThan(0.03));
    expect(s.variance).toBeCloseTo(V, 0);
  });

  it('a group of columns counts as one input, and a still output has null indices', () => {
    const rng = new Xoshiro128(1);
    const design = saltelliDesign(256, [[0, 1], [2]], () => rng.uniform());
    const row = new Float64Array(3);
    const t = drawCount(design);
    const y = new Float64Array(t);
    const flat = new Float64Array(t);
    for (let i = 0; i < t; i++) {
      designRow(design, i, row);
      y[i] = row[0] + row[1]; // depends on the first input only
      flat[i] = 5;
    }
    const s = jansenIndices(y, design.n, 2);
    expect(s.first[0]).toBeCloseTo(1, 10);
    expect(s.total[1]).toBe(0);
    expect(jansenIndices(flat, design.n, 2)).toMatchObject({ first: [null, null], total: [null, null], variance: 0 });
  });

  it('rejects a design without inputs or with too few samples', () => {
    expect(() => saltelliDesign(1, [[0]], Math.random)).toThrow(RangeError);
    expect(() => saltelliDesign(8, [], Math.random)).toThrow(RangeError);
  });
});
