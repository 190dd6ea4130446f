/**
 * The uncertainty and sensitivity analysis (issue 16 item 2) on a synthetic system scored by the real engine.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { runUncertainty } from '../../src/robustness/uncertainty/analysis.js';
import { baseChoice, buildUncertaintyModel, createModelScratch, evaluateTotals } from '../../src/robustness/uncertainty/model.js';
import { resolveUncertainty } from '../../src/robustness/uncertainty/settings.js';
import { scoreAssessment } from '../../src/scoring/score-assessment.js';
import { syntheticSystem } from '../support/synthetic-system.js';

function scored(opts: Parameters<typeof syntheticSystem>[0]) {
  const { system, metrics } = syntheticSystem(opts);
  const result = scoreAssessment({ system, systemFile: { path: 'synthetic.yaml', sha256: '' }, assessment: null, metrics, version: 'test', generatedAt: '2026-10-01T00:00:00Z' });
  return { system, metrics, result };
}

describe('the uncertainty model', () => {
  it('reproduces the scoring stage\'s totals with every choice as configured (entropy node, missing values)', () => {
    const { system, metrics, result } = scored({ units: 40, groups: 3, leavesPerGroup: 4, seed: 7, missingShare: 0.1 });
    const model = buildUncertaintyModel(system, metrics, result, {});
    const totals = new Float64Array(model.units.length);
    evaluateTotals(model, baseChoice(model), createModelScratch(model), totals);
    const byUnit = new Map(result.units.map((u) => [u.unit, u.total]));
    model.units.forEach((u, i) => expect(totals[i]).toBeCloseTo(byUnit.get(u)!, 9));
  });
});

describe('runUncertainty', () => {
  const { system, metrics, result } = scored({ units: 30, groups: 3, leavesPerGroup: 3, seed: 11, missingShare: 0.1 });
  const settings = resolveUncertainty(
    { samples: 64, seed: 5, weights: 0.2, leaf_methods: { L1_0: ['minmax', 'rank'] }, aggregation: ['arithmetic', 'geometric'], missing: ['renormalize', 'zero', 'average'], weighting: ['entropy', 'critic', 'stdev'] },
    system,
    'assessment.yaml',
    { seed: 1, weights: null },
  );
  const u = runUncertainty(system, metrics, result, settings);

  it('states the design: inputs, N and N(k + 2) draws', () => {
    expect(u.inputs.map((i) => i.id)).toEqual(['weights', 'leaf_method:L1_0', 'aggregation', 'missing', 'weighting']);
    expect(u.inputs[1].alternatives).toEqual(['threshold', 'minmax', 'rank']);
    expect(u.samples).toBe(64);
    expect(u.draws).toBe(64 * 7);
    expect(u.scheme).toMatch(/N = 64 .* k = 5 .*N\(k \+ 2\) = 448/);
  });

  it('gives every ranked unit a median and 5–95 % interval around its range, and indices in a sane range', () => {
    expect(u.units.length).toBe(30);
    for (const x of u.units) {
      expect(x.p05_rank).toBeLessThanOrEqual(x.median_rank);
      expect(x.median_rank).toBeLessThanOrEqual(x.p95_rank);
      for (const id of Object.keys(x.total_order)) {
        const st = x.total_order[id];
        if (st !== null) expect(st).toBeGreaterThanOrEqual(0);
      }
    }
    expect(u.mean_rank_shift.mean).toBeGreaterThan(0);
    // The weights move every rank; their total-order index on the mean shift is clearly positive.
    expect(u.mean_rank_shift.total_order.weights!).toBeGreaterThan(0.01);
  });

  it('is reproducible from its seed', () => {
    expect(runUncertainty(system, metrics, result, settings)).toEqual(u);
  });

  it('lists the rank changes when each level-2 indicator is left out', () => {
    expect(u.remove_one.map((r) => r.indicator)).toEqual(['L0_0', 'L0_1', 'L0_2', 'L1_0', 'L1_1', 'L1_2', 'L2_0', 'L2_1', 'L2_2']);
    for (const row of u.remove_one) {
      expect(row.units.length).toBe(30);
      expect(row.max_abs_rank_change).toBe(Math.max(...row.units.map((x) => Math.abs(x.change))));
    }
  });
});

describe('settings', () => {
  const { system } = syntheticSystem({ units: 3, groups: 2, leavesPerGroup: 2, seed: 1 });
  const resolve = (raw: object) => resolveUncertainty(raw, system, 'a.yaml', { seed: 1, weights: null });
  it('an unknown indicator or method is a config error with the path', () => {
    const e1 = (() => {
      try {
        resolve({ leaf_methods: { NOPE: ['minmax'] } });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(e1).toBeInstanceOf(ConfigError);
    expect(e1!.message).toMatch(/"NOPE" is not a leaf indicator/);
    expect(e1!.location).toEqual({ file: 'a.yaml', path: 'robustness.uncertainty.leaf_methods.NOPE' });
    expect(e1!.exitCode).toBe(2);
    expect(() => resolve({ leaf_methods: { L0_0: ['grade'] } })).toThrow(/not a scoring method L0_0 can take/);
    expect(() => resolve({ aggregation: ['arithmetic', 'harmonic'] })).toThrow(/"harmonic" is not one of arithmetic, geometric/);
    expect(() => resolve({ missing: ['zero', 'drop'] })).toThrow(ConfigError);
  });
});
