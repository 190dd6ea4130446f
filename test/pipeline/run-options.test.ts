/**
 * The options of a run are checked once, up front (issue 13 §3): src/pipeline/run-options.ts turns commander's
 * strings into typed values, and a bad value is a UsageError (exit 2) naming the flag and what it accepts, before
 * any file is read. The messages are those the commands gave before the checks moved here.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { parseAssessmentOptions, parseInputOptions } from '../../src/pipeline/run-options.js';
import { PACKAGE_ROOT } from '../../src/version.js';

describe('parseAssessmentOptions', () => {
  it('types the flags: whole numbers, the reject share, the language; leaves what was not given undefined', () => {
    const o = parseAssessmentOptions({ draws: '200', seed: '7', perturbation: '0.1', maxReject: '2.5%', threads: ' 2 ', lang: 'en', cases: 'c.csv' });
    expect(o).toMatchObject({ draws: 200, seed: 7, perturbation: 0.1, maxReject: 0.025, threads: 2, lang: 'en', cases: 'c.csv' });
    expect(o.period).toBeUndefined();
    expect(o.output).toBeUndefined();
  });

  it('keeps null outputs (a caller in code asking for none) and takes numbers as numbers', () => {
    expect(parseAssessmentOptions({ output: null, json: null, draws: 0 })).toMatchObject({ output: null, json: null, draws: 0 });
  });

  it.each([
    [{ lang: 'fr' }, '--lang must be zh or en, got "fr"'],
    [{ draws: '-1' }, '--draws must be a whole number ≥ 0, got "-1"'],
    [{ seed: '1.5' }, '--seed must be a whole number ≥ 0, got "1.5"'],
    [{ perturbation: '2' }, '--perturbation must be a number from 0 to 1, got "2"'],
    [{ maxReject: '120' }, '--max-reject must be a percentage between 0 and 100, got "120"'],
    [{ threads: 'two' }, '--threads must be a whole number of at least 1, got "two"'],
  ])('refuses %o with a UsageError naming the flag', (flags, message) => {
    expect(() => parseAssessmentOptions(flags)).toThrow(UsageError);
    expect(() => parseAssessmentOptions(flags)).toThrow(message);
  });

  it('names the flag of a value of the wrong type, in its command-line spelling', () => {
    expect(() => parseInputOptions({ weekendsOnly: 'yes' })).toThrow(/^--weekends-only: /);
  });
});

const built = existsSync(join(PACKAGE_ROOT, 'dist', 'cli.js'));
const tmp = mkdtempSync(join(tmpdir(), 'govscore-options-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const cli = (...args: string[]) => spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin/govscore'), ...args], { encoding: 'utf8', cwd: tmp });

describe.runIf(built)('the commands check their flags before any work (needs npm run build)', () => {
  const sample = join(PACKAGE_ROOT, 'samples', 'assessment.yaml');
  const scenarios = join(PACKAGE_ROOT, 'samples', 'scenarios.yaml');
  it.each([
    ['assess', [sample, '--lang', 'fr']],
    ['demo', ['--lang', 'fr', '-o', join(tmp, 'demo')]],
    ['compare', [sample, '--scenarios', scenarios, '--lang', 'fr']],
  ])('%s --lang fr: exit 2, naming the flag and the languages', (command, args) => {
    const r = cli(command, ...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--lang must be zh or en, got "fr"');
    expect(existsSync(join(tmp, 'demo'))).toBe(false);
  });

  it('a bad --draws stops the run before the assessment file is read', () => {
    const r = cli('assess', join(tmp, 'no-such-assessment.yaml'), '--draws', 'many');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--draws must be a whole number ≥ 0, got "many"');
  });
});
