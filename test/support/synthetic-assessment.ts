/**
 * A synthetic, self-consistent AssessmentResult of any size, for the robustness benchmark and tests: a
 * two-level indicator tree (groups × leaves per group, random positive weights normalised among siblings),
 * seeded random leaf scores in [40, 100], totals recomputed from them, the default grade bands and
 * competition ranks. Not used by any command.
 * @throws RangeError if a size is not a positive integer
 * @example syntheticAssessment({ units: 300, groups: 5, leavesPerGroup: 8, seed: 1 }).units.length // → 300
 */
import { DEFAULT_GRADES } from '../../src/config/indicator-system.js';
import { Xoshiro128 } from '../../src/robustness/prng.js';
import { buildWeightModel, computeTotals } from '../../src/robustness/weight-model.js';
import { competitionRanks } from '../../src/scoring/competition-rank.js';
import { bandIndex } from '../../src/scoring/grades.js';
import { totalHundredths } from '../../src/scoring/round-total.js';
import { type MetricsResult, type Period } from '../../src/types.js';
import { RESULT_SCHEMA_VERSION, type AssessmentResult, type IndicatorInfo, type UnitResult } from '../../src/model/result.js';

export interface SyntheticOptions {
  units: number;
  groups: number;
  leavesPerGroup: number;
  seed: number;
  /** Share of leaf scores left missing (renormalize), default 0. */
  missingShare?: number;
}

function indicator(id: string, parent: string | null, level: number, weight: number, globalWeight: number, leaf: boolean): IndicatorInfo {
  return {
    id,
    name: { zh: id, en: id },
    parent,
    level,
    weight,
    global_weight: globalWeight,
    method: 'direct',
    leaf,
    metric: leaf ? `custom.${id}` : null,
    direction: leaf ? 'benefit' : null,
    scoring: null,
    missing: leaf ? 'renormalize' : null,
    description: null,
  };
}

function normalised(rng: Xoshiro128, count: number): number[] {
  const raw = Array.from({ length: count }, () => 0.5 + rng.uniform());
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((x) => x / sum);
}

/** A metrics block with no inputs behind it: synthetic results are built from scores, not from data. */
export function emptyMetrics(period: Period): MetricsResult {
  return {
    period,
    units: [],
    cases: {},
    caseCounts: {},
    breakdowns: { urgency: [], category: [], department: [] },
    custom: {},
    warnings: [],
    survey: null,
    ratings: null,
    dataQuality: { files: [], issues: [], by_reason: {} },
  };
}

export function syntheticAssessment(opts: SyntheticOptions): AssessmentResult {
  for (const key of ['units', 'groups', 'leavesPerGroup'] as const) {
    if (!Number.isInteger(opts[key]) || opts[key] < 1) throw new RangeError(`${key} must be a positive integer`);
  }
  const rng = new Xoshiro128(opts.seed);
  const indicators: IndicatorInfo[] = [];
  const groupWeights = normalised(rng, opts.groups);
  for (let g = 0; g < opts.groups; g++) {
    const gid = `D${g + 1}`;
    indicators.push(indicator(gid, null, 1, groupWeights[g], groupWeights[g], false));
    const leafWeights = normalised(rng, opts.leavesPerGroup);
    for (let l = 0; l < opts.leavesPerGroup; l++) {
      indicators.push(indicator(`${gid}.${l + 1}`, gid, 2, leafWeights[l], groupWeights[g] * leafWeights[l], true));
    }
  }
  const missingShare = opts.missingShare ?? 0;
  const units: UnitResult[] = [];
  for (let u = 0; u < opts.units; u++) {
    const cells: UnitResult['indicators'] = {};
    for (const ind of indicators) {
      if (!ind.leaf) continue;
      const missing = missingShare > 0 && rng.uniform() < missingShare;
      cells[ind.id] = missing
        ? { raw: null, score: null, imputed: 'renormalize' }
        : { raw: null, score: Math.round((40 + 60 * rng.uniform()) * 100) / 100 };
    }
    units.push({
      unit: `U${String(u + 1).padStart(3, '0')}`,
      name: null,
      parent: null,
      assessed: true,
      total: 0,
      base: 0,
      bonus: 0,
      penalty: 0,
      grade: '',
      grade_before_veto: '',
      vetoes: [],
      rank: 0,
      rank_note: null,
      topsis: null,
      indicators: cells,
    });
  }
  const result: AssessmentResult = {
    schema_version: RESULT_SCHEMA_VERSION,
    tool: { name: 'govscore', version: 'synthetic' },
    assessment: { title: 'synthetic', client: null, evaluator: null, texts: {} },
    period: { from: '2026-07-01', to: '2026-09-30', as_of: '2026-10-01T00:00:00' },
    generated_at: '2026-10-08T09:00:00',
    config: { indicator_system: { path: 'synthetic.yaml', sha256: '', name: { zh: '合成', en: 'synthetic' } }, assessment: null },
    grades: structuredClone(DEFAULT_GRADES),
    indicators,
    weighting: [],
    units,
    metrics: emptyMetrics({ from: '2026-07-01', to: '2026-09-30', as_of: '2026-10-01T00:00:00' }),
    robustness: null,
    comparison: null,
    data_quality: { files: [], issues: [], by_reason: {} },
    warnings: [],
  };
  return rescore(result);
}

/** Fills total, base, grade and rank of every unit from its leaf scores and the indicator weights (in place). */
export function rescore(result: AssessmentResult): AssessmentResult {
  const model = buildWeightModel(result);
  const totals = new Float64Array(model.unitCount);
  computeTotals(model, model.baseWeights, totals);
  const ranks = competitionRanks(Array.from(totals, (t) => totalHundredths(t)));
  result.units.forEach((u, i) => {
    u.base = totals[i] - u.bonus + u.penalty;
    u.total = totals[i];
    const grade = model.gradeLabels[bandIndex(model.gradeMins, totals[i])];
    u.grade = grade;
    u.grade_before_veto = grade;
    u.rank = ranks[i];
  });
  return result;
}
