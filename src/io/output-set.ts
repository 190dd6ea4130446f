/**
 * A run's outputs as one set (design §7.6, issue 12): checked before any work, written all or nothing.
 *
 * 1. checkOutputPaths, before any work: an output that is an input of the run (the same file by real path or by
 *    device and inode, so symbolic and hard links count), two outputs on one path (a workbook's derived
 *    `<report>.issues.csv` included), `-o -` (only `--json -` means standard output), an existing folder, or a path
 *    whose parent is a file is a usage error (exit 2) naming the path and the fix. checkOutputFolder does the same
 *    for the folder of `init` and `demo`.
 * 2. writeOutputSet: every output goes to a temporary file beside its target (`.govscore-tmp-<name>-<pid>-<hex>`),
 *    flushed to disk; only when all are complete are they renamed over their targets. Staging and renaming are
 *    synchronous, so a SIGINT/SIGTERM that arrives meanwhile is handled after the renames (deferred): the previous
 *    set or the new set, never a mix. A failure while staging removes the temporary files (and the folders this
 *    call created) and leaves the previous outputs as they were.
 * 3. File-system errors become errors with meaning (outputError): a folder, a parent that is a file, no permission
 *    or a read-only file system → UsageError (exit 2: choose another path); no space left → DataError (exit 3).
 *
 * Test hook: with GOVSCORE_TEST_PAUSE_BEFORE_RENAME=<ms> in the environment, writeOutputSet waits that long between
 * staging and renaming, with the temporary files on disk, so that a test can send SIGTERM at that moment; a signal
 * then removes them and the process exits with 128 + the signal number (130 for SIGINT, 143 for SIGTERM).
 *
 * @example
 *   await checkOutputPaths([{ path: 'out/r.xlsx', what: '-o' }, { path: 'out/r.json', what: '--json', stdout: true }], ['cases.csv'])
 *   await writeOutputSet([{ path: 'out/r.xlsx', data: bytes }, { path: 'out/r.json', data: text }])
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmdirSync, rmSync, writeSync } from 'node:fs';
import { access, constants, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DataError, UsageError } from '../errors.js';
import * as log from '../log.js';

export interface OutputPath {
  /** The path as given (relative to the working folder), or '-' where `stdout` allows it. */
  path: string;
  /** What names it, for messages: '-o', '--json', 'outputs.workbook', 'the issues CSV beside -o'. */
  what: string;
  /** '-' means standard output (only the JSON). */
  stdout?: boolean;
}

/** An input of the run, with what it is for the message ('the case log'); a bare path is named by its path only. */
export type InputPath = string | { path: string; what: string };

function errno(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

async function statOrNull(path: string): Promise<Stats | null> {
  try {
    return await stat(path);
  } catch (e) {
    const code = errno(e);
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw e;
  }
}

/** The nearest existing ancestor folder of `path` and the path's remaining components below it. */
async function nearestExisting(path: string): Promise<{ dir: string; st: Stats }> {
  let dir = dirname(resolve(path));
  for (;;) {
    const st = await statOrNull(dir);
    if (st) return { dir, st };
    const up = dirname(dir);
    if (up === dir) throw new Error(`no existing ancestor of ${path}`);
    dir = up;
  }
}

/**
 * The error of an output path that file-system call `e` failed on, with the fix, or `e` itself when it has no
 * meaning for the user (exit 1).
 * @example outputError(Object.assign(new Error(), { code: 'ENOSPC' }), 'out/r.xlsx').exitCode // → 3
 */
export function outputError(e: unknown, path: string, what?: string): unknown {
  const on = { file: path };
  const named = what && what !== path ? `${what}: ` : '';
  switch (errno(e)) {
    case 'EISDIR':
      return new UsageError(`${named}this is a folder, not a file`, on, `name a file inside it, e.g. ${join(path, /json/i.test(what ?? '') ? 'result.json' : 'report.xlsx')}`);
    case 'ENOTDIR':
      return new UsageError(`${named}a parent of this path is a file, not a folder`, on, 'choose a path whose folders are folders');
    case 'EACCES':
    case 'EPERM':
      return new UsageError(`${named}cannot write here: permission denied`, on, 'choose a folder you may write to, or change its permissions');
    case 'EROFS':
      return new UsageError(`${named}cannot write here: the file system is read-only`, on, 'choose a folder on a writable disk');
    case 'ENAMETOOLONG':
      return new UsageError(`${named}the file name is too long`, on);
    case 'ENOSPC':
    case 'EDQUOT':
      return new DataError(`no space left on the device while writing the outputs; nothing was written and the previous outputs are unchanged`, on, 'free some space, or write the outputs to another disk');
    default:
      return e;
  }
}

/** The identity of an output: its real path (through the nearest existing folder) and, if it exists, its inode. */
async function identify(o: OutputPath): Promise<{ key: string; st: Stats | null }> {
  const abs = resolve(o.path);
  let st: Stats | null;
  try {
    st = await statOrNull(abs);
  } catch (e) {
    throw outputError(e, o.path, o.what);
  }
  if (st?.isDirectory()) throw outputError(Object.assign(new Error('is a folder'), { code: 'EISDIR' }), o.path, o.what);
  const near = await nearestExisting(abs);
  if (!near.st.isDirectory()) {
    throw new UsageError(`${o.what}: ${near.dir} is a file, not a folder`, { file: o.path }, 'choose a path whose folders are folders');
  }
  try {
    // The folder that will be created or written into must allow it (root passes this check; the write still may fail).
    await access(near.dir, constants.W_OK | constants.X_OK);
  } catch (e) {
    throw outputError(e, o.path, o.what);
  }
  const realDir = await realpath(near.dir);
  const rest = abs.slice(near.dir.length).replace(/^[/\\]+/, '');
  const key = st ? await realpath(abs) : join(realDir, rest);
  return { key, st };
}

/**
 * Checks a run's output paths before any work (design §7.6); see the module comment for the rules.
 * @throws UsageError (exit 2) naming the path and the fix
 */
export async function checkOutputPaths(outputs: readonly OutputPath[], inputs: readonly (InputPath | null | undefined)[]): Promise<void> {
  const ins: { path: string; what: string | null; key: string; st: Stats }[] = [];
  for (const i of inputs) {
    if (!i) continue;
    const path = typeof i === 'string' ? i : i.path;
    if (!path || path === '-') continue;
    const st = await statOrNull(resolve(path)).catch(() => null);
    // An input that does not exist is reported by its reader; it cannot be overwritten by an output either.
    if (st) ins.push({ path, what: typeof i === 'string' ? null : i.what, key: await realpath(resolve(path)), st });
  }
  const seen: { o: OutputPath; key: string; st: Stats | null }[] = [];
  for (const o of outputs) {
    if (!o.path) continue;
    if (o.path === '-') {
      if (o.stdout) continue;
      throw new UsageError(`${o.what} -: this output cannot go to standard output`, {}, 'give a file name (only --json - writes to standard output)');
    }
    const id = await identify(o);
    for (const i of ins) {
      const same = i.key === id.key || (id.st !== null && id.st.dev === i.st.dev && id.st.ino === i.st.ino);
      if (same) {
        throw new UsageError(
          `${o.what} would overwrite ${i.what ? `${i.what} ${i.path}` : i.path}, an input of this run`,
          { file: o.path },
          'choose another output name; govscore never writes over its inputs',
        );
      }
    }
    for (const s of seen) {
      const same = s.key === id.key || (id.st !== null && s.st !== null && id.st.dev === s.st.dev && id.st.ino === s.st.ino);
      if (same) throw new UsageError(`${s.o.what} and ${o.what} name the same file`, { file: o.path }, 'give each output its own name');
    }
    seen.push({ o, ...id });
  }
}

/**
 * Checks a folder that a command writes into (`init DIR`, `demo -o DIR`): it may exist as a folder or not at all,
 * and its nearest existing ancestor must be a folder.
 * @throws UsageError (exit 2) naming the path and the fix
 */
export async function checkOutputFolder(dir: string, what: string): Promise<void> {
  let st: Stats | null;
  try {
    st = await statOrNull(resolve(dir));
  } catch (e) {
    throw outputError(e, dir, what);
  }
  if (st && !st.isDirectory()) throw new UsageError(`${what}: this is a file, not a folder`, { file: dir }, 'name a folder (it is created if needed)');
  if (!st) {
    const near = await nearestExisting(resolve(dir));
    if (!near.st.isDirectory()) throw new UsageError(`${what}: ${near.dir} is a file, not a folder`, { file: dir }, 'choose a path whose folders are folders');
  }
}

/** One output's content. */
export interface OutputFile {
  path: string;
  data: string | Uint8Array;
  /** For messages; defaults to the path. */
  what?: string;
}

const SIGNAL_NUMBERS: Record<string, number> = { SIGINT: 2, SIGTERM: 15 };

/** Sleeps (the test hook only). */
function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Writes every output or none (see the module comment). JSON for standard output is not an OutputFile: the caller
 * writes it after this returns.
 * @throws UsageError / DataError from outputError when the file system refuses; the previous outputs are unchanged
 */
export async function writeOutputSet(files: readonly OutputFile[]): Promise<void> {
  const temps: string[] = [];
  const createdDirs: string[] = [];
  let state: 'staging' | 'committed' = 'staging';
  let pending: NodeJS.Signals | null = null;

  const removeTemps = () => {
    for (const t of temps) rmSync(t, { force: true });
    temps.length = 0;
    // Folders this call created, deepest first; one that holds anything else is kept (rmdir refuses).
    for (const d of createdDirs.reverse()) {
      try {
        rmdirSync(d);
      } catch {
        /* not empty or already gone */
      }
    }
    createdDirs.length = 0;
  };
  const onSignal = (sig: NodeJS.Signals) => {
    if (state === 'committed') {
      // Arrived during the (synchronous) renames: the new set is complete; stop as the signal asked.
      pending = sig;
      return;
    }
    removeTemps();
    log.error(`interrupted (${sig}): no output was written; the previous outputs are unchanged`);
    process.exit(128 + (SIGNAL_NUMBERS[sig] ?? 0));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    try {
      for (const f of files) {
        const target = resolve(f.path);
        const dir = dirname(target);
        let made: string | undefined;
        try {
          made = mkdirSync(dir, { recursive: true });
        } catch (e) {
          // mkdir -p says EEXIST when a component of the path is a file.
          throw outputError(errno(e) === 'EEXIST' ? Object.assign(e as Error, { code: 'ENOTDIR' }) : e, f.path, f.what);
        }
        if (made) {
          // mkdir -p returns the first folder it made; every folder from there down to `dir` is new.
          for (let d = dir; d.length >= made.length; d = dirname(d)) {
            createdDirs.unshift(d);
            if (d === made) break;
          }
        }
        const tmp = join(dir, `.govscore-tmp-${basename(target)}-${process.pid}-${randomBytes(4).toString('hex')}`);
        temps.push(tmp);
        try {
          const fd = openSync(tmp, 'wx');
          try {
            const bytes = typeof f.data === 'string' ? Buffer.from(f.data, 'utf8') : f.data;
            let off = 0;
            while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
            // On disk before the rename, so that a crash cannot leave a renamed but empty file.
            fsyncSync(fd);
          } finally {
            closeSync(fd);
          }
        } catch (e) {
          throw outputError(e, f.path, f.what);
        }
      }
      const hook = Number(process.env.GOVSCORE_TEST_PAUSE_BEFORE_RENAME);
      if (hook > 0) await pause(hook);
      // All staged: rename every one, synchronously, so no signal handler runs between two renames.
      for (let i = 0; i < files.length; i++) {
        try {
          renameSync(temps[i], resolve(files[i].path));
        } catch (e) {
          throw outputError(e, files[i].path, files[i].what);
        }
      }
      temps.length = 0;
      state = 'committed';
    } catch (e) {
      removeTemps();
      throw e;
    }
    // Let a signal that arrived during the renames reach onSignal before the handlers go.
    await new Promise((r) => setImmediate(r));
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (pending) {
    log.error(`interrupted (${pending}) after the outputs were written`);
    process.exit(128 + (SIGNAL_NUMBERS[pending] ?? 0));
  }
}
