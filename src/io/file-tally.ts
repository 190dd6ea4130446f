/**
 * Per-file bookkeeping of the validators: records each row's problems in the ledger (file, row, field, value,
 * reason), counts a row rejected once however many problems it has, and after the file applies the rejection
 * threshold: if rejected ÷ rows > maxRejectShare the run stops (design §7.3, exit 3) saying how many rows were
 * rejected, the threshold and the most frequent reasons.
 *
 * The counters live on the ledger's own FileStats object, updated in place, so the per-row path does no map lookup.
 *
 * @throws DataError from finish() when the share of rejected rows is above the threshold
 * @example
 *   const t = new FileTally(ledger, 'cases.csv', 'cases');
 *   t.problem(5, '受理时间 (received_at)', '2026-02-30', 'unreadable date-time', 'error'); t.endRow(); t.finish(0.05);
 */
import { DataError } from '../errors.js';
import type { Ledger } from '../ledger.js';
import type { FileStats, InputKind, Severity } from '../types.js';
import { raggedBy } from './input.js';

/** The ledger reason of a row whose cells do not fit the header. */
export const R_RAGGED = 'wrong number of cells';

export class FileTally {
  readonly stats: FileStats;
  private readonly reasons = new Map<string, number>();
  /** Error-severity problems of the current row. */
  private rowErrors = 0;

  constructor(
    private readonly ledger: Ledger,
    readonly path: string,
    kind: InputKind,
  ) {
    this.stats = ledger.openFile(path, kind, '');
    if (kind === 'cases') this.stats.after_cutoff = 0;
  }

  /** Starts a data row. */
  beginRow(): void {
    this.stats.rows++;
    this.rowErrors = 0;
  }

  /** One problem of the current row; severity error rejects the row. */
  problem(row: number, field: string | null, value: unknown, reason: string, severity: Severity): void {
    this.ledger.note(this.path, row, field, typeof value === 'string' ? detached(value) : value, reason, severity);
    if (severity === 'error') {
      this.rowErrors++;
      this.reasons.set(reason, (this.reasons.get(reason) ?? 0) + 1);
    }
  }

  /**
   * Starts a data row and rejects it at once when its cells do not fit the header (extra cells are allowed only
   * when empty). Returns true when the row was rejected, so the caller skips it.
   */
  beginRowRejectingRagged(row: number, cells: readonly unknown[], width: number): boolean {
    this.beginRow();
    if (!raggedBy(cells, width)) return false;
    this.problem(row, null, `${cells.length} cells, header has ${width}`, R_RAGGED, 'error');
    this.endRow();
    return true;
  }

  /** Whether the current row has a problem of severity error so far. */
  get rejected(): boolean {
    return this.rowErrors > 0;
  }

  /** Ends the current row: counts it rejected if it had an error, else accepted or out of period. */
  endRow(outOfPeriod = false): boolean {
    if (this.rowErrors > 0) {
      this.stats.rejected++;
      return false;
    }
    if (outOfPeriod) this.stats.out_of_period++;
    else this.stats.accepted++;
    return !outOfPeriod;
  }

  /**
   * Ends a case-log row received in the period but after a cut-off inside it: left out like a row outside the
   * period (counted out_of_period) and counted after_cutoff, so the run can say how many (design §4).
   */
  endRowAfterCutoff(): void {
    this.endRow(true);
    if (this.rowErrors === 0) this.stats.after_cutoff = (this.stats.after_cutoff ?? 0) + 1;
  }

  /** The reasons rows were rejected for, with how many problems each: to join the parts of a split file. */
  reasonCounts(): [string, number][] {
    return [...this.reasons.entries()];
  }

  /** Adds the counts of another part of the same file (read by another thread; its ledger entries go separately). */
  absorb(stats: Pick<FileStats, 'rows' | 'accepted' | 'rejected' | 'out_of_period' | 'after_cutoff'>, reasons: [string, number][]): void {
    this.stats.rows += stats.rows;
    if (stats.after_cutoff !== undefined) this.stats.after_cutoff = (this.stats.after_cutoff ?? 0) + stats.after_cutoff;
    this.stats.accepted += stats.accepted;
    this.stats.rejected += stats.rejected;
    this.stats.out_of_period += stats.out_of_period;
    for (const [r, n] of reasons) this.reasons.set(r, (this.reasons.get(r) ?? 0) + n);
  }

  /**
   * Rejects a row that was counted accepted, for one error whose ledger entry the caller adds (a duplicate id
   * found only when the parts of a split file are joined).
   */
  rejectAccepted(reason: string): void {
    this.stats.accepted--;
    this.stats.rejected++;
    this.reasons.set(reason, (this.reasons.get(reason) ?? 0) + 1);
  }

  /** Records the file's checksum and applies the rejection threshold. */
  finish(maxRejectShare: number, sha256: string): void {
    this.stats.sha256 = sha256;
    const { rows, rejected } = this.stats;
    if (rows > 0 && rejected / rows > maxRejectShare) {
      const top = [...this.reasons.entries()]
        // Ties by name, so the message does not depend on which thread met a reason first (split-cases.ts).
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
        .slice(0, 3)
        .map(([r, n]) => `${r} (${n})`)
        .join('; ');
      const pct = (x: number) => `${(Math.round(x * 1000) / 10).toString()} %`;
      throw new DataError(
        `${rejected} of ${rows} rows rejected (${pct(rejected / rows)}), more than the allowed ${pct(maxRejectShare)}; most frequent reasons: ${top}`,
        { file: this.path },
        'see the data-quality list (--json) for every rejected row, fix the export or the column mapping, or raise --max-reject',
      );
    }
  }
}

/**
 * A copy of `s` that shares no memory with the text it was cut from. Cells are slices of the 1 MiB text chunks the
 * CSV reader decodes (V8 keeps a slice of 13 characters or more as a view of its parent), so a ledger entry holding
 * one would keep its whole chunk alive: on the 1M-row benchmark with 1 % faulty rows that was 450 MB of peak RSS.
 */
export function detached(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8');
}

/** How a field is named in ledger entries: the file's column, with the canonical id when it differs. */
export function fieldLabel(column: string, id: string): string {
  if (column === '' || column === id) return id;
  return `${column} (${id})`;
}
