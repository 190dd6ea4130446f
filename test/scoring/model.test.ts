import { describe, expect, it } from 'vitest';
import { parseIndicatorSystem } from '../../src/config/indicator-system.js';
import { buildScoringModel, modelGradeIndex, scoreWithWeights } from '../../src/scoring/model.js';
import { scoreAssessment } from '../../src/scoring/score-assessment.js';
import { buildMetrics } from './metrics-fixture.js';

const yaml = `
name: model
survey: {items: [{id: q1}]}
bonus: {cap: 5, items: [{id: innovation, name: 创新}]}
veto: [{id: safety, name: 安全, grade: 合格}]
indicators:
  - id: A
    name: a
    weight: 3
    children:
      - {id: A1, name: a1, weight: 2, metric: cases.on_time_close_rate, scoring: {method: threshold, floor: 0.6, target: 0.95}}
      - {id: A2, name: a2, weight: 1, metric: cases.return_rate, direction: cost, scoring: {method: threshold, floor: 0.3, target: 0.05}}
  - {id: B, name: b, weight: 1, metric: survey.satisfaction_index}
`;
const metrics = buildMetrics({
  units: ['U1', 'U2', 'U3', 'U4'],
  cases: { on_time_close_rate: [0.95, 0.88, 0.6, null], return_rate: [0.05, 0.1, 0.3, 0.175] },
  surveyIndex: [60, 90, null, 70],
  ratings: { innovation: [null, 4, null, null], safety: [1, null, null, null] },
});
const system = parseIndicatorSystem(yaml, 'model.yaml');
const base = (weightOverrides?: Record<string, number>) =>
  scoreAssessment({ system, systemFile: { path: 'm', sha256: '' }, assessment: null, metrics, version: 't', generatedAt: 'now', weightOverrides });

describe('scoring model', () => {
  const result = base();
  const model = buildScoringModel(result);

  it('holds the tree, weights, scores (NaN for renormalize gaps), adjustments and veto caps', () => {
    expect(model.nodeIds).toEqual(['A', 'A1', 'A2', 'B']);
    expect(Array.from(model.parent)).toEqual([-1, 0, 0, -1]);
    expect(Array.from(model.leafNodes)).toEqual([1, 2, 3]);
    expect(model.units).toEqual(result.units.map((u) => u.unit));
    const u4 = model.units.indexOf('U4');
    expect(Number.isNaN(model.scores[u4 * 3 + 0])).toBe(true); // U4 has no A1
    expect(model.adjustment[model.units.indexOf('U2')]).toBe(4);
    expect(model.gradeCap[model.units.indexOf('U1')]).toBe(2); // 合格
    expect(model.gradeCap[u4]).toBe(-1);
  });

  it('reproduces the totals with the base weights and re-grades with the veto cap', () => {
    const out = new Float64Array(model.units.length);
    scoreWithWeights(model, model.baseWeights, out);
    result.units.forEach((u, k) => expect(out[k]).toBeCloseTo(u.total!, 12));
    const u1 = model.units.indexOf('U1');
    expect(modelGradeIndex(model, u1, 95)).toBe(2); // 优秀 by total, capped at 合格
    expect(modelGradeIndex(model, model.units.indexOf('U2'), 86.5)).toBe(1); // 良好
    expect(modelGradeIndex(model, model.units.indexOf('U2'), 89.9999999999999)).toBe(0); // float noise for 90
    expect(modelGradeIndex(model, model.units.indexOf('U2'), 89.995)).toBe(0); // prints 90.00: 优秀, as the engine grades it
  });

  it('matches a full re-scoring under other weights (not normalised)', () => {
    // A: 1, A1: 1, A2: 3, B: 1 → the same as the scenario overrides below
    const w = Float64Array.from([1, 1, 3, 1]);
    const out = new Float64Array(model.units.length);
    scoreWithWeights(model, w, out);
    const again = base({ A: 1, A1: 1, A2: 3, B: 1 });
    const total = new Map(again.units.map((u) => [u.unit, u.total]));
    model.units.forEach((id, k) => expect(out[k]).toBeCloseTo(total.get(id)!, 9));
    // hand check for U2: A = (1·80 + 3·80)/4 = 80; base = (80 + 90)/2 = 85; + bonus 4 = 89
    expect(out[model.units.indexOf('U2')]).toBeCloseTo(89, 9);
  });
});
