/**
 * The CSV tokenizer against csv-parse (the reference it replaces on the hot path, issue 7): on arbitrary text, cut
 * into chunks at arbitrary positions, it must yield exactly the records csv-parse yields with the reader's former
 * options, and fail on an unclosed quote exactly where csv-parse does. Expected values in the example tests were
 * read off csv-parse 6.2 with those options.
 */
import { Parser } from 'csv-parse';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer, UnclosedQuoteError } from '../../src/io/csv-tokenizer.js';

type Outcome = { records: string[][]; error: number | null };

/** csv-parse with the options csv-reader.ts used: the records, and the record number of an unclosed quote. */
function reference(text: string): Outcome {
  const api = (new Parser({ relax_column_count: true, skip_empty_lines: false, relax_quotes: true, record_delimiter: ['\r\n', '\n', '\r'] }) as unknown as {
    api: { parse(b: Buffer | undefined, end: boolean, push: (r: string[]) => void, close: () => void): Error | undefined };
  }).api;
  const records: string[][] = [];
  let err = api.parse(Buffer.from(text, 'utf8'), false, (r) => records.push(r), () => {});
  if (!err) err = api.parse(undefined, true, (r) => records.push(r), () => {});
  if (err && (err as Error & { code?: string }).code !== 'CSV_QUOTE_NOT_CLOSED') throw err;
  return { records, error: err ? records.length + 1 : null };
}

function tokenize(text: string, cuts: number[]): Outcome {
  const t = new CsvTokenizer();
  const records: string[][] = [];
  const push = (r: string[]) => records.push(r);
  let at = 0;
  for (const c of [...new Set(cuts)].filter((c) => c > 0 && c < text.length).sort((a, b) => a - b)) {
    t.write(text.slice(at, c), push);
    at = c;
  }
  t.write(text.slice(at), push);
  try {
    t.end(push);
    return { records, error: null };
  } catch (e) {
    if (!(e instanceof UnclosedQuoteError)) throw e;
    return { records, error: e.record };
  }
}

// Characters chosen to hit every branch: delimiters, quotes, line breaks, CJK (two-byte strings), spaces.
const charArb = fc.constantFrom(',', '"', '"', '\r', '\n', 'a', 'b', ' ', '中', '文', '0', '\u00e9');
const rawTextArb = fc.array(charArb, { maxLength: 60 }).map((a) => a.join(''));
const fieldArb = fc.array(fc.constantFrom(',', '"', '\r', '\n', '\r\n', 'x', '办结', '', ' '), { maxLength: 5 }).map((a) => a.join(''));
const wellFormedArb = fc
  .tuple(fc.array(fc.array(fieldArb, { minLength: 1, maxLength: 5 }), { maxLength: 6 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean())
  .map(([rows, eol, trailing]) => {
    const q = (s: string) => (/[",\r\n]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s);
    const body = rows.map((r) => r.map(q).join(',')).join(eol);
    return trailing ? body + eol : body;
  });

describe('CsvTokenizer', () => {
  it('yields what csv-parse yields on arbitrary text cut at arbitrary positions', () => {
    fc.assert(
      fc.property(fc.oneof(rawTextArb, wellFormedArb), fc.array(fc.nat({ max: 70 }), { maxLength: 6 }), (text, cuts) => {
        expect(tokenize(text, cuts)).toEqual(reference(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('yields the same records whatever single position the text is cut at', () => {
    const text = 'a,"b ""q""\r\nc",中文\r\n\r\n"x"y,z\rlast,"';
    const whole = reference(text);
    for (let c = 0; c <= text.length; c++) expect(tokenize(text, [c])).toEqual(whole);
  });

  it('reads quoted line breaks, doubled quotes, blank lines and relaxed quotes as csv-parse does', () => {
    // Read off csv-parse 6.2: "a"b keeps its quotes; a blank line is one empty cell; CR alone ends a record.
    expect(tokenize('h1,h2\n"a\nb","c""d"\n\n"a"b,c\re,', [])).toEqual({
      records: [['h1', 'h2'], ['a\nb', 'c"d'], [''], ['"a"b', 'c'], ['e', '']],
      error: null,
    });
  });

  it('names the record where an unclosed quote opens', () => {
    expect(tokenize('a,b\n1,2\n3,"open\n4,5\n', [5, 11])).toEqual({ records: [['a', 'b'], ['1', '2']], error: 3 });
  });

  it('reads a 10 MB field fed in 64 KiB chunks', () => {
    const big = 'x'.repeat(10_000_000);
    const text = `id,note\n1,"${big}"\n2,y\n`;
    const cuts: number[] = [];
    for (let c = 65_536; c < text.length; c += 65_536) cuts.push(c);
    const out = tokenize(text, cuts);
    expect(out.records.length).toBe(3);
    expect(out.records[1][1].length).toBe(10_000_000);
    expect(out.records[2]).toEqual(['2', 'y']);
  });
});
