/**
 * The Monte Carlo's weight model (src/robustness/weight-model.ts) against the scoring stage it stands in for:
 * the same tree, scores, adjustments and veto caps, the same totals and grades under the base weights and under
 * other weights (a full re-scoring with weight overrides).
 */
import { describe, expect, it } from 'vitest';
import { parseIndicatorSystem } from '../../src/config/indicator-system.js';
import { buildWeightModel, computeTotals, gradeOf, normaliseSiblings } from '../../src/robustness/weight-model.js';
import { scoreAssessment } from '../../src/scoring/score-assessment.js';
import { buildMetrics } from '../scoring/metrics-fixture.js';

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

describe('weight model of a scored assessment', () => {
  const result = base();
  const model = buildWeightModel(result);
  const at = (unit: string) => model.unitIds.indexOf(unit);
  const node = (id: string) => model.nodeIds.indexOf(id);

  it('holds the tree, weights, scores (NaN for renormalize gaps), adjustments and veto caps', () => {
    expect([...model.nodeIds].sort()).toEqual(['A', 'A1', 'A2', 'B']);
    expect(model.parent[node('A')]).toBe(-1);
    expect(model.parent[node('B')]).toBe(-1);
    expect(model.parent[node('A1')]).toBe(node('A'));
    expect(model.parent[node('A2')]).toBe(node('A'));
    expect(model.leafCount).toBe(3);
    expect(model.unitIds).toEqual(result.units.map((u) => u.unit));
    const u4 = at('U4');
    expect(Number.isNaN(model.leafScores[u4 * model.leafCount + model.leafColumn[node('A1')]])).toBe(true); // U4 has no A1
    expect(model.adjustment[at('U2')]).toBe(4);
    expect(model.vetoCap[at('U1')]).toBe(2); // 合格
    expect(model.vetoCap[u4]).toBe(-1);
  });

  it('reproduces the totals with the base weights and re-grades with the veto cap', () => {
    const out = new Float64Array(model.unitCount);
    computeTotals(model, model.baseWeights, out);
    result.units.forEach((u, k) => expect(out[k]).toBeCloseTo(u.total!, 12));
    expect(gradeOf(model, at('U1'), 95)).toBe(2); // 优秀 by total, capped at 合格
    expect(gradeOf(model, at('U2'), 86.5)).toBe(1); // 良好
    expect(gradeOf(model, at('U2'), 89.9999999999999)).toBe(0); // float noise for 90
    expect(gradeOf(model, at('U2'), 89.995)).toBe(0); // prints 90.00: 优秀, as the engine grades it
  });

  it('matches a full re-scoring under other weights (not normalised)', () => {
    // A: 1, A1: 1, A2: 3, B: 1 → the same as the scenario overrides below
    const overrides = { A: 1, A1: 1, A2: 3, B: 1 };
    const w = Float64Array.from(model.nodeIds.map((id) => overrides[id as keyof typeof overrides]));
    normaliseSiblings(model, w);
    const out = new Float64Array(model.unitCount);
    computeTotals(model, w, out);
    const again = base(overrides);
    const total = new Map(again.units.map((u) => [u.unit, u.total]));
    model.unitIds.forEach((id, k) => expect(out[k]).toBeCloseTo(total.get(id)!, 9));
    // hand check for U2: A = (1·80 + 3·80)/4 = 80; base = (80 + 90)/2 = 85; + bonus 4 = 89
    expect(out[at('U2')]).toBeCloseTo(89, 9);
  });

  it('gives the totals of the scoring stage for varied weights, with missing leaves and adjustments', () => {
    const out = new Float64Array(model.unitCount);
    for (let trial = 0; trial < 20; trial++) {
      const overrides: Record<string, number> = {};
      model.nodeIds.forEach((id, k) => (overrides[id] = 0.5 + ((k * 7 + trial * 13) % 10) / 10));
      const w = Float64Array.from(model.nodeIds.map((id) => overrides[id]));
      normaliseSiblings(model, w);
      computeTotals(model, w, out);
      const again = new Map(base(overrides).units.map((u) => [u.unit, u.total]));
      model.unitIds.forEach((id, k) => expect(out[k]).toBeCloseTo(again.get(id)!, 9));
    }
  });
});
