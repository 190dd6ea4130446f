/**
 * Text encodings of CSV exports (design §3, §3.1): UTF-8 with or without a byte-order mark, or GBK/GB18030 as
 * Chinese government systems often write. `--encoding` forces any encoding iconv-lite knows; otherwise the encoding
 * is detected, on the whole file and not on a prefix, in the one streaming pass that reads it:
 * - a UTF-8 BOM means UTF-8;
 * - while every byte is ASCII the text is the same in both encodings and nothing is decided;
 * - from the first line with a non-ASCII byte on, lines are held (up to HOLD_LIMIT) until one decides: a line that
 *   is valid UTF-8 with at least STRONG_UTF8 characters of three or four bytes (CJK text) means UTF-8; a line that
 *   is not valid UTF-8 means GB18030 (the superset of GBK and GB2312); held lines that are all valid UTF-8, at the
 *   end of the file or the hold limit, mean UTF-8;
 * - after that, a UTF-8 file must stay valid UTF-8 to its last byte, and a GB18030 file must hold no line, and no
 *   cell, that is plainly UTF-8 (valid, with STRONG_UTF8 or more CJK characters: plainUtf8). Either break is a mixed file: the reader stops
 *   at that row (TranscodeEvent `not-utf8` / `utf8-line`) — never a silent guess that garbles a cell.
 * Why STRONG_UTF8 = 3: GBK text is valid UTF-8 by chance only in short runs (measured on random GB2312/GBK text:
 * 2% of two-character strings, 0.04% of three-character ones have two UTF-8 CJK sequences, none of 500,000 had
 * three), while a UTF-8 row of a case log holds dozens.
 *
 * Decoding is streaming. UTF-8 bytes are validated (Buffer's isUtf8, backed by simdutf) and decoded one chunk at a
 * time, a sequence cut by the chunk's end carried to the next; other encodings go through iconv-lite's streaming
 * decoder. Either way the CSV tokenizer receives text.
 *
 * @throws UsageError for an encoding name iconv-lite does not know
 * @example
 *   const t = makeDetectingTranscoder();
 *   t.write(Buffer.from([0x61, 0x2c, 0xd6, 0xd0, 0xce, 0xc4, 0x0a])) // → ['a,', { kind: 'decided', encoding: 'gb18030' }, '中文\n']
 */
import { isAscii, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { UsageError } from '../errors.js';

export type EncodingName = string;

/** Canonical name of a user-given encoding: utf8 for every spelling of UTF-8, else iconv-lite's name as given. */
export function normalizeEncoding(name: string): EncodingName {
  const n = name.trim().toLowerCase().replace(/_/g, '-');
  if (n === 'utf8' || n === 'utf-8' || n === 'utf-8-sig' || n === 'utf8bom' || n === 'utf-8-bom') return 'utf8';
  if (!iconv.encodingExists(n)) throw new UsageError(`--encoding: unknown encoding "${name}"; use utf8, gbk or gb18030`);
  return n;
}

/**
 * The length of the longest prefix of `buf` that does not end inside a UTF-8 sequence: a lead byte among the last
 * three bytes whose sequence runs past the end is left for the next chunk.
 */
export function utf8SafeEnd(buf: Buffer): number {
  const n = buf.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = buf[n - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

/** Offset of the first byte that breaks UTF-8 in `buf` (only called once validation has failed). */
export function firstInvalidUtf8(buf: Buffer): number {
  let i = 0;
  const n = buf.length;
  while (i < n) {
    const b = buf[i];
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= n) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return n;
}


/** A line is plain UTF-8 (not GBK valid by chance) from this many characters of three or four bytes on. */
export const STRONG_UTF8 = 3;
/** Lines held undecided (ASCII so far, then only short valid UTF-8 lines) up to this many bytes, then UTF-8. */
export const HOLD_LIMIT = 1 << 20;

/**
 * What detection has concluded: 'ascii' while every byte read is ASCII (or held, undecided), then 'utf8' or
 * 'gb18030'. `row` is the row of the first line with a non-ASCII byte, once decided (GB18030 messages name it).
 */
export interface EncodingVerdict {
  encoding: 'ascii' | 'utf8' | 'gb18030';
  row?: number;
}

/** A decision or a stop, in the decoded stream at the place it applies to (the row is the caller's record count + 1). */
export type TranscodeEvent =
  | { kind: 'decided'; encoding: 'utf8' | 'gb18030' }
  /** Bytes that are not UTF-8 in a file read as UTF-8: the text stops before them. */
  | { kind: 'not-utf8' }
  /** A line that is plainly UTF-8 in a file read as GB18030: the text stops at its start. */
  | { kind: 'utf8-line' };

/** Text for the tokenizer: one string (the common case), or text and events in order; nothing follows a stop. */
export type Decoded = string | (string | TranscodeEvent)[];

export interface Transcoder {
  /** The encoding the text is decoded with now ('utf8' while undecided ASCII: the text is the same). */
  readonly encoding: EncodingName;
  /** Detection state; null when the encoding was forced. */
  readonly verdict: 'ascii' | 'utf8' | 'gb18030' | null;
  /** Whether undecided bytes are held (not yet decoded). */
  readonly holding: boolean;
  write(chunk: Buffer): Decoded;
  end(): Decoded;
  /** UTF-8 only: hands back the bytes of a character the last chunk cut (null if none). */
  takeCarry(): Buffer | null;
}

type LineClass = 'ascii' | 'weak' | 'strong' | 'invalid';

/** How the line buf[start, end) reads: ASCII, valid UTF-8 (plain CJK text or not), or not UTF-8. */
export function classifyLine(buf: Buffer, start: number, end: number): LineClass {
  const line = buf.subarray(start, end);
  if (!isUtf8(line)) return 'invalid';
  if (isAscii(line)) return 'ascii';
  let cjk = 0;
  for (let i = 0; i < line.length; i++) if (line[i] >= 0xe0 && ++cjk >= STRONG_UTF8) return 'strong';
  return 'weak';
}

/**
 * Whether the line buf[start, end) of a file read as GB18030 is plainly UTF-8 — as a whole, or in one of its
 * comma-separated pieces (a UTF-8 cell pasted into a GBK row, whose other cells keep the line from being valid
 * UTF-8). A comma byte never occurs inside a GBK/GB18030 character (trail bytes are 0x30..0xFE, 0x2C excluded), so
 * the pieces are whole cells or parts of one; each is judged by the same rule as a line (STRONG_UTF8), which GBK
 * text meets by chance only in runs of three or more characters all valid UTF-8 (see the header).
 * @example plainUtf8(Buffer.concat([gbk('1,东湖社区,'), utf8('西湖社区')]), 0, n) // → true
 */
export function plainUtf8(buf: Buffer, start: number, end: number): boolean {
  const whole = classifyLine(buf, start, end);
  if (whole !== 'invalid') return whole === 'strong';
  for (let from = start; from < end; ) {
    let comma = buf.indexOf(0x2c, from);
    if (comma < 0 || comma > end) comma = end;
    if (comma - from >= 3 * STRONG_UTF8 && classifyLine(buf, from, comma) === 'strong') return true;
    from = comma + 1;
  }
  return false;
}

/** The next line end (LF or CR) at or after `from`, or -1. */
function lineEnd(buf: Buffer, from: number): number {
  const lf = buf.indexOf(0x0a, from);
  const cr = buf.indexOf(0x0d, from);
  return lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
}

/** Strict UTF-8: text up to the first byte that breaks it, then a `not-utf8` stop. */
class Utf8Decoder {
  carry: Buffer | null = null;
  write(chunk: Buffer, final: boolean): Decoded {
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const end = final ? buf.length : utf8SafeEnd(buf);
    const body = end === buf.length ? buf : buf.subarray(0, end);
    this.carry = end === buf.length ? null : Buffer.from(buf.subarray(end));
    if (isUtf8(body)) return body.toString('utf8');
    return [body.toString('utf8', 0, firstInvalidUtf8(body)), { kind: 'not-utf8' }];
  }
  end(): Decoded {
    return this.carry ? this.write(Buffer.alloc(0), true) : '';
  }
}

/**
 * GB18030 that watches for plain UTF-8 lines (detected files only): each line is classified as it completes; at a
 * strong UTF-8 line the text stops at the line's start.
 */
class WatchedGbDecoder {
  private decoder = iconv.getDecoder('gb18030');
  /** The start of a line the last chunk cut (already decoded; kept for its classification). */
  private lineCarry: Buffer | null = null;
  write(chunk: Buffer, final: boolean): Decoded {
    let carried = this.lineCarry;
    this.lineCarry = null;
    const stop = (at: number): Decoded => [this.decoder.write(chunk.subarray(0, at)), { kind: 'utf8-line' }];
    for (let pos = 0; ; ) {
      const e = lineEnd(chunk, pos);
      if (e < 0 && !final) {
        // The line runs on into the next chunk; one past the hold limit is judged on its first bytes.
        const tail = chunk.subarray(pos);
        const line = carried ? Buffer.concat([carried, tail]) : Buffer.from(tail);
        if (line.length <= HOLD_LIMIT) this.lineCarry = line.length ? line : null;
        else if (plainUtf8(line, 0, utf8SafeEnd(line))) return stop(carried ? 0 : pos);
        return this.decoder.write(chunk);
      }
      const end = e < 0 ? chunk.length : e;
      if (carried) {
        const line = Buffer.concat([carried, chunk.subarray(0, end)]);
        carried = null;
        if (plainUtf8(line, 0, line.length)) return stop(0);
      } else if (end > pos && plainUtf8(chunk, pos, end)) return stop(pos);
      if (e < 0) return this.decoder.write(chunk);
      pos = e + 1;
    }
  }
  end(): Decoded {
    const out = this.lineCarry !== null ? this.write(Buffer.alloc(0), true) : '';
    if (typeof out !== 'string') return out;
    return out + (this.decoder.end() ?? '');
  }
}

/** Joins decoded pieces, keeping a plain string when there is no event. */
function concatDecoded(a: Decoded, b: Decoded): Decoded {
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  return [...(typeof a === 'string' ? [a] : a), ...(typeof b === 'string' ? [b] : b)];
}

/** The transcoder of a forced encoding: UTF-8 strictly validated, anything else decoded as iconv-lite does. */
export function makeTranscoder(encoding: EncodingName): Transcoder {
  if (encoding === 'utf8') {
    const d = new Utf8Decoder();
    return {
      encoding,
      verdict: null,
      holding: false,
      write: (chunk) => d.write(chunk, false),
      end: () => d.end(),
      takeCarry: () => {
        const c = d.carry;
        d.carry = null;
        return c;
      },
    };
  }
  const decoder = iconv.getDecoder(encoding);
  return {
    encoding,
    verdict: null,
    holding: false,
    write: (chunk) => decoder.write(chunk),
    end: () => decoder.end() ?? '',
    takeCarry: () => {
      throw new Error('takeCarry: only UTF-8 text is read as bytes');
    },
  };
}

/**
 * The transcoder of a detected encoding (the rules at the top of this file), starting undecided ('ascii') or from a
 * verdict already reached (a later part of a split file, or a BOM).
 */
export function makeDetectingTranscoder(start: 'ascii' | 'utf8' | 'gb18030' = 'ascii'): Transcoder {
  let state = start;
  let utf8: Utf8Decoder | null = state === 'utf8' ? new Utf8Decoder() : null;
  let gb: WatchedGbDecoder | null = state === 'gb18030' ? new WatchedGbDecoder() : null;
  /** Undecided bytes from the first non-ASCII byte on, and how far their complete lines have been classified. */
  let held: Buffer | null = null;
  let heldScanned = 0;

  const inMode = (chunk: Buffer, final: boolean): Decoded => {
    const d = utf8 ?? gb!;
    const out = d.write(chunk, false);
    return final && typeof out === 'string' ? concatDecoded(out, d.end()) : out;
  };
  const decide = (encoding: 'utf8' | 'gb18030', prefix: string, rest: Buffer, final: boolean): Decoded => {
    state = encoding;
    if (encoding === 'utf8') utf8 = new Utf8Decoder();
    else gb = new WatchedGbDecoder();
    return concatDecoded([prefix, { kind: 'decided', encoding }], inMode(rest, final));
  };
  const undecided = (chunk: Buffer, final: boolean): Decoded => {
    let prefix = '';
    let buf: Buffer;
    if (held === null) {
      if (isAscii(chunk)) return chunk.toString('latin1');
      let p = 0;
      while (chunk[p] < 0x80) p++;
      prefix = chunk.toString('latin1', 0, p);
      buf = chunk.subarray(p);
      heldScanned = 0;
    } else {
      buf = chunk.length ? Buffer.concat([held, chunk]) : held;
      held = null;
    }
    for (let e = lineEnd(buf, heldScanned); e >= 0; e = lineEnd(buf, heldScanned)) {
      const c = classifyLine(buf, heldScanned, e);
      if (c === 'strong') return decide('utf8', prefix, buf, final);
      if (c === 'invalid') return decide('gb18030', prefix, buf, final);
      heldScanned = e + 1;
    }
    if (final || buf.length > HOLD_LIMIT) {
      // The last line, or a line too long to hold, decides on what it has; short valid UTF-8 lines mean UTF-8.
      const end = final ? buf.length : utf8SafeEnd(buf);
      return decide(classifyLine(buf, heldScanned, end) === 'invalid' ? 'gb18030' : 'utf8', prefix, buf, final);
    }
    held = Buffer.from(buf);
    return prefix;
  };

  return {
    get encoding() {
      return state === 'gb18030' ? 'gb18030' : 'utf8';
    },
    get verdict() {
      return state;
    },
    get holding() {
      return held !== null;
    },
    write: (chunk) => (state === 'ascii' ? undecided(chunk, false) : inMode(chunk, false)),
    end: () => (state === 'ascii' ? (held ? undecided(Buffer.alloc(0), true) : '') : utf8 ? utf8.end() : gb!.end()),
    takeCarry: () => {
      if (state === 'ascii') return held; // (byte mode is entered only when nothing is held)
      if (!utf8) throw new Error('takeCarry: only UTF-8 text is read as bytes');
      const c = utf8.carry;
      utf8.carry = null;
      return c;
    },
  };
}
