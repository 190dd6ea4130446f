/**
 * Reads a case log into the metric accumulator, on two cores when the file is a large CSV: the main thread reads
 * the first half of the bytes and a worker thread (case-worker.ts) the second, each validating its rows and
 * counting its cases exactly as a single reader would; then the halves are joined so that the result — metrics,
 * ledger, counts, row numbers, messages, checksum — is the one reading the file from top to bottom gives (a
 * property test in test/pipeline/split-cases.test.ts compares the two on arbitrary files cut at arbitrary points).
 *
 * How the halves are joined:
 * - The cut is the first line break after the middle (moved on by what one thread reads while the worker starts,
 *   WORKER_START_BYTES, so the halves end together). The first half stops there only if that is a record
 *   boundary; if a quoted field runs across it, the main thread reads on to the end of the file and the worker's
 *   work is dropped (the single-reader path, just slower).
 * - The second half numbers its rows from 1; its ledger entries, messages and errors are shifted by the rows of
 *   the first half. An error in the first half comes first, as it would in one pass.
 * - Duplicate ids are rejected after the first valid row in the period. A case the worker accepted whose id the
 *   first half had already accepted is found by comparing the two id tables, read again (only those rows are
 *   validated on the re-read), taken out of the counts, and rejected in the ledger at its place in row order;
 *   the worker's own duplicate entries of such an id are made to point at the first half's row.
 * - The encoding (detected, not forced): the worker starts from what the first chunk decided. If that was nothing
 *   (ASCII so far), it detects on its own half; should it conclude otherwise than the first half did (a mixed file,
 *   or a GBK file whose first half holds only short lines that read as UTF-8), it reads its half again from the
 *   first half's verdict, which is what one pass carries across the cut. A mixed-encoding error of the second half
 *   names its rows in the whole file (and, in a GBK file, the first half's first non-ASCII row).
 * - Counts are sums, so joining them is exact. (A satisfaction level score that is not an integer could differ
 *   in its last binary digit from a single pass, since the sums are added in another order.)
 *
 * Only CSV in UTF-8 or the GB family is split (their multi-byte characters never contain the line-break byte),
 * only files of at least `minSplitBytes`, and only when a second thread is allowed.
 */
import { existsSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ConfigError, DataError, UsageError, type GovscoreError } from '../errors.js';
import { CaseIdSet } from '../io/case-id-set.js';
import { fieldLabel } from '../io/file-tally.js';
import { openInput, type InputSpec, type ReadContext } from '../io/input.js';
import { planColumns } from '../io/mapping.js';
import { duplicateValue, R_DUPLICATE, readCases, type CasePart } from '../io/read-cases.js';
import { MixedEncodingError } from '../io/csv-reader.js';
import type { EncodingVerdict } from '../io/encoding.js';
import { Ledger } from '../ledger.js';
import type { CaseMetricsAccumulator } from '../metrics/cases.js';
import type { CaseRecord, DataIssue, MetricSettings, Period, UnitInfo } from '../types.js';
import { addCase, type CaseWorkerInput, type CaseWorkerMessage, type WorkerError } from './case-part.js';

/** Below this size a second thread costs more (its start, the join) than it saves. */
export const MIN_SPLIT_BYTES = 32 * 1024 * 1024;

/** About what one thread reads while the worker starts: the first half is longer by this much. */
const WORKER_START_BYTES = 6 * 1024 * 1024;

/** Encodings whose multi-byte characters never hold the byte 0x0A, so a line break byte is a character. */
const SPLITTABLE = new Set(['utf8', 'gb18030', 'gbk', 'gb2312', 'cp936']);

export interface CaseReading {
  spec: InputSpec;
  ctx: ReadContext;
  period: Period;
  units: UnitInfo[] | null;
  calendar: { file?: string; weekendsOnly?: boolean };
  settings: MetricSettings;
  /** Threads to use: 1 reads in one pass; 2 or more splits a large CSV in two (default: 2 on a multi-core machine). */
  threads?: number;
  /** Smallest file to split (default MIN_SPLIT_BYTES). */
  minSplitBytes?: number;
  /** Called as rows are read, with the running count of accepted rows from both halves. */
  onRows?: (rows: number) => void;
}

/**
 * Validates the case log into the ledger and counts every accepted case into `accumulator`, then applies the
 * rejection threshold.
 * @throws DataError as readCases does, with rows numbered in the whole file
 */
export async function accumulateCases(r: CaseReading, accumulator: CaseMetricsAccumulator): Promise<void> {
  const split = await planSplit(r);
  if (split === null) {
    let rows = 0;
    for await (const batch of readCases(r.spec, r.ctx)) {
      for (const rec of batch) addCase(accumulator, rec, r.spec.path);
      rows += batch.length;
      r.onRows?.(rows);
    }
    return;
  }
  await readSplit(r, accumulator, split);
}

interface Split {
  header: string[];
  encoding: string;
  /** Detection's state after the first chunk; null when the encoding is forced. */
  verdict: EncodingVerdict | null;
  at: number;
  size: number;
  worker: URL;
}

async function planSplit(r: CaseReading): Promise<Split | null> {
  const threads = r.threads ?? Math.min(2, availableParallelism());
  if (threads < 2) return null;
  const worker = new URL('./case-worker.js', import.meta.url);
  // Under the test runner the sources are TypeScript and there is no built worker: read in one pass.
  if (!existsSync(fileURLToPath(worker))) return null;
  let size: number;
  try {
    size = (await stat(r.spec.path)).size;
  } catch {
    return null; // the reader reports it
  }
  if (size < (r.minSplitBytes ?? MIN_SPLIT_BYTES)) return null;
  let header: string[];
  let encoding: string;
  let verdict: EncodingVerdict | null;
  try {
    const table = await openInput(r.spec, 'cases');
    header = table.header;
    encoding = table.encoding;
    verdict = table.detection?.() ?? null;
    await table.close();
  } catch {
    return null; // the one-pass reader reports it, as it always has
  }
  if (!SPLITTABLE.has(encoding)) return null;
  const fh = await open(r.spec.path, 'r');
  try {
    // The worker starts late (a thread and its modules, ~0.15 s), so the first half takes a little more.
    const mid = Math.floor((size + Math.min(WORKER_START_BYTES, size / 8)) / 2);
    const buf = Buffer.alloc(Math.min(1 << 20, size - mid));
    const { bytesRead } = await fh.read(buf, 0, buf.length, mid);
    const lf = buf.subarray(0, bytesRead).indexOf(0x0a);
    if (lf < 0 || mid + lf + 1 >= size) return null;
    return { header, encoding, verdict, at: mid + lf + 1, size, worker };
  } finally {
    await fh.close();
  }
}

type Outcome = Exclude<CaseWorkerMessage, { kind: 'progress' }>;

async function readSplit(r: CaseReading, accumulator: CaseMetricsAccumulator, split: Split): Promise<void> {
  const path = r.spec.path;
  const encoded = split.verdict ? { verdict: split.verdict } : { encoding: split.encoding };
  let later: CasePart['window'] = { start: split.at, end: split.size, header: split.header, ...encoded };
  let mainRows = 0;
  let workerRows = 0;
  const start = (window: CasePart['window']): { worker: Worker; outcome: Promise<Outcome> } => {
    const input: CaseWorkerInput = {
      spec: r.spec,
      window,
      period: r.period,
      registry: r.ctx.registry ? [...r.ctx.registry] : null,
      units: r.units,
      calendar: r.calendar,
      settings: r.settings,
    };
    const worker = new Worker(split.worker, { workerData: input });
    const outcome = new Promise<Outcome>((resolve) => {
      worker.on('message', (m: CaseWorkerMessage) => {
        if (m.kind === 'progress') {
          workerRows = m.rows;
          r.onRows?.(mainRows + workerRows);
        } else resolve(m);
      });
      worker.on('error', (e) => resolve({ kind: 'error', error: { type: 'Error', message: e.message, stack: e.stack }, verdict: null }));
      worker.on('exit', (code) => resolve({ kind: 'error', error: { type: 'Error', message: `the case-log worker thread stopped (exit code ${code})` }, verdict: null }));
    });
    return { worker, outcome };
  };
  let { worker, outcome } = start(later);

  // The first half detects its encoding as one pass would (or is forced through the spec, as one pass is).
  const first: CasePart = { window: { start: 0, end: split.at } };
  try {
    for await (const batch of readCases(r.spec, r.ctx, first)) {
      for (const rec of batch) addCase(accumulator, rec, path);
      mainRows += batch.length;
      r.onRows?.(mainRows + workerRows);
    }
  } catch (e) {
    await worker.terminate();
    throw e;
  }
  const one = first.result!;
  if (one.table.clean() !== true) {
    // A quoted field ran across the cut (or undecided lines were held there): the first half read the whole file.
    await worker.terminate();
    finish(r, one);
    return;
  }
  let m = await outcome;
  await worker.terminate();
  const mainVerdict = one.table.verdict();
  if (split.verdict?.encoding === 'ascii' && mainVerdict && mainVerdict.encoding !== 'ascii' && m.verdict && m.verdict.encoding !== 'ascii' && m.verdict.encoding !== mainVerdict.encoding) {
    // The halves detected different encodings: one pass would read the second half in the first half's.
    later = { ...later, verdict: mainVerdict };
    workerRows = 0;
    ({ worker, outcome } = start(later));
    m = await outcome;
    await worker.terminate();
  }
  const base = one.table.records();
  if (m.kind === 'error') throw shifted(m.error, base, path, mainVerdict);

  // The second half's counts, then the cases whose ids the first half had already accepted taken back out.
  accumulator.absorb(m.state, base);
  one.tally.absorb(m.stats, m.reasons);
  const cross = crossDuplicates(one.ids, CaseIdSet.fromSlots(m.ids));
  const again = await reread(r, later, cross.map((c) => c.row));
  for (const c of cross) {
    const rec = again.get(c.row);
    if (!rec) throw new Error(`split case log: row ${c.row + base} was accepted by the worker but not read again`);
    addCase(accumulator, rec, path, -1);
    one.tally.rejectAccepted(R_DUPLICATE);
  }

  // The ledger: the second half's entries in row order, the new duplicate rejections at their places.
  const plan = planColumns('cases', split.header, r.spec.mapping, path);
  const idLabel = fieldLabel(plan.fields.case_id.column, 'case_id');
  let d = 0;
  const shiftedIssues: DataIssue[] = m.issues.map((issue) => {
    let value = issue.value;
    if (issue.reason === R_DUPLICATE) {
      const dup = m.duplicates[d++];
      value = duplicateValue(dup.caseId, one.ids.get(dup.caseId) || dup.firstRow + base);
    }
    return { ...issue, row: issue.row === null ? null : issue.row + base, value };
  });
  const added: DataIssue[] = cross.map((c) => {
    const rec = again.get(c.row) as CaseRecord;
    return { file: path, row: c.row + base, field: idLabel, value: duplicateValue(rec.caseId, c.firstRow), reason: R_DUPLICATE, severity: 'error' };
  });
  let k = 0;
  for (const issue of shiftedIssues) {
    while (k < added.length && (added[k].row as number) < (issue.row ?? 0)) r.ctx.ledger.add(added[k++]);
    r.ctx.ledger.add(issue);
  }
  while (k < added.length) r.ctx.ledger.add(added[k++]);

  finish(r, one);
}

/** The whole file's last checks: some data rows, and the rejection threshold. */
function finish(r: CaseReading, one: NonNullable<CasePart['result']>): void {
  if (one.tally.stats.rows === 0) {
    throw new DataError('the file has a header but no data rows', { file: r.spec.path, row: one.table.headerRow() + 1 });
  }
  one.tally.finish(r.ctx.maxRejectShare, one.sha256);
}

/** Rows the second half accepted with an id the first half had accepted: (second-half row, first-half row). */
function crossDuplicates(first: CaseIdSet, second: CaseIdSet): { row: number; firstRow: number }[] {
  const { lo, hi, rows } = second.slots();
  const out: { row: number; firstRow: number }[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (rows[i] === 0) continue;
    const f = first.lookup(lo[i], hi[i]);
    if (f !== 0) out.push({ row: rows[i], firstRow: f });
  }
  return out.sort((a, b) => a.row - b.row);
}

/** The records of the given second-half rows, read again (nothing else is validated; the ledger is a scratch one). */
async function reread(r: CaseReading, window: CasePart['window'], rows: number[]): Promise<Map<number, CaseRecord>> {
  const out = new Map<number, CaseRecord>();
  if (rows.length === 0) return out;
  const part: CasePart = { window, onlyRows: new Set(rows) };
  const ctx: ReadContext = { ...r.ctx, ledger: new Ledger() };
  for await (const batch of readCases(r.spec, ctx, part)) for (const rec of batch) out.set(rec.row, rec);
  return out;
}

/** A worker's error with its rows counted in the whole file. */
function shifted(e: WorkerError, base: number, file: string, mainVerdict: EncodingVerdict | null): Error {
  if (e.mixed) {
    const x = e.mixed;
    // In a GBK file the error names the file's first non-ASCII row: the first half's, when it had one.
    const gbFrom = mainVerdict?.encoding === 'gb18030' ? mainVerdict.row : x.gbFrom === undefined ? undefined : x.gbFrom + (x.gbFromInPart ? base : 0);
    return new MixedEncodingError(e.location?.file ?? file, x.badRow + base, x.kind, gbFrom);
  }
  const rel = e.location?.row;
  if (rel === undefined) return rebuild(e, e.message, e.location);
  // The messages that name their row (an unclosed quote, a break in the encoding) name the part's row number.
  const message = e.message.replace(new RegExp(`\\brow ${rel}\\b`, 'g'), `row ${rel + base}`);
  return rebuild(e, message, { ...e.location, file: e.location?.file ?? file, row: rel + base });
}

function rebuild(e: WorkerError, message: string, location: GovscoreError['location'] | undefined): Error {
  switch (e.type) {
    case 'DataError':
      return new DataError(message, location, e.hint);
    case 'ConfigError':
      return new ConfigError(message, location, e.hint);
    case 'UsageError':
      return new UsageError(message, location, e.hint);
    default: {
      const err = new Error(message);
      if (e.stack) err.stack = e.stack;
      return err;
    }
  }
}
