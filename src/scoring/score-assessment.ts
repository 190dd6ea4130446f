import type { Aggregation, GroupIndicator, IndicatorNode, IndicatorSystem, LeafIndicator, WeightsSpec } from '../model/indicator-system.js';
import { walkIndicators } from '../model/indicator-system.js';
import { ConfigError } from '../errors.js';
import { traitsOfMetric } from '../metrics/metric-catalogue.js';
import type { MetricsResult } from '../types.js';
import type { AssessmentResult, IndicatorInfo, IndicatorScore, NodeWeighting, ScoringRules, UnitResult } from '../model/result.js';
import { RESULT_SCHEMA_VERSION } from '../model/result.js';
import { adjustmentPoints, totalScore, vetoFires } from './adjustments.js';
import { nodeScore } from './aggregate-node.js';
import { assessmentRanks } from './assessment-ranks.js';
import { cappedGradeIndex, gradeIndex } from './grades.js';
import { scoreLeaf } from './leaf/score-leaf.js';
import { metricValue, ratingCell } from './metric-value.js';
import { fillMissing, type FilledScore } from './missing-values.js';
import { nodeWeights } from './node-weights.js';
import { roundTotal } from './round-total.js';
import { topsis } from './topsis.js';
import { compareUnitsByRank } from './unit-order.js';
import { ahpWarnings } from './weights/ahp-warnings.js';
import { MethodInputError } from './weights/method-error.js';

export { metricValue } from './metric-value.js';

export interface ScoreAssessmentInput {
  system: IndicatorSystem;
  systemFile: { path: string; sha256: string };
  assessment: {
    path: string;
    sha256: string;
    title: string;
    client: string | null;
    evaluator: string | null;
    texts: Record<string, string>;
  } | null;
  metrics: MetricsResult;
  version: string;
  generatedAt: string;
  /** Indicator id → raw local weight replacing its direct weight before normalisation (scenarios). */
  weightOverrides?: Record<string, number>;
}

/** Per node, per unit (units in metrics.units order). */
interface NodeColumn {
  raw: (number | null)[];
  filled: FilledScore[];
}

/** A total as ranks compare it: rounded to 2 decimals (round-total.ts), so totals that print alike tie. */
export function rankKey(total: number): number {
  return roundTotal(total);
}

/**
 * Whether a unit has data for at least one leaf (design §6.3): a raw value before the missing-value policy; a
 * value from the case log (`cases.*`, `custom.*`) does not count when the unit's case count is 0 — its case_count
 * of 0, cases_per_10k of 0 or a custom count of 0 describe no case at all.
 */
export function hasAnyData(system: IndicatorSystem, metrics: MetricsResult, unit: string): boolean {
  const cases = metrics.caseCounts[unit]?.cases ?? metrics.cases[unit]?.case_count ?? null;
  return walkIndicators(system).some(({ node }) => {
    if (node.kind !== 'leaf' || metricValue(metrics, node.metric, unit) === null) return false;
    return !(traitsOfMetric(node.metric)?.fromCaseLog && cases === 0);
  });
}

/**
 * The scoring stage (design §6): from the metric stage's result and the indicator system to the assessment
 * result — leaf scores, missing-value policies, weights, node scores, totals with bonus and penalty, veto caps,
 * grades, competition ranks and TOPSIS closeness. Pure: the same input gives the same result.
 *
 * Conventions where the design leaves a choice (each also stated in the file that implements it):
 * - leaf scoring formulas: src/scoring/leaf/*.ts; missing values: missing-values.ts; node scores: aggregate-node.ts;
 * - data-driven weights use the units with every child score (node-weights.ts);
 * - a unit with no data for any leaf is not assessed (design §6.3, 未评估): judged on the raw metric values before
 *   the missing-value policy, a case-log value counting only when the unit has at least one case (a case count of 0
 *   is no data, and neither is a rate or count computed over no cases). Such a unit is left out of every
 *   computation across units (minmax, zscore, rank, ratio_to_best, average fill, data-driven weights, TOPSIS), so
 *   adding it changes no other unit's score; it is listed with its raw values, no scores, no total, grade or rank,
 *   and a `unit_not_assessed` warning;
 * - an assessed unit with no score at all at the root gets base 0;
 * - total = clip(root + min(Σ bonus, cap) − min(Σ penalty, cap), 0, 100) (adjustments.ts);
 * - grades and ranks are decided on the total rounded to 2 decimals (round-total.ts), as the workbook's formulas
 *   decide them; vetoed units rank by the system's `veto_rank` (assessment-ranks.ts);
 * - TOPSIS runs on the leaf scores after the missing-value policy, with the leaves' global weights, every column a
 *   benefit (scores point upward). A leaf skipped by `renormalize` takes the unit's score of its nearest scored
 *   ancestor — the value that leaves the weighted sum unchanged, so both rankings see the same data (the root
 *   score for a level-1 leaf), or 0 if the unit has no score at all.
 */
export function scoreAssessment(input: ScoreAssessmentInput): AssessmentResult {
  const { system, metrics } = input;
  const overrides = input.weightOverrides ?? {};
  checkOverrides(system, overrides);
  // Only assessed units take part in anything computed across units; the others are listed at the end.
  const allUnits = metrics.units.map((u) => u.unit);
  const units = allUnits.filter((u) => hasAnyData(system, metrics, u));
  const assessedSet = new Set(units);
  const notAssessed = allUnits.filter((u) => !assessedSet.has(u));
  const columns = new Map<string, NodeColumn>();
  const localWeight = new Map<string, number>();
  const methodOf = new Map<string, string>();
  const weightingByNode = new Map<string, NodeWeighting>();

  const scoreLeafNode = (leaf: LeafIndicator): NodeColumn => {
    const raw = units.map((u) => metricValue(metrics, leaf.metric, u));
    // The raters' label counts of a ratings leaf, for the methods that score labels (grade).
    const labels = leaf.metric.startsWith('ratings.') ? units.map((u) => ratingCell(metrics, leaf.metric.slice(8), u)?.distribution ?? null) : undefined;
    const scores = scoreLeaf(leaf.scoring, leaf.direction, raw, labels);
    return { raw, filled: fillMissing(scores, leaf.missing) };
  };

  /** Scores a set of siblings, sets their local weights, and returns their parent's score per unit. */
  const scoreGroup = (owner: string, spec: WeightsSpec, children: IndicatorNode[], aggregation: Aggregation = 'arithmetic'): (number | null)[] => {
    const childColumns = children.map((c) => {
      // An inner node none of whose children has a score is itself skipped by its parent, like a renormalized leaf.
      const col =
        c.kind === 'leaf'
          ? scoreLeafNode(c)
          : {
              raw: units.map(() => null),
              filled: scoreGroup(c.id, c.weights, c.children, c.aggregation).map((score): FilledScore => (score === null ? { score, imputed: 'renormalize' } : { score })),
            };
      columns.set(c.id, col);
      return col;
    });
    const matrix = units.map((_, u) => childColumns.map((col) => col.filled[u].score));
    const { weights, detail } = nodeWeights(spec, children, matrix, overrides);
    children.forEach((c, i) => {
      localWeight.set(c.id, weights[i]);
      methodOf.set(c.id, detail.method);
    });
    weightingByNode.set(owner, {
      node: owner,
      ...detail,
      weights: Object.fromEntries(children.map((c, i) => [c.id, weights[i]])),
      ...(aggregation === 'geometric' ? { aggregation } : {}),
    });
    return matrix.map((row) => nodeScore(row, weights, aggregation));
  };

  const rootScores = scoreGroup('root', system.weights, system.indicators, system.aggregation);

  // Global weight = product of local weights down the path (design §6.2).
  const walk = walkIndicators(system);
  const globalWeight = new Map<string, number>();
  for (const { node, parent } of walk) {
    globalWeight.set(node.id, (parent ? globalWeight.get(parent.id)! : 1) * localWeight.get(node.id)!);
  }

  const indicators: IndicatorInfo[] = walk.map(({ node, parent, level }) => ({
    id: node.id,
    name: node.name,
    parent: parent ? parent.id : null,
    level,
    weight: localWeight.get(node.id)!,
    global_weight: globalWeight.get(node.id)!,
    method: methodOf.get(node.id)!,
    leaf: node.kind === 'leaf',
    metric: node.kind === 'leaf' ? node.metric : null,
    direction: node.kind === 'leaf' ? node.direction : null,
    scoring: node.kind === 'leaf' ? { ...node.scoring } : null,
    missing: node.kind === 'leaf' ? node.missing : null,
    description: node.description,
  }));
  const weighting: NodeWeighting[] = [weightingByNode.get('root')!];
  for (const { node } of walk) if (node.kind === 'group') weighting.push(weightingByNode.get(node.id)!);

  // Bonus, penalty, veto (design §6.3).
  const ratingValue = (rating: string, unit: string): number | null => {
    const v = ratingCell(metrics, rating, unit)?.value;
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  const points = (adj: IndicatorSystem['bonus'], unit: string) =>
    adjustmentPoints(
      adj.items.map((i) => ratingValue(i.rating, unit)),
      adj.items.map((i) => i.cap),
      adj.cap,
    );

  const partial = units.map((unit, u) => {
    const base = rootScores[u] ?? 0;
    const bonus = points(system.bonus, unit);
    const penalty = points(system.penalty, unit);
    const total = totalScore(base, bonus, penalty);
    const fired = system.veto.filter((v) => vetoFires(ratingValue(v.rating, unit)));
    const cap = fired.length > 0 ? Math.max(...fired.map((v) => v.capGrade)) : null;
    return { unit, u, base, bonus, penalty, total, fired, cap };
  });

  const ranks = assessmentRanks(
    partial.map((p) => p.total),
    partial.map((p) => p.fired.length > 0),
    system.vetoRank,
  );
  const topsisResult = runTopsis(rootScores, units, columns, globalWeight, walk);

  const info = new Map(metrics.units.map((u) => [u.unit, u]));
  const unitResults: UnitResult[] = partial.map((p) => {
    const indicatorsOfUnit: Record<string, IndicatorScore> = {};
    for (const { node } of walk) {
      const col = columns.get(node.id)!;
      const f = col.filled[p.u];
      indicatorsOfUnit[node.id] = f.imputed ? { raw: col.raw[p.u], score: f.score, imputed: f.imputed } : { raw: col.raw[p.u], score: f.score };
    }
    return {
      unit: p.unit,
      name: info.get(p.unit)?.name ?? null,
      parent: info.get(p.unit)?.parent ?? null,
      assessed: true,
      total: p.total,
      base: p.base,
      bonus: p.bonus,
      penalty: p.penalty,
      grade: system.grades[cappedGradeIndex(p.total, system.grades, p.cap)].label.zh,
      grade_before_veto: system.grades[gradeIndex(p.total, system.grades)].label.zh,
      vetoes: p.fired.map((v) => v.id),
      grade_cap: p.cap === null ? null : system.grades[p.cap].label.zh,
      rank: ranks[p.u].rank,
      rank_note: ranks[p.u].rank_note,
      topsis: topsisResult ? { closeness: topsisResult.closeness[p.u], rank: topsisResult.ranks[p.u] } : null,
      indicators: indicatorsOfUnit,
    };
  });
  const warnings = [...metrics.warnings, ...ahpWarnings(weighting)];
  for (const unit of notAssessed) {
    const indicatorsOfUnit: Record<string, IndicatorScore> = {};
    for (const { node } of walk) {
      indicatorsOfUnit[node.id] = { raw: node.kind === 'leaf' ? metricValue(metrics, node.metric, unit) : null, score: null };
    }
    unitResults.push(notAssessedUnit(unit, info.get(unit)?.name ?? null, info.get(unit)?.parent ?? null, indicatorsOfUnit));
    warnings.push({
      code: 'unit_not_assessed',
      message: `${unit}: no data for any indicator (no cases, survey responses or ratings in the period); not assessed — no grade, no rank`,
      where: unit,
      params: { unit },
    });
  }
  unitResults.sort(compareUnitsByRank);

  const rules: ScoringRules = {
    bonus_cap: system.bonus.cap,
    penalty_cap: system.penalty.cap,
    adjustments: [
      ...system.bonus.items.map((i) => ({ id: i.id, kind: 'bonus' as const, name: i.name, description: i.description })),
      ...system.penalty.items.map((i) => ({ id: i.id, kind: 'penalty' as const, name: i.name, description: i.description })),
    ],
    vetoes: system.veto.map((v) => ({ id: v.id, name: v.name, description: v.description, max_grade: system.grades[v.capGrade].label.zh })),
    veto_rank: system.vetoRank,
    time_limits: system.timeLimits,
  };

  return {
    schema_version: RESULT_SCHEMA_VERSION,
    tool: { name: 'govscore', version: input.version },
    assessment: input.assessment
      ? { title: input.assessment.title, client: input.assessment.client, evaluator: input.assessment.evaluator, texts: input.assessment.texts }
      : { title: system.name.zh, client: null, evaluator: null, texts: {} },
    period: metrics.period,
    generated_at: input.generatedAt,
    config: {
      indicator_system: { path: input.systemFile.path, sha256: input.systemFile.sha256, name: system.name },
      assessment: input.assessment ? { path: input.assessment.path, sha256: input.assessment.sha256 } : null,
    },
    grades: system.grades,
    indicators,
    weighting,
    units: unitResults,
    metrics,
    robustness: null,
    comparison: null,
    data_quality: metrics.dataQuality,
    warnings,
    rules,
  };
}

/**
 * Scenario weights must name indicators of the system and be finite numbers ≥ 0 (0 drops an indicator).
 * @throws ConfigError naming the id
 */
function checkOverrides(system: IndicatorSystem, overrides: Readonly<Record<string, number>>): void {
  const ids = new Set(walkIndicators(system).map(({ node }) => node.id));
  for (const [id, w] of Object.entries(overrides)) {
    if (!ids.has(id)) throw new ConfigError(`weight given for "${id}", which is not an indicator of the system`, { path: id });
    if (!(typeof w === 'number' && Number.isFinite(w) && w >= 0)) {
      throw new ConfigError(`the weight of "${id}" must be a number ≥ 0, got ${String(w)}`, { path: id });
    }
  }
}

/** TOPSIS over the leaf scores (see the file comment for how renormalize-skipped leaves are filled). */
function runTopsis(
  rootScores: (number | null)[],
  units: string[],
  columns: Map<string, NodeColumn>,
  globalWeight: Map<string, number>,
  walk: { node: IndicatorNode; parent: GroupIndicator | null }[],
): { closeness: number[]; ranks: number[] } | null {
  if (units.length === 0) return null;
  const parentOf = new Map(walk.map(({ node, parent }) => [node.id, parent?.id ?? null]));
  const leaves = walk.filter(({ node }) => node.kind === 'leaf').map(({ node }) => node.id);
  const matrix = units.map((_, u) =>
    leaves.map((id) => {
      let s = columns.get(id)!.filled[u].score;
      let up = parentOf.get(id) ?? null;
      while (s === null && up !== null) {
        s = columns.get(up)!.filled[u].score;
        up = parentOf.get(up) ?? null;
      }
      return s ?? rootScores[u] ?? 0;
    }),
  );
  const weights = leaves.map((id) => globalWeight.get(id)!);
  try {
    const r = topsis(matrix, weights, leaves.map(() => 'benefit'));
    return { closeness: r.closeness, ranks: r.ranks };
  } catch (e) {
    if (e instanceof MethodInputError) return null;
    throw e;
  }
}

/** The record of a unit with no data for any indicator (design §6.3, 未评估): no total, grade or rank. */
export function notAssessedUnit(unit: string, name: string | null, parent: string | null, indicators: Record<string, IndicatorScore>): UnitResult {
  return {
    unit,
    name,
    parent,
    assessed: false,
    total: null,
    base: null,
    bonus: 0,
    penalty: 0,
    grade: null,
    grade_before_veto: null,
    vetoes: [],
    grade_cap: null,
    rank: null,
    rank_note: null,
    topsis: null,
    indicators,
  };
}
