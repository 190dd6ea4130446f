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
import { detached } from '../io/file-tally.js';
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

  get length(): number {
    return this.s.caseId.length;
  }

  push(rec: CaseRecord, excluded: boolean): void {
    const s = this.s;
    // (A copy: the id is cut from a chunk of the file, which it would otherwise keep alive.)
    s.caseId.push(detached(rec.caseId));
    s.row.push(rec.row);
    s.unit.push(rec.unit);
    s.urgency.push(rec.urgency);
    s.category.push(rec.category);
    s.department.push(rec.department);
    s.channel.push(rec.channel);
    s.grid.push(rec.grid);
    s.caller.push(rec.callerHash ?? null);
    s.address.push(rec.address ?? null);
    s.parent.push(rec.parentCaseId ?? null);
    s.receivedAt.push(rec.receivedAt);
    s.closedAt.push(rec.closedAt ?? NaN);
    s.flags.push((rec.beforePeriod ? 0 : F_IN_PERIOD) | (excluded ? F_EXCLUDED : 0) | (rec.repeat ? F_FLAGGED : 0));
  }

  /** Appends another log (a later part of the file, its rows counted from rowOffset + 1). */
  absorb(other: DetectionLogState, rowOffset: number): void {
    const s = this.s;
    for (const k of Object.keys(s) as (keyof DetectionLogState)[]) {
      const into = s[k] as unknown[];
      const from = other[k] as unknown[];
      if (k === 'row') for (const r of from as number[]) into.push(r + rowOffset);
      else for (const v of from) into.push(v);
    }
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
    const kept = new Map<string, number>();
    for (let i = 0; i < s.caseId.length; i++) {
      const prev = kept.get(s.caseId[i]);
      if (prev === undefined) {
        kept.set(s.caseId[i], i);
        continue;
      }
      const pIn = s.flags[prev] & F_IN_PERIOD;
      const iIn = s.flags[i] & F_IN_PERIOD;
      if (iIn > pIn || (iIn === pIn && s.row[i] < s.row[prev])) kept.set(s.caseId[i], i);
    }
    const index = [...kept.values()].sort((a, b) => a - b);
    const columns: DetectionColumns = {
      caseId: index.map((i) => s.caseId[i]),
      receivedAt: index.map((i) => s.receivedAt[i]),
      closedAt: index.map((i) => s.closedAt[i]),
      repeatKey: index.map((i) => this.key(i, keys)),
      mergeKey: index.map((i) => this.key(i, mergeKeys)),
      parentCaseId: index.map((i) => s.parent[i]),
    };
    return { columns, index };
  }
}
