/**
 * Streams a CSV file: bytes are read in 64 KiB chunks, hashed (SHA-256) and decoded in the same pass, and split into
 * records by CsvTokenizer (csv-tokenizer.ts, which yields what csv-parse does, several times faster), so memory
 * stays flat whatever the file's size and there is one await per chunk rather than per row. Row numbers count every
 * record, blank lines included, so they match what a spreadsheet shows.
 *
 * With a row sink attached (TableReader.attach) whose `line` reads lines as bytes, a UTF-8 file is read in byte mode
 * after its first chunk: whole lines go to `line` undecoded (fast-case-line.ts), lines it hands back are decoded and
 * split at commas, and from a line with a quote or a stray CR the decoder and tokenizer read on as above until the
 * next chunk. Row numbers, blank lines, encoding errors and the end of a first part are the same in both modes.
 *
 * The encoding is detected on the whole file as it streams (encoding.ts): a file that is neither consistently UTF-8
 * nor consistently GBK/GB18030 stops at the first row that breaks it (MixedEncodingError, exit 3).
 *
 * @throws DataError for an empty file, a binary or UTF-16 file, malformed CSV (e.g. an unclosed quote; the row where
 *   the bad record starts), bytes that break UTF-8 in a file forced to UTF-8 (row named, hint --encoding gb18030),
 *   or a file of mixed encodings (MixedEncodingError: the row, and the fix)
 * @example const t = await openCsv('cases.csv', {}); t.header // → ['工单编号', '所属社区', …]
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { DataError } from '../errors.js';
import { CsvTokenizer, UnclosedQuoteError } from './csv-tokenizer.js';
import {
  makeDetectingTranscoder,
  makeTranscoder,
  normalizeEncoding,
  type Decoded,
  type EncodingName,
  type EncodingVerdict,
  type Transcoder,
} from './encoding.js';
import { isBlankRow, rowsOf, type RowSink, type TableReader, type TableRow } from './table.js';
import { FAST_COMPLEX, FAST_OK, FAST_SIMPLE } from './fast-case-line.js';
import { isAscii, isUtf8 } from 'node:buffer';

// 64 KiB: a chunk's records are garbage before the next young-generation collection; with 1 MiB chunks they
// survived it and the metric stage took 7.6 s instead of 5.7 s per million rows (and 300 MB instead of 150 MB).
const CHUNK = 1 << 16;
/** In byte mode, a line still without its end past this many bytes goes to the tokenizer instead. */
const BYTE_LINE_LIMIT = 1 << 20;

/**
 * A file that is neither consistently UTF-8 nor consistently GBK/GB18030 (design §3.1): at `row` the bytes are not
 * UTF-8 though the text before them is (`not-utf8`), or a line is plainly UTF-8 though the file's earlier non-ASCII
 * text, from row `gbFrom`, is not (`utf8-line`). The fields let a split read rebuild it with whole-file rows.
 */
export class MixedEncodingError extends DataError {
  constructor(
    file: string,
    readonly badRow: number,
    readonly kind: 'not-utf8' | 'utf8-line',
    readonly gbFrom?: number,
    /** Whether `gbFrom` is a row of the part read (false when it came with a later part's window). */
    readonly gbFromInPart = true,
  ) {
    super(
      kind === 'not-utf8'
        ? `row ${badRow} is not valid UTF-8, while the text before it is: the file mixes encodings (a cell pasted from a GBK file?)`
        : `row ${badRow} is UTF-8 text, but the file's earlier non-ASCII text, from row ${gbFrom} on, is not UTF-8 and reads as GBK/GB18030: the file mixes encodings`,
      { file, row: badRow },
      kind === 'not-utf8'
        ? `re-save the file as UTF-8 with row ${badRow} fixed (Excel: Save As "CSV UTF-8"); if the whole file really is GBK, use --encoding gb18030`
        : `re-save the whole file in one encoding (UTF-8: Excel's "CSV UTF-8"), checking rows ${gbFrom} and ${badRow}; or force one with --encoding utf8 or --encoding gb18030`,
    );
  }
}

function sniffBinary(head: Buffer, path: string): void {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
    throw new DataError('the file is UTF-16 text, which govscore does not read', { file: path }, 'save it as "CSV UTF-8" or open it as .xlsx');
  }
  const probe = head.subarray(0, 65_536);
  if (probe.includes(0)) {
    throw new DataError('the file holds binary data, not CSV text', { file: path }, 'give a CSV or XLSX export of the table');
  }
}

/**
 * A byte range of a CSV file read as one part of it, so that two threads can read the halves of a large case log
 * (src/pipeline/split-cases.ts). `end` must follow a line break.
 * - The first part (`start` 0) reads the header as usual, in `encoding` when given (else detected). At `end` it
 *   stops if `end` is a record boundary after the header (`table.part.clean()`), and otherwise — a quoted field
 *   holds the line break — reads on to the end of the file as if there were no window. Its SHA-256 covers the
 *   whole file either way.
 * - A later part (`start` > 0) is given the header and the encoding (forced) or detection's verdict so far; its
 *   row numbers count from 1 at `start` (the caller adds the rows before it) and it has no checksum. Undecided
 *   ('ascii'), it detects on its own bytes; `part.verdict()` tells the caller what it concluded.
 * - The first part detects (or is forced) as a whole read would; its end is not clean while undecided lines are held.
 */
export interface CsvWindow {
  start: number;
  end: number;
  header?: string[];
  /** A later part: the encoding, when forced. */
  encoding?: EncodingName;
  /** A later part of a file whose encoding is detected: detection's state where the part starts (rows: whole file). */
  verdict?: EncodingVerdict;
}

export async function openCsv(path: string, opts: { encoding?: string; size: number; window?: CsvWindow }): Promise<TableReader> {
  const win = opts.window ?? null;
  const later = win !== null && win.start > 0;
  if (later && (!win.header || (!win.encoding && !win.verdict))) throw new Error('openCsv: a later part needs the header and the encoding');
  const fh = await open(path, 'r');
  let stream = fh.createReadStream(win ? { highWaterMark: CHUNK, start: win.start, end: win.end - 1, autoClose: false } : { highWaterMark: CHUNK });
  let chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const hash = createHash('sha256');
  /** First part: null until `end` is reached; then whether it was a record boundary. */
  let clean: boolean | null = null;
  let digest: string | null = null;
  let resolveDigest: (d: string) => void = () => {};
  const digestPromise = new Promise<string>((res) => (resolveDigest = res));

  const tokenizer = new CsvTokenizer();

  let header: string[] | null = later ? win.header!.slice() : null;
  let headerRow = 0;
  /** Records seen so far, blank ones included: the row number of the last record. */
  let recordNo = 0;
  let dataRows = 0;
  let pending: TableRow[] = [];
  const push = (record: string[]) => {
    recordNo++;
    if (header === null) {
      if (!isBlankRow(record)) {
        header = record.map((h) => h.trim());
        headerRow = recordNo;
      }
      return;
    }
    if (isBlankRow(record)) return;
    dataRows++;
    if (sink !== null) sink.row(recordNo, record);
    else pending.push({ row: recordNo, cells: record });
  };

  // ── Rows handed straight to a sink (attach), and UTF-8 lines read as bytes by the sink's `line` ──
  let sink: RowSink | null = null;
  /** Whole lines go to sink.line as bytes; the tokenizer takes over from any line it cannot read. */
  let byteMode = false;
  /** The start of a line the last chunk cut (byte mode). */
  let byteCarry: Buffer | null = null;
  /** Text mode from here: `rest` (the start of a record) goes through the decoder and the tokenizer. */
  const toTextMode = (rest: Buffer | null) => {
    byteMode = false;
    tokenizer.records = recordNo;
    if (rest !== null && rest.length) transcode(transcoder!.write(rest), false);
  };
  const lines = (chunk: Buffer) => {
    const buf = byteCarry !== null ? Buffer.concat([byteCarry, chunk]) : chunk;
    byteCarry = null;
    const last = buf.lastIndexOf(0x0a);
    if (last < 0) {
      // No line end yet: keep the bytes, unless the line grows long (a huge quoted field): the tokenizer reads
      // long records without copying them over and over.
      if (buf.length > BYTE_LINE_LIMIT) toTextMode(buf);
      else byteCarry = Buffer.from(buf);
      return;
    }
    // A break in the UTF-8 goes to the decoder, which reports it at its row as ever; so does the first non-ASCII
    // text of a file whose encoding is still undecided (the decoder decides on whole lines).
    if (!isUtf8(buf.subarray(0, last + 1))) return toTextMode(buf);
    if (transcoder!.verdict === 'ascii' && !isAscii(buf.subarray(0, last + 1))) return toTextMode(buf);
    const line = sink!.line!;
    // The next quote and CR at or after pos (buf.length when none), found by the native search.
    let nextQuote = -1;
    let nextCr = -1;
    let pos = 0;
    while (pos <= last) {
      const lf = buf.indexOf(0x0a, pos);
      const end = lf > pos && buf[lf - 1] === 0x0d ? lf - 1 : lf;
      if (nextQuote < pos) {
        nextQuote = buf.indexOf(0x22, pos);
        if (nextQuote < 0) nextQuote = buf.length;
      }
      if (nextCr < pos) {
        nextCr = buf.indexOf(0x0d, pos);
        if (nextCr < 0) nextCr = buf.length;
      }
      // A quote or a CR inside the line: the tokenizer reads on from here.
      const status = nextQuote < lf || nextCr < end ? FAST_COMPLEX : line(buf, pos, end, recordNo + 1);
      if (status === FAST_OK) {
        recordNo++;
        dataRows++;
      } else if (status === FAST_SIMPLE) {
        // No quote and no stray CR: what the tokenizer would make of the line.
        push(buf.toString('utf8', pos, end).split(','));
      } else {
        return toTextMode(buf.subarray(pos));
      }
      pos = lf + 1;
    }
    if (pos < buf.length) byteCarry = Buffer.from(buf.subarray(pos));
  };
  /** Feeds a chunk after the first: as lines of bytes when the sink reads them and the text is at a line start. */
  const more = (chunk: Buffer) => {
    if (!byteMode && sink?.line && transcoder!.encoding === 'utf8' && !transcoder!.holding && failure === null) {
      // Into byte mode: the cut record the tokenizer holds (and any cut character) become the carried bytes.
      byteMode = true;
      const text = tokenizer.takeCarry();
      const cut = transcoder!.takeCarry();
      const parts = [text ? Buffer.from(text, 'utf8') : null, cut].filter((b): b is Buffer => b !== null);
      byteCarry = parts.length ? Buffer.concat(parts) : null;
    }
    if (byteMode) lines(chunk);
    else transcode(transcoder!.write(chunk), false);
  };

  let transcoder: Transcoder | null = later ? (win.verdict ? makeDetectingTranscoder(win.verdict.encoding) : makeTranscoder(win.encoding!)) : null;
  /** Row of the first non-ASCII line once detection has decided (of the whole file when given by the window). */
  let verdictRow: number | undefined = later ? win.verdict?.row : undefined;
  let eof = false;
  let failure: DataError | null = null;
  let started = later;

  const feed = (text: string, end: boolean) => {
    tokenizer.write(text, push);
    if (!end) return;
    try {
      tokenizer.end(push);
    } catch (e) {
      if (!(e instanceof UnclosedQuoteError)) throw e;
      failure = new DataError(`malformed CSV: ${e.message}`, { file: path, row: e.record });
    }
  };
  const transcode = (out: Decoded, end: boolean) => {
    if (typeof out === 'string') {
      feed(out, end);
      return;
    }
    for (const piece of out) {
      if (typeof piece === 'string') {
        feed(piece, false);
        continue;
      }
      // The tokenizer has read the text before the event: the record it is in is the next one.
      const row = recordNo + 1;
      if (piece.kind === 'decided') {
        verdictRow = row;
        continue;
      }
      if (!failure) {
        failure =
          transcoder!.verdict === null
            ? new DataError(`the file is not valid UTF-8 from row ${row} on`, { file: path, row }, 'try --encoding gb18030')
            : new MixedEncodingError(path, row, piece.kind, verdictRow, !(later && win.verdict && win.verdict.encoding !== 'ascii'));
      }
      return;
    }
    if (end) feed('', true);
  };

  /** Reads and parses one more chunk; false at the end of the file. */
  const fill = async (): Promise<boolean> => {
    if (eof || failure) return false;
    const next = await chunks.next();
    if (next.done) {
      if (byteMode) toTextMode(byteCarry);
      byteCarry = null;
      if (win && !later && clean === null && win.end < opts.size) {
        // The end of the first part: a record boundary unless a quoted field runs on past it (and, for a file
        // that starts with blank lines, only once the header has been read).
        clean = !tokenizer.pending && header !== null && !transcoder!.holding;
        stream = fh.createReadStream({ highWaterMark: CHUNK, start: win.end, autoClose: false });
        chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
        if (!clean) return true;
        // Stop here; the rest of the file is only hashed, for the checksum of the whole file.
        eof = true;
        for await (const rest of stream as AsyncIterable<Buffer>) hash.update(rest);
        digest = hash.digest('hex');
        resolveDigest(digest);
        await fh.close().catch(() => {});
        return false;
      }
      eof = true;
      if (transcoder) transcode(transcoder.end(), true);
      else feed('', true);
      digest = later ? '' : hash.digest('hex');
      resolveDigest(digest);
      await fh.close().catch(() => {});
      return false;
    }
    const chunk = next.value;
    if (!later) hash.update(chunk);
    if (!started) {
      started = true;
      const bom = chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
      const forced = opts.encoding ?? win?.encoding;
      if (forced) {
        const encoding = normalizeEncoding(forced);
        transcoder = makeTranscoder(encoding);
        transcode(transcoder.write(bom && encoding === 'utf8' ? chunk.subarray(3) : chunk), false);
      } else {
        sniffBinary(chunk, path);
        // A BOM decides UTF-8 at once; otherwise detection reads on (encoding.ts).
        transcoder = makeDetectingTranscoder(bom ? 'utf8' : 'ascii');
        if (bom) verdictRow = 1;
        transcode(transcoder.write(bom ? chunk.subarray(3) : chunk), false);
      }
    } else {
      more(chunk);
    }
    return true;
  };

  const closeQuietly = async () => {
    stream.destroy();
    await fh.close().catch(() => {});
  };

  try {
    while (header === null && (await fill()));
  } catch (e) {
    await closeQuietly();
    throw e;
  }
  if (header === null) {
    await closeQuietly();
    if (failure) throw failure;
    throw new DataError('the file is empty: it has no header row', { file: path });
  }

  const batches: AsyncIterable<TableRow[]> = {
    async *[Symbol.asyncIterator]() {
      try {
        for (;;) {
          // (With a sink, an empty batch per chunk lets the reader hand on what the sink has gathered.)
          if (pending.length || sink !== null) {
            const out = pending;
            pending = [];
            yield out;
          }
          if (failure) throw failure;
          if (!(await fill())) {
            if (pending.length) {
              const out = pending;
              pending = [];
              yield out;
            }
            if (failure) throw failure;
            break;
          }
        }
        // (A part may have no data rows; the caller checks the whole file.)
        if (dataRows === 0 && !win) {
          throw new DataError('the file has a header but no data rows', { file: path, row: headerRow + 1 });
        }
      } finally {
        if (!eof) await closeQuietly();
      }
    },
  };

  return {
    path,
    header,
    get encoding() {
      return transcoder ? transcoder.encoding : 'utf8';
    },
    detection: () => verdictOf(transcoder, verdictRow),
    rows: rowsOf(batches),
    batches,
    sha256: () => (digest !== null ? Promise.resolve(digest) : digestPromise),
    close: () => (eof ? Promise.resolve() : closeQuietly()),
    attach: (s: RowSink) => {
      sink = s;
      for (const r of pending) s.row(r.row, r.cells);
      pending = [];
    },
    part: win
      ? {
          records: () => recordNo,
          headerRow: () => headerRow,
          clean: () => clean,
          verdict: () => verdictOf(transcoder, verdictRow),
        }
      : undefined,
  };
}

/** Detection's state for the caller (null when the encoding was forced). */
function verdictOf(t: Transcoder | null, row: number | undefined): EncodingVerdict | null {
  if (t === null || t.verdict === null) return null;
  return t.verdict === 'ascii' ? { encoding: 'ascii' } : { encoding: t.verdict, row };
}
