/**
 * A small copy of a CJK font for the chart renderer. resvg reads its font file again for every text element it lays
 * out, and the Noto Sans CJK collection is 19 MB: a chart with twenty labels took half a second of reading alone.
 * This writes a standalone OpenType font (one face of a collection) in which every glyph the charts do not use keeps
 * its glyph id but has an empty outline, so cmap, hmtx and the rest stay valid unchanged and the file shrinks to the
 * glyph programs actually drawn plus the shared tables (about 2 MB instead of 19).
 *
 * - Collections (`ttcf`): the face whose family name says Simplified Chinese (`SC`) is taken, else the first.
 * - CFF outlines (OpenType `OTTO`): the CharStrings INDEX is rebuilt with `endchar` (one byte) for unused glyphs; the
 *   CFF table is laid out again with its offsets written as 5-byte integers. TrueType outlines (`glyf`) are copied
 *   whole (no saving, still correct).
 * - GSUB and the vertical tables are left out: a substitution could lead to an emptied glyph. So Latin ligatures
 *   (fi, ffi) are drawn as their letters; everything else — CJK, digits, kerned Latin (GPOS is kept: it only moves
 *   glyphs) — draws exactly the pixels of the whole font, which the test checks.
 * @throws Error on a file that is not an OpenType font or collection
 * @example const f = await subsetFontFile('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '总得分'); … await f.remove()
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface TableRecord {
  tag: string;
  offset: number;
  length: number;
}

/** Tables kept in the subset: what horizontal text rendering reads. */
const KEEP = new Set(['GPOS', 'GDEF', 'CFF ', 'glyf', 'loca', 'OS/2', 'cmap', 'head', 'hhea', 'hmtx', 'maxp', 'name', 'post', 'cvt ', 'fpgm', 'prep']);

function tablesOf(buf: Buffer, at: number): TableRecord[] {
  const n = buf.readUInt16BE(at + 4);
  const out: TableRecord[] = [];
  for (let i = 0; i < n; i++) {
    const r = at + 12 + 16 * i;
    out.push({ tag: buf.toString('latin1', r, r + 4), offset: buf.readUInt32BE(r + 8), length: buf.readUInt32BE(r + 12) });
  }
  return out;
}

/** The family name (name id 1, Windows Unicode) of a face, or ''. */
function familyName(buf: Buffer, tables: TableRecord[]): string {
  const t = tables.find((x) => x.tag === 'name');
  if (!t) return '';
  const count = buf.readUInt16BE(t.offset + 2);
  const strings = t.offset + buf.readUInt16BE(t.offset + 4);
  for (let i = 0; i < count; i++) {
    const r = t.offset + 6 + 12 * i;
    if (buf.readUInt16BE(r) === 3 && buf.readUInt16BE(r + 6) === 1) {
      const len = buf.readUInt16BE(r + 8);
      const off = strings + buf.readUInt16BE(r + 10);
      return Buffer.from(buf.subarray(off, off + len)).swap16().toString('utf16le');
    }
  }
  return '';
}

/** The family name of a font file's first face (of a standalone font: its only one). */
export function faceFamily(font: Buffer): string {
  return familyName(font, pickFace(font, 0));
}

/** The table directory of the face to use: `face` of a collection if given, else its SC face, else the first. */
function pickFace(buf: Buffer, face?: number): TableRecord[] {
  const tag = buf.toString('latin1', 0, 4);
  if (tag !== 'ttcf') {
    if (tag !== 'OTTO' && buf.readUInt32BE(0) !== 0x00010000 && tag !== 'true') throw new Error('not an OpenType font or collection');
    return tablesOf(buf, 0);
  }
  const faces: TableRecord[][] = [];
  for (let i = 0; i < buf.readUInt32BE(8); i++) faces.push(tablesOf(buf, buf.readUInt32BE(12 + 4 * i)));
  if (face !== undefined) return faces[face] ?? faces[0];
  return faces.find((f) => /\bSC\b/.test(familyName(buf, f))) ?? faces[0];
}

/** Glyph ids of the characters, from the cmap (format 12, else format 4); 0 (.notdef) always. */
export function glyphIds(font: Buffer, cmap: TableRecord, chars: Iterable<number>): Set<number> {
  const base = cmap.offset;
  const n = font.readUInt16BE(base + 2);
  let f12 = -1;
  let f4 = -1;
  for (let i = 0; i < n; i++) {
    const r = base + 4 + 8 * i;
    const sub = base + font.readUInt32BE(r + 4);
    const format = font.readUInt16BE(sub);
    if (format === 12 && f12 < 0) f12 = sub;
    if (format === 4 && f4 < 0) f4 = sub;
  }
  const ids = new Set<number>([0]);
  for (const c of chars) {
    let gid = 0;
    if (f12 >= 0) {
      const groups = font.readUInt32BE(f12 + 12);
      let lo = 0;
      let hi = groups - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const g = f12 + 16 + 12 * mid;
        const start = font.readUInt32BE(g);
        const end = font.readUInt32BE(g + 4);
        if (c < start) hi = mid - 1;
        else if (c > end) lo = mid + 1;
        else {
          gid = font.readUInt32BE(g + 8) + (c - start);
          break;
        }
      }
    } else if (f4 >= 0 && c <= 0xffff) {
      const seg2 = font.readUInt16BE(f4 + 6);
      for (let s = 0; s < seg2; s += 2) {
        const end = font.readUInt16BE(f4 + 14 + s);
        if (c > end) continue;
        const start = font.readUInt16BE(f4 + 16 + seg2 + s);
        if (c < start) break;
        const delta = font.readInt16BE(f4 + 16 + 2 * seg2 + s);
        const rangeAt = f4 + 16 + 3 * seg2 + s;
        const range = font.readUInt16BE(rangeAt);
        if (range === 0) gid = (c + delta) & 0xffff;
        else {
          const g = font.readUInt16BE(rangeAt + range + 2 * (c - start));
          gid = g === 0 ? 0 : (g + delta) & 0xffff;
        }
        break;
      }
    }
    if (gid) ids.add(gid);
  }
  return ids;
}

// ───────────────────────────── CFF ─────────────────────────────

/** A CFF INDEX read in place: item i is bytes [start(i), start(i + 1)) of the table (no copies: 65,535 glyphs). */
interface Index {
  count: number;
  start(i: number): number;
  item(i: number): Buffer;
  end: number;
}

function readIndex(b: Buffer, at: number): Index {
  const count = b.readUInt16BE(at);
  if (count === 0) return { count, start: () => at + 2, item: () => Buffer.alloc(0), end: at + 2 };
  const offSize = b[at + 2];
  const data = at + 3 + (count + 1) * offSize - 1;
  const start = (i: number) => data + b.readUIntBE(at + 3 + i * offSize, offSize);
  return { count, start, item: (i) => b.subarray(start(i), start(i + 1)), end: start(count) };
}

/** An INDEX of `ix`'s items, those not kept replaced by the one-byte program `empty` (endchar 14, return 11). */
function writeIndexKeeping(b: Buffer, ix: Index, keep: (i: number) => boolean, empty: number): Buffer {
  let total = 1;
  for (let i = 0; i < ix.count; i++) total += keep(i) ? ix.start(i + 1) - ix.start(i) : 1;
  if (!ix.count) return Buffer.from([0, 0]);
  const offSize = total < 0x100 ? 1 : total < 0x10000 ? 2 : total < 0x1000000 ? 3 : 4;
  const head = 3 + (ix.count + 1) * offSize;
  const out = Buffer.alloc(head + total - 1);
  out.writeUInt16BE(ix.count, 0);
  out[2] = offSize;
  let o = 1;
  for (let i = 0; i < ix.count; i++) {
    out.writeUIntBE(o, 3 + i * offSize, offSize);
    if (keep(i)) o += b.copy(out, head + o - 1, ix.start(i), ix.start(i + 1));
    else out[head + o++ - 1] = empty;
  }
  out.writeUIntBE(o, 3 + ix.count * offSize, offSize);
  return out;
}

function writeIndex(items: Buffer[]): Buffer {
  if (!items.length) return Buffer.from([0, 0]);
  const total = items.reduce((s, x) => s + x.length, 0) + 1;
  const offSize = total < 0x100 ? 1 : total < 0x10000 ? 2 : total < 0x1000000 ? 3 : 4;
  const head = Buffer.alloc(3 + (items.length + 1) * offSize);
  head.writeUInt16BE(items.length, 0);
  head[2] = offSize;
  let o = 1;
  for (let i = 0; i <= items.length; i++) {
    head.writeUIntBE(o, 3 + i * offSize, offSize);
    if (i < items.length) o += items[i].length;
  }
  return Buffer.concat([head, ...items]);
}

interface DictEntry {
  op: number;
  /** Operand values (reals as NaN: they are never offsets) and their bytes as written. */
  values: number[];
  raw: Buffer;
}

function parseDict(b: Buffer): DictEntry[] {
  const out: DictEntry[] = [];
  let values: number[] = [];
  let start = 0;
  let i = 0;
  while (i < b.length) {
    const b0 = b[i];
    if (b0 <= 21) {
      const op = b0 === 12 ? 1200 + b[i + 1] : b0;
      out.push({ op, values, raw: b.subarray(start, i) });
      i += b0 === 12 ? 2 : 1;
      values = [];
      start = i;
    } else if (b0 === 28) {
      values.push(b.readInt16BE(i + 1));
      i += 3;
    } else if (b0 === 29) {
      values.push(b.readInt32BE(i + 1));
      i += 5;
    } else if (b0 === 30) {
      i++;
      while (i < b.length && (b[i] & 0x0f) !== 0x0f && (b[i] >> 4) !== 0x0f) i++;
      i++;
      values.push(NaN);
    } else if (b0 >= 32 && b0 <= 246) {
      values.push(b0 - 139);
      i += 1;
    } else if (b0 >= 247 && b0 <= 250) {
      values.push((b0 - 247) * 256 + b[i + 1] + 108);
      i += 2;
    } else if (b0 >= 251 && b0 <= 254) {
      values.push(-(b0 - 251) * 256 - b[i + 1] - 108);
      i += 2;
    } else throw new Error(`CFF DICT: unexpected byte ${b0}`);
  }
  return out;
}

/** A DICT again, the operands of `set`'s operators written as 5-byte integers (so their length never varies). */
function writeDict(entries: DictEntry[], set: Map<number, number[]>): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const v = set.get(e.op);
    if (v) {
      for (const x of v) {
        const n = Buffer.alloc(5);
        n[0] = 29;
        n.writeInt32BE(x, 1);
        parts.push(n);
      }
    } else parts.push(e.raw);
    parts.push(e.op >= 1200 ? Buffer.from([12, e.op - 1200]) : Buffer.from([e.op]));
  }
  return Buffer.concat(parts);
}

const op = (entries: DictEntry[], code: number) => entries.find((e) => e.op === code)?.values;

const bias = (n: number) => (n < 1240 ? 107 : n < 33900 ? 1131 : 32768);

/** A Private DICT and its local subroutines (Subrs, at an offset relative to the DICT). */
interface PrivateDict {
  dict: DictEntry[];
  subrs: Index | null;
}

function readPrivate(cff: Buffer, size: number, offset: number): PrivateDict {
  const dict = parseDict(cff.subarray(offset, offset + size));
  const at = op(dict, 19);
  return { dict, subrs: at ? readIndex(cff, offset + at[0]) : null };
}

/** A Private DICT followed by its Subrs INDEX, unused subroutines emptied (`return`); [size of the DICT, bytes]. */
function writePrivate(cff: Buffer, p: PrivateDict, used: Set<number>): [number, Buffer] {
  const hasSubrs = p.subrs !== null;
  const size = writeDict(p.dict, new Map(hasSubrs ? [[19, [0]]] : [])).length;
  const dict = writeDict(p.dict, new Map(hasSubrs ? [[19, [size]]] : []));
  return [size, p.subrs ? Buffer.concat([dict, writeIndexKeeping(cff, p.subrs, (i) => used.has(i), 11)]) : dict];
}

/**
 * The subroutines a glyph program calls, directly or through other subroutines (Type 2 charstrings: callsubr 10,
 * callgsubr 29 take the index from the stack, plus the bias; hintmask 19 and cntrmask 20 are followed by one bit per
 * stem hint, so the stems declared so far are counted to skip them).
 */
function markSubrs(cs: Buffer, local: Index | null, global: Index, usedLocal: Set<number>, usedGlobal: Set<number>): void {
  const st = { stack: [] as number[], stems: 0, done: false };
  const walk = (b: Buffer, depth: number) => {
    let i = 0;
    while (i < b.length && !st.done) {
      const b0 = b[i];
      if (b0 >= 32 && b0 <= 246) {
        st.stack.push(b0 - 139);
        i += 1;
      } else if (b0 >= 247 && b0 <= 250) {
        st.stack.push((b0 - 247) * 256 + b[i + 1] + 108);
        i += 2;
      } else if (b0 >= 251 && b0 <= 254) {
        st.stack.push(-(b0 - 251) * 256 - b[i + 1] - 108);
        i += 2;
      } else if (b0 === 28) {
        st.stack.push(b.readInt16BE(i + 1));
        i += 3;
      } else if (b0 === 255) {
        st.stack.push(b.readInt32BE(i + 1) / 65536);
        i += 5;
      } else if (b0 === 10 || b0 === 29) {
        const subrs = b0 === 10 ? local : global;
        const n = subrs?.count ?? 0;
        const k = (st.stack.pop() ?? 0) + bias(n);
        i += 1;
        if (subrs && k >= 0 && k < n && depth < 12) {
          (b0 === 10 ? usedLocal : usedGlobal).add(k);
          walk(subrs.item(k), depth + 1);
        }
      } else if (b0 === 11) return;
      else if (b0 === 14) st.done = true;
      else if (b0 === 1 || b0 === 3 || b0 === 18 || b0 === 23) {
        st.stems += st.stack.length >> 1;
        st.stack = [];
        i += 1;
      } else if (b0 === 19 || b0 === 20) {
        st.stems += st.stack.length >> 1;
        st.stack = [];
        i += 1 + ((st.stems + 7) >> 3);
      } else {
        st.stack = [];
        i += b0 === 12 ? 2 : 1;
      }
    }
  };
  walk(cs, 0);
}

/** The font DICT index of each glyph (FDSelect format 0 or 3). */
function fdOf(fdSelect: Buffer | null, nGlyphs: number): (gid: number) => number {
  if (!fdSelect) return () => 0;
  if (fdSelect[0] === 0) return (gid) => fdSelect[1 + gid];
  const ranges = fdSelect.readUInt16BE(1);
  return (gid) => {
    let fd = 0;
    for (let r = 0; r < ranges && fdSelect.readUInt16BE(3 + 3 * r) <= gid; r++) fd = fdSelect[3 + 3 * r + 2];
    return gid < nGlyphs ? fd : 0;
  };
}

/** The CFF table with empty outlines for every glyph not in `keep`. */
export function subsetCff(cff: Buffer, keep: Set<number>): Buffer {
  const hdrSize = cff[2];
  const name = readIndex(cff, hdrSize);
  const top = readIndex(cff, name.end);
  const strings = readIndex(cff, top.end);
  const gsubrs = readIndex(cff, strings.end);
  const topDict = parseDict(top.item(0));
  const encoding = op(topDict, 16);
  if (encoding && encoding[0] > 1) throw new Error('CFF with a custom encoding');
  const charStrings = readIndex(cff, op(topDict, 17)![0]);
  const nGlyphs = charStrings.count;

  const charsetAt = op(topDict, 15)?.[0] ?? 0;
  let charset: Buffer | null = null;
  if (charsetAt > 2) {
    const format = cff[charsetAt];
    let i = charsetAt + 1;
    if (format === 0) i += (nGlyphs - 1) * 2;
    else
      for (let covered = 0; covered < nGlyphs - 1; ) {
        covered += (format === 1 ? cff[i + 2] : cff.readUInt16BE(i + 2)) + 1;
        i += format === 1 ? 3 : 4;
      }
    charset = cff.subarray(charsetAt, i);
  }
  const fdSelectAt = op(topDict, 1237)?.[0];
  let fdSelect: Buffer | null = null;
  if (fdSelectAt !== undefined) {
    const format = cff[fdSelectAt];
    fdSelect = cff.subarray(fdSelectAt, fdSelectAt + (format === 0 ? 1 + nGlyphs : 5 + cff.readUInt16BE(fdSelectAt + 1) * 3));
  }
  const fdArrayAt = op(topDict, 1236)?.[0];

  const fdArray = fdArrayAt === undefined ? null : readIndex(cff, fdArrayAt);
  const fds = fdArray ? Array.from({ length: fdArray.count }, (_, i) => parseDict(fdArray.item(i))) : [];
  const privates = (fds.length ? fds.map((fd) => op(fd, 18)) : [op(topDict, 18)]).map((p) => (p ? readPrivate(cff, p[0], p[1]) : null));
  const fdFor = fdOf(fdSelect, nGlyphs);
  const usedGlobal = new Set<number>();
  const usedLocal = privates.map(() => new Set<number>());
  for (const gid of keep) {
    if (gid >= nGlyphs) continue;
    const fd = fds.length ? fdFor(gid) : 0;
    markSubrs(charStrings.item(gid), privates[fd]?.subrs ?? null, gsubrs, usedLocal[fd] ?? new Set(), usedGlobal);
  }

  const newCharStrings = writeIndexKeeping(cff, charStrings, (gid) => keep.has(gid), 14);
  const newGsubrs = writeIndexKeeping(cff, gsubrs, (i) => usedGlobal.has(i), 11);
  // Offsets: every operand written at a fixed 5 bytes, so the lengths are known before the offsets.
  const placeholder = (entries: DictEntry[], ops: number[]) => new Map(ops.filter((o) => op(entries, o)).map((o) => [o, op(entries, o)!.map(() => 0)]));
  const topOps = [15, 17, 18, 1236, 1237];
  const topLen = writeIndex([writeDict(topDict, placeholder(topDict, topOps))]).length;
  const head = cff.subarray(0, hdrSize);
  const nameRaw = cff.subarray(hdrSize, name.end);
  const stringsRaw = cff.subarray(top.end, strings.end);
  let pos = head.length + nameRaw.length + topLen + stringsRaw.length + newGsubrs.length;
  const blobs: Buffer[] = [];
  const place = (b: Buffer) => {
    const at = pos;
    blobs.push(b);
    pos += b.length;
    return at;
  };
  const set = new Map<number, number[]>();
  if (charset) set.set(15, [place(charset)]);
  if (fdSelect) set.set(1237, [place(fdSelect)]);
  set.set(17, [place(newCharStrings)]);
  if (fds.length) {
    // The FDArray first (its length is fixed by the 5-byte offsets), then each font DICT's Private block.
    const fdArrayLen = writeIndex(fds.map((fd) => writeDict(fd, placeholder(fd, [18])))).length;
    set.set(1236, [pos]);
    const slot = blobs.length;
    blobs.push(Buffer.alloc(0));
    pos += fdArrayLen;
    const newFds = fds.map((fd, i) => {
      const p = privates[i];
      if (!p) return writeDict(fd, new Map());
      const [size, bytes] = writePrivate(cff, p, usedLocal[i]);
      return writeDict(fd, new Map([[18, [size, place(bytes)]]]));
    });
    blobs[slot] = writeIndex(newFds);
  } else if (privates[0]) {
    const [size, bytes] = writePrivate(cff, privates[0], usedLocal[0]);
    set.set(18, [size, place(bytes)]);
  }
  const topNew = writeIndex([writeDict(topDict, set)]);
  return Buffer.concat([head, nameRaw, topNew, stringsRaw, newGsubrs, ...blobs]);
}

// ───────────────────────────── sfnt ─────────────────────────────

function checksum(b: Buffer): number {
  let sum = 0;
  const padded = b.length % 4 ? Buffer.concat([b, Buffer.alloc(4 - (b.length % 4))]) : b;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

function writeSfnt(tables: { tag: string; data: Buffer }[], flavour: number): Buffer {
  tables.sort((a, b) => (a.tag < b.tag ? -1 : 1));
  const n = tables.length;
  const log2 = Math.floor(Math.log2(n));
  const dir = Buffer.alloc(12 + 16 * n);
  dir.writeUInt32BE(flavour, 0);
  dir.writeUInt16BE(n, 4);
  dir.writeUInt16BE(16 * 2 ** log2, 6);
  dir.writeUInt16BE(log2, 8);
  dir.writeUInt16BE(n * 16 - 16 * 2 ** log2, 10);
  let offset = dir.length;
  const body: Buffer[] = [];
  let headAt = -1;
  tables.forEach((t, i) => {
    const r = 12 + 16 * i;
    dir.write(t.tag, r, 'latin1');
    dir.writeUInt32BE(checksum(t.data), r + 4);
    dir.writeUInt32BE(offset, r + 8);
    dir.writeUInt32BE(t.data.length, r + 12);
    if (t.tag === 'head') headAt = offset;
    const pad = (4 - (t.data.length % 4)) % 4;
    body.push(t.data, Buffer.alloc(pad));
    offset += t.data.length + pad;
  });
  const font = Buffer.concat([dir, ...body]);
  // head.checkSumAdjustment: 0xB1B0AFBA minus the sum of the whole font with the field at 0.
  if (headAt >= 0) font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headAt + 8);
  return font;
}

/** A standalone font holding the outlines of `chars` (see the module comment). */
export function subsetFont(file: Buffer, chars: Iterable<number>, opts: { face?: number } = {}): Buffer {
  const face = pickFace(file, opts.face);
  const byTag = new Map(face.map((t) => [t.tag, t]));
  const data = (t: TableRecord) => file.subarray(t.offset, t.offset + t.length);
  const cff = byTag.get('CFF ');
  const cmap = byTag.get('cmap');
  // Copies of the small tables (head is written to); the CFF table is only read.
  const tables = face.filter((t) => KEEP.has(t.tag)).map((t) => ({ tag: t.tag, data: t.tag === 'CFF ' ? data(t) : Buffer.from(data(t)) }));
  if (cff && cmap) {
    const subset = subsetCff(data(cff), glyphIds(file, cmap, chars));
    tables.find((t) => t.tag === 'CFF ')!.data = Buffer.from(subset);
    // head's checkSumAdjustment is recomputed by writeSfnt.
    tables.find((t) => t.tag === 'head')?.data.writeUInt32BE(0, 8);
  }
  return writeSfnt(tables, cff ? 0x4f54544f : 0x00010000);
}

/**
 * Writes the subset of `fontFile` for the characters of `text` to a temporary file; `remove` deletes it. A font
 * this module cannot subset is used as it is (slower, same pictures).
 */
export async function subsetFontFile(fontFile: string, text: string): Promise<{ path: string; remove(): Promise<void> }> {
  const chars = new Set<number>();
  for (const ch of text) chars.add(ch.codePointAt(0)!);
  let bytes: Buffer;
  try {
    bytes = subsetFont(await readFile(fontFile), chars);
  } catch {
    return { path: fontFile, remove: async () => {} };
  }
  const dir = await mkdtemp(join(tmpdir(), 'govscore-font-'));
  const path = join(dir, 'chart-font.otf');
  await writeFile(path, bytes);
  return { path, remove: () => rm(dir, { recursive: true, force: true }) };
}
