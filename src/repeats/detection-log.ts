/**
 * What repeat detection needs of each accepted case, kept as columns while the case log streams through the metric
 * stage (design §4.1): the cases of the period and those received before it. Text columns hold references to the
 * readers' interned strings (categories, units, addresses, caller hashes), so a case costs a few slots, not a
 * record. The two threads of a split case log each keep one; the main thread absorbs the worker's.
 *
 * A case id met twice (a case before the period repeating an id of the period, or a split log's cross-half
 * duplicate, taken out of the counts at the join) keeps the entry of the period, then the one of the earlier row.
 * @example
 *   const log = new DetectionLog(); log.push(rec, false); log.length // → 1
 */
import type { CaseRecord, RepeatKeyField, Urgency } from '../types.js';
import { KEY_SEP, type DetectionColumns } from './detect.js';

export const F_IN_PERIOD = 1;
export const F_EXCLUDED = 2;
export const F_FLAGGED = 4;

export interface DetectionLogState {
  caseId: string[];
  row: number[];
  unit: string[];
  urgency: Urgency[];
  category: (string | null)[];
  department: (string | null)[];
  channel: (string | null)[];
  grid: (string | null)[];
  caller: (string | null)[];
  address: (string | null)[];
  parent: (string | null)[];
  receivedAt: number[];
  /** NaN: open. */
  closedAt: number[];
  flags: number[];
}

export class DetectionLog {
  s: DetectionLogState = {
    caseId: [],
    row: [],
    unit: [],
    urgency: [],
    category: [],
    department: [],
    channel: [],
    grid: [],
    caller: [],
    address: [],
    parent: [],
    receivedAt: [],
    closedAt: [],
    flags: [],
  };

  /** Cases before the period pushed so far, and whether another part was absorbed: where duplicate ids can be. */
  private beforePeriod = 0;
  private joined = false;
  /** Ids of the period taken back out of the counts as a split log's cross-half duplicates (noteDuplicate). */
  private crossDuplicates = new Set<string>();

  get length(): number {
    return this.s.caseId.length;
  }

  push(rec: CaseRecord, excluded: boolean): void {
    const s = this.s;
    // (The readers give ids that hold no chunk of the file alive: read-cases.ts detaches the general path's.)
    s.caseId.push(rec.caseId);
    if (rec.beforePeriod) this.beforePeriod++;
    s.row.push(rec.row);
    s.unit.push(rec.unit);
    s.urgency.push(rec.urgency);
    s.category.push(rec.category);
    s.department.push(rec.department);
    s.channel.push(rec.channel);
    s.grid.push(rec.grid);
    s.caller.push(rec.caller ?? null);
    s.address.push(rec.address ?? null);
    s.parent.push(rec.parentCaseId ?? null);
    s.receivedAt.push(rec.receivedAt);
    s.closedAt.push(rec.closedAt ?? NaN);
    s.flags.push((rec.beforePeriod ? 0 : F_IN_PERIOD) | (excluded ? F_EXCLUDED : 0) | (rec.repeat ? F_FLAGGED : 0));
  }

  /** Appends another log (a later part of the file, its rows counted from rowOffset + 1). */
  absorb(other: DetectionLogState, rowOffset: number): void {
    const s = this.s;
    // A split log's cross-half duplicates are in both parts (taken out of the counts, not out of the log).
    this.joined = true;
    for (const k of Object.keys(s) as (keyof DetectionLogState)[]) {
      const into = s[k] as unknown[];
      const from = other[k] as unknown[];
      if (k === 'row') for (const r of from as number[]) into.push(r + rowOffset);
      else for (const v of from) into.push(v);
    }
  }

  /** A case of the period counted out again as a split log's cross-half duplicate: its id is in the log twice. */
  noteDuplicate(caseId: string): void {
    this.crossDuplicates.add(caseId);
  }

  /** The value of a key field of case i. */
  field(i: number, f: RepeatKeyField): string | null {
    const s = this.s;
    switch (f) {
      case 'caller':
        return s.caller[i];
      case 'address':
        return s.address[i];
      case 'category':
        return s.category[i];
      case 'grid':
        return s.grid[i];
      case 'unit':
        return s.unit[i];
      case 'department':
        return s.department[i];
      case 'channel':
        return s.channel[i];
      case 'urgency':
        return s.urgency[i];
    }
  }

  /** The joined key of case i; null when a key field is empty (the case then takes no part, §4.1). */
  key(i: number, fields: readonly RepeatKeyField[]): string | null {
    let k = '';
    for (let f = 0; f < fields.length; f++) {
      const v = this.field(i, fields[f]);
      if (v === null || v === '') return null;
      k = f === 0 ? v : k + KEY_SEP + v;
    }
    return k;
  }

  /**
   * The kept cases (one per id) as detection columns, with `index[j]` the log position of column j.
   */
  columns(keys: readonly RepeatKeyField[], mergeKeys: readonly RepeatKeyField[]): { columns: DetectionColumns; index: number[] } {
    const s = this.s;
    const n = s.caseId.length;
    // One part read alone holds each id of the period once (the reader rejects the rest): only the cases before the
    // period need checking then. Keys come as columns of the readers' own strings (detect.ts partitions on them).
    if (!this.joined) {
      let index: number[];
      if (this.beforePeriod === 0) index = Array.from({ length: n }, (_, i) => i);
      else {
        const before = new Map<string, number>();
        for (let i = 0; i < n; i++) {
          if (s.flags[i] & F_IN_PERIOD) continue;
          const prev = before.get(s.caseId[i]);
          if (prev === undefined || s.row[i] < s.row[prev]) before.set(s.caseId[i], i);
        }
        const shadowed = new Set<string>();
        for (let i = 0; i < n; i++) if (s.flags[i] & F_IN_PERIOD && before.has(s.caseId[i])) shadowed.add(s.caseId[i]);
        index = [];
        for (let i = 0; i < n; i++) {
          if (s.flags[i] & F_IN_PERIOD || (!shadowed.has(s.caseId[i]) && before.get(s.caseId[i]) === i)) index.push(i);
        }
      }
      return { columns: this.columnsAt(index, keys, mergeKeys), index };
    }
    // An id is in a joined log twice only if one of its entries is before the period or it is a cross-half
    // duplicate (each part holds an id of the period once): only those ids need the rule, not every id.
    const twice = new Set<string>(this.crossDuplicates);
    for (let i = 0; i < n; i++) if (!(s.flags[i] & F_IN_PERIOD)) twice.add(s.caseId[i]);
    if (twice.size === 0) {
      const index = Array.from({ length: n }, (_, i) => i);
      return { columns: this.columnsAt(index, keys, mergeKeys), index };
    }
    const kept = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      if (!twice.has(s.caseId[i])) continue;
      const prev = kept.get(s.caseId[i]);
      if (prev === undefined) {
        kept.set(s.caseId[i], i);
        continue;
      }
      const pIn = s.flags[prev] & F_IN_PERIOD;
      const iIn = s.flags[i] & F_IN_PERIOD;
      if (iIn > pIn || (iIn === pIn && s.row[i] < s.row[prev])) kept.set(s.caseId[i], i);
    }
    const index: number[] = [];
    for (let i = 0; i < n; i++) if (!twice.has(s.caseId[i]) || kept.get(s.caseId[i]) === i) index.push(i);
    return { columns: this.columnsAt(index, keys, mergeKeys), index };
  }

  private columnsAt(index: number[], keys: readonly RepeatKeyField[], mergeKeys: readonly RepeatKeyField[]): DetectionColumns {
    const s = this.s;
    const all = index.length === s.caseId.length;
    const pick = <T>(a: T[]): T[] => (all ? a : index.map((i) => a[i]));
    const column = (f: RepeatKeyField): (string | null)[] => pick(this.fieldColumn(f));
    return {
      caseId: pick(s.caseId),
      receivedAt: pick(s.receivedAt),
      closedAt: pick(s.closedAt),
      repeatKey: keys.map(column),
      mergeKey: mergeKeys.map(column),
      parentCaseId: pick(s.parent),
    };
  }

  private fieldColumn(f: RepeatKeyField): (string | null)[] {
    const s = this.s;
    return f === 'caller' ? s.caller : f === 'address' ? s.address : f === 'category' ? s.category : f === 'grid' ? s.grid : f === 'unit' ? s.unit : f === 'department' ? s.department : f === 'channel' ? s.channel : s.urgency;
  }
}
