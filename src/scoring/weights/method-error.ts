/**
 * The one error the pure weighting and ranking methods throw. It knows nothing about files or configuration
 * paths: the caller maps it to a DataError (the `weights`/`rank` commands: file, row, column) or a ConfigError
 * (the indicator system: the node's path), using `row` and `col` to name the offending cell.
 */
export class MethodInputError extends Error {
  constructor(
    message: string,
    /** 0-based row of the offending cell in the method's input matrix, when one cell is to blame. */
    public readonly row?: number,
    /** 0-based column of the offending cell. */
    public readonly col?: number,
    /** What the user can do about it. */
    public readonly hint?: string,
  ) {
    super(message);
    this.name = 'MethodInputError';
  }
}
