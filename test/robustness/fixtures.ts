/**
 * Hand-built assessment results for the robustness tests: a small indicator tree whose totals can be worked
 * out on paper. Only the fields the robustness code reads are meaningful; the rest are filler.
 */
import { DEFAULT_GRADES } from '../../src/config/indicator-system.js';
import { emptyMetrics } from '../support/synthetic-assessment.js';
import type { AssessmentResult, IndicatorInfo, UnitResult } from '../../src/model/result.js';

export function ind(id: string, parent: string | null, weight: number, leaf = true): IndicatorInfo {
  return {
    id,
    name: { zh: `${id}名`, en: `${id} name` },
    parent,
    level: parent === null ? 1 : 2,
    weight,
    global_weight: weight,
    method: 'direct',
    leaf,
    metric: null,
    direction: leaf ? 'benefit' : null,
    scoring: null,
    missing: leaf ? 'renormalize' : null,
    description: null,
  };
}

export interface UnitSpec {
  unit: string;
  scores: Record<string, number | null>;
  total: number;
  rank: number;
  grade: string;
  bonus?: number;
  penalty?: number;
  vetoes?: string[];
}

export function unit(spec: UnitSpec): UnitResult {
  const bonus = spec.bonus ?? 0;
  const penalty = spec.penalty ?? 0;
  return {
    unit: spec.unit,
    name: null,
    parent: null,
    assessed: true,
    total: spec.total,
    base: spec.total - bonus + penalty,
    bonus,
    penalty,
    grade: spec.grade,
    grade_before_veto: spec.grade,
    vetoes: spec.vetoes ?? [],
    rank: spec.rank,
    rank_note: null,
    topsis: null,
    indicators: Object.fromEntries(Object.entries(spec.scores).map(([id, score]) => [id, { raw: null, score }])),
  };
}

export function assessment(indicators: IndicatorInfo[], units: UnitResult[], over: Partial<AssessmentResult> = {}): AssessmentResult {
  const period = { from: '2026-07-01', to: '2026-09-30', as_of: '2026-10-01T00:00:00' };
  return {
    schema_version: 2,
    tool: { name: 'govscore', version: 'test' },
    assessment: { title: 'test', client: null, evaluator: null, texts: {} },
    period,
    generated_at: '2026-10-08T09:00:00',
    config: { indicator_system: { path: 'test.yaml', sha256: '', name: { zh: '测试', en: 'test' } }, assessment: null },
    grades: structuredClone(DEFAULT_GRADES),
    indicators,
    weighting: [],
    units,
    metrics: emptyMetrics(period),
    robustness: null,
    comparison: null,
    data_quality: { files: [], issues: [], by_reason: {} },
    warnings: [],
    ...over,
  };
}

/**
 * Three units on two indicators A (0.5) and B (0.5):
 *   U1: A 100, B 90 → 95 (rank 1, 优秀) — beats the others on both indicators, so no weights can move it.
 *   U2: A 80,  B 60 → 70 (rank 2, 合格)
 *   U3: A 60,  B 75 → 67.5 (rank 3, 合格) — U2 and U3 swap once B's weight exceeds 4/7 (20 w_A = 15 w_B).
 */
export function threeUnits(): AssessmentResult {
  return assessment(
    [ind('A', null, 0.5), ind('B', null, 0.5)],
    [
      unit({ unit: 'U1', scores: { A: 100, B: 90 }, total: 95, rank: 1, grade: '优秀' }),
      unit({ unit: 'U2', scores: { A: 80, B: 60 }, total: 70, rank: 2, grade: '合格' }),
      unit({ unit: 'U3', scores: { A: 60, B: 75 }, total: 67.5, rank: 3, grade: '合格' }),
    ],
  );
}
