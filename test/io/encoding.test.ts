/**
 * Encoding detection on the whole file (src/io/encoding.ts, design §3.1): decided on whole lines, the same
 * wherever the 64 KiB chunks fall, and a file that is neither consistently UTF-8 nor consistently GBK stops.
 * GBK bytes come from iconv-lite's encoder; "中文" in GBK is D6 D0 CE C4 (GB2312 code chart).
 */
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { classifyLine, makeDetectingTranscoder, type Decoded, type TranscodeEvent } from '../../src/io/encoding.js';

/**
 * Feeds the bytes in the given pieces and flattens what comes out: text runs and events in order. An event comes
 * at the first byte it applies to or earlier, within the same line (the row is what counts: the reader numbers it
 * by the line breaks before it).
 */
function decode(pieces: Buffer[]): (string | TranscodeEvent)[] {
  const t = makeDetectingTranscoder();
  const out: (string | TranscodeEvent)[] = [];
  let stopped = false;
  const take = (d: Decoded) => {
    for (const p of typeof d === 'string' ? [d] : d) {
      if (stopped) throw new Error('output after a stop');
      if (typeof p === 'string') {
        if (p === '') continue;
        if (typeof out[out.length - 1] === 'string') out[out.length - 1] += p;
        else out.push(p);
      } else {
        out.push(p);
        if (p.kind !== 'decided') stopped = true;
      }
    }
  };
  for (const p of pieces) if (!stopped) take(t.write(p));
  if (!stopped) take(t.end());
  return out;
}

const gbk = (s: string) => iconv.encode(s, 'gbk');
const u8 = (s: string) => Buffer.from(s, 'utf8');
const SHORT = Buffer.from([0xe4, 0xb8, 0xad, 0xe6, 0x96, 0x87]);

/** The output with each event's place given as the number of line breaks before it, and text cut at a stop's line. */
function rows(out: (string | TranscodeEvent)[]): (string | { event: TranscodeEvent; breaks: number })[] {
  let text = '';
  const res: (string | { event: TranscodeEvent; breaks: number })[] = [];
  for (const p of out) {
    if (typeof p === 'string') text += p;
    else res.push({ event: p, breaks: text.split(/\r\n|\r|\n/).length - 1 });
  }
  const stop = res.some((r) => typeof r !== 'string' && r.event.kind !== 'decided');
  const lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  res.push(stop ? text.slice(0, lastBreak + 1) : text);
  return res;
}

describe('classifyLine', () => {
  it('tells ASCII, short valid UTF-8, plain CJK UTF-8 and non-UTF-8 apart', () => {
    const line = (b: Buffer) => classifyLine(b, 0, b.length);
    expect(line(u8('a,b,1'))).toBe('ascii');
    expect(line(u8('café,东湖'))).toBe('weak'); // two CJK characters: below STRONG_UTF8
    expect(line(u8('东湖社区,1'))).toBe('strong');
    expect(line(gbk('东湖社区,1'))).toBe('invalid');
  });
});

describe('detection on whole lines', () => {
  it('reads ASCII then GBK as GB18030, the decision placed at the first non-ASCII byte', () => {
    const bytes = Buffer.concat([u8('id,unit\n1,x\n'), gbk('2,东湖社区\n3,西湖社区\n')]);
    expect(decode([bytes])).toEqual(['id,unit\n1,x\n2,', { kind: 'decided', encoding: 'gb18030' }, '东湖社区\n3,西湖社区\n']);
  });

  it('stops a UTF-8 file at a GBK cell (not-utf8), after the text before it', () => {
    const bytes = Buffer.concat([u8('工单编号,所属社区\n1,东湖社区\n2,'), gbk('西湖社区'), u8('\n')]);
    expect(decode([bytes])).toEqual([{ kind: 'decided', encoding: 'utf8' }, '工单编号,所属社区\n1,东湖社区\n2,', { kind: 'not-utf8' }]);
  });

  it('stops a GBK file at a plain UTF-8 line (utf8-line), at the start of that line', () => {
    const bytes = Buffer.concat([u8('id,unit\n'), gbk('1,东湖社区\n'), u8('2,西湖社区\n')]);
    expect(decode([bytes])).toEqual(['id,unit\n1,', { kind: 'decided', encoding: 'gb18030' }, '东湖社区\n', { kind: 'utf8-line' }]);
  });

  it('stops a GBK file at a row with one UTF-8 cell among GBK cells (the line as a whole is not UTF-8)', () => {
    // verify12: a GBK export with 望江社区 pasted as UTF-8 read on as GB18030, the unit name garbled to 鏈涙睙绀惧尯.
    const bytes = Buffer.concat([u8('id,unit,dept\n'), gbk('1,东湖社区,城管\n2,'), u8('望江社区'), gbk(',城管\n')]);
    expect(decode([bytes])).toEqual(['id,unit,dept\n1,', { kind: 'decided', encoding: 'gb18030' }, '东湖社区,城管\n', { kind: 'utf8-line' }]);
  });

  it('reads on past GBK cells whose bytes are valid UTF-8 by chance in short runs (中文 as GBK 涓枃)', () => {
    const bytes = Buffer.concat([u8('id,unit\n'), gbk('1,东湖社区,'), SHORT, u8(','), SHORT, gbk(',西湖\n')]);
    expect(decode([bytes]).at(-1)).not.toEqual({ kind: 'utf8-line' });
  });

  it('holds short lines that read as UTF-8 until a line decides (a GBK file whose first Chinese is two characters)', () => {
    // E4 B8 AD E6 96 87 is "中文" in UTF-8 and three characters in GBK (涓, U+E1C6, 枃): a short GBK cell valid as UTF-8.
    const first = Buffer.concat([u8('1,'), SHORT, u8('\n')]);
    expect(classifyLine(first, 0, first.length - 1)).toBe('weak');
    const bytes = Buffer.concat([u8('id,unit\n'), first, gbk('2,东湖社区\n')]);
    expect(decode([bytes])).toEqual(['id,unit\n1,', { kind: 'decided', encoding: 'gb18030' }, iconv.decode(SHORT, 'gb18030') + '\n2,东湖社区\n']);
  });

  it('reads a file of only short valid UTF-8 lines as UTF-8 at its end', () => {
    expect(decode([u8('a,é\nb,ü\n')])).toEqual(['a,', { kind: 'decided', encoding: 'utf8' }, 'é\nb,ü\n']);
  });

  it('gives the same text and events wherever the chunks are cut', () => {
    const line = fc.oneof(
      fc.constantFrom('1,x', '2,yy', '').map(u8),
      fc.constantFrom('3,东湖社区', '4,é', '5,中文').map(u8),
      fc.constantFrom('6,西湖社区', '7,南湖').map(gbk),
      fc.constant(Buffer.concat([u8('8,'), SHORT])),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'), fc.array(fc.nat(), { maxLength: 6 }), (lines, eol, cuts) => {
        const bytes = Buffer.concat(lines.flatMap((l) => [l, u8(eol)]));
        const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const pieces: Buffer[] = [];
        let from = 0;
        for (const c of at) {
          pieces.push(bytes.subarray(from, c));
          from = c;
        }
        pieces.push(bytes.subarray(from));
        expect(rows(decode(pieces))).toEqual(rows(decode([bytes])));
      }),
      { numRuns: 300 },
    );
  });
});
