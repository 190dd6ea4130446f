/**
 * When `govscore metrics` is run without --period, the period spans the dates on which the accepted cases were
 * received and the cut-off is the latest time recorded in the log (received, contacted, closed or verified):
 * a reproducible default that never depends on when the command runs. It costs one extra read of the case log.
 */
import { readCases, type InputSpec } from '../io/index.js';
import { Ledger } from '../ledger.js';
import { dayOf, isoDate, isoDateTime } from '../time.js';
import { DataError } from '../errors.js';
import type { Period } from '../types.js';

const WIDE: Period = { from: '1900-01-01', to: '2999-12-31', as_of: '2999-12-31T23:59:59' };

export async function inferPeriod(cases: InputSpec): Promise<Period> {
  const ledger = new Ledger();
  let minReceived = Infinity;
  let maxReceived = -Infinity;
  let latest = -Infinity;
  for await (const batch of readCases(cases, { ledger, period: WIDE, registry: null, maxRejectShare: 1 })) {
    for (const c of batch) {
      if (c.receivedAt < minReceived) minReceived = c.receivedAt;
      if (c.receivedAt > maxReceived) maxReceived = c.receivedAt;
      for (const t of [c.receivedAt, c.firstContactAt, c.closedAt, c.verifiedAt]) {
        if (t !== null && t > latest) latest = t;
      }
    }
  }
  if (!Number.isFinite(minReceived)) {
    throw new DataError('no usable case in the log, so no period can be inferred; give --period', { file: cases.path });
  }
  return { from: isoDate(dayOf(minReceived)), to: isoDate(dayOf(maxReceived)), as_of: isoDateTime(latest) };
}
