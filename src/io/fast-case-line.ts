/**
 * The fast path of the case-log reader: one line of UTF-8 bytes → the canonical fields of a case, without decoding
 * the line or making a string per cell. It takes only lines it can read exactly as the general path (CSV tokenizer,
 * column mapping, value parsers, read-cases.ts validation) would, with no problem to record; for anything else it
 * says which general path to take, and that path produces the ledger entries as always:
 * - FAST_COMPLEX: the line holds a quote or a carriage return (not the CR of CRLF): the record may run over several
 *   lines or need quote handling, so the CSV tokenizer reads on from this line;
 * - FAST_SIMPLE: the line is plain comma-separated text (so decoding it and splitting at commas gives exactly the
 *   tokenizer's cells) but some cell is not in the fast forms: a wrong number of cells, an empty or spaced id, a
 *   date not written `YYYY-MM-DD HH:mm[:ss]` (or impossible), a label the parsers reject or warn about, a unit
 *   outside the registry, times out of order.
 * Dates are read with the same arithmetic as parseDateTime's common form (civilTime). Text columns (unit, urgency,
 * yes/no, satisfaction, counts, category, department, channel, grid) are interned by their bytes, per column: each
 * distinct cell is decoded once and passed once through the field's own mapping (value map, derivation) and parser,
 * so those stay exactly the general path's; a column with more than INTERN_LIMIT distinct values sends the rest of
 * its new values to the general path. A differential property test (test/io/fast-case-line.test.ts) checks that
 * reading with and without this path gives the same records, ledger and counts.
 *
 * Used only for UTF-8 files whose id and date fields are plain columns (no value map, constant, derivation or date
 * format); `FastCaseLines.for` returns null otherwise.
 */
import { civilTime, type CellValue } from './datetime.js';
import type { ColumnPlan, FieldSource } from './mapping.js';
import { INVALID, parseBoolean, parseCount, parseSatisfaction, parseText, parseUrgency } from './values.js';
import type { SatisfactionLevel, Urgency } from '../types.js';
import { normaliseAddress } from '../repeats/address.js';

export const FAST_OK = 0;
export const FAST_SIMPLE = 1;
export const FAST_COMPLEX = 2;
export type FastStatus = typeof FAST_OK | typeof FAST_SIMPLE | typeof FAST_COMPLEX;

const INTERN_LIMIT = 1 << 16;
const ADDRESS_INTERN_LIMIT = 1 << 20;
/** How `read` reads a column: skipped, the id, a date-time, an interned text cell. */
const K_OTHER = 0;
const K_ID = 1;
const K_DATE = 2;
const K_TEXT = 3;
/** The caller, read as its digits (repeat detection on). */
const K_CALLER = 4;
/** parent_case_id, read like the id but may be empty. */
const K_PARENT = 5;
/** A cell value the general path would reject or warn about. */
const BAD = Symbol('bad');

interface Entry {
  key: Buffer;
  hash: number;
  /** Per text field reading this column: its value from this cell (undefined until first needed). */
  vals: unknown[];
}

/** Distinct cells of one column, by their bytes (open addressing, FNV-1a). */
class ByteInterner {
  private slots: (Entry | undefined)[] = new Array(1024);
  private mask = 1023;
  private count = 0;

  constructor(private readonly limit = INTERN_LIMIT) {}

  /** The entry of the cell buf[s, e) whose FNV-1a hash (unsigned) is h; null when the column is full. */
  find(buf: Uint8Array, s: number, e: number, h: number): Entry | null {
    let i = h & this.mask;
    const n = e - s;
    for (;;) {
      const x = this.slots[i];
      if (x === undefined) break;
      if (x.hash === h && x.key.length === n) {
        let k = 0;
        while (k < n && x.key[k] === buf[s + k]) k++;
        if (k === n) return x;
      }
      i = (i + 1) & this.mask;
    }
    if (this.count >= this.limit) return null;
    const entry: Entry = { key: Buffer.from(buf.subarray(s, e)), hash: h, vals: [] };
    this.slots[i] = entry;
    if (++this.count * 2 > this.slots.length) this.grow();
    return entry;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Array(old.length * 2);
    this.mask = this.slots.length - 1;
    for (const x of old) {
      if (x === undefined) continue;
      let i = x.hash & this.mask;
      while (this.slots[i] !== undefined) i = (i + 1) & this.mask;
      this.slots[i] = x;
    }
  }
}

/** A text field: its source, and its value from a cell, BAD where the general path would record a problem. */
interface TextField {
  src: FieldSource;
  slot: number;
  value: (v: CellValue) => unknown;
  /** For a constant or absent column: the value, computed once. */
  constant: unknown;
}

export class FastCaseLines {
  // The fields of the last line read with FAST_OK.
  idStart = 0;
  idEnd = 0;
  receivedAt = 0;
  firstContactAt: number | null = null;
  closedAt: number | null = null;
  verifiedAt: number | null = null;
  deadlineAt: number | null = null;
  unit = '';
  urgency: Urgency = 'general';
  resolved: boolean | null = null;
  satisfaction: SatisfactionLevel | null = null;
  returnedCount = 0;
  repeat = false;
  category: string | null = null;
  department: string | null = null;
  channel: string | null = null;
  grid: string | null = null;
  /** The caller's normalised digits (detection on), as normaliseCaller gives them. */
  caller: string | null = null;
  address: string | null = null;
  parentCaseId: string | null = null;
  exclusion: string | null = null;

  /** Per column: how `read` reads it (K_*). */
  private readonly kinds: Uint8Array;
  /** Per date column: the wall time read from the current line, NaN when empty. */
  private readonly dates: Float64Array;
  /** Per text column: the interned cell of the current line. */
  private readonly entries: (Entry | undefined)[];
  private readonly interners: ByteInterner[] = [];
  private readonly scratch: CellValue[];
  private readonly fId: number;
  private readonly fReceived: number;
  private readonly fContact: number;
  private readonly fClosed: number;
  private readonly fVerified: number;
  private readonly fDeadline: number;
  private readonly tUnit: TextField;
  private readonly tUrgency: TextField;
  private readonly tResolved: TextField;
  private readonly tSatisfaction: TextField;
  private readonly tReturned: TextField;
  private readonly tRepeat: TextField;
  private readonly tCategory: TextField;
  private readonly tDepartment: TextField;
  private readonly tChannel: TextField;
  private readonly tGrid: TextField;
  private readonly tAddress: TextField;
  private readonly tExclusion: TextField;
  private readonly fCaller: number;
  private readonly fParent: number;
  private callerDigits = '';
  private parentStart = 0;
  private parentEnd = 0;

  /** The fast path for a file's column plan, or null when a field it reads directly is not a plain column. */
  static for(plan: ColumnPlan, width: number, registry: ReadonlySet<string> | null, detecting = false): FastCaseLines | null {
    const F = plan.fields;
    const direct = [F.case_id, F.received_at, F.first_contact_at, F.closed_at, F.verified_at, F.deadline_at, F.parent_case_id];
    if (detecting) direct.push(F.caller);
    for (const f of direct) {
      if (f.format !== null) return null;
      if (!f.plain && !(f.index < 0 && !f.spec.required)) return null; // plain, or an absent optional column
    }
    if (F.case_id.index < 0 || F.received_at.index < 0) return null;
    // Each column is read one way: a text field reading the id or a date column leaves the file to the general path.
    const direct_ = new Set(direct.map((f) => f.index).filter((i) => i >= 0));
    if (direct_.size !== direct.filter((f) => f.index >= 0).length) return null;
    const textFields = [F.unit, F.urgency, F.resolved, F.satisfaction, F.returned_count, F.repeat, F.category, F.department, F.channel, F.grid, F.exclusion];
    if (detecting) textFields.push(F.address);
    if (textFields.some((f) => f.index >= 0 && direct_.has(f.index))) return null;
    return new FastCaseLines(plan, width, registry, detecting);
  }

  private constructor(
    plan: ColumnPlan,
    private readonly width: number,
    registry: ReadonlySet<string> | null,
    private readonly detecting: boolean,
  ) {
    const F = plan.fields;
    this.kinds = new Uint8Array(width).fill(K_OTHER);
    this.dates = new Float64Array(width);
    this.entries = new Array<Entry | undefined>(width);
    this.scratch = new Array<CellValue>(width).fill(null);
    this.fId = F.case_id.index;
    this.fReceived = F.received_at.index;
    this.fContact = F.first_contact_at.index;
    this.fClosed = F.closed_at.index;
    this.fVerified = F.verified_at.index;
    this.fDeadline = F.deadline_at.index;
    this.kinds[this.fId] = K_ID;
    this.fCaller = detecting ? F.caller.index : -1;
    this.fParent = F.parent_case_id.index;
    if (this.fCaller >= 0) this.kinds[this.fCaller] = K_CALLER;
    if (this.fParent >= 0) this.kinds[this.fParent] = K_PARENT;
    for (const col of [this.fReceived, this.fContact, this.fClosed, this.fVerified, this.fDeadline]) if (col >= 0) this.kinds[col] = K_DATE;
    let slot = 0;
    const text = (src: FieldSource, value: (v: CellValue) => unknown, limit = INTERN_LIMIT): TextField => {
      const t: TextField = { src, slot: slot++, value, constant: undefined };
      if (src.index < 0) t.constant = value(src.get(this.scratch));
      else {
        this.kinds[src.index] = K_TEXT;
        if (this.interners[src.index] === undefined) this.interners[src.index] = new ByteInterner(limit);
      }
      return t;
    };
    this.tUnit = text(F.unit, (v) => {
      const u = parseText(v);
      return u === null || (registry !== null && !registry.has(u)) ? BAD : u;
    });
    this.tUrgency = text(F.urgency, (v) => {
      const u = parseUrgency(v);
      return u === null || u === INVALID ? BAD : u;
    });
    const boolean = (v: CellValue) => {
      const b = parseBoolean(v);
      return b === INVALID ? BAD : b;
    };
    this.tResolved = text(F.resolved, boolean);
    this.tRepeat = text(F.repeat, boolean);
    this.tSatisfaction = text(F.satisfaction, (v) => {
      const s = parseSatisfaction(v);
      return s === INVALID ? BAD : s;
    });
    this.tReturned = text(F.returned_count, (v) => {
      const c = parseCount(v);
      return c === INVALID ? BAD : (c ?? 0);
    });
    this.tCategory = text(F.category, parseText);
    this.tDepartment = text(F.department, parseText);
    this.tChannel = text(F.channel, parseText);
    this.tGrid = text(F.grid, parseText);
    this.tExclusion = text(F.exclusion, parseText);
    // Addresses are many more than labels: a larger table before new ones go to the general path.
    this.tAddress = detecting ? text(F.address, (v) => normaliseAddress(parseText(v)), ADDRESS_INTERN_LIMIT) : { src: F.address, slot: -1, value: () => null, constant: null };
  }

  /**
   * Reads the line buf[s, e) (without its line break), which the caller has found free of quotes and CRs. Column
   * by column: a date column is checked at its fixed width (no byte-by-byte search), a text column is hashed as it
   * is scanned for its comma.
   */
  read(buf: Uint8Array, s: number, e: number): FastStatus {
    const width = this.width;
    const kinds = this.kinds;
    let p = s;
    for (let col = 0; col < width; col++) {
      const kind = kinds[col];
      if (kind === K_DATE) {
        const t = dateAt(buf, p, e);
        if (t === undefined) return FAST_SIMPLE;
        this.dates[col] = t === null ? NaN : t;
        p += t === null ? 0 : dateLength;
      } else if (kind === K_TEXT) {
        let h = 0x811c9dc5;
        const from = p;
        while (p < e && buf[p] !== 0x2c) h = Math.imul(h ^ buf[p++], 0x01000193);
        const entry = this.interners[col].find(buf, from, p, h >>> 0);
        if (entry === null) return FAST_SIMPLE;
        this.entries[col] = entry;
      } else if (kind === K_CALLER) {
        // Digits only, ASCII only (anything wider may need NFKC: the general path).
        let d = '';
        while (p < e) {
          const c = buf[p];
          if (c === 0x2c) break;
          if (c >= 0x80) return FAST_SIMPLE;
          if (c >= 0x30 && c <= 0x39) d += String.fromCharCode(c);
          p++;
        }
        this.callerDigits = d;
      } else if (kind === K_PARENT) {
        const from = p;
        while (p < e) {
          const c = buf[p];
          if (c === 0x2c) break;
          if (c <= 0x20 || c >= 0x7f) return FAST_SIMPLE;
          p++;
        }
        this.parentStart = from;
        this.parentEnd = p;
      } else if (kind === K_ID) {
        const from = p;
        while (p < e) {
          const c = buf[p];
          if (c === 0x2c) break;
          // Printable ASCII without spaces, so trimming and decoding change nothing.
          if (c <= 0x20 || c >= 0x7f) return FAST_SIMPLE;
          p++;
        }
        if (p === from) return FAST_SIMPLE;
        this.idStart = from;
        this.idEnd = p;
      } else {
        while (p < e && buf[p] !== 0x2c) p++;
      }
      // p is at the comma after the column, or at the end of the line after the last one.
      if (col < width - 1) {
        if (p >= e || buf[p] !== 0x2c) return FAST_SIMPLE;
        p++;
      } else if (p !== e) return FAST_SIMPLE;
    }

    const received = this.date(this.fReceived);
    if (received === null) return FAST_SIMPLE;
    const contact = this.date(this.fContact);
    const closed = this.date(this.fClosed);
    const verified = this.date(this.fVerified);
    const deadline = this.date(this.fDeadline);
    if ((contact !== null && contact < received) || (closed !== null && closed < received)) return FAST_SIMPLE;
    if (verified !== null && closed !== null && verified < closed) return FAST_SIMPLE;

    const unit = this.text(this.tUnit);
    const urgency = this.text(this.tUrgency);
    const resolved = this.text(this.tResolved);
    const satisfaction = this.text(this.tSatisfaction);
    const returned = this.text(this.tReturned);
    const repeat = this.text(this.tRepeat);
    const category = this.text(this.tCategory);
    const department = this.text(this.tDepartment);
    const channel = this.text(this.tChannel);
    const grid = this.text(this.tGrid);
    const exclusion = this.text(this.tExclusion);
    const address = this.detecting ? this.text(this.tAddress) : null;
    if (
      unit === BAD ||
      urgency === BAD ||
      resolved === BAD ||
      satisfaction === BAD ||
      returned === BAD ||
      repeat === BAD ||
      category === BAD ||
      department === BAD ||
      channel === BAD ||
      grid === BAD ||
      exclusion === BAD ||
      address === BAD
    ) {
      return FAST_SIMPLE;
    }
    this.receivedAt = received;
    this.firstContactAt = contact;
    this.closedAt = closed;
    this.verifiedAt = verified;
    this.deadlineAt = deadline;
    this.unit = unit as string;
    this.urgency = urgency as Urgency;
    this.resolved = resolved as boolean | null;
    this.satisfaction = satisfaction as SatisfactionLevel | null;
    this.returnedCount = returned as number;
    this.repeat = (repeat as boolean | null) ?? false;
    this.category = category as string | null;
    this.department = department as string | null;
    this.channel = channel as string | null;
    this.grid = grid as string | null;
    this.exclusion = exclusion as string | null;
    this.address = address as string | null;
    if (this.fCaller >= 0) {
      let d = this.callerDigits;
      if (d.startsWith('86')) d = d.slice(2); // as normaliseCaller
      this.caller = d === '' ? null : d;
    } else this.caller = null;
    this.parentCaseId = this.fParent >= 0 && this.parentEnd > this.parentStart ? Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('latin1', this.parentStart, this.parentEnd) : null;
    return FAST_OK;
  }

  /** A date field's wall time from its column (read by `read`), null when empty or absent. */
  private date(col: number): number | null {
    if (col < 0) return null;
    const t = this.dates[col];
    return Number.isNaN(t) ? null : t;
  }

  /** A text field's value from its column's interned cell (read by `read`). */
  private text(t: TextField): unknown {
    const col = t.src.index;
    if (col < 0) return t.constant;
    const entry = this.entries[col] as Entry;
    let v = entry.vals[t.slot];
    if (v === undefined) {
      const scratch = this.scratch;
      scratch[col] = entry.key.toString('utf8');
      v = t.value(t.src.get(scratch));
      scratch[col] = null;
      entry.vals[t.slot] = v;
    }
    return v;
  }
}

/** Length of the date read by the last dateAt (16 or 19). */
let dateLength = 0;

/**
 * The date-time starting at p, if the column (up to the next comma or e) is `YYYY-MM-DD HH:mm[:ss]` (or with T):
 * its wall time, with its length in dateLength; null for an empty column; undefined for anything else, including
 * an impossible date (the general path then records it).
 */
function dateAt(buf: Uint8Array, p: number, e: number): number | null | undefined {
  if (p >= e || buf[p] === 0x2c) return null;
  let n: number;
  if (p + 19 <= e && (p + 19 === e || buf[p + 19] === 0x2c)) n = 19;
  else if (p + 16 <= e && (p + 16 === e || buf[p + 16] === 0x2c)) n = 16;
  else return undefined;
  const sep = buf[p + 10];
  if (buf[p + 4] !== 45 || buf[p + 7] !== 45 || buf[p + 13] !== 58 || (sep !== 32 && sep !== 84)) return undefined;
  if (n === 19 && buf[p + 16] !== 58) return undefined;
  const y = digits(buf, p, 4);
  const mo = digits(buf, p + 5, 2);
  const d = digits(buf, p + 8, 2);
  const h = digits(buf, p + 11, 2);
  const mi = digits(buf, p + 14, 2);
  const sec = n === 19 ? digits(buf, p + 17, 2) : 0;
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || sec < 0) return undefined;
  const t = civilTime(y, mo, d, h, mi, sec);
  if (t === null) return undefined;
  dateLength = n;
  return t;
}

/** Value of the ASCII digits buf[i, i + n), or -1 if any is not a digit. */
function digits(buf: Uint8Array, i: number, n: number): number {
  let v = 0;
  for (let k = i; k < i + n; k++) {
    const d = buf[k] - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}
