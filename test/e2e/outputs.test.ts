/**
 * Data loss and broken outputs, and the exit codes of output and environment errors (issue 12, design §7.3 and
 * §7.6), as a user meets them: spawn the built CLI on a copy of the sample quarter and check, for each case, the
 * exit code, that stderr names the path, that nothing new was written, that earlier outputs and the inputs are
 * byte for byte as they were, and that no `.govscore-tmp-*` file is left.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentResult } from '../../src/model/result.js';
import { assertWellFormed } from '../report/helpers.js';

const root = resolve(__dirname, '../..');
const bin = join(root, 'bin', 'govscore');
const work = mkdtempSync(join(tmpdir(), 'govscore-outputs-'));
/** A copy of samples/ and indicators/, so that a regression overwrites copies, never the repository's files. */
const samples = join(work, 'samples');
const system = join(work, 'indicators', 'community-refinement.yaml');
const assessment = join(samples, 'assessment.yaml');

function govscore(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: work, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under `dir` with its bytes, to compare a folder before and after a run. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const p = join(dir, name);
    try {
      out[name] = readFileSync(p).toString('base64');
    } catch {
      out[name] = '(folder)';
    }
  }
  return out;
}

const temps = (dir: string) => (readdirSync(dir, { recursive: true }) as string[]).filter((n) => n.includes('.govscore-tmp-'));

/** A folder holding the outputs of an earlier run (fake bytes: only their being unchanged matters). */
function earlierOutputs(): string {
  const d = mkdtempSync(join(work, 'out-'));
  writeFileSync(join(d, 'report.xlsx'), 'earlier workbook');
  writeFileSync(join(d, 'report.issues.csv'), 'earlier issues');
  writeFileSync(join(d, 'result.json'), '{"earlier": true}');
  return d;
}

/** A refused run: its exit code, the texts named on stderr, and nothing changed in the inputs or `out`. */
function expectRefused(r: ReturnType<typeof govscore>, code: number, named: string[], before: Record<string, string>, dirs: string[] = [samples]) {
  expect(r.code, r.stderr).toBe(code);
  expect(r.stderr).not.toContain('unexpected failure');
  for (const x of named) expect(r.stderr).toContain(x);
  let now: Record<string, string> = {};
  for (const d of dirs) now = { ...now, ...Object.fromEntries(Object.entries(snapshot(d)).map(([k, v]) => [join(d, k), v])) };
  expect(now).toEqual(before);
  for (const d of dirs) expect(temps(d)).toEqual([]);
}

function state(dirs: string[] = [samples]): Record<string, string> {
  let s: Record<string, string> = {};
  for (const d of dirs) s = { ...s, ...Object.fromEntries(Object.entries(snapshot(d)).map(([k, v]) => [join(d, k), v])) };
  return s;
}

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'cli.js'))) throw new Error('dist/ is missing: run "npm run build" (npm test does it first)');
  mkdirSync(samples);
  for (const f of ['assessment.yaml', 'cases.csv', 'survey.csv', 'ratings.csv', 'units.csv', 'scenarios.yaml']) copyFileSync(join(root, 'samples', f), join(samples, f));
  cpSync(join(root, 'indicators'), join(work, 'indicators'), { recursive: true });
});

describe('an output that is an input is refused (exit 2), the input unchanged', () => {
  it('assess a.yaml -o cases.csv, --json units.csv, -o a.yaml', () => {
    for (const [flag, target, what] of [
      ['-o', 'cases.csv', 'the case log'],
      ['--json', 'units.csv', 'the unit registry'],
      ['-o', 'assessment.yaml', 'the assessment file'],
    ] as const) {
      const before = state();
      const r = govscore(['assess', assessment, flag, join(samples, target), '-q']);
      expectRefused(r, 2, [`${flag} would overwrite ${what}`, join(samples, target), 'choose another output name'], before);
    }
  });

  it('assess -o naming a hard link to an input (same inode), and a workbook whose issues CSV would be an input', () => {
    linkSync(join(samples, 'survey.csv'), join(work, 'survey-link.xlsx'));
    writeFileSync(join(work, 'derived.issues.csv'), 'an input that happens to carry the derived name');
    const before = state([samples, work]);
    expectRefused(govscore(['assess', assessment, '-o', join(work, 'survey-link.xlsx'), '-q']), 2, ['-o would overwrite the survey'], before, [samples, work]);
    const r = govscore(['assess', assessment, '-o', join(work, 'derived.xlsx'), '--units', join(work, 'derived.issues.csv'), '-q']);
    expectRefused(r, 2, ['the issues CSV beside -o', 'would overwrite the unit registry'], before, [samples, work]);
    rmSync(join(work, 'survey-link.xlsx'));
    rmSync(join(work, 'derived.issues.csv'));
  });

  it('assess --docx <an input> (issue 15): refused before any work, nothing written', () => {
    const out = earlierOutputs();
    const before = state([out, samples]);
    const r = govscore(['assess', assessment, '-o', join(out, 'report.xlsx'), '--json', join(out, 'result.json'), '--docx', join(samples, 'ratings.csv'), '-q']);
    expectRefused(r, 2, ['--docx would overwrite the ratings', join(samples, 'ratings.csv'), 'choose another output name'], before, [out, samples]);
    const same = govscore(['assess', assessment, '-o', join(out, 'report.xlsx'), '--docx', join(out, 'report.xlsx'), '-q']);
    expectRefused(same, 2, ['name the same file'], before, [out, samples]);
  });

  it('metrics --json <the case log>', () => {
    const before = state();
    const r = govscore(['metrics', '--cases', join(samples, 'cases.csv'), '--json', join(samples, 'cases.csv'), '-q']);
    expectRefused(r, 2, [`--json would overwrite the case log ${join(samples, 'cases.csv')}`], before);
  });

  it('weights ahp m.csv --json m.csv, rank m.csv --json m.csv', () => {
    const m = join(samples, 'm.csv');
    copyFileSync(join(root, 'test', 'fixtures', 'matrices', 'ahp-consistent.csv'), m);
    const before = state();
    expectRefused(govscore(['weights', 'ahp', m, '--json', m]), 2, [`--json would overwrite the input file ${m}`], before);
    expectRefused(govscore(['rank', m, '--weights', 'a=1', '--json', m]), 2, [`--json would overwrite the input file ${m}`], before);
    rmSync(m);
  });

  it('compare … -o <the indicator system>', () => {
    const before = state([samples, join(work, 'indicators')]);
    const r = govscore(['compare', assessment, '--scenarios', join(samples, 'scenarios.yaml'), '-o', system, '-q']);
    expectRefused(r, 2, [`-o would overwrite the indicator system ${system}`], before, [samples, join(work, 'indicators')]);
  });
});

describe('bad output paths are usage errors (exit 2) naming the path and the fix, before any work', () => {
  it('-o - is refused and writes no file named "-"', () => {
    const before = state([work]);
    const r = govscore(['assess', assessment, '-o', '-', '-q']);
    expectRefused(r, 2, ['-o -: this output cannot go to standard output', 'only --json - writes to standard output'], before, [work]);
    expect(existsSync(join(work, '-'))).toBe(false);
  });

  it('a folder as -o or --json (EISDIR): nothing written, the earlier outputs unchanged', () => {
    for (const flag of ['-o', '--json']) {
      const out = earlierOutputs();
      mkdirSync(join(out, 'folder'));
      const before = state([out, samples]);
      const other = flag === '-o' ? ['--json', join(out, 'result.json')] : ['-o', join(out, 'report.xlsx')];
      const r = govscore(['assess', assessment, flag, join(out, 'folder'), ...other, '-q']);
      expectRefused(r, 2, [join(out, 'folder'), `${flag}: this is a folder, not a file`, 'name a file inside it'], before, [out, samples]);
    }
  });

  it('a parent path that is a file', () => {
    const out = earlierOutputs();
    const before = state([out, samples]);
    const r = govscore(['assess', assessment, '-o', join(out, 'result.json', 'report.xlsx'), '-q']);
    expectRefused(r, 2, [`-o: ${join(out, 'result.json')} is a file, not a folder`], before, [out, samples]);
  });

  it('a --docx path that cannot be written: a folder, a parent that is a file (issue 15)', () => {
    const out = earlierOutputs();
    mkdirSync(join(out, 'folder'));
    const before = state([out, samples]);
    const other = ['-o', join(out, 'report.xlsx'), '--json', join(out, 'result.json'), '-q'];
    expectRefused(govscore(['assess', assessment, '--docx', join(out, 'folder'), ...other]), 2, ['--docx: this is a folder, not a file'], before, [out, samples]);
    expectRefused(govscore(['assess', assessment, '--docx', join(out, 'result.json', 'r.docx'), ...other]), 2, [`--docx: ${join(out, 'result.json')} is a file, not a folder`], before, [out, samples]);
  });

  it('init <file> and demo -o <file>', () => {
    const out = earlierOutputs();
    const before = state([out]);
    expectRefused(govscore(['init', join(out, 'result.json')]), 2, [join(out, 'result.json'), 'init: this is a file, not a folder'], before, [out]);
    expectRefused(govscore(['demo', '-o', join(out, 'report.xlsx'), '-q']), 2, [join(out, 'report.xlsx'), '-o: this is a file, not a folder'], before, [out]);
  });
});

describe('outputs are all or nothing', () => {
  it('a folder that cannot be written (EACCES) for one output: exit 2, the other output not written either', (ctx) => {
    // /sys refuses new files even to root, where chmod 0555 would not stop a write.
    const probe = spawnSync('sh', ['-c', 'touch /sys/govscore-probe']);
    if (probe.status === 0 || existsSync('/sys/govscore-probe')) ctx.skip(); // a /sys that takes files: nothing to test
    const out = earlierOutputs();
    const before = state([out, samples]);
    const r = govscore(['assess', assessment, '-o', join(out, 'report.xlsx'), '--json', '/sys/result.json', '--draws', '0', '-q']);
    expectRefused(r, 2, ['/sys/result.json', 'cannot write here: permission denied', 'choose a folder you may write to'], before, [out, samples]);
  }, 120_000);

  it('a .docx that cannot be written (EACCES): exit 2, the workbook and JSON not written either (issue 15)', (ctx) => {
    const probe = spawnSync('sh', ['-c', 'touch /sys/govscore-probe']);
    if (probe.status === 0 || existsSync('/sys/govscore-probe')) ctx.skip();
    const out = earlierOutputs();
    const before = state([out, samples]);
    const r = govscore(['assess', assessment, '-o', join(out, 'report.xlsx'), '--json', join(out, 'result.json'), '--docx', '/sys/report.docx', '--draws', '0', '-q']);
    expectRefused(r, 2, ['/sys/report.docx', 'cannot write here: permission denied'], before, [out, samples]);
  }, 120_000);

  it('a full disk (ENOSPC): exit 3, no temporary file left, the earlier outputs unchanged', (ctx) => {
    // A 64 KiB tmpfs holds the earlier outputs but not the new workbook; skipped where mounting is not allowed.
    const disk = mkdtempSync(join(work, 'disk-'));
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', disk]).status !== 0) ctx.skip();
    try {
      writeFileSync(join(disk, 'report.xlsx'), 'earlier workbook');
      writeFileSync(join(disk, 'result.json'), '{"earlier": true}');
      const before = state([disk, samples]);
      const r = govscore(['assess', assessment, '-o', join(disk, 'report.xlsx'), '--json', join(disk, 'result.json'), '--draws', '0', '-q']);
      expectRefused(r, 3, ['no space left on the device', 'the previous outputs are unchanged', 'free some space'], before, [disk, samples]);
    } finally {
      spawnSync('umount', [disk]);
    }
  }, 120_000);

  it('SIGTERM while the outputs are staged removes the temporary files and keeps the earlier outputs (test hook)', async () => {
    const out = earlierOutputs();
    const before = state([out, samples]);
    const child = spawn(process.execPath, [bin, 'assess', assessment, '-o', join(out, 'report.xlsx'), '--json', join(out, 'result.json'), '--draws', '0', '-q'], {
      cwd: work,
      env: { ...process.env, GOVSCORE_TEST_PAUSE_BEFORE_RENAME: '20000' },
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    // Wait until the five outputs are staged (workbook, issues CSV, and since issue 14 the links and exclusions CSVs
    // of the sample's repeat detection; the JSON), then interrupt.
    const deadline = Date.now() + 100_000;
    while (temps(out).length < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(temps(out)).toHaveLength(5);
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(stderr).toContain('interrupted (SIGTERM): no output was written; the previous outputs are unchanged');
    expectRefused({ code: 143, signal: null, stdout: '', stderr }, 143, [], before, [out, samples]);
  }, 120_000);
});

describe('YAML alias bombs are configuration errors (exit 2) naming the file', () => {
  const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...'bcdefghi'.split('').map((x, i) => `${x}: &${x} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n') + '\n';

  it('in the assessment, indicator system and scenarios files', () => {
    const file = join(work, 'bomb.yaml');
    writeFileSync(file, bomb);
    for (const args of [
      ['assess', file],
      ['assess', assessment, '--indicators', file],
      ['metrics', '--cases', join(samples, 'cases.csv'), '--indicators', file],
      ['compare', assessment, '--scenarios', file],
    ]) {
      const before = state();
      const r = govscore([...args, '-q']);
      expectRefused(r, 2, [`${file}: too many YAML aliases`], before);
    }
  });
});

describe('a U+FFFE in a unit name', () => {
  let dir: string;
  let run: ReturnType<typeof govscore>;
  beforeAll(() => {
    dir = mkdtempSync(join(work, 'fffe-'));
    // The unit 青禾社区 becomes 青禾\uFFFE社区 in every input (the case log rewritten as UTF-8: GBK has no U+FFFE).
    const rename = (text: string) => text.replaceAll('青禾社区', '青禾\uFFFE社区');
    writeFileSync(join(dir, 'cases.csv'), rename(iconv.decode(readFileSync(join(samples, 'cases.csv')), 'gb18030')));
    for (const f of ['survey.csv', 'ratings.csv', 'units.csv']) writeFileSync(join(dir, f), rename(readFileSync(join(samples, f), 'utf8')));
    const inputs = ['cases', 'survey', 'ratings', 'units'].flatMap((k) => [`--${k}`, join(dir, `${k}.csv`)]);
    run = govscore(['assess', assessment, ...inputs, '-o', join(dir, 'report.xlsx'), '--json', join(dir, 'result.json'), '--draws', '0', '-q']);
  }, 120_000);

  it('gives a workbook whose every XML part is well-formed, the later names intact, and a warning', async () => {
    expect(run.code, run.stderr).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(join(dir, 'report.xlsx')));
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    for (const name of Object.keys(zip.files).filter((n) => /\.(xml|rels)$/.test(n))) assertWellFormed(utf8.decode(await zip.file(name)!.async('uint8array')));
    const sst = await zip.file('xl/sharedStrings.xml')!.async('string');
    expect(sst).toContain('<t>青禾社区</t>');
    for (const later of ['望江社区', '春晖社区', '数据质量核查']) expect(sst).toContain(`<t>${later}</t>`); // LibreOffice showed these empty
    const result = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')) as AssessmentResult;
    const w = result.warnings.find((x) => x.code === 'xml_text_cleaned');
    expect(w?.message).toContain('青禾⟨U+FFFE⟩社区');
    expect(w?.where).toMatch(/units\[\d+\]\.unit/);
    expect(result.units.some((u) => u.unit === '青禾\uFFFE社区')).toBe(true); // the JSON keeps the text
    expect(temps(dir)).toEqual([]);
  });
});
