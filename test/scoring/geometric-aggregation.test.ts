/**
 * Geometric aggregation per node (issue 16 item 1): the indicator system's `aggregation:`, the engine's node
 * scores, the JSON, the Monte Carlo model and the uncertainty model, and the workbook's live formula.
 */
import { describe, expect, it } from 'vitest';
import { parseIndicatorSystem } from '../../src/config/indicator-system.js';
import { ConfigError } from '../../src/errors.js';
import { buildWeightModel, computeTotals } from '../../src/robustness/weight-model.js';
import { baseChoice, buildUncertaintyModel, createModelScratch, evaluateTotals } from '../../src/robustness/uncertainty/model.js';
import { nodeFormula } from '../../src/report/sheets/scores.js';
import { scoreAssessment } from '../../src/scoring/score-assessment.js';
import { syntheticSystem } from '../support/synthetic-system.js';

describe('geometric aggregation', () => {
  // Group G1 geometric: its leaves score (threshold 40 → 0, 95 → 100) and combine as exp(Σ w ln max(s, 1) / Σ w).
  const geometricG1 = (g: number) => (g === 1 ? 'aggregation: geometric' : '');
  const { system, metrics } = syntheticSystem({ units: 20, groups: 3, leavesPerGroup: 3, seed: 5, missingShare: 0.1, groupExtra: geometricG1 });
  const result = scoreAssessment({ system, systemFile: { path: 's.yaml', sha256: '' }, assessment: null, metrics, version: 't', generatedAt: 'x' });

  it('reads aggregation: from a node and the system, and rejects it on a leaf', () => {
    const g1 = system.indicators[1];
    expect(g1.kind === 'group' && g1.aggregation).toBe('geometric');
    const yaml = syntheticSystem({ units: 2, groups: 1, leavesPerGroup: 2, seed: 1 }).yaml;
    expect(parseIndicatorSystem(`aggregation: geometric\n${yaml}`, 's.yaml').aggregation).toBe('geometric');
    const onLeaf = yaml.replace('        scoring: {method: threshold, floor: 40, target: 95}\n', '        scoring: {method: threshold, floor: 40, target: 95}\n        aggregation: geometric\n');
    expect(() => parseIndicatorSystem(onLeaf, 's.yaml')).toThrow(ConfigError);
  });

  it('scores the node by the weighted geometric mean of its available children, floored at 1, and says so in the JSON', () => {
    const w = result.weighting.find((x) => x.node === 'G1')!;
    expect(w.aggregation).toBe('geometric');
    expect(result.weighting.find((x) => x.node === 'G2')!.aggregation).toBeUndefined();
    for (const u of result.units) {
      const kids = ['L1_0', 'L1_1', 'L1_2'].map((id) => ({ w: w.weights[id], s: u.indicators[id].score }));
      const have = kids.filter((k) => k.s !== null);
      const expected = have.length ? Math.exp(have.reduce((a, k) => a + k.w * Math.log(Math.max(k.s!, 1)), 0) / have.reduce((a, k) => a + k.w, 0)) : null;
      if (expected === null) expect(u.indicators.G1.score).toBeNull();
      else expect(u.indicators.G1.score).toBeCloseTo(expected, 9);
    }
  });

  it('the Monte Carlo and uncertainty models reproduce the totals with the base weights', () => {
    const model = buildWeightModel(result);
    const totals = new Float64Array(model.unitCount);
    computeTotals(model, model.baseWeights, totals);
    const byUnit = new Map(result.units.map((u) => [u.unit, u.total]));
    model.unitIds.forEach((id, i) => expect(totals[i]).toBeCloseTo(byUnit.get(id)!, 9));
    const um = buildUncertaintyModel(system, metrics, result, {});
    const t2 = new Float64Array(um.units.length);
    evaluateTotals(um, baseChoice(um), createModelScratch(um), t2);
    um.units.forEach((id, i) => expect(t2[i]).toBeCloseTo(byUnit.get(id)!, 9));
  });

  it('writes the workbook formula as the same weighted geometric mean (live: weights are cell references)', () => {
    const f = nodeFormula(
      [
        { weight: '指标体系!$E$5', score: 'C7' },
        { weight: '指标体系!$E$6', score: 'E7' },
      ],
      '""',
      'geometric',
    );
    expect(f).toBe('IF(COUNT(C7,E7)=0,"",EXP((指标体系!$E$5*IF(ISNUMBER(C7),LN(MAX(C7,1)),0)+指标体系!$E$6*IF(ISNUMBER(E7),LN(MAX(E7,1)),0))/(指标体系!$E$5*ISNUMBER(C7)+指标体系!$E$6*ISNUMBER(E7))))');
    // Evaluated by hand for C7 = 100, E7 = 25, equal weights: exp((ln 100 + ln 25)/2) = 50.
    expect(Math.exp((Math.log(100) + Math.log(25)) / 2)).toBeCloseTo(50, 12);
  });
});
