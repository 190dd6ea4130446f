import { describe, expect, it } from 'vitest';
import { monteCarloRobustness, nearestRankPercentile } from '../../src/robustness/monte-carlo.js';
import { syntheticAssessment } from '../support/synthetic-assessment.js';
import { UsageError } from '../../src/errors.js';
import { assessment, ind, threeUnits, unit } from './fixtures.js';

describe('monteCarloRobustness', () => {
  const synthetic = syntheticAssessment({ units: 30, groups: 3, leavesPerGroup: 4, seed: 11 });

  it('is reproducible: the same seed gives the identical result', () => {
    const opts = { draws: 500, seed: 2026, perturbation: 0.3, topK: 5 };
    expect(monteCarloRobustness(synthetic, opts)).toEqual(monteCarloRobustness(synthetic, opts));
  });

  it('draws differently with a different seed', () => {
    const a = monteCarloRobustness(synthetic, { draws: 500, seed: 1, perturbation: 0.3, topK: 5 });
    const b = monteCarloRobustness(synthetic, { draws: 500, seed: 2, perturbation: 0.3, topK: 5 });
    expect(a.mean_spearman).not.toBe(b.mean_spearman);
    expect(a.units.map((u) => u.p_top_k)).not.toEqual(b.units.map((u) => u.p_top_k));
  });

  it('keeps every rank and grade with probability 1 when nothing is perturbed', () => {
    const r = monteCarloRobustness(synthetic, { draws: 200, seed: 3, perturbation: 0, topK: 5 });
    expect(r.mean_spearman).toBe(1);
    for (const u of r.units) {
      expect([u.median_rank, u.p05_rank, u.p95_rank]).toEqual([u.base_rank, u.base_rank, u.base_rank]);
      expect(u.p_keep_grade).toBe(1);
      expect(u.p_top_k).toBe(u.base_rank <= 5 ? 1 : 0);
      expect(u.p_bottom_k).toBe(u.base_rank > 25 ? 1 : 0);
    }
  });

  it('matches the hand-computed three-unit case', () => {
    // fixtures.threeUnits: U1 dominates on both indicators, so it ranks first in every draw. U2 (80, 60) and
    // U3 (60, 75) swap when 20·w_A < 15·w_B, i.e. f_B > 4/3·f_A for the factors f ~ U[0.5, 1.5] (p = 0.5):
    // with x = f_A − ½, y = f_B − ½ on the unit square, the area above y = 4x/3 + 1/6 is
    // ∫₀^⅝ (5/6 − 4x/3) dx = 25/48 − 25/96 = 25/96 ≈ 0.2604. A swap gives ranks (1, 3, 2), Spearman
    // 1 − 6·2 / (3·8) = 0.5, so the mean is 1 − 0.5 · 25/96 = 167/192. Grades: U1 total ∈ [92.5, 97.5] stays 优秀,
    // U2 ∈ [65, 75] and U3 ∈ [63.75, 71.25] stay 合格. Tolerance: 4 standard errors of a share at 20,000 draws.
    const r = monteCarloRobustness(threeUnits(), { draws: 20_000, seed: 7, perturbation: 0.5, topK: 1 });
    const [u1, u2, u3] = r.units;
    expect([u1.median_rank, u1.p05_rank, u1.p95_rank, u1.p_top_k]).toEqual([1, 1, 1, 1]);
    expect(u1.p_bottom_k).toBe(0);
    expect(Math.abs(u2.p_bottom_k - 25 / 96)).toBeLessThan(0.013);
    // Exactly one of U2, U3 is last in every draw, except the rare draws whose totals round to the same 2
    // decimals: they tie at rank 2 (ranks compare totals as printed, design §6.3). The band where |Δ| < 0.005 is
    // ≈ 0.0015 of the draws here.
    expect(u3.p_bottom_k + u2.p_bottom_k).toBeLessThanOrEqual(1);
    expect(u3.p_bottom_k + u2.p_bottom_k).toBeGreaterThan(0.995);
    expect([u2.median_rank, u2.p05_rank, u2.p95_rank]).toEqual([2, 2, 3]);
    expect([u3.median_rank, u3.p05_rank, u3.p95_rank]).toEqual([3, 2, 3]);
    expect(Math.abs(r.mean_spearman - 167 / 192)).toBeLessThan(0.007);
    expect(r.units.map((u) => u.p_keep_grade)).toEqual([1, 1, 1]);
    expect(r.scheme).toContain('[0.5, 1.5]');
  });

  it('keeps identical units tied in every draw', () => {
    const result = assessment(
      [ind('A', null, 0.3), ind('B', null, 0.7)],
      [
        unit({ unit: 'T1', scores: { A: 70, B: 90 }, total: 84, rank: 1, grade: '良好' }),
        unit({ unit: 'T2', scores: { A: 70, B: 90 }, total: 84, rank: 1, grade: '良好' }),
        unit({ unit: 'T3', scores: { A: 50, B: 50 }, total: 50, rank: 3, grade: '不合格' }),
      ],
    );
    const r = monteCarloRobustness(result, { draws: 300, seed: 1, perturbation: 0.4, topK: 1 });
    expect(r.units.map((u) => u.median_rank)).toEqual([1, 1, 3]);
    expect(r.units.map((u) => u.p_top_k)).toEqual([1, 1, 0]);
    expect(r.mean_spearman).toBe(1);
  });

  it('rejects impossible options with a usage error', () => {
    const base = { draws: 10, seed: 1, perturbation: 0.2, topK: 3 };
    expect(() => monteCarloRobustness(synthetic, { ...base, draws: 0 })).toThrow(UsageError);
    expect(() => monteCarloRobustness(synthetic, { ...base, perturbation: 1.5 })).toThrow(/perturbation/);
    expect(() => monteCarloRobustness(synthetic, { ...base, seed: 1.5 })).toThrow(/seed/);
    expect(() => monteCarloRobustness(synthetic, { ...base, topK: 0 })).toThrow(UsageError);
  });

  it('records a top k larger than the number of units as the number of units', () => {
    expect(monteCarloRobustness(threeUnits(), { draws: 5, seed: 1, perturbation: 0.1, topK: 10 }).top_k).toBe(3);
  });
});

describe('nearestRankPercentile', () => {
  it('picks the smallest rank whose cumulative count reaches ⌈q·D⌉', () => {
    // Ranks over 10 draws: rank 1 ×2, rank 2 ×5, rank 3 ×3. q = .05 → 1st draw → 1; q = .5 → 5th → 2;
    // q = .95 → ⌈9.5⌉ = 10th → 3.
    const counts = Int32Array.from([2, 5, 3]);
    expect(nearestRankPercentile(counts, 10, 0.05)).toBe(1);
    expect(nearestRankPercentile(counts, 10, 0.5)).toBe(2);
    expect(nearestRankPercentile(counts, 10, 0.95)).toBe(3);
  });
});
