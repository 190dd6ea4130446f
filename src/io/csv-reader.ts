/**
 * Streams a CSV file: bytes are read in 64 KiB chunks, hashed (SHA-256) and decoded in the same pass, and split into
 * records by CsvTokenizer (csv-tokenizer.ts, which yields what csv-parse does, several times faster), so memory
 * stays flat whatever the file's size and there is one await per chunk rather than per row. Row numbers count every
 * record, blank lines included, so they match what a spreadsheet shows.
 *
 * @throws DataError for an empty file, a binary or UTF-16 file, malformed CSV (e.g. an unclosed quote; the row where
 *   the bad record starts), or bytes that break UTF-8 in a file read as UTF-8 (row named, hint --encoding gb18030)
 * @example const t = await openCsv('cases.csv', {}); t.header // → ['工单编号', '所属社区', …]
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { DataError } from '../errors.js';
import { CsvTokenizer, UnclosedQuoteError } from './csv-tokenizer.js';
import { detectEncoding, makeTranscoder, normalizeEncoding, type EncodingName, type Transcoder } from './encoding.js';
import { isBlankRow, rowsOf, type TableReader, type TableRow } from './table.js';

// 64 KiB: a chunk's records are garbage before the next young-generation collection; with 1 MiB chunks they
// survived it and the metric stage took 7.6 s instead of 5.7 s per million rows (and 300 MB instead of 150 MB).
const CHUNK = 1 << 16;

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
 * - A later part (`start` > 0) is given the header and encoding; its row numbers count from 1 at `start` (the
 *   caller adds the rows before it) and it has no checksum.
 */
export interface CsvWindow {
  start: number;
  end: number;
  header?: string[];
  encoding?: EncodingName;
}

export async function openCsv(path: string, opts: { encoding?: string; size: number; window?: CsvWindow }): Promise<TableReader> {
  const win = opts.window ?? null;
  const later = win !== null && win.start > 0;
  if (later && (!win.header || !win.encoding)) throw new Error('openCsv: a later part needs the header and the encoding');
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
    pending.push({ row: recordNo, cells: record });
  };

  let transcoder: Transcoder | null = later ? makeTranscoder(win.encoding!) : null;
  let encoding = later ? win.encoding! : 'utf8';
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
  const transcode = (out: string | { valid: string; invalid: true }, end: boolean) => {
    if (typeof out === 'string') {
      feed(out, end);
      return;
    }
    feed(out.valid, false);
    if (!failure) {
      failure = new DataError(
        `the file is not valid ${encoding === 'utf8' ? 'UTF-8' : encoding} from row ${recordNo + 1} on`,
        { file: path, row: recordNo + 1 },
        'try --encoding gb18030',
      );
    }
  };

  /** Reads and parses one more chunk; false at the end of the file. */
  const fill = async (): Promise<boolean> => {
    if (eof || failure) return false;
    const next = await chunks.next();
    if (next.done) {
      if (win && !later && clean === null && win.end < opts.size) {
        // The end of the first part: a record boundary unless a quoted field runs on past it (and, for a file
        // that starts with blank lines, only once the header has been read).
        clean = !tokenizer.pending && header !== null;
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
      let bom = 0;
      // The first part of a split file takes the encoding detected on the whole file's first chunk (a part's
      // first chunk may be shorter than that chunk, and so be detected differently).
      const forced = opts.encoding ?? win?.encoding;
      if (forced) {
        encoding = normalizeEncoding(forced);
        if (encoding === 'utf8' && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) bom = 3;
      } else {
        sniffBinary(chunk, path);
        const d = detectEncoding(chunk, chunk.length >= opts.size);
        encoding = d.encoding;
        bom = d.bom;
      }
      transcoder = makeTranscoder(encoding);
      transcode(transcoder.write(bom ? chunk.subarray(bom) : chunk), false);
    } else {
      transcode(transcoder!.write(chunk), false);
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
          if (pending.length) {
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
      return encoding;
    },
    rows: rowsOf(batches),
    batches,
    sha256: () => (digest !== null ? Promise.resolve(digest) : digestPromise),
    close: () => (eof ? Promise.resolve() : closeQuietly()),
    part: win
      ? {
          records: () => recordNo,
          headerRow: () => headerRow,
          clean: () => clean,
        }
      : undefined,
  };
}
