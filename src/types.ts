/**
 * The contracts between the stages (conventions: data flows one way).
 *
 *   read + map columns (src/io) → validate into CaseRecord / SurveyResponse / RatingRecord
 *   → per-row derived fields and per-unit metrics (src/calendar, src/metrics) → MetricsResult
 *   → leaf scores, weights, totals, grades, ranks (src/scoring) → AssessmentResult (src/model/result.ts)
 *   → robustness (src/robustness) → renderers (src/report, JSON, terminal)
 *
 * The resolved indicator system the scoring stage reads is src/model/indicator-system.ts.
 *
 * Nothing downstream reaches back upstream; renderers never compute numbers.
 */

// ───────────────────────────── time ─────────────────────────────

/**
 * A local wall-clock time as milliseconds since 1970-01-01T00:00 *of the wall clock*, i.e. computed as if the
 * wall clock were UTC (Date.UTC). Inputs carry no time zone and none is applied, so results never depend on
 * the machine's TZ. Never use Date's local-time getters on these; use getUTC* or the helpers in src/time.ts.
 */
export type WallTime = number;

/** Days since 1970-01-01 (Math.floor(wallTime / 86_400_000)). */
export type DayNumber = number;

/** The assessment period, inclusive dates, and the cut-off. */
export interface Period {
  /** 'YYYY-MM-DD' */
  from: string;
  /** 'YYYY-MM-DD', inclusive */
  to: string;
  /** 'YYYY-MM-DDTHH:mm:ss' — the cut-off; default the end of `to` (next day 00:00:00 is outside). */
  as_of: string;
}

// ───────────────────────────── inputs ─────────────────────────────

export type Urgency = 'urgent' | 'general' | 'complex' | 'consult';
export const URGENCIES: readonly Urgency[] = ['urgent', 'general', 'complex', 'consult'];

/** Five-level satisfaction, 5 = 非常满意 … 1 = 非常不满意. */
export type SatisfactionLevel = 1 | 2 | 3 | 4 | 5;

/** One accepted case-log row in canonical form (design §3.1). */
export interface CaseRecord {
  /** Row number as a spreadsheet shows it (header = row 1). */
  row: number;
  caseId: string;
  unit: string;
  receivedAt: WallTime;
  urgency: Urgency;
  firstContactAt: WallTime | null;
  closedAt: WallTime | null;
  /** Null also when the export had a verified_at earlier than closed_at (treated as missing, with a warning). */
  verifiedAt: WallTime | null;
  deadlineAt: WallTime | null;
  resolved: boolean | null;
  satisfaction: SatisfactionLevel | null;
  returnedCount: number;
  repeat: boolean;
  category: string | null;
  department: string | null;
  channel: string | null;
  grid: string | null;
  /**
   * Repeat detection's fields (design §3.1, §4.1), read only when the indicator system has a `repeats:` block (the
   * exclusion reason always): the caller's normalised digits (src/repeats/caller.ts; held in memory for detection
   * only and never written anywhere: a link shows the caller's keyed hash), the address normalised, the platform's
   * own merge, the exclusion reason. Absent: null.
   */
  caller?: string | null;
  address?: string | null;
  parentCaseId?: string | null;
  exclusion?: string | null;
  /** Received before the period: a predecessor or parent for detection only, never counted (§4.1). */
  beforePeriod?: boolean;
}

/** One survey respondent (design §3.2); answers are levels 1..5, null when blank or "don't know". */
export interface SurveyResponse {
  row: number;
  unit: string;
  respondentId: string | null;
  weight: number;
  answers: Record<string, SatisfactionLevel | null>;
}

/** One qualitative rating (design §3.3). `value` is 0..100 (a grade label already mapped through the scale). */
export interface RatingRecord {
  row: number;
  unit: string;
  indicator: string;
  rater: string;
  value: number;
  /** The grade label as given, when the value came from a label (used by fuzzy evaluation). */
  label: string | null;
}

/** One unit of the registry (design §3.4). */
export interface UnitInfo {
  unit: string;
  name: string | null;
  parent: string | null;
  population: number | null;
}

// ───────────────────────────── data quality ─────────────────────────────

export type Severity = 'error' | 'warning' | 'info';

/** One ledger entry: a rejected row (severity error), a repaired value (warning), or a note (info). */
export interface DataIssue {
  file: string;
  row: number | null;
  field: string | null;
  value: string | null;
  reason: string;
  severity: Severity;
}

export type InputKind = 'cases' | 'survey' | 'ratings' | 'units';

export interface FileStats {
  path: string;
  kind: InputKind;
  /** Data rows read (header excluded). */
  rows: number;
  accepted: number;
  rejected: number;
  /** Valid rows outside the period: excluded and counted, not errors. */
  out_of_period: number;
  /**
   * Of out_of_period, the case-log rows received in the period but after a cut-off inside it (design §4: left out
   * of every metric, with a warning). Case logs only.
   */
  after_cutoff?: number;
  sha256: string;
}

export interface DataQuality {
  files: FileStats[];
  issues: DataIssue[];
  /** Count of issues by reason, for the report's summary table. */
  by_reason: Record<string, number>;
}

// ───────────────────────────── metric settings ─────────────────────────────

export interface TimeLimit {
  amount: number;
  unit: 'hours' | 'workdays';
}

export interface MetricSettings {
  /** Per urgency class: the first-contact and closing limits (design §4 defaults in src/metrics/defaults.ts). */
  timeLimits: Record<Urgency, { contact: TimeLimit; close: TimeLimit }>;
  satisfaction: {
    /** Score of each level; default 5→100, 4→80, 3→60, 2→40, 1→20. */
    levelScores: Record<SatisfactionLevel, number>;
    /** Levels counted as satisfied; default [5, 4, 3] (非常满意, 满意, 基本满意). */
    satisfiedLevels: SatisfactionLevel[];
  };
  survey: {
    /** `name`: the question's wording (issue 11), shown beside the item id in the report; absent when not configured. */
    items: { id: string; dimension: string | null; weight: number; name?: LocalizedText | null }[];
    /** A unit with fewer respondents is flagged low_n. */
    minN: number;
  };
  ratings: {
    /** Grade label → score, e.g. 优 95, 良 85, 中 70, 差 50. */
    scale: Record<string, number>;
    /** How raters' values combine, by default and per rated indicator id. */
    aggregate: RatingAggregate;
    perIndicator: Record<string, RatingAggregate>;
  };
  custom: CustomMetricSpec[];
  /** Repeat and merge detection (design §4.1); null without a `repeats:` block. */
  repeats?: RepeatSettings | null;
  /** Exclusion rules (design §4.2), checked at load. */
  exclusions?: ExclusionRule[];
}

/** A detection window (design §4.1): calendar hours or days, or working days. */
export interface DetectionWindow {
  amount: number;
  unit: 'hours' | 'days' | 'workdays';
}

/** The indicator system's `repeats:` block, resolved (design §4.1). */
export interface RepeatSettings {
  /** Repeat keys, e.g. ['caller', 'category']. */
  keys: RepeatKeyField[];
  window: DetectionWindow;
  /** Merge keys, e.g. ['address', 'category'] (or ['grid', 'category']). */
  mergeKeys: RepeatKeyField[];
  mergeWindow: DetectionWindow;
  basis: 'cases' | 'events';
  /** The caller hash key: `repeats.salt`, else GOVSCORE_SALT, else a random per-run key (computeMetrics fills it in). */
  salt: string | null;
  /** Where the key came from (set by computeMetrics). */
  saltSource?: 'configured' | 'environment' | 'random';
}

export type RepeatKeyField = 'caller' | 'category' | 'address' | 'grid' | 'unit' | 'department' | 'channel' | 'urgency';

/** An `exclusions:` rule (design §4.2): an arquero row filter over the case fields. */
export interface ExclusionRule {
  id: string;
  name: LocalizedText;
  when: string;
}

export type RatingAggregate = 'mean' | 'median' | 'trimmed_mean' | 'fuzzy';

/**
 * A custom case metric without code (design §4): a row filter and a rate/mean/count over an arquero
 * expression on canonical and derived fields. Addressed as `custom.<id>`.
 */
export interface CustomMetricSpec {
  id: string;
  source: 'cases';
  /** arquero expression, e.g. "d => d.category === '噪音扰民'" or "d.urgency === 'urgent'"; optional. */
  filter: string | null;
  aggregate: 'rate' | 'mean' | 'count';
  /** For rate: a boolean expression (share of filtered rows where true); for mean: a numeric expression. */
  expr: string | null;
}

// ───────────────────────────── metrics ─────────────────────────────

/**
 * The case metric ids, one key per entry of the case-metric table (src/model/case-metrics.ts), which declares them
 * into this interface: this module imports nothing, so the table adds its ids here rather than being imported.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface CaseMetricKeys {}
export type CaseMetricId = keyof CaseMetricKeys & string;
/** Null where the denominator is empty (design §4), never 0 or NaN. */
export type CaseMetrics = Record<CaseMetricId, number | null>;

/** The counts behind the case metrics, per unit and per breakdown group: the counters (design §4). */
export interface CaseCounts {
  cases: number;
  closed: number;
  closedOnTime: number;
  closedLate: number;
  /** Open at the cut-off with the closing deadline already passed. */
  openOverdue: number;
  /** Open at the cut-off, deadline not yet passed. */
  openPending: number;
  contactDue: number;
  contactedInTime: number;
  resolvedKnown: number;
  resolved: number;
  rated: number;
  satisfied: number;
  satisfactionScoreSum: number;
  verified: number;
  returned: number;
  repeat: number;
  closeWorkdaysSum: number;
  /** Closed by the cut-off and reopened by a repeat (design §4.1). */
  reopened: number;
  /** Merged children (into another case's event), counted case by case. */
  merged: number;
  /**
   * With `basis: events`: merged children, counted here and in `merged` only, so that `cases` and every rate are
   * over events; case_count (and cases_per_10k, merged_share) = cases + mergedOut stays case-based.
   */
  mergedOut: number;
}

export interface BreakdownRow {
  key: string;
  counts: CaseCounts;
  metrics: CaseMetrics;
}

/** One category of one unit's cases (the report's unit profile): counts only. */
export interface UnitCategoryRow {
  key: string;
  counts: CaseCounts;
}

export interface SurveyUnitResult {
  n: number;
  index: number | null;
  rate: number | null;
  /** 95 % margin of error of the index (1.96 · s / √n), null when n < 2. */
  moe: number | null;
  lowN: boolean;
  alpha: number | null;
  items: Record<string, number | null>;
  dimensions: Record<string, { index: number | null; alpha: number | null }>;
}

export interface SurveyResult {
  items: { id: string; dimension: string | null; weight: number; name?: LocalizedText | null }[];
  /** Configured items the survey file has no column for (left out of every number; design §7.5, checked by
   * src/scoring/leaf-inputs.ts), with the file's columns that could hold items. Absent when none is missing. */
  absent_items?: { ids: string[]; columns: string[] };
  minN: number;
  units: Record<string, SurveyUnitResult>;
  overall: SurveyUnitResult;
}

export interface RatingCell {
  n: number;
  value: number | null;
  min: number | null;
  max: number | null;
  /** The raters who rated this unit on this indicator, sorted (a panel member may have skipped a unit). */
  raters?: string[];
  /** Count of each grade label given (fuzzy evaluation's membership vector ÷ n). */
  distribution: Record<string, number>;
}

export interface RatingsResult {
  /** indicator id → unit → aggregate */
  cells: Record<string, Record<string, RatingCell>>;
  /** indicator id → how it was aggregated, raters and Kendall's W across units (null if it cannot be computed). */
  indicators: Record<string, { aggregate: RatingAggregate; raters: string[]; kendallW: number | null }>;
}

/**
 * Something the run decided on the user's behalf that could change a number (design §7.5): in the JSON, on stderr
 * (summarised) and in the report's limitations. `code` is stable (the report localises by it, with `params`);
 * `message` is the English text for stderr and pipelines; `where` names the file, indicator or unit concerned.
 */
export interface RunWarning {
  code: string;
  message: string;
  where: string | null;
  params?: Record<string, string | number | null>;
}

export interface MetricsResult {
  period: Period;
  /** The assessed units: the registry's when given, else those seen in the case log, sorted. */
  units: UnitInfo[];
  /** unit → case metrics */
  cases: Record<string, CaseMetrics>;
  caseCounts: Record<string, CaseCounts>;
  /** unit_category: unit → its cases by category, ordered as `category` (absent in results written before it). */
  breakdowns: { urgency: BreakdownRow[]; category: BreakdownRow[]; department: BreakdownRow[]; unit_category?: Record<string, UnitCategoryRow[]> };
  /** custom metric id → unit → value */
  custom: Record<string, Record<string, number | null>>;
  survey: SurveyResult | null;
  ratings: RatingsResult | null;
  dataQuality: DataQuality;
  /** What the metric stage decided on the user's behalf (design §7.5). */
  warnings: RunWarning[];
  /** Repeats, merged events and exclusions (design §4.1, §4.2); absent or null when neither applies. */
  repeats?: RepeatsResult | null;
}

/** One auditable link (design §4.1): `case` is the later case (repeat) or the merged child. */
export interface RepeatLink {
  case: string;
  linked_case: string;
  rule: 'repeat' | 'merge' | 'parent_case_id';
  /** The key fields' values; the caller as its hash. */
  keys: Record<string, string>;
  /** Wall-clock hours from the linked case's receipt; null when the linked case is unknown. */
  gap_hours: number | null;
  /** repeat links: the linked case was closed before this one came and within the window. */
  reopen: boolean;
  unit: string;
  linked_unit: string | null;
  category: string | null;
  received_at: string;
}

export interface ExclusionEntry {
  case: string;
  unit: string;
  /** `column` (the exclusion cell) or the id of the matching rule. */
  rule: string;
  reason: string;
  category: string | null;
  received_at: string;
  row: number;
}

/** Per unit, over the cases received in the period (not after the cut-off). */
export interface UnitRepeatCounts {
  /** Every case received in the period, excluded ones too. */
  case_count_all: number;
  /** Counted cases (not excluded). */
  case_count: number;
  /** Counted repeats by either source; by the flag column; by detection; by both. */
  repeats: number;
  repeats_flagged: number;
  repeats_detected: number;
  repeats_both: number;
  /** Counted cases closed by the cut-off and reopened (§4.1), and the denominator. */
  reopens: number;
  closed: number;
  /** Counted cases merged into another case's event. */
  merged: number;
  /** Counted cases that are not merged children. */
  events: number;
  excluded: number;
  excluded_by_reason: Record<string, number>;
}

export interface RepeatsResult {
  /** The settings used; null when only exclusions apply. */
  settings: { keys: string[]; window: string; merge_keys: string[]; merge_window: string; basis: 'cases' | 'events'; salt: 'configured' | 'environment' | 'random' } | null;
  units: Record<string, UnitRepeatCounts>;
  /** Links whose later case (or child) is counted in the period, sorted by (received_at, case). */
  links: RepeatLink[];
  exclusions: ExclusionEntry[];
  /** Repeat hot spots: counted repeats by unit × category, most first. */
  hot_spots: { unit: string; category: string; repeats: number; cases: number }[];
}

/** A text in both report languages. */
export interface LocalizedText {
  zh: string;
  en: string;
}
