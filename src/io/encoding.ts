/**
 * Text encodings of CSV exports (design §3): UTF-8 with or without a byte-order mark, or GBK/GB18030 as Chinese
 * government systems often write. Detection needs no flag: a UTF-8 BOM means UTF-8; otherwise, if the first chunk
 * of the file is valid UTF-8 it is taken as UTF-8 (plain ASCII included); otherwise GB18030, the superset of GBK
 * and GB2312. `--encoding` forces any encoding iconv-lite knows.
 *
 * Decoding is streaming. UTF-8 bytes are validated (Buffer's isUtf8, backed by simdutf) and decoded one chunk at a
 * time, a sequence cut by the chunk's end carried to the next; other encodings go through iconv-lite's streaming
 * decoder. Either way the CSV tokenizer receives text.
 *
 * @throws UsageError for an encoding name iconv-lite does not know
 * @example detectEncoding(Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), true) // → { encoding: 'gb18030', bom: 0 } ("中文" in GBK)
 */
import { isUtf8 } from 'node:buffer';
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
 * The encoding of a file from its first bytes.
 * @param complete whether `head` is the whole file (otherwise its last up to 3 bytes may be a cut UTF-8 sequence)
 */
export function detectEncoding(head: Buffer, complete: boolean): { encoding: EncodingName; bom: number } {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf8', bom: 3 };
  const end = complete ? head.length : utf8SafeEnd(head);
  return { encoding: isUtf8(head.subarray(0, end)) ? 'utf8' : 'gb18030', bom: 0 };
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

/**
 * A streaming decoder from the file's bytes to text for the CSV tokenizer.
 * `write` returns the text to parse, or an `{ invalid: true }` marker when UTF-8 input breaks: the text before the
 * break is in `valid`.
 */
export interface Transcoder {
  write(chunk: Buffer): string | { valid: string; invalid: true };
  end(): string | { valid: string; invalid: true };
  /** UTF-8 only: hands back the bytes of a character the last chunk cut (null if none). */
  takeCarry(): Buffer | null;
}

export function makeTranscoder(encoding: EncodingName): Transcoder {
  if (encoding === 'utf8') {
    let carry: Buffer | null = null;
    const check = (buf: Buffer, final: boolean): string | { valid: string; invalid: true } => {
      const end = final ? buf.length : utf8SafeEnd(buf);
      const body = end === buf.length ? buf : buf.subarray(0, end);
      carry = end === buf.length ? null : Buffer.from(buf.subarray(end));
      if (isUtf8(body)) return body.toString('utf8');
      return { valid: body.toString('utf8', 0, firstInvalidUtf8(body)), invalid: true };
    };
    return {
      write: (chunk) => check(carry ? Buffer.concat([carry, chunk]) : chunk, false),
      end: () => (carry ? check(carry, true) : ''),
      takeCarry: () => {
        const c = carry;
        carry = null;
        return c;
      },
    };
  }
  const decoder = iconv.getDecoder(encoding);
  return {
    write: (chunk) => decoder.write(chunk),
    end: () => decoder.end() ?? '',
    takeCarry: () => {
      throw new Error('takeCarry: only UTF-8 text is read as bytes');
    },
  };
}
