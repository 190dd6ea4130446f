/**
 * A hand-made, internally consistent AssessmentResult for the report tests: 9 communities of one street, a
 * 3-level indicator tree (an AHP node, renormalised missing leaves), bonus/penalty with caps, a veto, a survey
 * with a low-n unit and a unit without respondents, expert ratings, robustness, a comparison with a new and a
 * dropped unit, data-quality issues, and names that look like formulas.
 *
 * The raw case counts are made up; every derived number (rates, leaf scores, node scores, totals, grades, ranks)
 * is computed here from them by the rules of design §4 and §6, so the expected values in the tests are exactly
 * what the workbook's formulas must reproduce.
 */
import type { BreakdownRow, CaseCounts, CaseMetrics, SurveyUnitResult } from '../../src/types.js';
import type { AssessmentResult, IndicatorInfo, IndicatorScore, NodeWeighting, UnitResult } from '../../src/model/result.js';
import { computeFindings } from '../../src/findings/compute-findings.js';

export const INJECTIONS = ['=HYPERLINK("x")', "+cmd|' /C calc'!A0", '@SUM(1)', '-1+2'] as const;

export const UNITS = ['东湖社区', '西湖社区', '南山社区', '北岭社区', INJECTIONS[0], '滨江社区', INJECTIONS[2], '桂花社区', '中心社区'];

interface LeafDef {
  id: string;
  zh: string;
  en: string;
  metric: string;
  direction: 'benefit' | 'cost';
  /** threshold scoring: floor → 0, target → 100 (reversed for cost) */
  floor: number;
  target: number;
}
interface NodeDef {
  id: string;
  zh: string;
  en: string;
  children: (NodeDef | LeafDef)[];
  /** local weights of the children, same order; normalised here */
  weights: number[];
  method: string;
}

const isNode = (d: NodeDef | LeafDef): d is NodeDef => 'children' in d;

/** AHP matrix [[1,2,3],[1/2,1,2],[1/3,1/2,1]]: principal eigenvector and CR computed by power iteration below. */
function ahp3(): { w: number[]; lambda: number; ci: number; cr: number } {
  const a = [
    [1, 2, 3],
    [1 / 2, 1, 2],
    [1 / 3, 1 / 2, 1],
  ];
  let w = [1 / 3, 1 / 3, 1 / 3];
  for (let k = 0; k < 200; k++) {
    const aw = a.map((r) => r.reduce((s, x, j) => s + x * w[j], 0));
    const sum = aw.reduce((s, x) => s + x, 0);
    w = aw.map((x) => x / sum);
  }
  const aw = a.map((r) => r.reduce((s, x, j) => s + x * w[j], 0));
  const lambda = aw.reduce((s, x) => s + x, 0);
  const ci = (lambda - 3) / 2;
  return { w, lambda, ci, cr: ci / 0.58 };
}
export const AHP = ahp3();

const TREE: NodeDef = {
  id: 'root',
  zh: '总分',
  en: 'Total',
  method: 'direct',
  weights: [0.4, 0.35, 0.25],
  children: [
    {
      id: 'd1',
      zh: '诉求处置',
      en: 'Case handling',
      method: 'ahp',
      weights: AHP.w,
      children: [
        {
          id: 'd1.1',
          zh: '办理时效',
          en: 'Timeliness',
          method: 'direct',
          weights: [0.6, 0.4],
          children: [
            { id: 'on_time', zh: '按时办结率', en: 'On-time closing rate', metric: 'cases.on_time_close_rate', direction: 'benefit', floor: 0.6, target: 0.98 },
            { id: 'first_contact', zh: '先行联系率', en: 'First-contact rate', metric: 'cases.first_contact_rate', direction: 'benefit', floor: 0.6, target: 0.98 },
          ],
        },
        {
          id: 'd1.2',
          zh: '办理质量',
          en: 'Quality',
          method: 'direct',
          weights: [0.5, 0.3, 0.2],
          children: [
            { id: 'resolution', zh: '实际解决率', en: 'Resolution rate', metric: 'cases.resolution_rate', direction: 'benefit', floor: 0.5, target: 0.95 },
            { id: 'returns', zh: '退单率', en: 'Return rate', metric: 'cases.return_rate', direction: 'cost', floor: 0.2, target: 0.02 },
            { id: 'verification', zh: '核实反馈率', en: 'Verification rate', metric: 'cases.verification_rate', direction: 'benefit', floor: 0.5, target: 1 },
          ],
        },
        { id: 'case_sat', zh: '回访满意率', en: 'Callback satisfaction rate', metric: 'cases.satisfaction_rate', direction: 'benefit', floor: 0.6, target: 0.95 },
      ],
    },
    {
      id: 'd2',
      zh: '群众满意',
      en: 'Residents’ satisfaction',
      method: 'direct',
      weights: [0.7, 0.3],
      children: [
        { id: 'survey_index', zh: '满意度指数', en: 'Satisfaction index', metric: 'survey.satisfaction_index', direction: 'benefit', floor: 60, target: 95 },
        { id: 'survey_rate', zh: '满意率', en: 'Satisfaction rate', metric: 'survey.satisfaction_rate', direction: 'benefit', floor: 0.6, target: 0.98 },
      ],
    },
    {
      id: 'd3',
      zh: '治理作风',
      en: 'Governance conduct',
      method: 'direct',
      weights: [0.5, 0.5],
      children: [
        { id: 'style', zh: '工作作风', en: 'Working style', metric: 'ratings.style', direction: 'benefit', floor: 0, target: 100 },
        { id: 'duty', zh: '责任落实', en: 'Responsibility', metric: 'ratings.duty', direction: 'benefit', floor: 0, target: 100 },
      ],
    },
  ],
};

/** Made-up counts per unit: [cases, closedOnTime, closedLate, openOverdue, openPending, contactDue, contactedInTime,
 * resolvedKnown, resolved, rated, satisfied, verified, returned, repeat]. */
const COUNTS: number[][] = [
  [412, 380, 12, 3, 17, 405, 398, 380, 360, 300, 291, 388, 6, 20],
  [365, 320, 25, 8, 12, 360, 340, 330, 300, 260, 240, 330, 14, 25],
  [298, 250, 30, 6, 12, 290, 260, 270, 230, 200, 170, 250, 20, 30],
  [505, 470, 15, 5, 15, 500, 490, 470, 450, 380, 370, 480, 5, 18],
  [187, 150, 20, 10, 7, 180, 160, 160, 130, 120, 100, 150, 18, 15],
  [264, 240, 10, 4, 10, 260, 250, 240, 225, 190, 180, 245, 8, 12],
  [333, 300, 18, 5, 10, 330, 315, 310, 285, 240, 222, 300, 10, 22],
  [221, 185, 22, 9, 5, 215, 190, 200, 170, 150, 125, 190, 16, 19],
  [150, 138, 6, 2, 4, 148, 145, 140, 133, 100, 97, 140, 3, 6],
];

function counts(c: number[]): CaseCounts {
  const [cases, closedOnTime, closedLate, openOverdue, openPending, contactDue, contactedInTime, resolvedKnown, resolved, rated, satisfied, verified, returned, repeat] = c;
  return {
    cases,
    closed: closedOnTime + closedLate,
    closedOnTime,
    closedLate,
    openOverdue,
    openPending,
    contactDue,
    contactedInTime,
    resolvedKnown,
    resolved,
    rated,
    satisfied,
    satisfactionScoreSum: satisfied * 85 + (rated - satisfied) * 30,
    verified,
    returned,
    repeat,
    closeWorkdaysSum: (closedOnTime + closedLate) * 3.2,
    reopened: 0,
    merged: 0,
    mergedOut: 0,
  };
}

function metricsOf(k: CaseCounts, population: number | null): CaseMetrics {
  const r = (a: number, b: number) => (b > 0 ? a / b : null);
  return {
    case_count: k.cases,
    on_time_close_rate: r(k.closedOnTime, k.closed + k.openOverdue),
    first_contact_rate: r(k.contactedInTime, k.contactDue),
    resolution_rate: r(k.resolved, k.resolvedKnown),
    satisfaction_rate: r(k.satisfied, k.rated),
    satisfaction_score: r(k.satisfactionScoreSum, k.rated),
    verification_rate: r(k.verified, k.closed),
    return_rate: r(k.returned, k.cases),
    repeat_rate: r(k.repeat, k.cases),
    mean_close_workdays: r(k.closeWorkdaysSum, k.closed),
    cases_per_10k: population ? (k.cases / population) * 10_000 : null,
    reopen_rate: null,
    merged_share: null,
  };
}

function addCounts(a: CaseCounts, b: CaseCounts): CaseCounts {
  const out = { ...a };
  for (const key of Object.keys(b) as (keyof CaseCounts)[]) out[key] = a[key] + b[key];
  return out;
}

/** Survey: n respondents, index, rate; 西湖 has 12 (< minN 30: low n), 中心社区 none (survey leaves missing). */
const SURVEY: Record<string, [number, number, number] | null> = {
  东湖社区: [64, 91.2, 0.953],
  西湖社区: [12, 84.5, 0.917],
  南山社区: [48, 78.3, 0.854],
  北岭社区: [71, 93.6, 0.972],
  [INJECTIONS[0]]: [40, 72.4, 0.8],
  滨江社区: [55, 88.1, 0.945],
  [INJECTIONS[2]]: [38, 85.0, 0.921],
  桂花社区: [44, 80.2, 0.886],
  中心社区: null,
};

/** Ratings (already aggregated, 0..100): style, duty (duty missing for 桂花社区 → renormalised). */
const RATINGS: Record<string, [number, number | null]> = {
  东湖社区: [92, 90],
  西湖社区: [85, 83],
  南山社区: [78, 80],
  北岭社区: [95, 93],
  [INJECTIONS[0]]: [70, 72],
  滨江社区: [88, 86],
  [INJECTIONS[2]]: [84, 82],
  桂花社区: [80, null],
  中心社区: [90, 91],
};

export const BONUS: Record<string, number> = { 北岭社区: 4, 东湖社区: 1.5 };
export const PENALTY: Record<string, number> = { [INJECTIONS[0]]: 2, 南山社区: 6 };
export const BONUS_CAP = 3;
export const PENALTY_CAP = 5;
/** 滨江社区 had a serious safety incident: veto caps its grade at 合格. */
export const VETO_UNIT = '滨江社区';

export const BANDS = [
  { label: { zh: '优秀', en: 'Excellent' }, min: 90 },
  { label: { zh: '良好', en: 'Good' }, min: 80 },
  { label: { zh: '合格', en: 'Pass' }, min: 60 },
  { label: { zh: '不合格', en: 'Fail' }, min: 0 },
];

export function gradeOf(total: number): string {
  return BANDS.find((b) => total >= b.min)!.label.zh;
}

function thresholdScore(raw: number, leaf: LeafDef): number {
  const t = leaf.direction === 'benefit' ? (raw - leaf.floor) / (leaf.target - leaf.floor) : (leaf.floor - raw) / (leaf.floor - leaf.target);
  return Math.min(100, Math.max(0, t * 100));
}

/** Renormalised weighted mean over the children that have a score (design §6.4); null when none has. */
export function nodeScore(weights: number[], scores: (number | null)[]): number | null {
  let num = 0;
  let den = 0;
  scores.forEach((s, i) => {
    if (s !== null) {
      num += weights[i] * s;
      den += weights[i];
    }
  });
  return den > 0 ? num / den : null;
}

export interface FixtureOptions {
  survey?: boolean;
  ratings?: boolean;
  robustness?: boolean;
  comparison?: boolean;
  issues?: boolean;
  /** Replace the local weights of a node's children (same order) before computing. */
  weights?: Record<string, number[]>;
}

/** Leaf raw values of a unit by leaf id (null: missing). */
function rawValues(unit: string, m: CaseMetrics, opts: FixtureOptions): Record<string, number | null> {
  const s = opts.survey === false ? null : SURVEY[unit];
  const r = opts.ratings === false ? null : RATINGS[unit];
  return {
    on_time: m.on_time_close_rate,
    first_contact: m.first_contact_rate,
    resolution: m.resolution_rate,
    returns: m.return_rate,
    verification: m.verification_rate,
    case_sat: m.satisfaction_rate,
    survey_index: s ? s[1] : null,
    survey_rate: s ? s[2] : null,
    style: r ? r[0] : null,
    duty: r ? r[1] : null,
  };
}

export function makeFixture(opts: FixtureOptions = {}): AssessmentResult {
  const populations = [21000, 18500, 15200, 26800, 9900, 13400, 17100, 11800, 8600];
  const caseCounts: Record<string, CaseCounts> = {};
  const cases: Record<string, CaseMetrics> = {};
  UNITS.forEach((u, i) => {
    caseCounts[u] = counts(COUNTS[i]);
    cases[u] = metricsOf(caseCounts[u], populations[i]);
  });

  // Indicator list in tree order (depth first), with normalised local and global weights.
  const indicators: IndicatorInfo[] = [];
  const weighting: NodeWeighting[] = [];
  const walk = (node: NodeDef, level: number, parentGlobal: number) => {
    const raw = opts.weights?.[node.id] ?? node.weights;
    const sum = raw.reduce((s, x) => s + x, 0);
    const w = raw.map((x) => x / sum);
    const nw: NodeWeighting = { node: node.id, method: node.method, weights: {} };
    if (node.method === 'ahp') Object.assign(nw, { lambda_max: AHP.lambda, ci: AHP.ci, cr: AHP.cr, ri: 'Saaty (1980)' });
    weighting.push(nw);
    node.children.forEach((c, i) => {
      nw.weights[c.id] = w[i];
      const g = parentGlobal * w[i];
      indicators.push({
        id: c.id,
        name: { zh: c.zh, en: c.en },
        parent: node.id === 'root' ? null : node.id,
        level,
        weight: w[i],
        global_weight: g,
        method: node.method,
        leaf: !isNode(c),
        metric: isNode(c) ? null : c.metric,
        direction: isNode(c) ? null : c.direction,
        scoring: isNode(c) ? null : { method: 'threshold', floor: c.floor, target: c.target },
        missing: isNode(c) ? null : 'renormalize',
        description: isNode(c) ? null : { zh: `${c.zh}：按阈值法计分，底线 ${c.floor}，目标 ${c.target}。`, en: `${c.en}: threshold scoring, floor ${c.floor}, target ${c.target}.` },
      });
      if (isNode(c)) walk(c, level + 1, g);
    });
  };
  walk(TREE, 1, 1);

  // Every fixture unit is assessed and ranked.
  const units: (UnitResult & { total: number; base: number; rank: number; grade: string })[] = UNITS.map((u) => {
    const raw = rawValues(u, cases[u], opts);
    const ind: Record<string, IndicatorScore> = {};
    const score = (node: NodeDef | LeafDef): number | null => {
      if (!isNode(node)) {
        const x = raw[node.id];
        const s = x === null ? null : node.floor === 0 && node.target === 100 ? x : thresholdScore(x, node);
        ind[node.id] = s === null ? { raw: null, score: null, imputed: 'renormalize' } : { raw: x, score: s };
        return s;
      }
      const w = indicators.filter((i) => (i.parent ?? 'root') === node.id).map((i) => i.weight);
      const s = nodeScore(
        w,
        node.children.map((c) => score(c)),
      );
      if (node.id !== 'root') ind[node.id] = { raw: null, score: s };
      return s;
    };
    const base = score(TREE)!;
    // As the engine stores them: points after the caps (4 bonus points → 3, 6 penalty points → 5).
    const bonus = Math.min(BONUS[u] ?? 0, BONUS_CAP);
    const penalty = Math.min(PENALTY[u] ?? 0, PENALTY_CAP);
    const total = Math.max(0, Math.min(100, base + bonus - penalty));
    const before = gradeOf(total);
    const vetoed = u === VETO_UNIT;
    const grade = vetoed && total >= 60 ? '合格' : before;
    return {
      unit: u,
      name: null,
      parent: '桂花街道',
      assessed: true,
      total,
      base,
      bonus,
      penalty,
      grade,
      grade_before_veto: before,
      vetoes: vetoed ? ['safety'] : [],
      grade_cap: vetoed ? '合格' : null,
      rank: 0,
      rank_note: vetoed ? 'veto_last' : null,
      topsis: { closeness: base / 100, rank: 0 },
      indicators: ind,
    };
  });
  // Design §6.3 with veto_rank: last — ranks on totals rounded to 2 decimals, the vetoed unit after every other.
  const r2 = (x: number | null) => Math.round(x! * 100);
  for (const u of units) {
    const vetoed = u.vetoes.length > 0;
    const rivals = units.filter((v) => v.vetoes.length > 0 === vetoed);
    u.rank = 1 + rivals.filter((v) => r2(v.total) > r2(u.total)).length + (vetoed ? units.filter((v) => v.vetoes.length === 0).length : 0);
    u.topsis!.rank = 1 + units.filter((v) => v.topsis!.closeness > u.topsis!.closeness).length;
  }

  const rows = (keys: string[], pick: (u: string, i: number) => number): BreakdownRow[] =>
    keys.map((key, k) => {
      let c: CaseCounts | null = null;
      UNITS.forEach((u, i) => {
        if (pick(u, i) !== k) return;
        c = c ? addCounts(c, caseCounts[u]) : { ...caseCounts[u] };
      });
      return { key, counts: c!, metrics: metricsOf(c!, null) };
    });

  const surveyUnits: Record<string, SurveyUnitResult> = {};
  for (const u of UNITS) {
    const s = SURVEY[u];
    if (!s) continue;
    surveyUnits[u] = {
      n: s[0],
      index: s[1],
      rate: s[2],
      moe: 1.96 * (14 / Math.sqrt(s[0])),
      lowN: s[0] < 30,
      alpha: 0.81,
      items: { q1: s[1] + 1.5, q2: s[1] - 2.1, q3: s[1] + 0.6 },
      dimensions: {},
    };
  }

  const result: AssessmentResult = {
    schema_version: 2,
    warnings: [],
    tool: { name: 'govscore', version: '0.1.0' },
    assessment: {
      title: '桂花街道2026年第三季度基层社会治理第三方评估',
      client: '桂花街道办事处',
      evaluator: '某某第三方评估中心',
      texts: {
        background: '为贯彻落实基层治理现代化要求，受桂花街道办事处委托，对辖区9个社区开展第三方评估。',
        organisation: '评估组于2026年10月采集12345热线工单、开展入户问卷调查并组织专家评议。',
        method_notes: '工单数据截至2026年9月30日24时。',
        problems: '部分社区退单率偏高，问卷样本量不足。',
        conclusions: '总体处于良好水平。',
        suggestions: '加强首办负责，减少推诿退单。',
      },
    },
    period: { from: '2026-07-01', to: '2026-09-30', as_of: '2026-10-01T00:00:00' },
    generated_at: '2026-10-08T09:30:00',
    config: {
      indicator_system: { path: 'indicators/case-handling.yaml', sha256: 'a'.repeat(64), name: { zh: '12345诉求办理评价指标体系', en: '12345 case-handling indicator system' } },
      assessment: { path: 'samples/assessment.yaml', sha256: 'b'.repeat(64) },
    },
    grades: BANDS,
    indicators,
    weighting,
    units,
    metrics: {
      period: { from: '2026-07-01', to: '2026-09-30', as_of: '2026-10-01T00:00:00' },
      units: UNITS.map((u, i) => ({ unit: u, name: null, parent: '桂花街道', population: populations[i] })),
      cases,
      caseCounts,
      breakdowns: {
        urgency: rows(['urgent', 'general', 'complex', 'consult'], (_u, i) => i % 4),
        category: rows(['噪音扰民', INJECTIONS[1], INJECTIONS[3], '环境卫生'], (_u, i) => i % 4),
        department: rows(['城管中队', '=1+1'], (_u, i) => i % 2),
      },
      custom: {},
      warnings: [],
      survey:
        opts.survey === false
          ? null
          : {
              items: [
                { id: 'q1', dimension: null, weight: 1 },
                { id: 'q2', dimension: null, weight: 1 },
                { id: 'q3', dimension: null, weight: 1 },
              ],
              minN: 30,
              units: surveyUnits,
              overall: { n: 372, index: 85.4, rate: 0.91, moe: 1.42, lowN: false, alpha: 0.84, items: { q1: 86.9, q2: 83.3, q3: 86 }, dimensions: {} },
            },
      ratings:
        opts.ratings === false
          ? null
          : {
              cells: Object.fromEntries(
                (['style', 'duty'] as const).map((id, k) => [
                  id,
                  Object.fromEntries(
                    UNITS.filter((u) => RATINGS[u][k] !== null).map((u) => {
                      const v = RATINGS[u][k]!;
                      return [u, { n: 5, value: v, min: v - 6, max: v + 5, distribution: {} }];
                    }),
                  ),
                ]),
              ),
              indicators: {
                style: { aggregate: 'trimmed_mean', raters: ['专家A', '专家B', '专家C', '专家D', '专家E'], kendallW: 0.72 },
                duty: { aggregate: 'trimmed_mean', raters: ['专家A', '专家B', '专家C', '专家D', '专家E'], kendallW: null },
              },
            },
      dataQuality: { files: [], issues: [], by_reason: {} },
    },
    robustness: null,
    comparison: null,
    data_quality: {
      files: [
        { path: 'samples/cases.csv', kind: 'cases', rows: 3000, accepted: 2935, rejected: 3, out_of_period: 62, sha256: 'c'.repeat(64) },
        { path: 'samples/survey.csv', kind: 'survey', rows: 372, accepted: 372, rejected: 0, out_of_period: 0, sha256: 'd'.repeat(64) },
      ],
      issues:
        opts.issues === false
          ? []
          : [
              { file: 'samples/cases.csv', row: 17, field: 'received_at', value: '2026-02-30 10:00', reason: 'unreadable date-time', severity: 'error' },
              { file: 'samples/cases.csv', row: 230, field: 'case_id', value: 'GS-0230', reason: 'duplicate case_id', severity: 'error' },
              { file: 'samples/cases.csv', row: 1201, field: 'unit', value: INJECTIONS[0], reason: 'unit not in the registry', severity: 'error' },
              { file: 'samples/cases.csv', row: 1502, field: 'verified_at', value: '@SUM(1)', reason: 'verified before closed (treated as missing)', severity: 'warning' },
            ],
      by_reason: opts.issues === false ? {} : { 'unreadable date-time': 1, 'duplicate case_id': 1, 'unit not in the registry': 1, 'verified before closed (treated as missing)': 1 },
    },
    rules: {
      bonus_cap: BONUS_CAP,
      penalty_cap: PENALTY_CAP,
      adjustments: [
        { id: 'innovation', kind: 'bonus', name: { zh: '创新做法', en: 'Innovation' }, description: { zh: '获区级以上推广的创新做法，每项加1.5分', en: '1.5 points per practice adopted at district level or above' } },
        { id: 'complaints', kind: 'penalty', name: { zh: '有效投诉', en: 'Valid complaints' }, description: { zh: '经查实的有效投诉，每件扣2分', en: '2 points per substantiated complaint' } },
      ],
      vetoes: [{ id: 'safety', name: { zh: '重大安全责任事故', en: 'Major safety incident' }, description: null, max_grade: '合格' }],
      veto_rank: 'last',
      time_limits: {
        urgent: { contact: { amount: 2, unit: 'hours' }, close: { amount: 24, unit: 'hours' } },
        general: { contact: { amount: 1, unit: 'workdays' }, close: { amount: 5, unit: 'workdays' } },
        complex: { contact: { amount: 1, unit: 'workdays' }, close: { amount: 15, unit: 'workdays' } },
        consult: { contact: { amount: 1, unit: 'workdays' }, close: { amount: 1, unit: 'workdays' } },
      },
    },
  };

  if (opts.robustness !== false) {
    result.robustness = {
      draws: 1000,
      seed: 20261008,
      perturbation: 0.2,
      scheme: 'Each local weight × U(0.8, 1.2), then renormalised among siblings',
      top_k: 3,
      mean_spearman: 0.947,
      units: units.map((u) => ({
        unit: u.unit,
        base_rank: u.rank,
        median_rank: u.rank,
        p05_rank: Math.max(1, u.rank - 1),
        p95_rank: Math.min(9, u.rank + 2),
        p_keep_grade: u.unit === VETO_UNIT ? 1 : 0.8 + (u.rank % 3) * 0.05,
        p_top_k: u.rank <= 3 ? 0.9 - u.rank * 0.1 : 0.05,
        p_bottom_k: u.rank >= 7 ? 0.6 + (u.rank - 7) * 0.1 : 0.02,
      })),
    };
  }

  if (opts.comparison !== false) {
    const prev = new Map(units.filter((u) => u.unit !== '中心社区').map((u, i) => [u.unit, { total: u.total - 2 + i * 0.7, rank: ((u.rank + i) % 8) + 1 }]));
    result.comparison = {
      previous: { path: 'out/2026Q2.json', period: { from: '2026-04-01', to: '2026-06-30', as_of: '2026-07-01T00:00:00' }, generated_at: '2026-07-06T10:00:00' },
      units: [
        ...units.map((u) => {
          const p = prev.get(u.unit);
          const l1 = Object.fromEntries(['d1', 'd2', 'd3'].map((d) => [d, p ? 1.25 : null]));
          return {
            unit: u.unit,
            status: (p ? 'both' : 'new') as 'both' | 'new',
            total: u.total,
            previous_total: p?.total ?? null,
            total_delta: p ? u.total - p.total : null,
            rank: u.rank,
            previous_rank: p?.rank ?? null,
            rank_change: p ? p.rank - u.rank : null,
            level1_deltas: l1,
          };
        }),
        { unit: '旧城社区', status: 'dropped', total: null, previous_total: 77.7, total_delta: null, rank: null, previous_rank: 9, rank_change: null, level1_deltas: { d1: null, d2: null, d3: null } },
      ],
    };
  }

  result.findings = computeFindings(result);
  return result;
}
