/**
 * Repeat requests and merged events (design §4.1, 国办函〔2025〕66号 重复诉求并单), over every accepted case received
 * before the cut-off, those before the period included. Pure: cases in, links out; the order of the input never
 * changes a result.
 *
 * - Order: cases are ordered by (received_at, case_id) within each key (hash-partitioned by key, then sorted per
 *   key: O(n log n) at worst, close to O(n) for the short histories of real callers).
 * - Repeat: B repeats A iff their repeat keys are equal (no key field empty) and 0 < B.received − A.received ≤ window;
 *   B links to the latest such A only (a chain A←B←C links C to B).
 * - Reopen: a link B→A is a reopen iff A was closed by the cut-off and A.closed < B.received ≤ A.closed + window; A
 *   is reopened iff one of its links is.
 * - Merge: cases without a parent_case_id, by merge key, greedily: the first case starts a group, a later case within
 *   merge_window of the group's first case (0 ≤ gap) joins it as a child, the first one past it starts a new group.
 * - parent_case_id: the data's merge wins; a chain of parents resolves to its root; a parent naming no known case
 *   still merges the case (no timing); a cycle leaves its cases (and those whose chain runs into it) unmerged.
 *
 * @throws DataError (from the calendar) when a workday window reaches a year the calendar does not know
 * @example
 *   const d = detect([a, b], settings, calendar, asOf); d.repeatOf[1] // → 0 (b repeats a)
 */
import type { WorkCalendar } from '../calendar/work-calendar.js';
import type { DetectionWindow, WallTime } from '../types.js';
import { windowEnd } from './window.js';

export interface DetectionCase {
  caseId: string;
  receivedAt: WallTime;
  closedAt: WallTime | null;
  /** The repeat key's values joined (KEY_SEP), null when a key field is empty. */
  repeatKey: string | null;
  mergeKey: string | null;
  parentCaseId: string | null;
}

export const KEY_SEP = '\u0001';

/**
 * The same cases as columns (what the pipeline's log holds); closedAt NaN when open. A key is given field by field
 * (one column per key field, its values as the readers interned them), so that partitioning hashes strings that
 * already exist instead of building a joined key per case.
 */
export interface DetectionColumns {
  caseId: readonly string[];
  receivedAt: ArrayLike<number>;
  closedAt: ArrayLike<number>;
  repeatKey: readonly (readonly (string | null)[])[];
  mergeKey: readonly (readonly (string | null)[])[];
  parentCaseId: readonly (string | null)[];
}

/** Cases as columns. */
export function columnsOf(cases: readonly DetectionCase[]): DetectionColumns {
  return {
    caseId: cases.map((c) => c.caseId),
    receivedAt: cases.map((c) => c.receivedAt),
    closedAt: cases.map((c) => c.closedAt ?? NaN),
    repeatKey: [cases.map((c) => c.repeatKey)],
    mergeKey: [cases.map((c) => c.mergeKey)],
    parentCaseId: cases.map((c) => c.parentCaseId),
  };
}

export const RULE_NONE = 0;
export const RULE_MERGE = 1;
export const RULE_PARENT = 2;

export interface Detection {
  /** Per case: the index of the case it repeats, -1 for none. */
  repeatOf: Int32Array;
  /** Per case: its repeat link is a reopen of the linked case. */
  reopenLink: Uint8Array;
  /** Per case: reopened by some later case. */
  reopened: Uint8Array;
  /** Per case: the index of its event's parent, -1 for none or an unknown parent (see mergeRule, unknownParent). */
  parentOf: Int32Array;
  /** Per case: RULE_NONE, RULE_MERGE (detected) or RULE_PARENT (parent_case_id). */
  mergeRule: Uint8Array;
  /** Index → the parent id it names (or its chain ends in) that no case has. */
  unknownParent: Map<number, string>;
  /** Indices of the cases whose parent_case_id chain is a cycle or runs into one. */
  cycles: number[];
}

export interface DetectionSettings {
  window: DetectionWindow;
  mergeWindow: DetectionWindow;
}

function byTimeThenId(c: DetectionColumns) {
  return (a: number, b: number): number => {
    const d = c.receivedAt[a] - c.receivedAt[b];
    if (d !== 0) return d;
    const x = c.caseId[a];
    const y = c.caseId[b];
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

/**
 * Indices of the cases whose key fields are all filled, per key, each list in (received_at, case_id) order: a hash
 * partition by the first key field, then each part sorted by the other fields, time and id, and cut where the other
 * fields change. `skip(i)` leaves a case out.
 */
function partition(c: DetectionColumns, key: readonly (readonly (string | null)[])[], skip: ((i: number) => boolean) | null): number[][] {
  const first = key[0];
  const rest = key.slice(1);
  const groups = new Map<string, number[]>();
  outer: for (let i = 0; i < c.caseId.length; i++) {
    const k = first[i];
    if (k === null || k === '' || (skip !== null && skip(i))) continue;
    for (const col of rest) if (col[i] === null || col[i] === '') continue outer;
    const g = groups.get(k);
    if (g === undefined) groups.set(k, [i]);
    else g.push(i);
  }
  const cmp = byTimeThenId(c);
  const byRest = (a: number, b: number): number => {
    for (const col of rest) {
      const x = col[a] as string;
      const y = col[b] as string;
      if (x !== y) return x < y ? -1 : 1;
    }
    return cmp(a, b);
  };
  const out: number[][] = [];
  for (const g of groups.values()) {
    if (g.length === 1) {
      out.push(g);
      continue;
    }
    g.sort(rest.length ? byRest : cmp);
    if (rest.length === 0) {
      out.push(g);
      continue;
    }
    let from = 0;
    for (let k = 1; k <= g.length; k++) {
      if (k === g.length || rest.some((col) => col[g[k]] !== col[g[k - 1]])) {
        out.push(g.slice(from, k));
        from = k;
      }
    }
  }
  return out;
}

export function detect(input: readonly DetectionCase[] | DetectionColumns, settings: DetectionSettings, calendar: WorkCalendar | null, asOf: WallTime): Detection {
  const c = Array.isArray(input) ? columnsOf(input as readonly DetectionCase[]) : (input as DetectionColumns);
  const n = c.caseId.length;
  const rec = c.receivedAt;
  const repeatOf = new Int32Array(n).fill(-1);
  const reopenLink = new Uint8Array(n);
  const reopened = new Uint8Array(n);
  const parentOf = new Int32Array(n).fill(-1);
  const mergeRule = new Uint8Array(n);
  const unknownParent = new Map<number, string>();
  const cycles: number[] = [];
  const inWindow = windowEnd(settings.window, calendar);
  const inMergeWindow = windowEnd(settings.mergeWindow, calendar);

  // Repeats: within a key, the latest case received strictly earlier (equal times are not a repeat of each other).
  for (const g of partition(c, c.repeatKey, null)) {
    let prev = -1; // position in g of the last case received strictly before the current run of equal times
    for (let k = 1; k < g.length; k++) {
      if (rec[g[k]] !== rec[g[k - 1]]) prev = k - 1;
      if (prev < 0) continue;
      const a = g[prev];
      const b = g[k];
      if (!inWindow(rec[a], rec[b])) continue;
      repeatOf[b] = a;
      const closed = c.closedAt[a];
      // (NaN, an open case, fails every comparison.)
      if (closed <= asOf && closed < rec[b] && inWindow(closed, rec[b])) {
        reopenLink[g[k]] = 1;
        reopened[g[prev]] = 1;
      }
    }
  }

  // parent_case_id: the data's merges, resolved to their roots.
  const byId = new Map<string, number>();
  for (let i = 0; i < n; i++) byId.set(c.caseId[i], i);
  const state = new Uint8Array(n); // 0 unvisited, 1 on the current path, 2 resolved
  const root = new Int32Array(n).fill(-1); // resolved root index; -1: unmerged (cycle), -2: unknown id
  const rootUnknown = new Map<number, string>();
  const inCycle = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (c.parentCaseId[i] === null || state[i] === 2) continue;
    const path: number[] = [];
    let j = i;
    let result = -1;
    let unknown: string | null = null;
    for (;;) {
      if (state[j] === 2) {
        if (inCycle[j] === 1) {
          result = -3;
          break;
        }
        result = root[j];
        unknown = rootUnknown.get(j) ?? null;
        break;
      }
      if (state[j] === 1) {
        result = -3; // a cycle
        break;
      }
      const p = c.parentCaseId[j];
      if (p === null) {
        result = j; // j is the root
        break;
      }
      state[j] = 1;
      path.push(j);
      const next = byId.get(p);
      if (next === undefined) {
        result = -2;
        unknown = p;
        break;
      }
      j = next;
    }
    for (const q of path) {
      state[q] = 2;
      root[q] = result === -3 ? -1 : result;
      if (result === -2) rootUnknown.set(q, unknown as string);
      if (result === -3) {
        inCycle[q] = 1;
        cycles.push(q);
      }
    }
  }
  for (let i = 0; i < n; i++) {
    if (c.parentCaseId[i] === null || root[i] === -1) continue;
    mergeRule[i] = RULE_PARENT;
    if (root[i] === -2) unknownParent.set(i, rootUnknown.get(i) as string);
    else parentOf[i] = root[i];
  }

  // Detected merges, among the cases the data did not merge: greedy groups from each group's first case.
  for (const g of partition(c, c.mergeKey, (i) => c.parentCaseId[i] !== null)) {
    let first = g[0];
    for (let k = 1; k < g.length; k++) {
      const x = g[k];
      if (inMergeWindow(rec[first], rec[x])) {
        parentOf[x] = first;
        mergeRule[x] = RULE_MERGE;
      } else first = x;
    }
  }
  cycles.sort((a, b) => a - b);
  return { repeatOf, reopenLink, reopened, parentOf, mergeRule, unknownParent, cycles };
}
