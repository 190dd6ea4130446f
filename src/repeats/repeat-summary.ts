/**
 * From a detection over the log to what the result carries (design §4.1): per unit the counts (repeats by source,
 * reopens, merged, events), the auditable links of the period's cases, repeat hot spots by unit × category, and
 * the warnings (parent_case_id naming no case, parent cycles). Counted = received in the period, by the cut-off,
 * not excluded; links are listed for every case of the period (excluded ones too: exclusions do not change
 * detection, §4.1).
 * @example summariseRepeats(log, kept, detection, settings, asOf, file).units['东湖社区'].reopens // → 2
 */
import { DAY_MS, HOUR_MS, isoDate } from '../time.js';
import type { RepeatLink, RepeatSettings, RunWarning, UnitRepeatCounts, WallTime } from '../types.js';
import { RULE_MERGE, type Detection } from './detect.js';
import { CallerHasher } from './caller.js';
import { F_EXCLUDED, F_FLAGGED, F_IN_PERIOD, type DetectionLog } from './detection-log.js';

export interface RepeatSummary {
  /** Per log position (−1-free): 1 where the case's repeat comes from detection. */
  detected: Uint8Array;
  child: Uint8Array;
  reopened: Uint8Array;
  /** Counts without the exclusion tallies (case_count_all, excluded…), which the accumulator keeps. */
  units: Map<string, Pick<UnitRepeatCounts, 'repeats' | 'repeats_flagged' | 'repeats_detected' | 'repeats_both' | 'reopens' | 'closed' | 'merged' | 'events'>>;
  links: RepeatLink[];
  hotSpots: { unit: string; category: string; repeats: number; cases: number }[];
  warnings: RunWarning[];
}

const MAX_ROW_WARNINGS = 10;

/** 'YYYY-MM-DDTHH:mm:ss' of a wall time, the date part cached per day (links are many). */
function isoFormatter(): (t: WallTime) => string {
  const days = new Map<number, string>();
  const two = (x: number) => (x < 10 ? `0${x}` : String(x));
  return (t) => {
    const day = Math.floor(t / DAY_MS);
    let d = days.get(day);
    if (d === undefined) days.set(day, (d = isoDate(day)));
    const s = Math.floor((t - day * DAY_MS) / 1000);
    return `${d}T${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
  };
}

export function summariseRepeats(
  log: DetectionLog,
  kept: number[],
  d: Detection,
  settings: RepeatSettings,
  asOf: WallTime,
  file: string,
  salt: string,
): RepeatSummary {
  const s = log.s;
  const n = log.length;
  const detected = new Uint8Array(n);
  const child = new Uint8Array(n);
  const reopened = new Uint8Array(n);
  const units: RepeatSummary['units'] = new Map();
  const unitOf = (u: string) => {
    let c = units.get(u);
    if (!c) units.set(u, (c = { repeats: 0, repeats_flagged: 0, repeats_detected: 0, repeats_both: 0, reopens: 0, closed: 0, merged: 0, events: 0 }));
    return c;
  };
  const spots = new Map<string, { unit: string; category: string; repeats: number; cases: number }>();
  const links: RepeatLink[] = [];
  // The caller only as its keyed hash (caller.ts): the digits never leave the detection log.
  const hasher = new CallerHasher(salt);
  const isoDateTime = isoFormatter();
  const keysOf = (i: number, fields: readonly string[]): Record<string, string> => {
    const k: Record<string, string> = {};
    for (const f of fields) {
      const v = log.field(i, f as never) as string;
      k[f] = f === 'caller' ? hasher.hash(v) : v;
    }
    return k;
  };

  for (let j = 0; j < kept.length; j++) {
    const i = kept[j];
    const flags = s.flags[i];
    if (d.repeatOf[j] >= 0) detected[i] = 1;
    if (d.mergeRule[j] !== 0) child[i] = 1;
    if (d.reopened[j]) reopened[i] = 1;
    if (!(flags & F_IN_PERIOD)) continue;

    // The period's links (excluded cases too).
    const received = s.receivedAt[i];
    if (d.repeatOf[j] >= 0) {
      const a = kept[d.repeatOf[j]];
      links.push({
        case: s.caseId[i],
        linked_case: s.caseId[a],
        rule: 'repeat',
        keys: keysOf(i, settings.keys),
        gap_hours: (received - s.receivedAt[a]) / HOUR_MS,
        reopen: d.reopenLink[j] === 1,
        unit: s.unit[i],
        linked_unit: s.unit[a],
        category: s.category[i],
        received_at: isoDateTime(received),
      });
    }
    if (d.mergeRule[j] !== 0) {
      const p = d.parentOf[j] >= 0 ? kept[d.parentOf[j]] : -1;
      links.push({
        case: s.caseId[i],
        linked_case: p >= 0 ? s.caseId[p] : (d.unknownParent.get(j) as string),
        rule: d.mergeRule[j] === RULE_MERGE ? 'merge' : 'parent_case_id',
        keys: d.mergeRule[j] === RULE_MERGE ? keysOf(i, settings.mergeKeys) : { parent_case_id: s.parent[i] as string },
        gap_hours: p >= 0 ? (received - s.receivedAt[p]) / HOUR_MS : null,
        reopen: false,
        unit: s.unit[i],
        linked_unit: p >= 0 ? s.unit[p] : null,
        category: s.category[i],
        received_at: isoDateTime(received),
      });
    }

    if (flags & F_EXCLUDED) continue;
    const u = unitOf(s.unit[i]);
    const flagged = (flags & F_FLAGGED) !== 0;
    const isRepeat = flagged || detected[i] === 1;
    if (flagged) u.repeats_flagged++;
    if (detected[i]) u.repeats_detected++;
    if (flagged && detected[i]) u.repeats_both++;
    if (isRepeat) u.repeats++;
    if (s.closedAt[i] <= asOf) {
      u.closed++;
      if (reopened[i]) u.reopens++;
    }
    if (child[i]) u.merged++;
    else u.events++;
    const cat = s.category[i] ?? '';
    const key = s.unit[i] + '\u0001' + cat;
    let spot = spots.get(key);
    if (!spot) spots.set(key, (spot = { unit: s.unit[i], category: cat, repeats: 0, cases: 0 }));
    spot.cases++;
    if (isRepeat) spot.repeats++;
  }

  links.sort((a, b) => (a.received_at < b.received_at ? -1 : a.received_at > b.received_at ? 1 : a.case < b.case ? -1 : a.case > b.case ? 1 : a.rule < b.rule ? 1 : a.rule > b.rule ? -1 : 0));
  const hotSpots = [...spots.values()]
    .filter((x) => x.repeats > 0)
    .sort((a, b) => b.repeats - a.repeats || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : a.category < b.category ? -1 : a.category > b.category ? 1 : 0));

  const warnings: RunWarning[] = [];
  // One warning per case that names an unknown parent itself (not per case whose chain ends there).
  const direct = [...d.unknownParent.entries()].filter(([j, id]) => s.parent[kept[j]] === id).sort((a, b) => s.row[kept[a[0]]] - s.row[kept[b[0]]]);
  direct.slice(0, MAX_ROW_WARNINGS).forEach(([j]) => {
    const i = kept[j];
    warnings.push({
      code: 'parent_case_unknown',
      message: `${file} row ${s.row[i]}: case ${s.caseId[i]} names the parent case ${s.parent[i]}, which no accepted case has; it counts as merged (the platform merged it), with no link timing`,
      where: `${file}:${s.row[i]}`,
      params: { row: s.row[i], case: s.caseId[i], parent: s.parent[i] },
    });
  });
  if (direct.length > MAX_ROW_WARNINGS) {
    warnings.push({
      code: 'parent_case_unknown_more',
      message: `${direct.length - MAX_ROW_WARNINGS} more cases of ${file} name a parent case that no accepted case has; they count as merged, with no link timing`,
      where: file,
      params: { count: direct.length - MAX_ROW_WARNINGS },
    });
  }
  if (d.cycles.length > 0) {
    const ids = d.cycles.map((j) => s.caseId[kept[j]]);
    warnings.push({
      code: 'parent_case_cycle',
      message: `${file}: the parent_case_id of ${ids.length} cases runs in a cycle (${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ', …' : ''}); they are left unmerged`,
      where: file,
      params: { count: ids.length, cases: ids.slice(0, 10).join(', ') },
    });
  }
  return { detected, child, reopened, units, links, hotSpots, warnings };
}
