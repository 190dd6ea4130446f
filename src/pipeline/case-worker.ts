/**
 * The worker thread of a split case log (split-cases.ts): reads the second half of the file — the same readCases
 * validation and the same accumulator as the main thread — and posts back what the main thread needs to join the
 * halves: the file counts, the ledger entries, the accepted ids (the hash table's arrays, transferred, not copied)
 * and the metric counts. Rows are numbered from 1 at the start of the half; the main thread shifts them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { WorkCalendar } from '../calendar/work-calendar.js';
import { isGovscoreError } from '../errors.js';
import { readCases, type CasePart } from '../io/read-cases.js';
import { MixedEncodingError } from '../io/csv-reader.js';
import { Ledger } from '../ledger.js';
import { CaseMetricsAccumulator } from '../metrics/cases.js';
import { detectionContext } from './detection-context.js';
import { addCase, type CaseWorkerInput, type CaseWorkerMessage } from './case-part.js';

const input = workerData as CaseWorkerInput;
const post = (m: CaseWorkerMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(m, transfer);

const part: CasePart = { window: input.window };
try {
  const ledger = new Ledger();
  const ctx = {
    ledger,
    period: input.period,
    registry: input.registry ? new Set(input.registry) : null,
    maxRejectShare: 1,
    detection: detectionContext(input.settings),
  };
  const calendar = await WorkCalendar.load(input.calendar);
  const accumulator = new CaseMetricsAccumulator({ settings: input.settings, calendar, period: input.period, units: input.units, file: input.spec.path });
  let rows = 0;
  let batches = 0;
  for await (const batch of readCases(input.spec, ctx, part)) {
    for (const rec of batch) addCase(accumulator, rec, input.spec.path);
    rows += batch.length;
    if (++batches % 25 === 0) post({ kind: 'progress', rows });
  }
  const r = part.result!;
  const ids = r.ids.slots();
  const { rows: n, accepted, rejected, out_of_period, after_cutoff } = r.tally.stats;
  post(
    {
      kind: 'done',
      stats: { rows: n, accepted, rejected, out_of_period, after_cutoff },
      reasons: r.tally.reasonCounts(),
      issues: ledger.toDataQuality().issues,
      duplicates: r.duplicates,
      ids,
      state: accumulator.state(),
      verdict: part.verdict?.() ?? null,
    },
    [ids.lo.buffer as ArrayBuffer, ids.hi.buffer as ArrayBuffer, ids.rows.buffer as ArrayBuffer],
  );
} catch (e) {
  const err = e as Error;
  post({
    kind: 'error',
    error: isGovscoreError(e)
      ? {
          type: e.name,
          message: e.message,
          location: e.location,
          hint: e.hint,
          mixed: e instanceof MixedEncodingError ? { badRow: e.badRow, kind: e.kind, gbFrom: e.gbFrom, gbFromInPart: e.gbFromInPart } : undefined,
        }
      : { type: 'Error', message: err?.message ?? String(e), stack: err?.stack },
    verdict: part.verdict?.() ?? null,
  });
}
