/**
 * Repeat requests and merged events (design §4.1, 国办函〔2025〕66号 重复诉求并单), over every accepted case received
 * before the cut-off, those before the period included. Pure: cases in, links out; the order of the input never
 * changes a result.
 *
 * - Order: cases are ordered by (received_at, case_id) within each key (keys interned to integers, the cases
 *   counting-sorted by key, then sorted per key: O(n log n) at worst, close to O(n) for the short histories of real
 *   callers).
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

/** The cases of each key, one after another in `order`; key g holds order[start[g]] … order[start[g + 1] − 1]. */
interface Partition {
  order: Int32Array;
  start: Int32Array;
}

/** Room for a field's value ids in a (key so far, value) pair id: 2^26 values per field, exact in a double. */
const PAIR = 67108864;

/**
 * Indices of the cases whose key fields are all filled, per key, each key's cases in (received_at, case_id) order:
 * each key interned to a small integer (field by field, on the readers' own strings: no joined key per case), the
 * cases counting-sorted by that id into one typed array, then each key's run sorted by time and id. `skip(i)`
 * leaves a case out. O(n) beyond the sorts of the runs, which are short for real callers; no array per key.
 */
function partition(c: DetectionColumns, key: readonly (readonly (string | null)[])[], skip: ((i: number) => boolean) | null): Partition {
  const n = c.caseId.length;
  const first = key[0];
  const rest = key.slice(1);
  const keyOf = new Int32Array(n).fill(-1);
  const firstIds = new Map<string, number>();
  const restIds = rest.map(() => new Map<string, number>());
  const pairIds = rest.map(() => new Map<number, number>());
  let keys = 0;
  outer: for (let i = 0; i < n; i++) {
    const k = first[i];
    if (k === null || k === '' || (skip !== null && skip(i))) continue;
    for (const col of rest) if (col[i] === null || col[i] === '') continue outer;
    let g = firstIds.get(k);
    if (g === undefined) firstIds.set(k, (g = firstIds.size));
    for (let f = 0; f < rest.length; f++) {
      const v = rest[f][i] as string;
      let vid = restIds[f].get(v);
      if (vid === undefined) restIds[f].set(v, (vid = restIds[f].size));
      const pair = g * PAIR + vid;
      let h = pairIds[f].get(pair);
      if (h === undefined) pairIds[f].set(pair, (h = pairIds[f].size));
      g = h;
    }
    keyOf[i] = g;
    if (g >= keys) keys = g + 1;
  }
  const start = new Int32Array(keys + 1);
  for (let i = 0; i < n; i++) if (keyOf[i] >= 0) start[keyOf[i] + 1]++;
  for (let g = 0; g < keys; g++) start[g + 1] += start[g];
  const order = new Int32Array(start[keys]);
  const at = start.slice(0, keys);
  for (let i = 0; i < n; i++) if (keyOf[i] >= 0) order[at[keyOf[i]]++] = i;
  const cmp = byTimeThenId(c);
  for (let g = 0; g < keys; g++) {
    const from = start[g];
    const to = start[g + 1];
    if (to - from > 16) order.subarray(from, to).sort(cmp);
    else {
      // A short run (most keys): insertion sort, stable as the sort above, without a view per key.
      for (let k = from + 1; k < to; k++) {
        const x = order[k];
        let j = k - 1;
        while (j >= from && cmp(order[j], x) > 0) {
          order[j + 1] = order[j];
          j--;
        }
        order[j + 1] = x;
      }
    }
  }
  return { order, start };
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
  const reps = partition(c, c.repeatKey, null);
  for (let p = 0; p + 1 < reps.start.length; p++) {
    if (reps.start[p + 1] - reps.start[p] < 2) continue;
    const g = reps.order.subarray(reps.start[p], reps.start[p + 1]);
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
  // (Built on the first case that names a parent: most logs have none, and a million ids cost a second.)
  let byId: Map<string, number> | null = null;
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
      if (byId === null) {
        byId = new Map<string, number>();
        for (let x = 0; x < n; x++) byId.set(c.caseId[x], x);
      }
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
  const merges = partition(c, c.mergeKey, (i) => c.parentCaseId[i] !== null);
  for (let p = 0; p + 1 < merges.start.length; p++) {
    if (merges.start[p + 1] - merges.start[p] < 2) continue;
    const g = merges.order.subarray(merges.start[p], merges.start[p + 1]);
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
