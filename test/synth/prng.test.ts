import { describe, expect, it } from 'vitest';
import { Prng, WeightedTable } from '../support/synth/prng.js';

describe('Prng (mulberry32)', () => {
  it('reproduces the reference mulberry32 sequence', () => {
    // Reference values from the public-domain mulberry32 by Tommy Ettinger as published in bryc's
    // "PRNGs" collection, seed 42: 0.6011037519201636, 0.44829055899754167.
    const r = new Prng(42);
    expect(r.next()).toBe(0.6011037519201636);
    expect(r.next()).toBe(0.44829055899754167);
  });

  it('draws integers within bounds and weighted items in proportion', () => {
    const r = new Prng(1);
    const table = new WeightedTable(['a', 'b'], [3, 1]);
    let a = 0;
    for (let i = 0; i < 40_000; i++) {
      const k = r.int(2, 5);
      expect(k >= 2 && k <= 5 && Number.isInteger(k)).toBe(true);
      if (table.draw(r) === 'a') a++;
    }
    // Expected share 0.75; σ of the share = √(0.75·0.25/40000) ≈ 0.0022, allow 4σ.
    expect(Math.abs(a / 40_000 - 0.75)).toBeLessThan(0.009);
  });

  it('refuses an empty or all-zero table', () => {
    expect(() => new WeightedTable([], [])).toThrow();
    expect(() => new WeightedTable(['a'], [0])).toThrow();
  });
});
