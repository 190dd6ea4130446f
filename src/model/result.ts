/**
 * The assessment result (design §7.2): what the scoring, robustness and comparison stages produce and every
 * renderer (workbook, JSON, terminal, .docx) only reads. The metric stage's part is MetricsResult (src/types.ts);
 * the resolved indicator system is src/model/indicator-system.ts.
 */
import type { DataQuality, LocalizedText, MetricSettings, MetricsResult, Period, RunWarning } from '../types.js';
import type { Findings } from './findings.js';
import type { Direction, GradeBand, LeafScoring, MissingPolicy, VetoRank } from './indicator-system.js';
import type { UncertaintyResult } from './uncertainty.js';

export interface IndicatorInfo {
  id: string;
  name: LocalizedText;
  parent: string | null;
  /** 1 for the root's children. */
  level: number;
  /** Local weight, normalised among siblings. */
  weight: number;
  /** Product of local weights down the path. */
  global_weight: number;
  /** How this indicator's weight was set: direct, ahp, entropy, critic, stdev, combined. */
  method: string;
  leaf: boolean;
  metric: string | null;
  direction: Direction | null;
  scoring: LeafScoring | null;
  missing: MissingPolicy | null;
  description: LocalizedText | null;
}

/** How one node's children got their weights (design §6.2; shown on the indicator sheet). */
export interface NodeWeighting {
  /** The parent node's id, 'root' for level 1. */
  node: string;
  method: string;
  weights: Record<string, number>;
  lambda_max?: number;
  ci?: number;
  cr?: number;
  /** Name of the random-index table used for AHP. */
  ri?: string;
  note?: string;
  /** How this node combines its children's scores, when not the weighted sum: geometric (design §6.3). */
  aggregation?: 'geometric';
  /** Group AHP: each expert's own consistency and departure from the group result (issue 16). */
  experts?: AhpExpertRecord[];
  /** Group AHP: the 1-based number of the expert departing most from the group result. */
  most_departing_expert?: number;
  /** AHP with CR ≥ 0.10 (allow_inconsistent): the judgement whose change lowers CR most. */
  repair?: AhpRepairRecord;
}

/** A consistency repair of a pairwise matrix (src/scoring/weights/ahp-group.ts), children by id. */
export interface AhpRepairRecord {
  /** The judgement "row_id vs col_id" (how much more important row_id is than col_id). */
  row_id: string;
  col_id: string;
  given: number;
  cr_before: number;
  /** The Saaty-scale value of this judgement that lowers CR most, and that CR. */
  best_value: number;
  best_cr: number;
  /** The Saaty-scale value nearest the given one that brings CR under 0.10 (null: no single change does). */
  acceptable_value: number | null;
  acceptable_cr: number | null;
}

/** One expert of a group AHP node. */
export interface AhpExpertRecord {
  expert: number;
  lambda_max: number;
  ci: number;
  cr: number;
  /** CR ≥ 0.10 (Saaty's limit). */
  inconsistent: boolean;
  /** Mean squared log deviation of the expert's judgements from the group's weight ratios (ahp-group.ts). */
  departure: number;
  /** The expert departing most from the group result. */
  most_departing: boolean;
  weights: Record<string, number>;
  repair: AhpRepairRecord | null;
}

export interface IndicatorScore {
  raw: number | null;
  score: number | null;
  /** Set when the score was not computed from data: the policy that filled it, or renormalize when skipped. */
  imputed?: MissingPolicy;
}

export interface UnitResult {
  unit: string;
  name: string | null;
  parent: string | null;
  /**
   * false: the unit has no data for any indicator (design §6.3, 未评估) — judged on the raw values before the
   * missing-value policy, a case count of 0 being no data. Such a unit has no total, base, grade or rank (all null),
   * and a `unit_not_assessed` warning says so.
   */
  assessed: boolean;
  /** Root score + capped bonus − capped penalty; null when not assessed. */
  total: number | null;
  /** Root (weighted-sum) score before bonus and penalty; null when not assessed. */
  base: number | null;
  bonus: number;
  penalty: number;
  /** Grade (a band's zh label) decided on the total rounded to 2 decimals; null when not assessed. */
  grade: string | null;
  /** Grade the total alone would give; differs from grade when a veto rule capped it; null when not assessed. */
  grade_before_veto: string | null;
  /** Ids of the veto rules that fired. */
  vetoes: string[];
  /**
   * Competition rank (1, 2, 2, 4) on the total rounded to 2 decimals, under the rules' `veto_rank`; null when not
   * assessed, or vetoed under `veto_rank: none`.
   */
  rank: number | null;
  /**
   * Why the rank is not the plain rank by total: `veto_last` — a veto fired and `veto_rank: last` ranked the unit
   * after every unit without one; `veto_unranked` — a veto fired and `veto_rank: none` left it unranked. null otherwise
   * (including `veto_rank: keep` and not-assessed units).
   */
  rank_note: 'veto_last' | 'veto_unranked' | null;
  topsis: { closeness: number; rank: number } | null;
  /** The grade the fired veto rules cap the unit at (the worst of their caps); null or absent when none fired. */
  grade_cap?: string | null;
  indicators: Record<string, IndicatorScore>;
}

/**
 * The JSON result's version (design §7.2): it rises when a field changes meaning or name. 1: no schema_version key
 * yet; 2: warnings; 3: snake_case throughout, the metrics' copies of period, data quality and warnings dropped
 * (src/report/result-json.ts has the list).
 */
export const RESULT_SCHEMA_VERSION = 3;

export interface AssessmentResult {
  schema_version: number;
  tool: { name: 'govscore'; version: string };
  assessment: {
    title: string;
    client: string | null;
    evaluator: string | null;
    /** Evaluator-written texts (background, organisation, conclusions …) by key, for the report. */
    texts: Record<string, string>;
    /** The cover's report number (the assessment file's `report_no`); null or absent when not given. */
    report_no?: string | null;
    /** The cover's date of issue, YYYY-MM-DD (the file's `date_of_issue`, else the run's local date). */
    date_of_issue?: string | null;
    /** Names printed in the cover's signature block (the file's `signature`); null where not given. */
    signature?: { project_lead: string | null; reviewer: string | null } | null;
  };
  period: Period;
  generated_at: string;
  config: { indicator_system: { path: string; sha256: string; name: LocalizedText }; assessment: { path: string; sha256: string } | null };
  grades: GradeBand[];
  indicators: IndicatorInfo[];
  weighting: NodeWeighting[];
  units: UnitResult[];
  metrics: MetricsResult;
  robustness: RobustnessResult | null;
  comparison: PeriodComparison | null;
  data_quality: DataQuality;
  /** Every warning of the run: the metric stage's, then scoring's (design §7.5). */
  warnings: RunWarning[];
  /** Caps, adjustment items, veto rules and time limits as configured (for the report's method sheet and formulas). */
  rules?: ScoringRules | null;
  /** Per-unit findings computed by src/findings/compute-findings.ts from this result (the report renders them). */
  findings?: Findings | null;
  /** Rankings by VIKOR, grey relational analysis or RSR beside the weighted sum (assessment file `rankings:`). */
  alternative_rankings?: AlternativeRanking[] | null;
  /** Uncertainty and sensitivity analysis (robustness.uncertainty, `govscore sensitivity`), absent when not run. */
  uncertainty?: UncertaintyResult | null;
}

/** The configured rules after weighting (design §6.3) and the time limits (§4), carried for the report. */
export interface ScoringRules {
  /** Cap on the sum of a unit's bonus points; null: uncapped. */
  bonus_cap: number | null;
  /** Cap on the sum of a unit's penalty points; null: uncapped. */
  penalty_cap: number | null;
  adjustments: { id: string; kind: 'bonus' | 'penalty'; name: LocalizedText; description: LocalizedText | null }[];
  /** When a veto rule fires the grade is at most `max_grade` (a band's zh label). */
  vetoes: { id: string; name: LocalizedText; description: LocalizedText | null; max_grade: string }[];
  /**
   * How units with a fired veto rank (design §6.3): `last` after every unit without one (by total among
   * themselves), `keep` by total like the others, `none` unranked. Absent in results written before it existed: read
   * as `keep`, which is how they were ranked.
   */
  veto_rank?: VetoRank;
  time_limits: MetricSettings['timeLimits'] | null;
}

// ───────────────────────────── robustness and comparison (design §6.5) ─────────────────────────────

export interface RobustnessUnit {
  unit: string;
  base_rank: number;
  median_rank: number;
  /** 5th and 95th percentiles of the rank over the draws. */
  p05_rank: number;
  p95_rank: number;
  /** Share of draws in which the unit keeps its base grade. */
  p_keep_grade: number;
  /** Share of draws in which it ranks within the top k / bottom k. */
  p_top_k: number;
  p_bottom_k: number;
}

export interface RobustnessResult {
  draws: number;
  seed: number;
  /** Relative size of the perturbation of each local weight. */
  perturbation: number;
  /** How weights were perturbed, in words (for the report). */
  scheme: string;
  top_k: number;
  /** Mean Spearman rank correlation between each draw's ranking and the base ranking. */
  mean_spearman: number;
  units: RobustnessUnit[];
}

export interface PeriodDelta {
  unit: string;
  /** both: assessed in both periods; new: only now; dropped: only in the previous period (listed, not dropped). */
  status: 'both' | 'new' | 'dropped';
  total: number | null;
  previous_total: number | null;
  total_delta: number | null;
  rank: number | null;
  previous_rank: number | null;
  /** previous rank − current rank: positive means the unit moved up. */
  rank_change: number | null;
  /** Level-1 indicator id → current score − previous score (null when either is missing). */
  level1_deltas: Record<string, number | null>;
}

export interface PeriodComparison {
  previous: { path: string; period: Period; generated_at: string };
  units: PeriodDelta[];
}

/** One ranking method beside the weighted sum (src/scoring/alternative-rankings.ts). */
export interface AlternativeRanking {
  /** vikor (score Q, smaller is better), gra (grey relational grade) or rsr (rank-sum ratio). */
  method: string;
  /** Method-wide facts: VIKOR's acceptance conditions and compromise, the RSR probit line and 档 boundaries. */
  details: Record<string, unknown>;
  units: { unit: string; score: number; rank: number; tier?: number | null }[];
}
