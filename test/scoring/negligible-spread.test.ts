/**
 * Issue 12: a spread that is negligible against the values' magnitude is no spread. The column [2.1e-109, 0, 0]
 * is the one the unit-order property test met with seed 1834149431 (a clean-clone CI run); before the fix each
 * method below turned it into a full-size difference, and which unit got it depended on float noise.
 * Expected values follow from each method's documented rule for a constant column.
 */
import { describe, expect, it } from 'vitest';
import { minmaxScores } from '../../src/scoring/leaf/minmax.js';
import { zscoreScores } from '../../src/scoring/leaf/zscore.js';
import { isNegligibleSpread, NEGLIGIBLE_SPREAD } from '../../src/scoring/negligible-spread.js';
import { topsis } from '../../src/scoring/topsis.js';
import { weightedSumScores } from '../../src/scoring/wsm.js';
import { criticWeights } from '../../src/scoring/weights/critic.js';
import { entropyWeights } from '../../src/scoring/weights/entropy.js';
import { stdevWeights } from '../../src/scoring/weights/stdev.js';

const NOISE = [2.1e-109, 0, 0];

describe('isNegligibleSpread: spread ≤ 1e-12 · max(1, max |x|)', () => {
  it('counts noise around 0 as constant, whatever its own magnitude (the floor of 1)', () => {
    expect(NEGLIGIBLE_SPREAD).toBe(1e-12);
    expect(isNegligibleSpread(NOISE)).toBe(true);
    expect(isNegligibleSpread([1e-12, 0])).toBe(true); // at the tolerance
    expect(isNegligibleSpread([2e-12, 0])).toBe(false); // just above it
  });

  it('scales with the magnitude above 1', () => {
    expect(isNegligibleSpread([50, 50 + 1e-11])).toBe(true); // 1e-11 ≤ 5e-11
    expect(isNegligibleSpread([1e15, 1e15 + 1])).toBe(true); // 1 ≤ 1000
    expect(isNegligibleSpread([1e15, 1e15 + 2048])).toBe(false);
    expect(isNegligibleSpread([-80, -80 - 1e-11])).toBe(true); // |x| counts, not x
  });

  it('keeps real differences, however small against 1', () => {
    expect(isNegligibleSpread([0.1, 0.1000001])).toBe(false);
    expect(isNegligibleSpread([1e-6, 0])).toBe(false);
  });

  it('treats an empty list or a single value as constant', () => {
    expect(isNegligibleSpread([])).toBe(true);
    expect(isNegligibleSpread([42])).toBe(true);
  });
});

describe('the six methods treat a negligible spread as zero', () => {
  it('minmax: every unit scores 100, as for equal values (design §6.1)', () => {
    expect(minmaxScores(NOISE, 'benefit')).toEqual([100, 100, 100]);
    expect(minmaxScores([...NOISE, null], 'cost')).toEqual([100, 100, 100, null]);
  });

  it('weighted sum (the rank command) min–max scores with the same rule: the noise column adds 100 to every unit', () => {
    // Column 2 [0, 1, 2] scores 0, 50, 100; with equal weights the totals are (100 + s)/2.
    expect(weightedSumScores(NOISE.map((x, i) => [x, i]), [0.5, 0.5], ['benefit', 'benefit'])).toEqual([50, 75, 100]);
  });

  it('zscore: every unit scores 50', () => {
    expect(zscoreScores(NOISE, 'benefit')).toEqual([50, 50, 50]);
  });

  it('entropy: the noise column gets weight 0; two noise columns get equal weights', () => {
    expect(entropyWeights(NOISE.map((x, i) => [x, i + 1]))).toEqual([0, 1]);
    expect(entropyWeights([[2e-109, 0], [0, 1e-109], [0, 1e-109]])).toEqual([0.5, 0.5]);
  });

  it('CRITIC: the noise column normalises to zeros and gets weight 0', () => {
    // The other column [1, 2, 3] is the only one that varies: it takes all the weight.
    expect(criticWeights(NOISE.map((x, i) => [x, i + 1]), ['benefit', 'benefit'])).toEqual([0, 1]);
    expect(criticWeights([[2e-109, 0], [0, 1e-109], [0, 0]], ['benefit', 'cost'])).toEqual([0.5, 0.5]);
  });

  it('stdev: σ = 0 for noise, so two noise columns get equal weights, not weights in the ratio of their noise', () => {
    expect(stdevWeights([[2e-109, 0], [0, 1e-109], [0, 0]])).toEqual([0.5, 0.5]);
    expect(stdevWeights(NOISE.map((x, i) => [x, i + 1]))).toEqual([0, 1]);
  });

  it('TOPSIS: the noise column tells no unit apart; the ranking is the other column’s', () => {
    // Column 2 alone: 60 > 50 > 40. Before the fix the noise normalised to [1, 0, 0] and put unit 1 first.
    const r = topsis(NOISE.map((x, i) => [x, [50, 60, 40][i]]), [0.5, 0.5], ['benefit', 'benefit']);
    expect(r.ranks).toEqual([2, 1, 3]);
    expect(topsis([[2e-109, 7], [0, 7]], [0.5, 0.5], ['benefit', 'cost']).closeness).toEqual([0.5, 0.5]);
  });
});
