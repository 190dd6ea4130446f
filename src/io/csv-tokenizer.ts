/**
 * A streaming RFC 4180 tokenizer: decoded text goes in chunk by chunk, records (arrays of cell strings) come out.
 * It reproduces exactly what csv-parse yields with the options govscore used before (`relax_column_count`,
 * `relax_quotes`, `skip_empty_lines: false`, record delimiters CRLF, LF and CR) — a differential fast-check property
 * in test/io/csv-tokenizer.test.ts checks that on arbitrary text cut into arbitrary chunks:
 * - fields are separated by `,`, records by `\r\n`, `\n` or `\r`; a blank line is a record of one empty cell (so
 *   record numbers match the rows a spreadsheet shows); the end of the text ends the last record without adding one;
 * - a field that begins with `"` is quoted: it runs to the next `"` not doubled (`""` stands for one quote), and may
 *   hold commas and line breaks;
 * - a quote that closes a field but is followed by something other than a delimiter (`"a"b`) does not end it:
 *   as csv-parse's relax_quotes does, the field becomes `"` + the text read so far + `"` followed by the rest read as
 *   an unquoted field (`"a"b,c` → `"a"b`, `c`); quotes inside an unquoted field are ordinary characters;
 * - a quoted field still open at the end of the text is an error naming the record where it began.
 *
 * Why not csv-parse on the hot path: on the benchmark's case logs (perf/metrics.bench.js on 2 noisy cores; README.md
 * § Benchmarks) csv-parse alone needs 10–14 s to stream 1M rows (187 MB) and 105–111 s for 10M, against 1.7–2.3 s /
 * 19–21 s for udsv and 1.8–2.7 s / 23–24 s for papaparse; the reader spent over half its CPU inside csv-parse. udsv
 * is fast but loses data on malformed input (a short row is merged into the next, an unclosed quote yields no rows),
 * so it cannot be the reader. This tokenizer works on strings the way the fast parsers do — one decode per chunk,
 * `indexOf` for line ends, `String#split` for a line without quotes or stray CRs, a character loop for the rest —
 * and streams the same files in about the same time (1.9–3.1 s / 19–25 s).
 * Working on decoded text rather than bytes keeps it independent of the encoding: GBK/GB18030 would be safe to
 * scan bytewise too (their trail bytes are never 0x22, 0x2C, 0x0A or 0x0D), but decoding first keeps one code path for every encoding.
 *
 * A record cut by the end of a chunk is kept and read again, whole, when the next chunk arrives; while no line
 * break has arrived it is only searched for one (indexOf), so a 10 MB field fed in 64 KiB chunks costs a fraction
 * of a second (tested).
 *
 * @throws UnclosedQuoteError from `end()` when the text ends inside a quoted field (`record` is its 1-based number)
 * @example
 *   const t = new CsvTokenizer(); const out: string[][] = [];
 *   t.write('a,"b\n', (r) => out.push(r)); t.write('c"\r\nd', (r) => out.push(r)); t.end((r) => out.push(r));
 *   out // → [['a', 'b\nc'], ['d']]
 */

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

export class UnclosedQuoteError extends Error {
  constructor(readonly record: number) {
    super(`Quote Not Closed: the quoted field of row ${record} is never closed`);
  }
}

export class CsvTokenizer {
  /** The start of a record the last chunk cut, waiting for the rest. */
  private carry = '';
  /** Records emitted so far (blank ones included): the number of the last record. */
  records = 0;

  /** Hands back the start of a cut record (the caller reads on from it another way); '' at a record boundary. */
  takeCarry(): string {
    const c = this.carry;
    this.carry = '';
    return c;
  }

  /** Whether a record cut by the end of the last chunk is waiting for the rest (false at a record boundary). */
  get pending(): boolean {
    return this.carry.length > 0;
  }

  /** Tokenizes one more chunk of text; records the chunk completes go to `onRecord`. */
  write(text: string, onRecord: (cells: string[]) => void): void {
    const s = this.carry.length ? this.carry + text : text;
    this.carry = '';
    this.scan(s, false, onRecord);
  }

  /** Ends the text: the last record, if unterminated, goes to `onRecord`. */
  end(onRecord: (cells: string[]) => void): void {
    const s = this.carry;
    this.carry = '';
    if (s.length) this.scan(s, true, onRecord);
  }

  /** Scans `s` from its start, which is always a record start; keeps a cut record in `carry` unless `final`. */
  private scan(s: string, final: boolean, onRecord: (cells: string[]) => void): void {
    const n = s.length;
    let pos = 0;
    // The next quote and CR at or after pos (n when none): a line free of both is split by String#split, a builtin
    // several times faster than the character loop below, which handles every other line.
    let nextQuote = -1;
    let nextCr = -1;
    records: while (pos < n) {
      if (nextQuote < pos) {
        nextQuote = s.indexOf('"', pos);
        if (nextQuote < 0) nextQuote = n;
      }
      if (nextCr < pos) {
        nextCr = s.indexOf('\r', pos);
        if (nextCr < 0) nextCr = n;
      }
      const lf = s.indexOf('\n', pos);
      if (lf < 0 && nextCr === n && !final) {
        // No line break left: the record cannot end in this chunk (a long field arriving piece by piece).
        this.carry = s.slice(pos);
        return;
      }
      if (lf >= 0 && lf < nextQuote && (lf < nextCr || nextCr === lf - 1)) {
        this.records++;
        onRecord(s.slice(pos, nextCr === lf - 1 ? lf - 1 : lf).split(','));
        pos = lf + 1;
        continue;
      }
      const recordStart = pos;
      const cells: string[] = [];
      let p = pos;
      for (;;) {
        // p is at the start of a field.
        if (p < n && s.charCodeAt(p) === QUOTE) {
          let value = '';
          let from = p + 1;
          for (;;) {
            const k = s.indexOf('"', from);
            if (k < 0 || (k + 1 === n && !final)) {
              // The quoted field runs past this chunk (or its closing quote may be the first of a doubled pair).
              if (!final) {
                this.carry = s.slice(recordStart);
                return;
              }
              throw new UnclosedQuoteError(this.records + 1);
            }
            const next = k + 1 < n ? s.charCodeAt(k + 1) : -1;
            if (next === QUOTE) {
              value += s.slice(from, k + 1);
              from = k + 2;
              continue;
            }
            value += s.slice(from, k);
            p = k + 1;
            if (next !== COMMA && next !== LF && next !== CR && next !== -1) {
              // relax_quotes: not a closing quote after all; the rest of the field is read unquoted.
              let e = p;
              for (; e < n; e++) {
                const c = s.charCodeAt(e);
                if (c === COMMA || c === LF || c === CR) break;
              }
              if (e === n && !final) {
                this.carry = s.slice(recordStart);
                return;
              }
              value = '"' + value + '"' + s.slice(p, e);
              p = e;
            }
            break;
          }
          cells.push(value);
        } else {
          let e = p;
          for (; e < n; e++) {
            const c = s.charCodeAt(e);
            if (c === COMMA || c === LF || c === CR) break;
          }
          if (e === n && !final) {
            this.carry = s.slice(recordStart);
            return;
          }
          cells.push(s.slice(p, e));
          p = e;
        }
        // p is at the delimiter after the field, or at the end of the (final) text.
        if (p >= n) {
          this.records++;
          onRecord(cells);
          break records;
        }
        const d = s.charCodeAt(p);
        if (d === COMMA) {
          p++;
          continue;
        }
        if (d === LF) {
          this.records++;
          onRecord(cells);
          pos = p + 1;
          continue records;
        }
        // CR: a CRLF pair or a lone CR; at the end of a chunk the LF may be in the next one.
        if (p + 1 < n) {
          this.records++;
          onRecord(cells);
          pos = s.charCodeAt(p + 1) === LF ? p + 2 : p + 1;
          continue records;
        }
        if (!final) {
          this.carry = s.slice(recordStart);
          return;
        }
        this.records++;
        onRecord(cells);
        break records;
      }
    }
  }
}
