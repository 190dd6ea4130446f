/**
 * A seeded generator of realistic 12345 case logs of any size, as a street's hotline system exports them:
 * Chinese headers, `2026-07-14 09:05:28` datetimes, one row per 工单. Rows are produced lazily, one day at a
 * time, so ten million rows stream to a file while only one day's receipt times are held in memory.
 *
 * What makes the data realistic (and the rankings computed from it meaningful):
 * - volume: weekdays busier than weekends; statutory holidays quieter; the first working day after a long
 *   break surges (the backlog of the holiday), and the last one before it rises a little;
 * - receipt hours peak in the morning and early afternoon; grid patrols (网格巡查) and walk-ins (来访) only
 *   in office hours of working days;
 * - urgency follows the complaint category (gas and water/power outages are often urgent, illegal
 *   building is often complex, policy questions are consults); urgent cases are handled in hours around the
 *   clock, the others in working days (the receipt day is not counted), in office hours;
 * - every unit has a quality in 0..1 that moves its late share, resolution, verification, returns, repeats
 *   and satisfaction, and departments add their own offset, so some units are systematically worse;
 * - a share of cases is still open when the export is taken (stuck cases, and recent ones whose handling
 *   would finish after the export), and some closed between the period's end and the export;
 * - optional faults (`faultRate`), one per faulty row, of the kinds validation must catch (CASE_FAULT_KINDS).
 *
 * Deterministic: the same options (and seed) give the same bytes on every machine and under every TZ
 * (mulberry32 and wall-time arithmetic with Date.UTC only).
 *
 * @example
 *   await writeCaseLogCsv('cases.csv', { rows: 5000, seed: 7, period: '2026Q3', faultRate: 0.01 });
 *   for (const row of createCaseLog({ rows: 3, seed: 1 }).rows()) console.log(row.join(','));
 */
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import iconv from 'iconv-lite';
import { DAY_MS, HOUR_MS, isoWeekday } from '../../../src/time.js';
import type { DayNumber, WallTime } from '../../../src/types.js';
import { Prng, WeightedTable } from './prng.js';
import { addWorkingDays, formatWallTime, isStatutoryHoliday, isWorkingDay } from './synth-calendar.js';
import { parseSynthPeriod, type SynthPeriod } from './period.js';

const MINUTE_MS = 60_000;

/** The columns, in the order a 12345 export lists them (aliases of design §3.1). */
export const CASE_LOG_HEADERS = [
  '工单编号',
  '受理时间',
  '来源',
  '诉求类别',
  '办理类型',
  '所属社区',
  '所属网格',
  '承办部门',
  '首次联系时间',
  '办结时间',
  '回访时间',
  '是否解决',
  '回访满意度',
  '退单次数',
  '是否重复诉求',
] as const;

const COL = {
  id: 0,
  received: 1,
  channel: 2,
  category: 3,
  urgency: 4,
  unit: 5,
  grid: 6,
  department: 7,
  contact: 8,
  closed: 9,
  verified: 10,
  resolved: 11,
  satisfaction: 12,
  returned: 13,
  repeat: 14,
} as const;

/** Labels of the urgency classes as the export writes them. */
export const URGENCY_LABELS = { urgent: '紧急', general: '一般', complex: '复杂', consult: '咨询' } as const;
type UrgencyKey = keyof typeof URGENCY_LABELS;

/** Five-level satisfaction labels, index 0 = level 1 (非常不满意) … index 4 = level 5 (非常满意). */
export const SATISFACTION_LABELS = ['非常不满意', '不满意', '基本满意', '满意', '非常满意'] as const;

/**
 * The faults `faultRate` injects, one per faulty row. All but `verified_before_closed` make the row
 * unusable (rejected); a verification before closing is repaired (treated as missing) with a warning.
 * `unknown_unit` (a misspelt community) is rejected only when a unit registry is given, so it is not in the
 * default set.
 */
export const CASE_FAULT_KINDS = [
  'missing_received',
  'closed_before_received',
  'duplicate_id',
  'unknown_urgency',
  'garbage_date',
  'verified_before_closed',
  'unknown_unit',
] as const;
export type CaseFaultKind = (typeof CASE_FAULT_KINDS)[number];
export const DEFAULT_FAULT_KINDS: readonly CaseFaultKind[] = CASE_FAULT_KINDS.filter((k) => k !== 'unknown_unit');

/** One assessed unit (community) and how it behaves. */
export interface UnitProfile {
  name: string;
  /** Relative case volume (e.g. population); default 1. */
  weight?: number;
  /** 0 (poor) … 1 (excellent); default 0.7. Moves late shares, resolution, verification, returns, satisfaction. */
  quality?: number;
  /** Number of grids (网格); default 4. */
  grids?: number;
}

export interface CaseLogOptions {
  /** Data rows to write (header excluded), faulty and out-of-period rows included. */
  rows: number;
  /** Default 12345. */
  seed?: number;
  /** Units (names or profiles); default DEFAULT_UNITS, nine invented communities. */
  units?: readonly (string | UnitProfile)[];
  /** '2026Q3', '2026-09', '2026-07-01..2026-09-30' or {from, to}; default '2026Q3'. */
  period?: string | SynthPeriod;
  /** When the export was taken ('YYYY-MM-DD HH:mm:ss'); later events are blank. Default: 10 days after the period, 09:00. */
  exportAt?: string;
  /** Share of rows with one injected fault; default 0. */
  faultRate?: number;
  /** Which faults to inject (equally likely); default DEFAULT_FAULT_KINDS. */
  faultKinds?: readonly CaseFaultKind[];
  /** Share of rows received in the 14 days before the period (closed within it, so in the export); default 0. */
  outOfPeriodRate?: number;
  /**
   * Add the columns repeat detection reads (issue 14): 来电号码, 诉求地址, 剔除原因. Drawn from a PRNG of their own,
   * so every other cell is the same as without them. Residents call again about the same 噪音扰民 or 物业管理 matter
   * (more often in a community that handles cases poorly), several residents report one 路灯 or 井盖 fault (市容环境,
   * 道路交通) within hours, a few cases are marked 非本级职责; numbers and addresses are written in the ways
   * operators type them (spaces, dashes, +86, full-width digits).
   */
  residents?: boolean;
}

/** What was generated; filled while the rows are produced, complete once the generator is exhausted. */
export interface CaseLogStats {
  rows: number;
  /** Rows that carry an injected fault, by kind. */
  faults: Record<CaseFaultKind, number>;
  /** Rows received before the period. */
  outOfPeriod: number;
  /** Good rows with an empty 办结时间. */
  open: number;
}

/** Nine invented communities of an invented street (no real place is meant). */
export const DEFAULT_UNITS: readonly UnitProfile[] = [
  { name: '青禾社区', weight: 1.3, quality: 0.92, grids: 6 },
  { name: '望江社区', weight: 1.1, quality: 0.85, grids: 5 },
  { name: '柳岸社区', weight: 0.9, quality: 0.78, grids: 4 },
  { name: '梧桐社区', weight: 1.2, quality: 0.7, grids: 5 },
  { name: '金桥社区', weight: 1.0, quality: 0.66, grids: 5 },
  { name: '锦绣社区', weight: 0.8, quality: 0.6, grids: 4 },
  { name: '南苑社区', weight: 1.4, quality: 0.5, grids: 6 },
  { name: '石榴社区', weight: 0.7, quality: 0.42, grids: 3 },
  { name: '春晖社区', weight: 0.6, quality: 0.3, grids: 3 },
];

// ───────────────────────────── domain tables ─────────────────────────────

interface CategorySpec {
  name: string;
  /** Share of all cases outside summer. */
  share: number;
  /** Multiplier in July and August (air conditioners, outages, open windows at night). */
  summer: number;
  urgency: [urgent: number, general: number, complex: number, consult: number];
  departments: readonly string[];
}

const CATEGORIES: readonly CategorySpec[] = [
  { name: '噪音扰民', share: 0.13, summer: 1.4, urgency: [0.03, 0.87, 0.03, 0.07], departments: ['综合行政执法队', '派出所'] },
  { name: '物业管理', share: 0.16, summer: 1.0, urgency: [0.02, 0.68, 0.18, 0.12], departments: ['住建办', '社区工作站'] },
  { name: '市容环境', share: 0.14, summer: 1.1, urgency: [0.03, 0.85, 0.05, 0.07], departments: ['城市管理办', '环卫所'] },
  { name: '道路交通', share: 0.08, summer: 0.9, urgency: [0.08, 0.72, 0.12, 0.08], departments: ['城市管理办', '交警中队'] },
  { name: '供水供电', share: 0.07, summer: 1.6, urgency: [0.25, 0.6, 0.08, 0.07], departments: ['水务所', '供电服务站'] },
  { name: '违章搭建', share: 0.05, summer: 1.0, urgency: [0.01, 0.45, 0.5, 0.04], departments: ['综合行政执法队'] },
  { name: '邻里纠纷', share: 0.07, summer: 1.1, urgency: [0.03, 0.7, 0.17, 0.1], departments: ['司法所', '社区工作站'] },
  { name: '养老服务', share: 0.05, summer: 0.9, urgency: [0.02, 0.5, 0.08, 0.4], departments: ['民政办'] },
  { name: '劳动保障', share: 0.06, summer: 0.9, urgency: [0.01, 0.55, 0.24, 0.2], departments: ['劳动保障所'] },
  { name: '政策咨询', share: 0.15, summer: 0.9, urgency: [0, 0.05, 0, 0.95], departments: ['社区工作站', '党政办'] },
  { name: '燃气安全', share: 0.02, summer: 0.8, urgency: [0.6, 0.35, 0.05, 0], departments: ['安全生产办'] },
  { name: '其他', share: 0.02, summer: 1.0, urgency: [0.02, 0.7, 0.08, 0.2], departments: ['党政办'] },
];

/** Departments' own effect on handling quality (added to the unit's): enforcement cases bounce, the community station is close to residents. */
const DEPARTMENT_QUALITY: Record<string, number> = {
  综合行政执法队: -0.12,
  住建办: -0.06,
  派出所: 0.02,
  社区工作站: 0.06,
  城市管理办: 0,
  环卫所: 0.04,
  交警中队: -0.03,
  水务所: 0.03,
  供电服务站: 0.05,
  司法所: 0.02,
  民政办: 0.04,
  劳动保障所: -0.04,
  党政办: 0.03,
  安全生产办: 0.05,
};

const CHANNELS = ['12345热线', '网格巡查', '政务APP', '来访'] as const;
type Channel = (typeof CHANNELS)[number];
/** Channel mix on working days and on rest days (no walk-ins, few patrols when the office is closed). */
const CHANNEL_WORKDAY = new WeightedTable<Channel>(CHANNELS, [0.6, 0.2, 0.14, 0.06]);
const CHANNEL_RESTDAY = new WeightedTable<Channel>(CHANNELS, [0.78, 0.04, 0.18, 0]);

/** Receipt-hour weights 0..23 of calls and app reports: a morning peak, a lunch dip, an afternoon peak, quiet nights. */
const HOTLINE_HOURS = new WeightedTable<number>(
  Array.from({ length: 24 }, (_, h) => h),
  [0.4, 0.25, 0.15, 0.1, 0.1, 0.2, 0.6, 1.6, 3.6, 5.6, 6.0, 5.0, 3.2, 3.6, 5.2, 5.6, 5.0, 4.2, 3.2, 2.8, 2.6, 2.2, 1.5, 0.8],
);
/** Office hours for patrols and walk-ins (08:30–17:30, lunch 12:00–14:00 thinner). */
const OFFICE_HOURS = new WeightedTable<number>([8, 9, 10, 11, 12, 13, 14, 15, 16, 17], [0.5, 1.2, 1.3, 1.1, 0.3, 0.4, 1.2, 1.3, 1.1, 0.4]);

const UNKNOWN_URGENCY_LABELS = ['待定', '未分类', '其他'];
const GARBAGE_DATES = ['2026-13-45 25:61:00', '2026/02/30 08:00', '昨天下午', '#VALUE!', '0000-00-00 00:00:00'];

// ───────────────────────────── helpers ─────────────────────────────

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** yyyymmdd of a day number, for case ids. */
function compactDate(day: DayNumber): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10).replace(/-/g, '');
}

/** Relative case volume of a day: rest days quieter, the first working day after a break of three days or more surges. */
function dayVolume(day: DayNumber): number {
  if (isStatutoryHoliday(day)) return 0.55;
  if (!isWorkingDay(day)) return 0.6;
  let breakBefore = 0;
  while (breakBefore < 10 && !isWorkingDay(day - breakBefore - 1)) breakBefore++;
  let breakAfter = 0;
  while (breakAfter < 10 && !isWorkingDay(day + breakAfter + 1)) breakAfter++;
  let v = isoWeekday(day) >= 6 ? 0.9 : 1; // adjusted working weekend days are a little quieter
  if (breakBefore >= 3) v *= 1.5;
  else if (isoWeekday(day) === 1) v *= 1.15;
  if (breakAfter >= 3) v *= 1.2;
  return v;
}

/**
 * Split `total` over the weights by the largest-remainder method, so the parts sum exactly to total and the
 * split is deterministic.
 */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k].i]++;
  return parts;
}

function parseExportAt(s: string): WallTime {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (!m) throw new Error(`exportAt must look like 2026-10-10 09:00:00, got "${s}"`);
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], m[6] ? +m[6] : 0);
}

// ───────────────────────────── the generator ─────────────────────────────

interface ResolvedUnit {
  name: string;
  quality: number;
  grids: string[];
}

/** A case log being generated: its header, the lazily produced rows, and the running statistics. */
export interface CaseLog {
  headers: readonly string[];
  stats: CaseLogStats;
  /** Rows of strings in header order; iterate once. */
  rows(): Generator<string[]>;
}

/**
 * Creates a case log generator. Throws (plain Error: callers are scripts and benchmarks, not users) when
 * rows is not a non-negative integer, a rate is outside 0..1, or the units list is empty.
 */
export function createCaseLog(options: CaseLogOptions): CaseLog {
  const rowsWanted = options.rows;
  if (!Number.isInteger(rowsWanted) || rowsWanted < 0) throw new Error(`rows must be a non-negative integer, got ${rowsWanted}`);
  const faultRate = options.faultRate ?? 0;
  const outRate = options.outOfPeriodRate ?? 0;
  if (!(faultRate >= 0 && faultRate <= 1)) throw new Error(`faultRate must be within 0..1, got ${faultRate}`);
  if (!(outRate >= 0 && outRate <= 1)) throw new Error(`outOfPeriodRate must be within 0..1, got ${outRate}`);
  const faultKinds = options.faultKinds ?? DEFAULT_FAULT_KINDS;
  if (faultRate > 0 && faultKinds.length === 0) throw new Error('faultKinds must not be empty when faultRate > 0');
  const profiles = (options.units ?? DEFAULT_UNITS).map((u) => (typeof u === 'string' ? { name: u } : u));
  if (profiles.length === 0) throw new Error('units must not be empty');
  const period = typeof options.period === 'object' ? options.period : parseSynthPeriod(options.period ?? '2026Q3');
  const fromDay = Date.UTC(+period.from.slice(0, 4), +period.from.slice(5, 7) - 1, +period.from.slice(8, 10)) / DAY_MS;
  const toDay = Date.UTC(+period.to.slice(0, 4), +period.to.slice(5, 7) - 1, +period.to.slice(8, 10)) / DAY_MS;
  if (toDay < fromDay) throw new Error(`period ends before it starts: ${period.from}..${period.to}`);
  const exportAt = options.exportAt ? parseExportAt(options.exportAt) : (toDay + 10) * DAY_MS + 9 * HOUR_MS;

  const units: ResolvedUnit[] = profiles.map((p) => ({
    name: p.name,
    quality: clamp01(p.quality ?? 0.7),
    grids: Array.from({ length: p.grids ?? 4 }, (_, i) => `${p.name.replace(/社区$/, '')}第${i + 1}网格`),
  }));
  const unitTable = new WeightedTable(units, profiles.map((p) => p.weight ?? 1));
  const categoryTables = [false, true].map(
    (summer) => new WeightedTable(CATEGORIES, CATEGORIES.map((c) => c.share * (summer ? c.summer : 1))),
  );
  const urgencyKeys: UrgencyKey[] = ['urgent', 'general', 'complex', 'consult'];
  const urgencyTables = new Map(CATEGORIES.map((c) => [c, new WeightedTable(urgencyKeys, c.urgency)]));

  // Days and how many rows each receives: out-of-period rows over the 14 days before the period.
  const outRows = Math.round(rowsWanted * outRate);
  const inDays: DayNumber[] = [];
  for (let d = fromDay; d <= toDay; d++) inDays.push(d);
  const outDays: DayNumber[] = [];
  for (let d = fromDay - 14; d < fromDay; d++) outDays.push(d);
  const perDay = new Map<DayNumber, number>();
  const outCounts = outRows > 0 ? apportion(outRows, outDays.map(dayVolume)) : [];
  outDays.forEach((d, i) => outCounts[i] && perDay.set(d, outCounts[i]));
  apportion(rowsWanted - outRows, inDays.map(dayVolume)).forEach((n, i) => n && perDay.set(inDays[i], n));
  const idWidth = Math.max(5, String(Math.max(0, ...perDay.values())).length);

  const stats: CaseLogStats = {
    rows: 0,
    faults: Object.fromEntries(CASE_FAULT_KINDS.map((k) => [k, 0])) as Record<CaseFaultKind, number>,
    outOfPeriod: 0,
    open: 0,
  };

  function* rows(): Generator<string[]> {
    const r = new Prng(options.seed ?? 12345);
    let previousId: string | null = null;
    const days = [...perDay.keys()].sort((a, b) => a - b);
    for (const day of days) {
      const count = perDay.get(day)!;
      const working = isWorkingDay(day);
      const month = new Date(day * DAY_MS).getUTCMonth() + 1;
      const categoryTable = categoryTables[month === 7 || month === 8 ? 1 : 0];
      // Receipt times first, sorted, so case ids rise with time as a real register numbers them.
      const arrivals: { t: WallTime; channel: Channel }[] = [];
      for (let i = 0; i < count; i++) {
        const channel = (working ? CHANNEL_WORKDAY : CHANNEL_RESTDAY).draw(r);
        const officeOnly = channel === '网格巡查' || channel === '来访';
        const hour = (officeOnly ? OFFICE_HOURS : HOTLINE_HOURS).draw(r);
        const minuteFloor = officeOnly && hour === 8 ? 30 : 0; // offices open at 08:30
        const t = day * DAY_MS + hour * HOUR_MS + r.int(minuteFloor * 60, 3599) * 1000;
        arrivals.push({ t, channel });
      }
      arrivals.sort((a, b) => a.t - b.t);
      const datePart = compactDate(day);
      for (let i = 0; i < count; i++) {
        const { t: received, channel } = arrivals[i];
        const id = `GD${datePart}${String(i + 1).padStart(idWidth, '0')}`;
        const unit = unitTable.draw(r);
        const category = categoryTable.draw(r);
        const urgency = urgencyTables.get(category)!.draw(r);
        const department = r.pick(category.departments);
        const q = clamp01(unit.quality + (DEPARTMENT_QUALITY[department] ?? 0));
        const row = generateGoodRow(r, { id, received, channel, category: category.name, urgency, department, unit, q, exportAt });
        if (day < fromDay) stats.outOfPeriod++;
        if (faultRate > 0 && r.chance(faultRate)) {
          const kind = injectFault(r, row, faultKinds, previousId, units);
          stats.faults[kind]++;
        } else if (row[COL.closed] === '') {
          stats.open++;
        }
        previousId = id;
        stats.rows++;
        yield row;
      }
    }
  }

  if (!options.residents) return { headers: CASE_LOG_HEADERS, stats, rows };
  const people = new Residents(options.seed ?? 12345);
  function* withResidents(): Generator<string[]> {
    for (const row of rows()) {
      people.extend(row, units);
      yield row;
    }
  }
  return { headers: [...CASE_LOG_HEADERS, ...RESIDENT_HEADERS], stats, rows: withResidents };
}

/** The columns `residents` adds (aliases of design §3.1). */
export const RESIDENT_HEADERS = ['来电号码', '诉求地址', '剔除原因'] as const;

/** Matters residents call about again, and faults several residents report. */
const RECALL_CATEGORIES = new Set(['噪音扰民', '物业管理']);
const FAULT_CATEGORIES: Record<string, string> = { 市容环境: '路灯', 道路交通: '井盖' };
const NOT_OURS_CATEGORIES = new Set(['市容环境', '道路交通', '供水供电']);

/** The resident columns of generated rows: callers who call again, faults reported by several, exclusions. */
class Residents {
  private readonly r: Prng;
  /** unit + category → recent (time, caller, address) of its callers. */
  private readonly recent = new Map<string, { t: WallTime; caller: string; address: string }[]>();
  /** unit + category → the fault reported lately (time, address). */
  private readonly faults = new Map<string, { t: WallTime; address: string }>();

  constructor(seed: number) {
    this.r = new Prng(seed ^ 0x5eed14);
  }

  extend(row: string[], units: readonly ResolvedUnit[]): void {
    const r = this.r;
    const unitName = row[COL.unit];
    const category = row[COL.category];
    const received = parseWallTime(row[COL.received]);
    const quality = units.find((u) => u.name === unitName)?.quality ?? 0.7;
    const key = `${unitName}|${category}`;
    const place = unitName.replace(/社区$/, '');
    let caller = `1${r.pick(['38', '39', '58', '86', '77', '35'])}${String(r.int(0, 99_999_999)).padStart(8, '0')}`;
    let address = `${place}小区${r.int(1, 40)}栋${r.int(1, 6)}单元`;
    const recent = (this.recent.get(key) ?? []).filter((x) => received !== null && received - x.t <= 25 * DAY_MS);
    if (RECALL_CATEGORIES.has(category) && recent.length > 0 && r.chance(0.1 + 0.35 * (1 - quality))) {
      const again = r.pick(recent);
      caller = again.caller;
      address = again.address;
    }
    const fault = FAULT_CATEGORIES[category];
    if (fault !== undefined && received !== null) {
      const open = this.faults.get(key);
      if (open && received - open.t <= 60 * HOUR_MS && r.chance(0.55)) address = open.address;
      else if (r.chance(0.3)) {
        address = `${place}路${r.int(1, 120)}号旁${fault}`;
        this.faults.set(key, { t: received, address });
      }
    }
    if (received !== null) this.recent.set(key, [...recent.slice(-30), { t: received, caller, address }]);
    row.push(this.typed(caller), this.spaced(address), NOT_OURS_CATEGORIES.has(category) && r.chance(0.02) ? '非本级职责' : '');
  }

  /** A number as operators type it: mostly plain, sometimes spaced, dashed, with +86 or in full-width digits. */
  private typed(n: string): string {
    const r = this.r;
    const k = r.int(0, 19);
    if (k === 0) return `+86 ${n}`;
    if (k === 1) return `${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`;
    if (k === 2) return `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`;
    if (k === 3) return [...n].map((d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).join('');
    return n;
  }

  private spaced(a: string): string {
    const k = this.r.int(0, 14);
    if (k === 0) return a.replace(/(\d+)/, ' $1 ');
    if (k === 1) return a.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    return a;
  }
}

function parseWallTime(s: string): WallTime | null {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(s);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : null;
}

interface CaseDraw {
  id: string;
  received: WallTime;
  channel: Channel;
  category: string;
  urgency: UrgencyKey;
  department: string;
  unit: ResolvedUnit;
  /** Handling quality 0..1 (unit plus department). */
  q: number;
  exportAt: WallTime;
}

/** A time in office hours (08:30–18:00) of `day`, not before `notBefore`; evening overtime up to 21:00 if needed, else null. */
function officeTimeOn(r: Prng, day: DayNumber, notBefore: WallTime): WallTime | null {
  const open = day * DAY_MS + 8.5 * HOUR_MS;
  const lo = Math.max(open, notBefore + 5 * MINUTE_MS);
  const hi = day * DAY_MS + (lo < day * DAY_MS + 17 * HOUR_MS ? 18 : 21) * HOUR_MS;
  if (lo >= hi) return null;
  return lo + Math.floor(r.next() * (hi - lo) / 1000) * 1000;
}

/** An event `workdays` working days after the receipt day, in office hours, after `notBefore`; moves on a day if that day is already over. */
function afterWorkdays(r: Prng, receivedDay: DayNumber, workdays: number, notBefore: WallTime): WallTime {
  let day = workdays === 0 ? receivedDay : addWorkingDays(receivedDay, workdays);
  for (;;) {
    const t = officeTimeOn(r, day, notBefore);
    if (t !== null) return t;
    day = addWorkingDays(day, 1);
  }
}

function triangular(r: Prng, lo: number, mode: number, hi: number): number {
  const u = r.next();
  const c = (mode - lo) / (hi - lo || 1);
  return u < c ? lo + Math.sqrt(u * (hi - lo) * (mode - lo)) : hi - Math.sqrt((1 - u) * (hi - lo) * (hi - mode));
}

/** One good row: received ≤ first contact ≤ closed ≤ verified; events after the export are blank. */
function generateGoodRow(r: Prng, c: CaseDraw): string[] {
  const { received, q } = c;
  const receivedDay = Math.floor(received / DAY_MS);
  // Probabilities driven by handling quality; at q = 0.7 roughly the averages of a mid-ranking community.
  const poor = 1.8 - 1.4 * q; // 0.4 (excellent) … 1.8 (poor)
  const pLateClose = 0.12 * poor ** 1.5;
  const pLateContact = 0.08 * poor ** 1.5;
  const returnedCount = r.chance(0.07 * poor) ? (r.chance(0.2) ? 2 : 1) : 0;
  const repeat = r.chance(0.045 * poor);
  const stuck = r.chance((c.urgency === 'complex' ? 0.05 : 0.012) * poor);

  let contact: WallTime;
  let closed: WallTime;
  let lateClose = false;
  if (c.urgency === 'urgent') {
    // Hours, around the clock: contact within 2 h and close within 24 h unless late.
    const contactMin = r.chance(pLateContact) ? r.int(125, 480) : Math.min(115, r.logNormal(22, 0.7));
    contact = received + Math.round(contactMin * 60) * 1000;
    lateClose = r.chance(pLateClose * 0.8);
    const closeHours = lateClose ? 24.2 + r.next() * 48 : Math.min(23.5, r.logNormal(6, 0.7) + returnedCount * 3);
    closed = Math.max(contact + 10 * MINUTE_MS, received + Math.round(closeHours * 3600) * 1000);
  } else if (c.urgency === 'consult' && c.channel !== '网格巡查' && r.chance(0.6)) {
    // Most policy questions are answered on the call itself: contact and close at once.
    contact = received + r.int(3, 25) * MINUTE_MS;
    closed = contact;
  } else {
    const contactDays = r.chance(pLateContact) ? r.int(2, 3) : r.chance(0.55) ? 0 : 1;
    contact = afterWorkdays(r, receivedDay, contactDays, received);
    let closeDays: number;
    if (c.urgency === 'consult') {
      lateClose = r.chance(pLateClose * 0.6);
      closeDays = lateClose ? r.int(2, 4) : r.chance(0.6) ? 0 : 1;
    } else if (c.urgency === 'general') {
      lateClose = r.chance(pLateClose + returnedCount * 0.1);
      closeDays = lateClose ? r.int(6, 14) : Math.round(triangular(r, 0, 2.5, 5.49));
    } else {
      lateClose = r.chance(pLateClose * 1.2 + returnedCount * 0.1);
      closeDays = lateClose ? r.int(16, 30) : Math.round(triangular(r, 2, 9, 15.49));
    }
    const contactDay = Math.floor(contact / DAY_MS);
    closed = afterWorkdays(r, contactDay > receivedDay && closeDays === 0 ? contactDay : receivedDay, closeDays, contact);
    if (closed < contact) closed = afterWorkdays(r, contactDay, 0, contact);
  }

  const row = new Array<string>(CASE_LOG_HEADERS.length).fill('');
  row[COL.id] = c.id;
  row[COL.received] = formatWallTime(received);
  row[COL.channel] = c.channel;
  row[COL.category] = c.category;
  row[COL.urgency] = URGENCY_LABELS[c.urgency];
  row[COL.unit] = c.unit.name;
  row[COL.grid] = r.pick(c.unit.grids);
  row[COL.department] = c.department;
  row[COL.returned] = String(returnedCount);
  row[COL.repeat] = repeat ? '是' : '否';
  if (contact <= c.exportAt) row[COL.contact] = formatWallTime(contact);
  if (stuck || closed > c.exportAt) return row; // still open when the export was taken

  row[COL.closed] = formatWallTime(closed);
  const resolved = r.chance(Math.min(0.99, 0.7 + 0.25 * q - (lateClose ? 0.12 : 0) - returnedCount * 0.08));
  row[COL.resolved] = resolved ? '是' : '否';
  if (r.chance(0.78 + 0.2 * q)) {
    // Verified (回访) by phone in office hours, mostly the same or the next working day after closing.
    const closedDay = Math.floor(closed / DAY_MS);
    const verified = afterWorkdays(r, closedDay, r.chance(0.45) ? 0 : r.chance(0.7) ? 1 : r.int(2, 4), closed);
    if (verified <= c.exportAt) {
      row[COL.verified] = formatWallTime(verified);
      if (r.chance(0.9)) {
        const latent = (resolved ? 4.15 : 2.5) + 0.9 * (q - 0.6) - (lateClose ? 0.55 : 0) - returnedCount * 0.3 + 0.75 * r.normal();
        const level = Math.max(1, Math.min(5, Math.round(latent)));
        row[COL.satisfaction] = SATISFACTION_LABELS[level - 1];
      }
    }
  }
  return row;
}

/** Turns a good row into a faulty one of a kind in `kinds` that applies to it; returns the kind applied. */
function injectFault(r: Prng, row: string[], kinds: readonly CaseFaultKind[], previousId: string | null, units: ResolvedUnit[]): CaseFaultKind {
  const applicable = kinds.filter((k) => (k === 'duplicate_id' ? previousId !== null : k === 'verified_before_closed' ? row[COL.closed] !== '' : true));
  const kind = applicable.length > 0 ? r.pick(applicable) : 'missing_received';
  switch (kind) {
    case 'missing_received':
      row[COL.received] = '';
      break;
    case 'closed_before_received': {
      // A clerk's typo in the closing date: a day or two before the receipt.
      const received = parseExportAt(row[COL.received]);
      row[COL.contact] = '';
      row[COL.closed] = formatWallTime(received - r.int(1, 48) * HOUR_MS);
      row[COL.resolved] = row[COL.resolved] || '是';
      break;
    }
    case 'duplicate_id':
      row[COL.id] = previousId!;
      break;
    case 'unknown_urgency':
      row[COL.urgency] = r.pick(UNKNOWN_URGENCY_LABELS);
      break;
    case 'garbage_date':
      row[COL.received] = r.pick(GARBAGE_DATES);
      break;
    case 'verified_before_closed': {
      const closed = parseExportAt(row[COL.closed]);
      row[COL.verified] = formatWallTime(closed - r.int(1, 30) * HOUR_MS);
      break;
    }
    case 'unknown_unit': {
      // A misspelt or outdated community name that no registry knows.
      const name = r.pick(units).name;
      row[COL.unit] = name.replace(/社区$/, '') + (r.chance(0.5) ? '居委会' : '新区');
      break;
    }
  }
  return kind;
}

// ───────────────────────────── writing ─────────────────────────────

/** utf8-bom is how Excel-minded systems export; gbk is how many government systems still do. */
export type CsvEncoding = 'utf8' | 'utf8-bom' | 'gbk';

/**
 * Streams a case log as CSV to a writable, honouring back-pressure (so 10M rows never sit in memory).
 * Lines end with CRLF as spreadsheet exports do. The writable is not ended.
 */
export async function writeCaseLog(out: Writable, options: CaseLogOptions & { encoding?: CsvEncoding }): Promise<CaseLogStats> {
  const log = createCaseLog(options);
  const encoding = options.encoding ?? 'utf8-bom';
  const encode = (s: string): Buffer => (encoding === 'gbk' ? iconv.encode(s, 'gbk') : Buffer.from(s, 'utf8'));
  const write = (s: string): Promise<void> | null => {
    if (out.write(encode(s))) return null;
    return new Promise((resolve, reject) => {
      const onDrain = (): void => {
        out.off('error', onError);
        resolve();
      };
      const onError = (e: Error): void => {
        out.off('drain', onDrain);
        reject(e);
      };
      out.once('drain', onDrain);
      out.once('error', onError);
    });
  };
  let chunk = (encoding === 'utf8-bom' ? '\uFEFF' : '') + log.headers.join(',') + '\r\n';
  for (const row of log.rows()) {
    chunk += row.join(',') + '\r\n';
    if (chunk.length >= 1 << 16) {
      const wait = write(chunk);
      chunk = '';
      if (wait) await wait;
    }
  }
  if (chunk) {
    const wait = write(chunk);
    if (wait) await wait;
  }
  return log.stats;
}

/** Writes a case log CSV file (default UTF-8 with BOM). The file is complete when the promise resolves. */
export async function writeCaseLogCsv(path: string, options: CaseLogOptions & { encoding?: CsvEncoding }): Promise<CaseLogStats> {
  const out = createWriteStream(path);
  const finished = new Promise<void>((resolve, reject) => {
    out.once('finish', resolve);
    out.once('error', reject);
  });
  try {
    const stats = await writeCaseLog(out, options);
    out.end();
    await finished;
    return stats;
  } catch (e) {
    out.destroy();
    throw e;
  }
}
