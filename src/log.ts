import chalk from 'chalk';

/**
 * Messages go to stderr, prefixed with the program name; colour only when stderr is a TTY
 * (chalk's own detection also honours NO_COLOR / FORCE_COLOR).
 */
const useColor = Boolean(process.stderr.isTTY);
let quiet = false;
let verbose = false;

export function setLogLevel(opts: { quiet?: boolean; verbose?: boolean }): void {
  quiet = Boolean(opts.quiet);
  verbose = Boolean(opts.verbose);
}

export function isQuiet(): boolean {
  return quiet;
}

export function isVerbose(): boolean {
  return verbose;
}

function paint(fn: (s: string) => string, s: string): string {
  return useColor ? fn(s) : s;
}

export function error(message: string): void {
  process.stderr.write(`${paint(chalk.red, 'govscore: error:')} ${message}\n`);
}

export function warn(message: string): void {
  if (quiet) return;
  process.stderr.write(`${paint(chalk.yellow, 'govscore: warning:')} ${message}\n`);
}

/**
 * The run's warnings on stderr, summarised (design §7.5): the first few of each code in full, then how many more.
 * The full list is in the JSON result and the report's limitations.
 */
export function warnings(list: readonly { code: string; message: string }[], perCode = 3): void {
  const seen = new Map<string, number>();
  for (const w of list) {
    const n = (seen.get(w.code) ?? 0) + 1;
    seen.set(w.code, n);
    if (n <= perCode) warn(w.message);
  }
  for (const [code, n] of seen) if (n > perCode) warn(`… and ${n - perCode} more warnings of the kind "${code}" (all in the JSON result)`);
}

export function info(message: string): void {
  if (quiet) return;
  process.stderr.write(`govscore: ${message}\n`);
}

export function debug(message: string): void {
  if (!verbose) return;
  process.stderr.write(`${paint(chalk.gray, 'govscore: debug:')} ${message}\n`);
}
