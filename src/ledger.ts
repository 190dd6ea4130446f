import type { DataIssue, DataQuality, FileStats, InputKind, Severity } from './types.js';

/**
 * The data-quality ledger: nothing is lost silently. Every rejected row (severity error), every repaired value
 * (warning) and every note (info) is recorded with file, row, field, value and reason; per-file counts are
 * kept beside it. A row is counted rejected once, however many problems it has.
 */
export class Ledger {
  private readonly issues: DataIssue[] = [];
  private readonly files = new Map<string, FileStats>();
  private readonly byReason = new Map<string, number>();

  /** Registers an input file; call before adding its rows. */
  openFile(path: string, kind: InputKind, sha256 = ''): FileStats {
    const stats: FileStats = { path, kind, rows: 0, accepted: 0, rejected: 0, out_of_period: 0, sha256 };
    this.files.set(path, stats);
    return stats;
  }

  file(path: string): FileStats {
    const f = this.files.get(path);
    if (!f) throw new Error(`ledger: file not opened: ${path}`);
    return f;
  }

  add(issue: DataIssue): void {
    this.issues.push(issue);
    this.byReason.set(issue.reason, (this.byReason.get(issue.reason) ?? 0) + 1);
  }

  /** Records one problem of a row; severity error means the row is rejected (count it with rowRejected). */
  note(file: string, row: number | null, field: string | null, value: unknown, reason: string, severity: Severity): void {
    this.add({ file, row, field, value: value === null || value === undefined ? null : String(value), reason, severity });
  }

  rowRead(file: string): void {
    this.file(file).rows++;
  }

  rowAccepted(file: string): void {
    this.file(file).accepted++;
  }

  rowRejected(file: string): void {
    this.file(file).rejected++;
  }

  rowOutOfPeriod(file: string): void {
    this.file(file).out_of_period++;
  }

  errorCount(): number {
    let n = 0;
    for (const i of this.issues) if (i.severity === 'error') n++;
    return n;
  }

  toDataQuality(): DataQuality {
    return {
      files: [...this.files.values()].map((f) => ({ ...f })),
      issues: this.issues.slice(),
      by_reason: Object.fromEntries([...this.byReason.entries()].sort((a, b) => b[1] - a[1])),
    };
  }
}
