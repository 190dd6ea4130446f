/**
 * The case metrics of design §4 as one table of definitions (issue 13, after arquero's aggregate-functions table):
 * everything that lists the case metrics — the `CaseMetricId` union, the JSON's key order, the indicator system's
 * check of `cases.<id>`, the metric catalogue, the `metric_column_absent` rule, the names in the report, the
 * columns of the case-metrics sheet and of `govscore metrics` — reads this table, so a metric cannot be forgotten
 * in a fourth place.
 *
 * HOW TO ADD A CASE METRIC over the existing counters: add one entry to CASE_METRICS below (its position is its
 * place in the JSON, the terminal table and the sheet), then its tests (tsc names the test fixtures that list every
 * metric's value). A share of cases both returned and repeated would need a new counter; a metric over the
 * counters already here is only the entry, e.g.:
 *
 *   closed_share: {
 *     name: { zh: '办结率', en: 'Closed share' }, short: 'closed', format: 'percent', direction: 'benefit',
 *     value: { ratio: ['closed', 'cases'] },                 // tallies below; null when the denominator is 0
 *     sourceColumns: ['closed_at'],                          // absent column → null for every unit + one warning
 *     sheet: { table: 'quality', columns: ['closed'] },      // count columns shown before it (or sheet: null)
 *   },
 *
 * A metric over a new counter also adds the counter to CaseCounts (src/types.ts) and one line where
 * CaseMetricsAccumulator.count (src/metrics/cases.ts) counts a case; one over a new tally adds it to CASE_TALLIES;
 * one over a new optional case-log column adds the column to CASE_SOURCE_COLUMNS.
 */
import type { CaseCounts, CaseMetricId } from '../types.js';

export type { CaseCounts, CaseMetricId, CaseMetrics } from '../types.js';

/** A text in both report languages. */
interface ZhEn {
  zh: string;
  en: string;
}

/**
 * Tallies: named sums of counters, the numerators and denominators of the metrics. A tally with a `head` can be a
 * column of the case-metrics sheet (the head in the report language), so every rate stands beside its numerator
 * and denominator.
 */
export const CASE_TALLIES = {
  cases: { counters: ['cases'], head: { zh: '工单数', en: 'Cases' } },
  closed: { counters: ['closed'], head: { zh: '已办结', en: 'Closed' } },
  closedOnTime: { counters: ['closedOnTime'], head: { zh: '按时办结', en: 'Closed on time' } },
  closedLate: { counters: ['closedLate'], head: { zh: '超时办结', en: 'Closed late' } },
  openOverdue: { counters: ['openOverdue'], head: { zh: '超期未办结', en: 'Open, overdue' } },
  openPending: { counters: ['openPending'], head: { zh: '在办未超期', en: 'Open, within limit' } },
  /** Cases that had to be closed by the cut-off: closed, or open past their deadline. */
  due: { counters: ['closed', 'openOverdue'], head: { zh: '应办结', en: 'Due' } },
  contactDue: { counters: ['contactDue'], head: { zh: '应联系', en: 'Contact due' } },
  contactedInTime: { counters: ['contactedInTime'], head: { zh: '按时联系', en: 'Contacted in time' } },
  resolvedKnown: { counters: ['resolvedKnown'], head: { zh: '有解决结果', en: 'With outcome' } },
  resolved: { counters: ['resolved'], head: { zh: '已解决', en: 'Resolved' } },
  rated: { counters: ['rated'], head: { zh: '已评价', en: 'Rated' } },
  satisfied: { counters: ['satisfied'], head: { zh: '满意', en: 'Satisfied' } },
  satisfactionScoreSum: { counters: ['satisfactionScoreSum'], head: null },
  verified: { counters: ['verified'], head: { zh: '已核实', en: 'Verified' } },
  returned: { counters: ['returned'], head: { zh: '退单数', en: 'Returned' } },
  repeat: { counters: ['repeat'], head: { zh: '重复诉求', en: 'Repeat' } },
  closeWorkdaysSum: { counters: ['closeWorkdaysSum'], head: null },
  // issue 14 (design §4.1): with basis: events the merged children are in mergedOut, not in cases, so the
  // case-based volume is cases + mergedOut (= cases under basis: cases, where mergedOut stays 0).
  caseCount: { counters: ['cases', 'mergedOut'], head: null },
  reopened: { counters: ['reopened'], head: { zh: '办结后重复', en: 'Reopened' } },
  merged: { counters: ['merged'], head: { zh: '并单子件', en: 'Merged' } },
} as const satisfies Record<string, { counters: readonly (keyof CaseCounts)[]; head: ZhEn | null }>;

export type CaseTallyId = keyof typeof CASE_TALLIES;

/**
 * The optional case-log columns the case metrics read (design §3.1), in the order their `metric_column_absent`
 * warnings are given.
 */
export const CASE_SOURCE_COLUMNS = ['closed_at', 'first_contact_at', 'verified_at', 'resolved', 'satisfaction', 'returned_count', 'repeat'] as const;
export type CaseSourceColumn = (typeof CASE_SOURCE_COLUMNS)[number];

/**
 * How a metric's number reads: a share 0..1 (shown as a percentage), working days, a number of cases, cases per
 * 10 000 residents, or a 0..100 score. Each renderer maps every format to its own number format, so a new format
 * is a compile error until each of them shows it.
 */
export type CaseMetricFormat = 'percent' | 'days' | 'count' | 'per_10k' | 'score';

/** One case metric. */
export interface CaseMetricDefinition {
  /** Its name in the report and the label tables (a leaf reading it lends its own name in the report, issue 11). */
  name: ZhEn;
  /** The head of its column in `govscore metrics` (English, like the rest of the terminal output). */
  short: string;
  format: CaseMetricFormat;
  /** Whether more is better (benefit) or worse (cost); null for volumes that are neither. */
  direction: 'benefit' | 'cost' | null;
  /**
   * From the tallies: one tally; a ratio num ÷ den (null when den is 0); or a tally per `per` residents of the
   * unit's registry population (null without a positive population).
   */
  value: { tally: CaseTallyId } | { ratio: readonly [CaseTallyId, CaseTallyId] } | { perPopulation: CaseTallyId; per: number };
  /** Optional case-log columns it reads: when the log lacks one, the metric is null for every unit and group. */
  sourceColumns: readonly CaseSourceColumn[];
  /**
   * Its column in the case-metrics sheet: in the timeliness or the quality table, after the count columns
   * `columns` (each table opens with `cases`); `whenKnown`: only when some unit has a value. The street total is
   * Σ num ÷ Σ den when both tallies of a ratio are columns of its table, the mean weighted by the denominator
   * column when only that one is, else none. null: not in the sheet.
   */
  sheet: { table: 'timeliness' | 'quality'; columns: readonly CaseTallyId[]; whenKnown?: boolean } | null;
}

/** The case metrics, in the order of the JSON contract (design §4). See the head of this file to add one. */
export const CASE_METRICS = {
  case_count: {
    name: { zh: '工单量', en: 'Case count' },
    short: 'cases',
    format: 'count',
    direction: null,
    value: { tally: 'caseCount' },
    sourceColumns: [],
    sheet: null,
  },
  on_time_close_rate: {
    name: { zh: '按时办结率', en: 'On-time closing rate' },
    short: 'on-time',
    format: 'percent',
    direction: 'benefit',
    value: { ratio: ['closedOnTime', 'due'] },
    sourceColumns: ['closed_at'],
    sheet: { table: 'timeliness', columns: ['closed', 'closedOnTime', 'closedLate', 'openOverdue', 'openPending', 'due'] },
  },
  first_contact_rate: {
    name: { zh: '先行联系率', en: 'First-contact rate' },
    short: 'contact',
    format: 'percent',
    direction: 'benefit',
    value: { ratio: ['contactedInTime', 'contactDue'] },
    sourceColumns: ['first_contact_at'],
    sheet: { table: 'timeliness', columns: ['contactDue', 'contactedInTime'] },
  },
  resolution_rate: {
    name: { zh: '实际解决率', en: 'Resolution rate' },
    short: 'resolved',
    format: 'percent',
    direction: 'benefit',
    value: { ratio: ['resolved', 'resolvedKnown'] },
    sourceColumns: ['closed_at', 'resolved'],
    sheet: { table: 'quality', columns: ['resolvedKnown', 'resolved'] },
  },
  satisfaction_rate: {
    name: { zh: '回访满意率', en: 'Callback satisfaction rate' },
    short: 'satisf.',
    format: 'percent',
    direction: 'benefit',
    value: { ratio: ['satisfied', 'rated'] },
    sourceColumns: ['satisfaction'],
    sheet: { table: 'quality', columns: ['rated', 'satisfied'] },
  },
  satisfaction_score: {
    name: { zh: '回访满意度得分', en: 'Callback satisfaction score' },
    short: 'sat.score',
    format: 'score',
    direction: 'benefit',
    value: { ratio: ['satisfactionScoreSum', 'rated'] },
    sourceColumns: ['satisfaction'],
    sheet: null,
  },
  verification_rate: {
    name: { zh: '核实反馈率', en: 'Verification rate' },
    short: 'verified',
    format: 'percent',
    direction: 'benefit',
    value: { ratio: ['verified', 'closed'] },
    sourceColumns: ['closed_at', 'verified_at'],
    sheet: { table: 'quality', columns: ['closed', 'verified'] },
  },
  return_rate: {
    name: { zh: '退单率', en: 'Return rate' },
    short: 'returned',
    format: 'percent',
    direction: 'cost',
    value: { ratio: ['returned', 'cases'] },
    sourceColumns: ['returned_count'],
    sheet: { table: 'quality', columns: ['returned'] },
  },
  repeat_rate: {
    name: { zh: '重复诉求率', en: 'Repeat rate' },
    short: 'repeat',
    format: 'percent',
    direction: 'cost',
    value: { ratio: ['repeat', 'cases'] },
    sourceColumns: ['repeat'],
    sheet: { table: 'quality', columns: ['repeat'] },
  },
  mean_close_workdays: {
    name: { zh: '平均办结工作日', en: 'Mean working days to close' },
    short: 'workdays',
    format: 'days',
    direction: 'cost',
    value: { ratio: ['closeWorkdaysSum', 'closed'] },
    sourceColumns: ['closed_at'],
    sheet: { table: 'timeliness', columns: [] },
  },
  cases_per_10k: {
    name: { zh: '万人诉求量', en: 'Cases per 10,000' },
    short: 'per 10k',
    format: 'per_10k',
    direction: null,
    value: { perPopulation: 'caseCount', per: 10_000 },
    sourceColumns: [],
    sheet: { table: 'quality', columns: [], whenKnown: true },
  },
  // issue 14 (design §4, §4.1): from repeat detection; missing for every unit without a `repeats:` block
  // (CaseMetricsAccumulator.finish, DETECTION_METRICS), since no case-log column gives them.
  reopen_rate: {
    name: { zh: '办结后重复诉求率', en: 'Reopen rate' },
    short: 'reopen',
    format: 'percent',
    direction: 'cost',
    value: { ratio: ['reopened', 'closed'] },
    sourceColumns: [],
    sheet: { table: 'quality', columns: ['reopened'], whenKnown: true },
  },
  merged_share: {
    name: { zh: '并单比例', en: 'Merged share' },
    short: 'merged',
    format: 'percent',
    direction: null,
    value: { ratio: ['merged', 'caseCount'] },
    sourceColumns: [],
    sheet: { table: 'quality', columns: ['merged'], whenKnown: true },
  },
} as const satisfies Record<string, CaseMetricDefinition>;

// The ids of this table are the CaseMetricId union of src/types.ts (which imports nothing, so the table declares
// them into it).
declare module '../types.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this table's keys, nothing else
  interface CaseMetricKeys extends Record<keyof typeof CASE_METRICS, true> {}
}

/** The case metric ids in the table's order (the JSON contract's key order). */
export const CASE_METRIC_IDS = Object.keys(CASE_METRICS) as readonly CaseMetricId[];

/** The definition of a case metric id (without the `cases.` prefix), or undefined for an unknown one. */
export function caseMetricDefinition(id: string): CaseMetricDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(CASE_METRICS, id) ? (CASE_METRICS as Record<string, CaseMetricDefinition>)[id] : undefined;
}

/**
 * A tally of a group's counts: the sum of its counters.
 * @example tallyOf({ ...counts, closed: 90, openOverdue: 4 }, 'due') // → 94
 */
export function tallyOf(c: CaseCounts, id: CaseTallyId): number {
  const counters: readonly (keyof CaseCounts)[] = CASE_TALLIES[id].counters;
  return counters.length === 1 ? c[counters[0]] : counters.reduce((a, k) => a + c[k], 0);
}

/**
 * A metric's value from a group's counts, as design §4 defines it: null when a ratio's denominator is 0, and for a
 * per-population metric without a positive population.
 * @example caseMetricValue('return_rate', { ...counts, cases: 4, returned: 1 }, null) // → 0.25
 */
export function caseMetricValue(id: CaseMetricId, c: CaseCounts, population: number | null): number | null {
  const v: CaseMetricDefinition['value'] = CASE_METRICS[id].value;
  if ('tally' in v) return tallyOf(c, v.tally);
  if ('ratio' in v) {
    const den = tallyOf(c, v.ratio[1]);
    return den > 0 ? tallyOf(c, v.ratio[0]) / den : null;
  }
  return population !== null && population > 0 ? (tallyOf(c, v.perPopulation) / population) * v.per : null;
}

/** The metric ids whose direction hint is `cost` (smaller is better). */
export function isCostCaseMetric(id: string): boolean {
  return caseMetricDefinition(id)?.direction === 'cost';
}
