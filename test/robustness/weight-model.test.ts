import { describe, expect, it } from 'vitest';
import { buildWeightModel, computeTotals, gradeOf, normaliseSiblings } from '../../src/robustness/weight-model.js';
import { syntheticAssessment } from '../support/synthetic-assessment.js';
import { assessment, ind, threeUnits, unit } from './fixtures.js';

describe('weight model', () => {
  it('reproduces the hand-computed totals of the three-unit case', () => {
    const model = buildWeightModel(threeUnits());
    const out = new Float64Array(3);
    computeTotals(model, model.baseWeights, out);
    expect(Array.from(out)).toEqual([95, 70, 67.5]);
  });

  it('renormalises over the available leaves and keeps bonus and penalty', () => {
    // Tree: D1 (0.6) → a (0.5), b (0.5); D2 (0.4) → c (1).
    // V1: a 80, b missing, c 50 → D1 = 80 (b skipped, a's weight rescaled to 1) → 0.6·80 + 0.4·50 = 68; +3 − 1 = 70.
    // V2: all missing under D1 → D1 skipped at the root → total = c = 90; no adjustments.
    const result = assessment(
      [ind('D1', null, 0.6, false), ind('a', 'D1', 0.5), ind('b', 'D1', 0.5), ind('D2', null, 0.4, false), ind('c', 'D2', 1)],
      [
        unit({ unit: 'V1', scores: { a: 80, b: null, c: 50, D1: 80, D2: 50 }, total: 70, rank: 2, grade: '合格', bonus: 3, penalty: 1 }),
        unit({ unit: 'V2', scores: { a: null, b: null, c: 90, D1: null, D2: 90 }, total: 90, rank: 1, grade: '优秀' }),
      ],
    );
    const model = buildWeightModel(result);
    const out = new Float64Array(2);
    computeTotals(model, model.baseWeights, out);
    expect(out[0]).toBeCloseTo(70, 12);
    expect(out[1]).toBeCloseTo(90, 12);
  });

  it('agrees with the dot product of global weights on complete synthetic data', () => {
    const result = syntheticAssessment({ units: 20, groups: 3, leavesPerGroup: 4, seed: 5 });
    const model = buildWeightModel(result);
    const out = new Float64Array(20);
    computeTotals(model, model.baseWeights, out);
    result.units.forEach((u, i) => {
      const byHand = result.indicators.filter((x) => x.leaf).reduce((s, x) => s + x.global_weight * u.indicators[x.id].score!, 0);
      expect(out[i]).toBeCloseTo(byHand, 9);
    });
  });

  it('caps the grade of a vetoed unit at its reported grade', () => {
    const result = threeUnits();
    result.units[0].vetoes = ['major_incident'];
    result.units[0].grade = '合格'; // the veto capped 优秀 down to 合格 (band index 2)
    const model = buildWeightModel(result);
    expect(gradeOf(model, 0, 99)).toBe(2);
    expect(gradeOf(model, 1, 99)).toBe(0);
    expect(gradeOf(model, 1, 89.995)).toBe(0); // bandIndex rounds as the engine does: 89.995 prints 90.00, 优秀
    expect(gradeOf(model, 1, 89.994)).toBe(1);
    expect(gradeOf(model, 1, -5)).toBe(3); // below every minimum → the lowest band
  });

  it('takes the veto cap from grade_cap when the result carries it', () => {
    const result = threeUnits();
    // U2 scored 70 (合格); its veto caps at 良好, which does not bind now but would above 80.
    Object.assign(result.units[1], { vetoes: ['late_report'], grade_cap: '良好' });
    const model = buildWeightModel(result);
    expect(gradeOf(model, 1, 95)).toBe(1);
    expect(gradeOf(model, 1, 70)).toBe(2);
  });

  it('normalises each sibling group to 1', () => {
    const model = buildWeightModel(threeUnits());
    const w = Float64Array.from([3, 1]);
    normaliseSiblings(model, w);
    expect(Array.from(w)).toEqual([0.75, 0.25]);
  });
});
