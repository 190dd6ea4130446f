import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../src/stats/normal-quantile.js';

describe('normalQuantile', () => {
  // Reference quantiles from Wichura (1988), AS 241, Table 1 (also the standard normal table of any textbook).
  it.each([
    [0.975, 1.959963984540054],
    [0.5, 0],
    [0.841344746068543, 1],
    [0.1, -1.2815515655446004],
    [1e-10, -6.361340902404056],
    [0.999, 3.090232306167814],
  ])('Φ⁻¹(%f) = %f', (p, z) => expect(Math.abs(normalQuantile(p) - z)).toBeLessThan(1e-9));

  it('rejects p outside (0, 1)', () => {
    expect(() => normalQuantile(0)).toThrow(RangeError);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});
