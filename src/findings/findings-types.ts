/**
 * The numbers behind the report's findings sentences (issue 5 §4). Computed once by computeFindings from an
 * AssessmentResult; the workbook's templates only insert them, formatted exactly as the cells show them, so every
 * number in a sentence equals the number in its cell.
 */

/** A level-1 dimension of one unit compared with the median unit. */
export interface DimensionGap {
  /** Level-1 indicator id. */
  indicator: string;
  score: number;
  /** Median of the level-1 scores of all units that have one. */
  median: number;
  /** score − median (positive: better than the median unit). */
  gap: number;
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
}
