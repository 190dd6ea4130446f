/**
 * The set of case ids seen so far in a case log, to reject later duplicates without holding every id string:
 * each id is reduced to a 64-bit hash (two independent 32-bit halves) stored in an open-addressing table of typed
 * arrays (linear probing, grown ×2 past 3/4 load), beside the row number where it was first seen. 10 M ids take
 * 2^24 slots × 12 bytes ≈ 200 MB, against well over 1 GB for the strings in a Set.
 *
 * False positives: two different ids collide only if all 64 bits agree. For n ids the chance that any pair does is
 * about n² / 2^65: 2.7 · 10⁻⁶ for 10 million ids, 2.7 · 10⁻⁸ for one million — far below the chance of a
 * hardware error over the same run. (A 53-bit hash would give 0.5 % at 10 M, which is why 64 bits are kept.)
 *
 * @example const s = new CaseIdSet(); s.add('A1', 2) // → 0 (new); s.add('A1', 9) // → 2 (first seen at row 2)
 */
export class CaseIdSet {
  private lo: Uint32Array;
  private hi: Uint32Array;
  private rows: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(initialCapacity = 1 << 16) {
    let cap = 1 << 4;
    while (cap < initialCapacity) cap <<= 1;
    this.lo = new Uint32Array(cap);
    this.hi = new Uint32Array(cap);
    this.rows = new Uint32Array(cap);
    this.mask = cap - 1;
  }

  get size(): number {
    return this.count;
  }

  /**
   * Adds an id; returns 0 if it was new, else the row number where it was first added.
   * Row numbers must be ≥ 1 (spreadsheet rows are).
   */
  add(id: string, row: number): number {
    hashId(id);
    return this.insert(hashLo, hashHi, row);
  }

  /**
   * add() for an id given as the bytes buf[start, end) of ASCII text: the same hash as the string, without making
   * one (the bytes are the string's character codes).
   */
  addAscii(buf: Uint8Array, start: number, end: number, row: number): number {
    const n = end - start;
    let h1 = 0x9e3779b9 ^ n;
    let h2 = 0x85ebca6b ^ n;
    for (let i = start; i < end; i++) {
      const c = buf[i];
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    finishHash(h1, h2);
    return this.insert(hashLo, hashHi, row);
  }

  /** The row where the id was first added, or 0. */
  get(id: string): number {
    hashId(id);
    return this.lookup(hashLo, hashHi);
  }

  /** The row stored under a hash (from `hash` or another set's `slots`), or 0. */
  lookup(lo: number, hi: number): number {
    let i = (lo ^ hi) & this.mask;
    for (;;) {
      const r = this.rows[i];
      if (r === 0) return 0;
      if (this.lo[i] === lo && this.hi[i] === hi) return r;
      i = (i + 1) & this.mask;
    }
  }

  /** The table's arrays (a slot is used where rows[i] ≠ 0), e.g. to hand to another thread; see fromSlots. */
  slots(): { lo: Uint32Array; hi: Uint32Array; rows: Uint32Array; count: number } {
    return { lo: this.lo, hi: this.hi, rows: this.rows, count: this.count };
  }

  /** A set over arrays from `slots()` (taken over, not copied). */
  static fromSlots(s: { lo: Uint32Array; hi: Uint32Array; rows: Uint32Array; count: number }): CaseIdSet {
    const set = new CaseIdSet(16);
    set.lo = s.lo;
    set.hi = s.hi;
    set.rows = s.rows;
    set.mask = s.rows.length - 1;
    set.count = s.count;
    return set;
  }


  private insert(lo: number, hi: number, row: number): number {
    let i = (lo ^ hi) & this.mask;
    for (;;) {
      const r = this.rows[i];
      if (r === 0) break;
      if (this.lo[i] === lo && this.hi[i] === hi) return r;
      i = (i + 1) & this.mask;
    }
    this.lo[i] = lo;
    this.hi[i] = hi;
    this.rows[i] = row;
    this.count++;
    if (this.count * 4 > this.rows.length * 3) this.grow();
    return 0;
  }

  private grow(): void {
    const { lo, hi, rows } = this;
    const cap = rows.length * 2;
    this.lo = new Uint32Array(cap);
    this.hi = new Uint32Array(cap);
    this.rows = new Uint32Array(cap);
    this.mask = cap - 1;
    this.count = 0;
    for (let i = 0; i < rows.length; i++) if (rows[i] !== 0) this.insert(lo[i], hi[i], rows[i]);
  }
}

let hashLo = 0;
let hashHi = 0;

/** The id's 64-bit hash, as two unsigned 32-bit halves left in hashLo / hashHi (no array per call on the hot path). */
function hashId(id: string): void {
  // Two 32-bit hashes with different multipliers and seeds, each finished with a murmur3-style avalanche.
  let h1 = 0x9e3779b9 ^ id.length;
  let h2 = 0x85ebca6b ^ id.length;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  finishHash(h1, h2);
}

/** The murmur3-style avalanche of both halves, into hashLo / hashHi. */
function finishHash(h1: number, h2: number): void {
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  h1 = Math.imul(h1, 0xc2b2ae35);
  h1 ^= h1 >>> 16;
  h2 ^= h2 >>> 16;
  h2 = Math.imul(h2, 0x7feb352d);
  h2 ^= h2 >>> 15;
  h2 = Math.imul(h2, 0x846ca68b);
  h2 ^= h2 >>> 16;
  hashLo = h1 >>> 0;
  hashHi = h2 >>> 0;
}
