/**
 * The output set of design §7.6 (issue 12): which output paths are refused before any work, how file-system errors
 * map to exit codes (§7.3: 2 usage, 3 data, "no space left" 3), and that writing is all or nothing with no
 * temporary file left behind.
 */
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError, UsageError } from '../../src/errors.js';
import { checkOutputFolder, checkOutputPaths, outputError, writeOutputSet } from '../../src/io/output-set.js';

const dir = mkdtempSync(join(tmpdir(), 'govscore-outset-'));
let n = 0;
function fresh(): string {
  const d = join(dir, `t${n++}`);
  mkdirSync(d);
  return d;
}

async function refusal(p: Promise<unknown>): Promise<UsageError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(UsageError);
  return e as UsageError;
}

describe('checkOutputPaths', () => {
  it('refuses an output that is an input: same path, a relative spelling, a symbolic link, a hard link', async () => {
    const d = fresh();
    const cases = join(d, 'cases.csv');
    writeFileSync(cases, 'x');
    symlinkSync(cases, join(d, 'sym.csv'));
    linkSync(cases, join(d, 'hard.csv'));
    for (const out of [cases, join(d, '.', 'cases.csv'), join(d, 'sym.csv'), join(d, 'hard.csv')]) {
      const e = await refusal(checkOutputPaths([{ path: out, what: '--json', stdout: true }], [{ path: cases, what: 'the case log' }]));
      expect(e.describe()).toContain(`--json would overwrite the case log ${cases}`);
      expect(e.location.file).toBe(out);
    }
  });

  it('refuses two outputs on one file, derived names included, and -o -', async () => {
    const d = fresh();
    const e = await refusal(
      checkOutputPaths(
        [
          { path: join(d, 'r.issues.csv'), what: 'the issues CSV beside -o' },
          { path: join(d, 'sub', '..', 'r.issues.csv'), what: '--json' },
        ],
        [],
      ),
    );
    expect(e.message).toBe('the issues CSV beside -o and --json name the same file');
    expect((await refusal(checkOutputPaths([{ path: '-', what: '-o' }], []))).message).toContain('-o -: this output cannot go to standard output');
    await expect(checkOutputPaths([{ path: '-', what: '--json', stdout: true }], [])).resolves.toBeUndefined();
  });

  it('refuses a folder and a path below a file, and accepts a new path in folders still to be made', async () => {
    const d = fresh();
    writeFileSync(join(d, 'file'), 'x');
    expect((await refusal(checkOutputPaths([{ path: d, what: '-o' }], []))).message).toBe('-o: this is a folder, not a file');
    expect((await refusal(checkOutputPaths([{ path: join(d, 'file', 'a', 'r.xlsx'), what: '-o' }], []))).message).toBe(`-o: ${join(d, 'file')} is a file, not a folder`);
    await expect(checkOutputPaths([{ path: join(d, 'new', 'deeper', 'r.xlsx'), what: '-o' }], [join(d, 'file')])).resolves.toBeUndefined();
  });

  it('checks the folder of init and demo', async () => {
    const d = fresh();
    writeFileSync(join(d, 'file'), 'x');
    expect((await refusal(checkOutputFolder(join(d, 'file'), 'init'))).message).toBe('init: this is a file, not a folder');
    expect((await refusal(checkOutputFolder(join(d, 'file', 'sub'), '-o'))).message).toContain('is a file, not a folder');
    await expect(checkOutputFolder(join(d, 'new'), 'init')).resolves.toBeUndefined();
  });
});

describe('outputError', () => {
  const err = (code: string) => Object.assign(new Error(code), { code });
  it('maps the errors a user can fix to exit 2 and a full disk to exit 3, naming the path', () => {
    for (const code of ['EISDIR', 'ENOTDIR', 'EACCES', 'EPERM', 'EROFS']) {
      const e = outputError(err(code), 'out/r.xlsx', '-o') as UsageError;
      expect(e, code).toBeInstanceOf(UsageError);
      expect(e.exitCode).toBe(2);
      expect(e.describe()).toMatch(/^out\/r\.xlsx: -o: /);
      expect(e.hint).toBeTruthy();
    }
    const full = outputError(err('ENOSPC'), 'out/r.xlsx') as DataError;
    expect(full).toBeInstanceOf(DataError);
    expect(full.exitCode).toBe(3);
    expect(full.describe()).toContain('no space left');
  });
  it('leaves an error without meaning for the user as it is (exit 1)', () => {
    const e = err('EIO');
    expect(outputError(e, 'x')).toBe(e);
  });
});

describe('writeOutputSet', () => {
  it('writes every output, making its folders, with no temporary file left', async () => {
    const d = fresh();
    await writeOutputSet([
      { path: join(d, 'a', 'b', 'r.xlsx'), data: Buffer.from([1, 2, 3]) },
      { path: join(d, 'r.json'), data: '{"a":"云湖"}\n' },
    ]);
    expect([...readFileSync(join(d, 'a', 'b', 'r.xlsx'))]).toEqual([1, 2, 3]);
    expect(readFileSync(join(d, 'r.json'), 'utf8')).toBe('{"a":"云湖"}\n');
    expect(readdirSync(d).sort()).toEqual(['a', 'r.json']);
    expect(readdirSync(join(d, 'a', 'b'))).toEqual(['r.xlsx']);
  });

  it('writes none when one fails: earlier outputs unchanged, temporaries and new folders removed', async () => {
    const d = fresh();
    writeFileSync(join(d, 'r.xlsx'), 'old workbook');
    writeFileSync(join(d, 'blocker'), 'a file where a folder should be');
    const e = await writeOutputSet([
      { path: join(d, 'r.xlsx'), data: 'new workbook', what: '-o' },
      { path: join(d, 'made', 'r.issues.csv'), data: 'new csv' },
      { path: join(d, 'blocker', 'r.json'), data: 'new json', what: '--json' },
    ]).then(
      () => null,
      (x: unknown) => x as UsageError,
    );
    expect(e).toBeInstanceOf(UsageError);
    expect(e!.describe()).toContain(`${join(d, 'blocker', 'r.json')}: --json: a parent of this path is a file`);
    expect(readFileSync(join(d, 'r.xlsx'), 'utf8')).toBe('old workbook');
    expect(existsSync(join(d, 'made'))).toBe(false);
    expect(readdirSync(d).sort()).toEqual(['blocker', 'r.xlsx']);
  });

  it('removes its signal handlers when done', async () => {
    const before = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
    await writeOutputSet([{ path: join(fresh(), 'x'), data: 'x' }]);
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(before);
  });
});
