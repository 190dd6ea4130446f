/**
 * The numbers behind the report's findings sentences (issue 5 §4). Computed once by computeFindings from an
 * AssessmentResult; the workbook's templates only insert them, formatted exactly as the cells show them, so every
 * number in a sentence equals the number in its cell.
 */

import { CASE_METRIC_IDS, isCostCaseMetric, type CaseCounts, type CaseMetricId } from './case-metrics.js';

/**
 * Where a score stands against a reference, as the report shows it: `at` when the gap rounds to 0.0 at the score
 * format's one decimal (so a sentence never reads "above the median by 0.0").
 */
export type Side = 'above' | 'below' | 'at';

/** A level-1 dimension of one unit compared with the median unit. */
export interface DimensionGap {
  /** Level-1 indicator id. */
  indicator: string;
  score: number;
  /** Median of the level-1 scores of all units that have one. */
  median: number;
  /** score − median (positive: better than the median unit). */
  gap: number;
  /** The sign of gap as displayed: the only source of a sentence's comparison word. */
  side: Side;
}

/** Case metrics where higher is worse (the others are better when higher): direction `cost` in the case-metric table. */
export const COST_CASE_METRICS: ReadonlySet<CaseMetricId> = new Set(CASE_METRIC_IDS.filter(isCostCaseMetric));

/**
 * A case metric of one unit beside the same metric over every assessed unit's cases pooled (the street as a whole):
 * `worse` true when the unit is on the wrong side of the pooled value by a notable margin (rates: 2 percentage
 * points, or for return and repeat rates 1 point and a quarter above the pooled rate).
 */
export interface CaseGap {
  metric: CaseMetricId;
  value: number;
  overall: number;
  worse: boolean;
}

/** A leaf on which a unit scored best (or worst) of all units with a score. */
export interface LeafExtreme {
  indicator: string;
  score: number;
  /** The leaf's raw metric value (a rate, a mean, a rating), null when missing. */
  raw: number | null;
  metric: string | null;
}

/**
 * An indicator that cost the unit points: lost_points = global_weight × (100 − score).
 * A leaf score of 100 means the target (or the best value) was reached, so 100 − score is the gap to the target in
 * score points, and weighting it by the global weight gives the points of the total score it cost.
 */
export interface CostlyIndicator {
  indicator: string;
  score: number;
  global_weight: number;
  lost_points: number;
}

export interface UnitFindings {
  unit: string;
  total: number;
  /** Grade label as in UnitResult.grade (zh); the renderer maps it to the band's label in the report language. */
  grade: string;
  /** Set when a veto rule lowered the grade: the grade the total alone would give. */
  grade_before_veto: string | null;
  vetoes: string[];
  /** null when a veto left the unit unranked (`veto_rank: none`). */
  rank: number | null;
  /** As UnitResult.rank_note: `veto_last` when a veto ranked the unit after every unit without one. */
  rank_note: 'veto_last' | 'veto_unranked' | null;
  /** Number of units ranked. */
  of: number;
  strongest: DimensionGap | null;
  weakest: DimensionGap | null;
  /** Up to three leaves costing most points, largest first; leaves without a score are left out. */
  costliest: CostlyIndicator[];
  /** Case handling: null when the unit has no case counts. */
  cases: {
    cases: number;
    closed_late: number;
    open_overdue: number;
    /** closed_late + open_overdue */
    overdue: number;
    returned: number;
    /** returned ÷ cases, null when cases = 0 */
    return_rate: number | null;
  } | null;
  /** Survey sample: null when there is no survey. */
  survey: { n: number; min_n: number; low_n: boolean } | null;
  /** Change against the previous period: null without a comparison or when the unit is new. */
  change: { total_delta: number; rank_change: number; previous_rank: number } | null;
  /** True when the unit was not in the previous period's result (only with a comparison). */
  new_unit: boolean;
  /** How many level-1 dimensions are above, at and below the median unit. */
  dimensions: Record<Side, number>;
  /** Leaves on which the unit has the best score of all units (ties count), in tree order. */
  leads: LeafExtreme[];
  /** Leaves on which the unit has the worst score of all units (ties count, unless every unit ties), in tree order. */
  lags: LeafExtreme[];
  /** The unit's case metrics notably off the pooled value, worst relative gap first; empty without case data. */
  case_gaps: CaseGap[];
  /** The unit's case metrics notably better than the pooled value, largest relative lead first. */
  case_leads: CaseGap[];
  /**
   * Where the unit falls behind the street on one kind of case (unit × category): the category whose on-time or
   * return rate in this unit is furthest off the same category's rate over all units' cases; null when none is.
   */
  category_gap: CategoryGap | null;
}

/**
 * One category of one unit against the same category street-wide (design §7.1: causes tied to the breakdowns).
 * Notable when the unit has at least 15 cases of the category and its on-time rate is at least 5 points below
 * the street's for that category, or its return rate at least 3 points and half again above it.
 */
export interface CategoryGap {
  category: string;
  metric: 'on_time_close_rate' | 'return_rate';
  /** The unit's cases of the category. */
  cases: number;
  value: number;
  /** The same rate over every assessed unit's cases of the category. */
  street: number;
}

export interface Findings {
  /** One entry per assessed unit, in rank order (ties by unit id). */
  units: UnitFindings[];
  /** Units of the previous period that are no longer assessed. */
  dropped_units: string[];
  /** Units whose survey sample is below the minimum. */
  low_n_units: string[];
  /** Units with no data for any indicator (未评估): no findings, no grade, no rank. */
  not_assessed_units: string[];
  /** The street as a whole: the summary, experiences, problems, suggestions and limitations (overall-findings.ts). */
  overall: OverallFindings;
}

/** A group of a breakdown (category, department, urgency class) with the counts a sentence quotes. */
export interface GroupRate {
  key: string;
  cases: number;
  /** The rate the sentence is about (on-time, return or repeat rate). */
  rate: number;
  /** Its numerator: late or overdue cases, returned cases, repeat cases. */
  count: number;
}

export type Experience =
  /**
   * A unit with the best score of one or more level-1 dimensions (each ≥ 5 points above the median unit), largest
   * lead first, with the leaves of those dimensions where it has the best score of all units.
   */
  | { kind: 'dimension_leader'; unit: string; dimensions: { indicator: string; score: number; median: number; gap: number }[]; leaves: LeafExtreme[] }
  /** A case metric the street as a whole does well on: its leaf's mean score over the units is 75 or more. */
  | { kind: 'street_strength'; metric: CaseMetricId; indicator: string; value: number; mean_score: number; units_at_target: number; units: number };

export type Problem =
  /** Units in the lowest band on their score (not by a veto), with each one's weakest dimension when below the median. */
  | { kind: 'low_grade'; grade: string; units: { unit: string; total: number; weakest: string | null }[] }
  /** Units whose veto rules fired (`rules`: the rules' ids). */
  | { kind: 'veto'; units: { unit: string; grade_before: string; grade: string; rules: string[] }[] }
  /** A level-1 dimension that is the weakest, below the median unit, of two or more units. */
  | { kind: 'weak_dimension'; indicator: string; median: number; units: { unit: string; score: number; gap: number }[] }
  /** An urgency class closed on time clearly less often than general cases. */
  | { kind: 'urgency_on_time'; slow: GroupRate; reference: GroupRate }
  /** Departments closing on time clearly less often than all cases together. */
  | { kind: 'department_on_time'; groups: GroupRate[]; overall: number }
  /** Categories returned clearly more often than all cases together. */
  | { kind: 'category_returns'; groups: GroupRate[]; overall: number }
  /** Categories with clearly more repeat requests than all cases together. */
  | { kind: 'category_repeats'; groups: GroupRate[]; overall: number }
  /**
   * Repeat hot spots (issue 14): unit × category pairs where the same residents call again about the same matter
   * clearly more often than over all counted cases (repeats by either source, design §4.1).
   */
  | { kind: 'repeat_hot_spots'; spots: { unit: string; category: string; cases: number; repeats: number; rate: number }[]; overall: number };

/** What a suggestion is about, from the metric of the leaf it is tied to. */
export type SuggestionKind = 'on_time' | 'contact' | 'resolution' | 'returns' | 'repeats' | 'verification' | 'satisfaction' | 'rating' | 'generic';

/** A suggestion tied to one of the leaves that cost the units most points together. */
export interface Suggestion {
  kind: SuggestionKind;
  indicator: string;
  /** Mean score of the leaf over the units that have one. */
  mean_score: number;
  /** Sum over units of global_weight × (100 − score). */
  lost_points: number;
  /** The (up to three) lowest-scoring units, lowest first. */
  lowest: { unit: string; score: number }[];
  /** The breakdown group the sentence names (the slowest department, the most-returned category …), if any. */
  group: GroupRate | null;
  /** For satisfaction: the survey item with the lowest mean over all respondents. */
  item: { id: string; mean: number } | null;
}

export type Limitation =
  /** A warning of the run (design §7.5), localised by its code. */
  | { kind: 'warning'; code: string; where: string | null; params: Record<string, string | number | null>; message: string }
  | { kind: 'low_n'; min_n: number; units: { unit: string; n: number }[] }
  /** Rated indicators where some units were rated by fewer raters than the panel. */
  | { kind: 'rater_panel'; indicator: string; panel: number; units: { unit: string; n: number }[] }
  /** Leaves filled by the missing-value policy for some units. */
  | { kind: 'imputed'; indicator: string; policy: 'renormalize' | 'zero' | 'average'; units: string[] }
  | { kind: 'rejected_rows'; file: string; rejected: number; rows: number }
  | { kind: 'out_of_period'; file: string; rows: number }
  | { kind: 'not_assessed'; units: string[] }
  /** Cases excluded from every rate (design §4.2, issue 14): how many, of how many received, by reason. */
  | { kind: 'excluded'; excluded: number; received: number; reasons: { reason: string; count: number }[] }
  /** Merged events under `basis: events` (issue 14): rates count each event once. */
  | { kind: 'events_basis'; cases: number; events: number };

export interface OverallFindings {
  /** Units with a total (assessed), and those without (未评估). */
  assessed: number;
  not_assessed: string[];
  /** Mean and median total over the assessed units; null when none. */
  mean_total: number | null;
  median_total: number | null;
  /** Per grade band, best first: the band's zh label and the units in it (rank order). */
  grade_counts: { grade: string; units: string[] }[];
  /** The case metrics over every assessed unit's cases pooled; null without case data. */
  case_overall: Partial<Record<CaseMetricId, number>> | null;
  /** The counts behind case_overall (the case sheet's total row); null without case data. */
  case_pooled: CaseCounts | null;
  experiences: Experience[];
  problems: Problem[];
  suggestions: Suggestion[];
  limitations: Limitation[];
}
