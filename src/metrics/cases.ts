import type { WorkCalendar } from '../calendar/work-calendar.js';
import { DataError } from '../errors.js';
import { CASE_METRICS, CASE_METRIC_IDS, CASE_SOURCE_COLUMNS, caseMetricValue } from '../model/case-metrics.js';
import { URGENCIES } from '../types.js';
import type {
  BreakdownRow,
  UnitCategoryRow,
  CaseCounts,
  CaseMetricId,
  CaseMetrics,
  CaseRecord,
  ExclusionEntry,
  MetricSettings,
  RepeatSettings,
  RepeatsResult,
  UnitRepeatCounts,
  Period,
  RunWarning,
  UnitInfo,
  WallTime,
} from '../types.js';
import { CustomMetricsEvaluator, compileCustomMetrics, type CompiledCustom, type UnitTally } from './custom.js';
import { caseTiming, parseAsOf } from './deadlines.js';
import { isoDateTime } from '../time.js';
import { detect } from '../repeats/detect.js';
import { DetectionLog, F_EXCLUDED, F_FLAGGED, F_IN_PERIOD, type DetectionLogState } from '../repeats/detection-log.js';
import { compileExclusionRules, ExclusionJudge } from './exclusions.js';
import { summariseRepeats, type RepeatSummary } from '../repeats/repeat-summary.js';
import { formatWindow } from '../repeats/window.js';
import type { CaseTiming } from './deadlines.js';

/**
 * The case metrics of design §4, per unit and per breakdown group, from counts accumulated one case at a time
 * (memory grows with the number of units and groups, never with the number of cases).
 *
 * What each metric is — which counts it divides, its source columns — is its entry in the case-metric table
 * (src/model/case-metrics.ts); this class keeps the counts (CaseCounts) and applies the table to them.
 *
 * "Closed" always means closed by the cut-off. A metric whose denominator is empty is null, never 0 or NaN. A
 * metric whose source column the case log does not have (METRIC_SOURCE_COLUMNS) is null for every unit and group,
 * with one warning per absent column, rather than computed from cells that are all blank.
 *
 * @throws ConfigError from the constructor for a bad cut-off or custom metric; DataError from `add` when a case's
 *   dates fall outside the working-day calendar (naming the row)
 * @example
 *   const acc = new CaseMetricsAccumulator({ settings: DEFAULT_METRIC_SETTINGS, calendar, period, units: null });
 *   for (const rec of records) acc.add(rec);
 *   acc.finish().cases['东湖社区'].on_time_close_rate // → 0.93
 */
export class CaseMetricsAccumulator {
  private readonly settings: MetricSettings;
  private readonly calendar: WorkCalendar;
  private readonly asOf: WallTime;
  private readonly file: string | undefined;
  private readonly registry: UnitInfo[] | null;
  private readonly byUnit = new Map<string, CaseCounts>();
  private readonly byUrgency = new Map<string, CaseCounts>();
  private readonly byCategory = new Map<string, CaseCounts>();
  /** unit + UNIT_CATEGORY_SEP + category → counts: each unit's cases by category (the report's unit profiles). */
  private readonly byUnitCategory = new Map<string, CaseCounts>();
  private readonly byDepartment = new Map<string, CaseCounts>();
  /** Score and satisfied flag by level 1..5 (index 0 unused), looked up per rated case. */
  private readonly levelScore: number[];
  private readonly levelSatisfied: boolean[];
  private readonly custom: CustomMetricsEvaluator | null;
  private readonly customCompiled: CompiledCustom | null;
  /** Exclusions (design §4.2): the exclusion cell, then the rules. */
  private readonly judge: ExclusionJudge;
  private readonly exclusions: ExclusionTally = { all: new Map(), byReason: new Map(), entries: [] };
  private readonly repeats: RepeatSettings | null;
  /** Repeat detection's log (design §4.1); null without a `repeats:` block. */
  private readonly log: DetectionLog | null;
  /**
   * The counted cases, held until detection has run: with `basis: events` (a merged child leaves every rate) or a
   * custom metric reading `repeat` (which then includes detected repeats). Otherwise cases are counted as they come
   * and detection adds its repeats, reopens and merges as counts afterwards.
   */
  private readonly held: CaseRecord[] | null;

  constructor(opts: {
    settings: MetricSettings;
    calendar: WorkCalendar;
    period: Period;
    units: UnitInfo[] | null;
    /** The case log's path, to name it in errors. */
    file?: string;
    /** Rows per arquero chunk for custom metrics (default 50 000). */
    customChunkSize?: number;
  }) {
    this.settings = opts.settings;
    this.calendar = opts.calendar;
    this.asOf = parseAsOf(opts.period.as_of);
    this.file = opts.file;
    this.registry = opts.units;
    if (opts.units) for (const u of opts.units) this.byUnit.set(u.unit, emptyCaseCounts());
    const sat = opts.settings.satisfaction;
    this.levelScore = [NaN, sat.levelScores[1], sat.levelScores[2], sat.levelScores[3], sat.levelScores[4], sat.levelScores[5]];
    this.levelSatisfied = [0, 1, 2, 3, 4, 5].map((l) => (sat.satisfiedLevels as number[]).includes(l));
    // No custom specs: skip the arquero machinery entirely (the hot path of a plain run).
    this.customCompiled = opts.settings.custom.length > 0 ? compileCustomMetrics(opts.settings.custom) : null;
    this.custom = this.customCompiled ? new CustomMetricsEvaluator(this.customCompiled, opts.customChunkSize) : null;
    this.judge = new ExclusionJudge(compileExclusionRules(opts.settings.exclusions ?? []));
    this.repeats = opts.settings.repeats ?? null;
    this.log = this.repeats ? new DetectionLog() : null;
    this.held = this.repeats && (this.repeats.basis === 'events' || this.customCompiled?.fields.includes('repeat')) ? [] : null;
  }

  /** Whether every counted case is held until the end (see `held`): the case log is then read in one pass. */
  get holdsCases(): boolean {
    return this.held !== null;
  }

  /** Counts one accepted case. O(1). */
  add(rec: CaseRecord): void {
    this.addSigned(rec, 1);
  }

  /**
   * Takes back a case counted by `add` (or by the accumulator whose state was absorbed): a row of the second half
   * of a split case log found, once the halves are joined, to repeat an id of the first (split-cases.ts).
   */
  remove(rec: CaseRecord): void {
    this.addSigned(rec, -1);
  }

  /** The counts so far, as plain data another thread can send: see absorb. */
  state(): AccumulatorState {
    return {
      exclusions: { all: [...this.exclusions.all.entries()], byReason: [...this.exclusions.byReason.entries()], entries: this.exclusions.entries },
      log: this.log ? this.log.s : null,
      byUnit: [...this.byUnit.entries()],
      byUrgency: [...this.byUrgency.entries()],
      byCategory: [...this.byCategory.entries()],
      byUnitCategory: [...this.byUnitCategory.entries()],
      byDepartment: [...this.byDepartment.entries()],
      custom: this.custom ? this.custom.tallies_() : null,
    };
  }

  /** Adds another accumulator's counts (same settings, another part of the case log, its rows after rowOffset). */
  absorb(other: AccumulatorState, rowOffset = 0): void {
    for (const [u, k] of other.exclusions.all) this.exclusions.all.set(u, (this.exclusions.all.get(u) ?? 0) + k);
    for (const [key, k] of other.exclusions.byReason) this.exclusions.byReason.set(key, (this.exclusions.byReason.get(key) ?? 0) + k);
    for (const e of other.exclusions.entries) this.exclusions.entries.push({ ...e, row: e.row + rowOffset });
    if (this.log && other.log) this.log.absorb(other.log, rowOffset);
    const into = (m: Map<string, CaseCounts>, entries: [string, CaseCounts][]) => {
      for (const [key, c] of entries) {
        const t = group(m, key);
        for (const k of Object.keys(c) as (keyof CaseCounts)[]) t[k] += c[k];
      }
    };
    into(this.byUnit, other.byUnit);
    into(this.byUrgency, other.byUrgency);
    into(this.byCategory, other.byCategory);
    into(this.byUnitCategory, other.byUnitCategory);
    into(this.byDepartment, other.byDepartment);
    if (this.custom && other.custom) this.custom.absorb(other.custom);
  }

  private addSigned(rec: CaseRecord, sign: 1 | -1): void {
    // Before the period: detection only (a predecessor or parent), never counted (§4.1).
    if (rec.beforePeriod) {
      if (sign === 1) this.log?.push(rec, false);
      return;
    }
    let timing: CaseTiming;
    try {
      timing = caseTiming(rec, this.settings.timeLimits[rec.urgency], this.calendar, this.asOf);
    } catch (e) {
      if (e instanceof DataError) {
        throw new DataError(`case ${rec.caseId}: ${e.message}`, { file: this.file, row: rec.row }, e.hint);
      }
      throw e;
    }
    const excluded = this.judge.judge(rec, timing);
    this.tallyExclusion(rec, excluded, sign);
    if (sign === 1) this.log?.push(rec, excluded !== null);
    else this.log?.noteDuplicate(rec.caseId);
    let unitCounts = this.byUnit.get(rec.unit);
    if (!unitCounts) this.byUnit.set(rec.unit, (unitCounts = emptyCaseCounts()));
    // Excluded cases leave every rate and case_count (§4.2); held cases are counted once detection has run.
    if (excluded) return;
    if (this.held && sign === 1) {
      this.held.push(rec);
      return;
    }
    this.countAll(rec, timing, unitCounts, sign);
  }

  /** Every case of the period into case_count_all; an excluded one into its reason's count and the list. */
  private tallyExclusion(rec: CaseRecord, ex: { rule: string; reason: string } | null, sign: 1 | -1): void {
    const t = this.exclusions;
    t.all.set(rec.unit, (t.all.get(rec.unit) ?? 0) + sign);
    if (!ex) return;
    const key = rec.unit + UNIT_CATEGORY_SEP + ex.reason;
    t.byReason.set(key, (t.byReason.get(key) ?? 0) + sign);
    if (sign === 1) {
      t.entries.push({ case: rec.caseId, unit: rec.unit, rule: ex.rule, reason: ex.reason, category: rec.category, received_at: isoDateTime(rec.receivedAt), row: rec.row });
    } else {
      // A split log's cross-half duplicate: its entry is the later one of its id.
      let at = -1;
      t.entries.forEach((e, i) => {
        if (e.case === rec.caseId && (at < 0 || e.row > t.entries[at].row)) at = i;
      });
      if (at >= 0) t.entries.splice(at, 1);
    }
  }

  /** Adds one to a count of a counted case's unit and breakdown groups: detection's findings, after the fact. */
  private bump(i: number, log: DetectionLog, field: 'repeat' | 'reopened' | 'merged'): void {
    const s = log.s;
    const unit = s.unit[i];
    const category = s.category[i] ?? '';
    let unitCounts = this.byUnit.get(unit);
    if (!unitCounts) this.byUnit.set(unit, (unitCounts = emptyCaseCounts()));
    unitCounts[field]++;
    group(this.byUrgency, s.urgency[i])[field]++;
    group(this.byCategory, category)[field]++;
    group(this.byUnitCategory, unit + UNIT_CATEGORY_SEP + category)[field]++;
    group(this.byDepartment, s.department[i] ?? '')[field]++;
  }

  /**
   * Runs repeat detection over the log and brings its findings into the counts: streamed cases get their detected
   * repeats, reopens and merges added; held cases are counted now, a merged child under `basis: events` into
   * `cases` and `merged` only.
   */
  private applyDetection(presentColumns: ReadonlySet<string> | undefined): { repeats: RepeatsResult; warnings: RunWarning[] } {
    const r = this.repeats as RepeatSettings;
    const log = this.log as DetectionLog;
    const { columns, index } = log.columns(r.keys, r.mergeKeys);
    const d = detect(columns, { window: r.window, mergeWindow: r.mergeWindow }, this.calendar, this.asOf);
    const sum = summariseRepeats(log, index, d, r, this.asOf, this.file ?? 'the case log', r.salt as string);
    const counted = (i: number) => (log.s.flags[i] & (F_IN_PERIOD | F_EXCLUDED)) === F_IN_PERIOD;
    if (this.held) {
      const at = new Map<number, number>();
      for (const i of index) if (counted(i)) at.set(log.s.row[i], i);
      for (const rec of this.held) {
        const i = at.get(rec.row) as number;
        const timing = caseTiming(rec, this.settings.timeLimits[rec.urgency], this.calendar, this.asOf);
        const c = { ...rec, repeat: rec.repeat || sum.detected[i] === 1 };
        if (sum.child[i] && r.basis === 'events') {
          for (const g of this.groupsOf(c)) {
            g.merged++;
            g.mergedOut++;
          }
          continue;
        }
        this.countAll(c, timing, this.byUnit.get(c.unit) as CaseCounts, 1);
        if (sum.reopened[i] && timing.closed) this.bump(i, log, 'reopened');
        if (sum.child[i]) this.bump(i, log, 'merged');
      }
      this.held.length = 0;
    } else {
      for (const i of index) {
        if (!counted(i)) continue;
        if (sum.detected[i] && !(log.s.flags[i] & F_FLAGGED)) this.bump(i, log, 'repeat');
        if (sum.reopened[i] && log.s.closedAt[i] <= this.asOf) this.bump(i, log, 'reopened');
        if (sum.child[i]) this.bump(i, log, 'merged');
      }
    }
    void presentColumns;
    return {
      repeats: {
        settings: {
          keys: [...r.keys],
          window: formatWindow(r.window),
          merge_keys: [...r.mergeKeys],
          merge_window: formatWindow(r.mergeWindow),
          basis: r.basis,
          salt: r.saltSource ?? 'configured',
        },
        units: this.repeatUnits(sum.units),
        links: sum.links,
        exclusions: this.sortedExclusions(),
        hot_spots: sum.hotSpots,
      },
      warnings: sum.warnings,
    };
  }

  private groupsOf(rec: CaseRecord): CaseCounts[] {
    return [
      this.byUnit.get(rec.unit) as CaseCounts,
      group(this.byUrgency, rec.urgency),
      group(this.byCategory, rec.category ?? ''),
      group(this.byUnitCategory, rec.unit + UNIT_CATEGORY_SEP + (rec.category ?? '')),
      group(this.byDepartment, rec.department ?? ''),
    ];
  }

  private sortedExclusions(): ExclusionEntry[] {
    return [...this.exclusions.entries].sort((a, b) => (a.received_at < b.received_at ? -1 : a.received_at > b.received_at ? 1 : a.case < b.case ? -1 : a.case > b.case ? 1 : a.row - b.row));
  }

  /** Per unit: the exclusion tallies with detection's counts (zeros without detection). */
  private repeatUnits(detected: RepeatSummary['units'] | null): Record<string, UnitRepeatCounts> {
    const out: Record<string, UnitRepeatCounts> = {};
    const units = [...new Set([...(this.registry ?? []).map((u) => u.unit), ...[...this.exclusions.all.keys()].sort(byCodePoint)])];
    for (const unit of units) {
      const byReason: Record<string, number> = {};
      let excluded = 0;
      for (const [key, k] of [...this.exclusions.byReason.entries()].sort((a, b) => b[1] - a[1] || byCodePoint(a[0], b[0]))) {
        const at = key.indexOf(UNIT_CATEGORY_SEP);
        if (key.slice(0, at) !== unit || k === 0) continue;
        byReason[key.slice(at + 1)] = k;
        excluded += k;
      }
      const all = this.exclusions.all.get(unit) ?? 0;
      const det = detected?.get(unit);
      out[unit] = {
        case_count_all: all,
        case_count: all - excluded,
        repeats: det?.repeats ?? 0,
        repeats_flagged: det?.repeats_flagged ?? 0,
        repeats_detected: det?.repeats_detected ?? 0,
        repeats_both: det?.repeats_both ?? 0,
        reopens: det?.reopens ?? 0,
        closed: det?.closed ?? 0,
        merged: det?.merged ?? 0,
        events: det?.events ?? all - excluded,
        excluded,
        excluded_by_reason: byReason,
      };
    }
    return out;
  }

  /** Counts a case into its unit and breakdown groups (sign −1 takes it out). */
  private countAll(rec: CaseRecord, timing: CaseTiming, unitCounts: CaseCounts, sign: 1 | -1): void {
    this.count(unitCounts, rec, timing, sign);
    this.count(group(this.byUrgency, rec.urgency), rec, timing, sign);
    this.count(group(this.byCategory, rec.category ?? ''), rec, timing, sign);
    this.count(group(this.byUnitCategory, rec.unit + UNIT_CATEGORY_SEP + (rec.category ?? '')), rec, timing, sign);
    this.count(group(this.byDepartment, rec.department ?? ''), rec, timing, sign);
    if (sign === -1) {
      // A group left without cases is dropped, as if it had never been seen (registry units always stay).
      if (unitCounts.cases === 0 && !this.registry?.some((u) => u.unit === rec.unit)) this.byUnit.delete(rec.unit);
      dropIfEmpty(this.byUrgency, rec.urgency);
      dropIfEmpty(this.byCategory, rec.category ?? '');
      dropIfEmpty(this.byUnitCategory, rec.unit + UNIT_CATEGORY_SEP + (rec.category ?? ''));
      dropIfEmpty(this.byDepartment, rec.department ?? '');
    }
    this.countCustom(rec, timing, sign);
  }

  private countCustom(rec: CaseRecord, timing: CaseTiming, sign: 1 | -1): void {
    if (this.custom) {
      if (sign === 1) this.custom.add(rec, timing);
      else {
        const one = new CustomMetricsEvaluator(this.customCompiled!);
        one.add(rec, timing);
        this.custom.absorb(one.tallies_(), -1);
      }
    }
  }

  /**
   * The metrics. Units: the registry's, in its order, when given (a unit without cases has case_count 0 and
   * null rates); otherwise those seen, sorted. Breakdown keys: urgency classes in the order urgent, general,
   * complex, consult; categories and departments by case count (descending), then key; '' (not filled) last.
   */
  finish(opts: {
    /** The canonical fields the case log gives (FieldSource.present); undefined: all of them. */
    presentColumns?: ReadonlySet<string>;
  } = {}): {
    cases: Record<string, CaseMetrics>;
    caseCounts: Record<string, CaseCounts>;
    breakdowns: { urgency: BreakdownRow[]; category: BreakdownRow[]; department: BreakdownRow[]; unit_category: Record<string, UnitCategoryRow[]> };
    custom: Record<string, Record<string, number | null>>;
    /** One `metric_column_absent` per absent source column. */
    warnings: RunWarning[];
    /** Repeats, merges and exclusions (design §4.1, §4.2); null when neither applies. */
    repeats: RepeatsResult | null;
  } {
    let repeats: RepeatsResult | null = null;
    const detectionWarnings: RunWarning[] = [];
    if (this.log) {
      const r = this.applyDetection(opts.presentColumns);
      repeats = r.repeats;
      detectionWarnings.push(...r.warnings);
    } else if (this.judge.hasRules || opts.presentColumns?.has('exclusion') || this.exclusions.entries.length > 0) {
      repeats = { settings: null, units: this.repeatUnits(null), links: [], exclusions: this.sortedExclusions(), hot_spots: [] };
    }
    const absent = opts.presentColumns ? absentSourceColumns(opts.presentColumns) : [];
    const missing = new Set(absent.flatMap((a) => a.metrics));
    // Reopens and merges come from repeat detection: without a `repeats:` block they are unknown, not 0.
    if (!this.log) for (const id of DETECTION_METRICS) missing.add(id);
    const population = new Map<string, number | null>();
    const order: string[] = [];
    if (this.registry) {
      for (const u of this.registry) {
        population.set(u.unit, u.population);
        order.push(u.unit);
      }
    }
    // Units outside the registry should have been rejected upstream; if one arrives it is still reported,
    // after the registry's, rather than silently dropped.
    const extra = [...this.byUnit.keys()].filter((u) => !population.has(u)).sort(byCodePoint);
    order.push(...extra);

    const cases: Record<string, CaseMetrics> = {};
    const caseCounts: Record<string, CaseCounts> = {};
    for (const unit of order) {
      const counts = this.byUnit.get(unit) ?? emptyCaseCounts();
      caseCounts[unit] = counts;
      cases[unit] = caseMetricsOf(counts, population.get(unit) ?? null, missing);
    }

    const rows = (m: Map<string, CaseCounts>, keys: string[]): BreakdownRow[] =>
      keys.map((key) => ({ key, counts: m.get(key) as CaseCounts, metrics: caseMetricsOf(m.get(key) as CaseCounts, null, missing) }));
    const byCount = (m: Map<string, CaseCounts>): string[] =>
      [...m.keys()].sort((a, b) => {
        if ((a === '') !== (b === '')) return a === '' ? 1 : -1;
        const d = (m.get(b) as CaseCounts).cases - (m.get(a) as CaseCounts).cases;
        return d !== 0 ? d : byCodePoint(a, b);
      });
    const breakdowns = {
      urgency: rows(this.byUrgency, URGENCIES.filter((u) => this.byUrgency.has(u))),
      category: rows(this.byCategory, byCount(this.byCategory)),
      department: rows(this.byDepartment, byCount(this.byDepartment)),
      unit_category: {} as Record<string, UnitCategoryRow[]>,
    };
    // Each unit's categories, in the order of the category breakdown (by count, '' last): counts only, the
    // profile shows cases, overdue and returned.
    const perUnit = new Map<string, Map<string, CaseCounts>>();
    for (const [k, c] of this.byUnitCategory) {
      const at = k.indexOf(UNIT_CATEGORY_SEP);
      const unit = k.slice(0, at);
      if (!perUnit.has(unit)) perUnit.set(unit, new Map());
      perUnit.get(unit)!.set(k.slice(at + 1), c);
    }
    for (const unit of order) {
      const m = perUnit.get(unit);
      if (m) breakdowns.unit_category[unit] = byCount(m).map((key) => ({ key, counts: m.get(key) as CaseCounts }));
    }
    const custom = this.custom ? this.custom.finish(order) : {};
    const file = this.file ?? 'the case log';
    const warnings: RunWarning[] = absent.map(({ column, metrics }) => {
      const ids = metrics.map((id) => `cases.${id}`).join(', ');
      return {
        code: 'metric_column_absent',
        message: `${file} has no ${column} column: ${ids} ${metrics.length === 1 ? 'is' : 'are'} missing for every unit (not 0); leaves reading ${metrics.length === 1 ? 'it follow their' : 'them follow their'} missing-value policy`,
        where: this.file ?? null,
        params: { column, metrics: ids },
      };
    });
    warnings.push(...detectionWarnings);
    return { cases, caseCounts, breakdowns, custom, warnings, repeats };
  }

  /** Counts a case into a group (sign 1), or takes it back out (sign −1). */
  private count(c: CaseCounts, rec: CaseRecord, t: CaseTiming, sign: 1 | -1): void {
    c.cases += sign;
    switch (t.closeStatus) {
      case 'on_time':
        c.closedOnTime += sign;
        break;
      case 'late':
        c.closedLate += sign;
        break;
      case 'overdue':
        c.openOverdue += sign;
        break;
      case 'pending':
        c.openPending += sign;
        break;
    }
    if (t.closed) {
      c.closed += sign;
      c.closeWorkdaysSum += sign * (t.closeWorkdays as number);
      if (rec.resolved !== null) {
        c.resolvedKnown += sign;
        if (rec.resolved) c.resolved += sign;
      }
      if (t.verified) c.verified += sign;
    }
    if (t.contactStatus !== 'pending') {
      c.contactDue += sign;
      if (t.contactStatus === 'on_time') c.contactedInTime += sign;
    }
    if (rec.satisfaction !== null) {
      c.rated += sign;
      c.satisfactionScoreSum += sign * this.levelScore[rec.satisfaction];
      if (this.levelSatisfied[rec.satisfaction]) c.satisfied += sign;
    }
    if (rec.returnedCount >= 1) c.returned += sign;
    if (rec.repeat) c.repeat += sign;
  }
}

/** An accumulator's counts as plain data (CaseMetricsAccumulator.state / absorb). */
/** Exclusions so far: every case of the period per unit, the excluded per unit + reason, the list. */
interface ExclusionTally {
  all: Map<string, number>;
  byReason: Map<string, number>;
  entries: ExclusionEntry[];
}

export interface AccumulatorState {
  exclusions: { all: [string, number][]; byReason: [string, number][]; entries: ExclusionEntry[] };
  /** Repeat detection's log; null without detection. */
  log: DetectionLogState | null;
  byUnit: [string, CaseCounts][];
  byUrgency: [string, CaseCounts][];
  byCategory: [string, CaseCounts][];
  byUnitCategory: [string, CaseCounts][];
  byDepartment: [string, CaseCounts][];
  /** Per custom metric, its tallies by unit; null without custom metrics. */
  custom: [string, UnitTally][][] | null;
}

/** All-zero counts. */
export function emptyCaseCounts(): CaseCounts {
  return {
    cases: 0,
    closed: 0,
    closedOnTime: 0,
    closedLate: 0,
    openOverdue: 0,
    openPending: 0,
    contactDue: 0,
    contactedInTime: 0,
    resolvedKnown: 0,
    resolved: 0,
    rated: 0,
    satisfied: 0,
    satisfactionScoreSum: 0,
    verified: 0,
    returned: 0,
    repeat: 0,
    closeWorkdaysSum: 0,
    reopened: 0,
    merged: 0,
    mergedOut: 0,
  };
}

/**
 * The optional case-log columns the case metrics read (design §3.1, §4). Without its column a metric would be
 * computed from cells that are all blank — a return or repeat rate of 0, a first-contact rate from closing times
 * alone, an on-time rate of 0 from cases that all look open — so it is missing instead. A column that is present
 * with blank cells follows §3.1 (returned_count empty: 0; repeat empty: false; first_contact_at empty: closed_at).
 */
export const METRIC_SOURCE_COLUMNS: readonly { column: string; metrics: readonly CaseMetricId[] }[] = CASE_SOURCE_COLUMNS.map((column) => ({
  column,
  metrics: CASE_METRIC_IDS.filter((id) => (CASE_METRICS[id].sourceColumns as readonly string[]).includes(column)),
})).filter((s) => s.metrics.length > 0);

/**
 * The source columns of METRIC_SOURCE_COLUMNS a case log lacks, with the metrics each leaves missing.
 * @example absentSourceColumns(new Set(['closed_at', 'first_contact_at', 'verified_at', 'resolved', 'satisfaction', 'repeat']))
 *   // → [{ column: 'returned_count', metrics: ['return_rate'] }]
 */
export function absentSourceColumns(present: ReadonlySet<string>): { column: string; metrics: CaseMetricId[] }[] {
  return METRIC_SOURCE_COLUMNS.filter((s) => !present.has(s.column)).map((s) => ({ column: s.column, metrics: [...s.metrics] }));
}

/**
 * The metrics of design §4 from a group's counts; null wherever the denominator is empty, for the metrics in
 * `missing` (their source column is absent), and cases_per_10k null without a positive population.
 * @example caseMetricsOf({ ...emptyCaseCounts(), cases: 4, returned: 1 }, 20_000).return_rate // → 0.25
 */
export function caseMetricsOf(c: CaseCounts, population: number | null, missing: ReadonlySet<CaseMetricId> = new Set()): CaseMetrics {
  // In the order of CASE_METRIC_IDS (the JSON contract's order).
  const m = {} as CaseMetrics;
  for (const id of CASE_METRIC_IDS) m[id] = missing.has(id) ? null : caseMetricValue(id, c, population);
  return m;
}

/** The case metrics repeat detection gives (design §4.1): missing for every unit without a `repeats:` block. */
export const DETECTION_METRICS: readonly CaseMetricId[] = ['reopen_rate', 'merged_share'];

/** Joins a unit and a category into one key of byUnitCategory (a character no unit name holds). */
const UNIT_CATEGORY_SEP = '\u0001';

function dropIfEmpty(m: Map<string, CaseCounts>, key: string): void {
  if (m.get(key)?.cases === 0) m.delete(key);
}

function group(m: Map<string, CaseCounts>, key: string): CaseCounts {
  let c = m.get(key);
  if (!c) m.set(key, (c = emptyCaseCounts()));
  return c;
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
