/**
 * Errors are values with meaning. Each kind maps to one documented exit code (design §7.3),
 * and this file is the only place that mapping lives.
 *
 * | exit | kind                | when                                                                  |
 * |------|---------------------|-----------------------------------------------------------------------|
 * | 0    | —                   | success                                                               |
 * | 1    | (anything else)     | an unexpected failure: a bug; stack trace with --verbose               |
 * | 2    | UsageError          | a bad command line; an output path that is an input, a folder, … (7.6) |
 * | 2    | ConfigError         | a bad indicator system, assessment, mapping, scenarios or calendar file |
 * | 3    | DataError           | unreadable input, missing required column, too many rejected rows;     |
 * |      |                     | no space left for the outputs (src/io/output-set.ts maps fs errors)    |
 */

export const EXIT = { ok: 0, unexpected: 1, usage: 2, config: 2, data: 3 } as const;

/** Where in an input a problem sits; every field is optional because not every error has all of them. */
export interface Location {
  file?: string;
  /** Row number as a spreadsheet shows it: the header is row 1. */
  row?: number;
  column?: string;
  /** For configuration files: a path such as `indicators[2].children[0].scoring.target`. */
  path?: string;
}

export abstract class GovscoreError extends Error {
  abstract readonly exitCode: number;
  readonly location: Location;
  /** A hint that tells the user what to do (e.g. "try --encoding gbk"). */
  readonly hint?: string;
  constructor(message: string, location: Location = {}, hint?: string) {
    super(message);
    this.name = new.target.name;
    this.location = location;
    this.hint = hint;
  }
  /** "file.csv, row 12, column 受理时间: message" — the form every user-facing error takes. */
  describe(): string {
    const where: string[] = [];
    if (this.location.file) where.push(this.location.file);
    if (this.location.row !== undefined) where.push(`row ${this.location.row}`);
    if (this.location.column) where.push(`column ${this.location.column}`);
    if (this.location.path) where.push(this.location.path);
    const head = where.length ? `${where.join(', ')}: ` : '';
    return head + this.message + (this.hint ? `\n  hint: ${this.hint}` : '');
  }
}

export class UsageError extends GovscoreError {
  readonly exitCode = EXIT.usage;
}

export class ConfigError extends GovscoreError {
  readonly exitCode = EXIT.config;
}

export class DataError extends GovscoreError {
  readonly exitCode = EXIT.data;
}

export function isGovscoreError(e: unknown): e is GovscoreError {
  return e instanceof GovscoreError;
}

/** The exit code for any thrown value: documented kinds keep theirs, everything else is unexpected (1). */
export function exitCodeOf(e: unknown): number {
  return isGovscoreError(e) ? e.exitCode : EXIT.unexpected;
}
