/**
 * The bad-input battery of issue 7 part 3, about the CLI contract (design §7.3): spawn the built CLI on malformed
 * inputs generated here and check, for each, the documented exit code (2 usage/configuration, 3 data), that stderr
 * names the file (and the row and column where they apply), and that no output — JSON, workbook, issues CSV — was
 * written; an existing output is left as it was. Row-level faults do not stop a run: they are counted and listed in
 * the JSON ledger. Reader-level details (every encoding path, every rejection rule) are covered in test/io/.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { CASE_HEADER, caseRow, csv } from '../io/helpers.js';

const root = resolve(__dirname, '../..');
const bin = join(root, 'bin', 'govscore');
const dir = mkdtempSync(join(tmpdir(), 'govscore-bad-'));
let n = 0;

function file(name: string, content: string | Uint8Array): string {
  const p = join(dir, `${n++}-${name}`);
  writeFileSync(p, content);
  return p;
}

/** Runs the CLI with its outputs in a fresh folder; returns the exit code, stderr and what the folder holds after. */
function govscore(args: (out: string) => string[]) {
  const out = join(dir, `out-${n++}`);
  mkdirSync(out);
  const r = spawnSync(process.execPath, [bin, ...args(out)], { cwd: root, encoding: 'utf8', maxBuffer: 256 << 20 });
  return { code: r.status, stderr: r.stderr, stdout: r.stdout, out, written: readdirSync(out) };
}

/** `govscore metrics` on a case log, JSON into the output folder. */
function metrics(cases: string, ...extra: string[]) {
  return govscore((out) => ['metrics', '--cases', cases, '--period', '2026Q3', '--json', join(out, 'result.json'), '-q', ...extra]);
}

/** A valid case log of `rows` rows in 2026Q3, plus extra rows at the end. */
function caseLog(rows: number, extra: string[][] = []): string[][] {
  const body: string[][] = [];
  for (let i = 1; i <= rows; i++) {
    body.push(caseRow({ id: `C${i}`, unit: i % 2 ? '东湖社区' : '西湖社区', received: '2026-07-14 09:00:00', contact: '2026-07-14 10:00:00', closed: '2026-07-15 09:00:00' }));
  }
  return [CASE_HEADER, ...body, ...extra];
}

const base = () => file('cases.csv', csv(caseLog(60)));

/** A failed run: the code, the file (and optionally more) named on stderr, and nothing written. */
function expectFailure(r: ReturnType<typeof govscore>, code: 2 | 3, ...named: (string | RegExp)[]) {
  expect(r.code, r.stderr).toBe(code);
  for (const x of named) {
    if (typeof x === 'string') expect(r.stderr).toContain(x);
    else expect(r.stderr).toMatch(x);
  }
  expect(r.written).toEqual([]);
}

/** A successful run whose ledger lists the one faulty row. */
function expectLedgered(r: ReturnType<typeof govscore>, row: number, field: RegExp | null, reason: RegExp) {
  expect(r.code, r.stderr).toBe(0);
  const result = JSON.parse(readFileSync(join(r.out, 'result.json'), 'utf8'));
  const f = result.data_quality.files.find((x: { kind: string }) => x.kind === 'cases');
  expect(f.rejected).toBe(1);
  expect(f.accepted).toBe(60);
  const issue = result.data_quality.issues.find((i: { row: number }) => i.row === row);
  expect(issue, JSON.stringify(result.data_quality.issues)).toBeDefined();
  if (field) expect(issue.field).toMatch(field);
  else expect(issue.field).toBeNull();
  expect(issue.reason).toMatch(reason);
  expect(issue.severity).toBe('error');
}

describe('bad input: whole-file faults stop the run with exit 3 and write nothing', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'cli.js'))) throw new Error('dist/ is missing: run "npm run build" (npm test does it first)');
  });

  it('an empty file', () => {
    const p = file('empty.csv', '');
    expectFailure(metrics(p), 3, p, /empty/);
  });

  it('a header without data rows', () => {
    const p = file('header-only.csv', csv([CASE_HEADER]));
    expectFailure(metrics(p), 3, p, /no data rows/);
  });

  it('junk binary', () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    const p = file('junk.csv', bytes);
    expectFailure(metrics(p), 3, p, /binary/);
  });

  it('UTF-16 text', () => {
    const p = file('utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv(caseLog(3)), 'utf16le')]));
    expectFailure(metrics(p), 3, p, /UTF-16/);
  });

  it('mixed encodings: UTF-8 for the first 64 KiB, then a GBK row (the row is named)', () => {
    const rows = caseLog(1200);
    const gbkRow = Buffer.from(iconv.encode(csv([caseRow({ id: 'G1', unit: '南湖社区' })]), 'gbk'));
    const p = file('mixed.csv', Buffer.concat([Buffer.from(csv(rows), 'utf8'), gbkRow]));
    expectFailure(metrics(p), 3, p, /not valid UTF-8/, `row ${rows.length + 1}`, /gb18030/);
  });

  it('mixed encodings: one GBK cell inside the first 64 KiB of a UTF-8 file (issue 12: it was read whole as GB18030, exit 0)', () => {
    const rows = caseLog(20);
    const gbkRow = Buffer.from(iconv.encode(csv([caseRow({ id: 'G1', unit: '南湖社区' })]), 'gbk'));
    const p = file('mixed-early.csv', Buffer.concat([Buffer.from(csv(rows), 'utf8'), gbkRow, Buffer.from(csv(caseLog(20).slice(1)), 'utf8')]));
    expectFailure(metrics(p), 3, p, `row ${rows.length + 1} is not valid UTF-8`, /re-save the file as UTF-8/, /--encoding gb18030/);
  });

  it('a GBK file forced to be read as UTF-8', () => {
    const p = file('gbk.csv', iconv.encode(csv(caseLog(60)), 'gbk'));
    expectFailure(metrics(p, '--encoding', 'utf8'), 3, p, /not valid UTF-8/, 'row 1');
  });

  it('required columns missing (the missing ones and the columns present are named)', () => {
    const p = file('no-urgency.csv', csv(caseLog(5).map((r) => r.slice(0, 3))));
    expectFailure(metrics(p), 3, p, /紧急程度|urgency/, /工单编号/);
  });

  it('a duplicated header', () => {
    const p = file('dup-header.csv', csv(caseLog(5).map((r) => [...r, r[0]])));
    expectFailure(metrics(p), 3, p, 'row 1', 'column 工单编号', /duplicate/);
  });

  it('an unclosed quote (the row where it opens)', () => {
    const p = file('quote.csv', csv(caseLog(60)) + 'C99,"东湖社区,2026-07-14 09:00:00,一般\nC100,东湖社区,2026-07-14 09:00:00,一般\n');
    expectFailure(metrics(p), 3, p, 'row 62', /Quote Not Closed/);
  });

  it('ragged rows above the allowed share', () => {
    const p = file('ragged.csv', csv(caseLog(10, Array.from({ length: 5 }, (_, i) => [`R${i}`, '东湖社区']))));
    expectFailure(metrics(p), 3, p, /rejected/, /wrong number of cells/);
  });

  it('impossible dates in every row (above --max-reject)', () => {
    const p = file('all-bad-dates.csv', csv([CASE_HEADER, ...Array.from({ length: 20 }, (_, i) => caseRow({ id: `B${i}`, received: '2026-02-30 09:00:00' }))]));
    expectFailure(metrics(p), 3, p, /20 of 20 rows rejected/, /unreadable date-time/);
  });

  it('a CSV named .xlsx', () => {
    const p = file('really-csv.xlsx', csv(caseLog(5)));
    expectFailure(metrics(p), 3, p, /not an Excel workbook/);
  });

  it('an XLSX that is a broken zip', () => {
    const p = file('broken.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]));
    expectFailure(metrics(p), 3, p);
  });

  it('a directory given as the case log', () => {
    const p = join(dir, `folder-${n++}`);
    mkdirSync(p);
    expectFailure(metrics(p), 3, p, /folder/);
  });

  it('a path that does not exist', () => {
    const p = join(dir, 'nope.csv');
    expectFailure(metrics(p), 3, p, /no such file/);
  });

  it('an unreadable file', (ctx) => {
    // Root reads files whatever their mode bits, so a chmod 000 file is readable there (CI runs as root).
    if (process.getuid?.() === 0) {
      ctx.skip('running as root: permission bits do not stop root, so an unreadable file cannot be made');
      return;
    }
    const p = base();
    chmodSync(p, 0o000);
    expectFailure(metrics(p), 3, p);
  });

  it('a mapping naming a column the file lacks (the columns present are listed)', () => {
    const map = file('map.yaml', 'cases:\n  columns:\n    unit: 街道名称\n');
    expectFailure(metrics(base(), '--map', map), 3, '街道名称', /工单编号/);
  });

  it('a registry of units: every case of an unknown unit rejected, above the allowed share', () => {
    const units = file('units.csv', '社区\n北湖社区\n');
    expectFailure(metrics(base(), '--units', units), 3, /unit not in the registry/);
  });

  it('a case log in a year the built-in calendar does not know', () => {
    const rows = [CASE_HEADER, caseRow({ id: 'F1', received: '2040-01-10 09:00:00', closed: '2040-01-12 09:00:00' })];
    const p = file('future.csv', csv(rows));
    const r = govscore((out) => ['metrics', '--cases', p, '--period', '2040Q1', '--json', join(out, 'result.json'), '-q']);
    // Data outside what the calendar knows is a data error (exit 3) naming the file, the row and the date.
    expectFailure(r, 3, p, 'row 2', /2040-01-1\d/, /--weekends-only/);
  });
});

describe('bad configuration and usage stop the run with exit 2 and write nothing', () => {
  it('a mapping file that is not YAML', () => {
    const map = file('bad-map.yaml', 'cases: [unclosed\n  : :\n');
    expectFailure(metrics(base(), '--map', map), 2, 'bad-map.yaml');
  });

  it('a mapping file with an unknown field', () => {
    const map = file('odd-map.yaml', 'cases:\n  columns:\n    no_such_field: 工单编号\n');
    expectFailure(metrics(base(), '--map', map), 2, 'odd-map.yaml', /no_such_field/);
  });

  it('a calendar file that is not JSON', () => {
    const cal = file('cal.json', '{"holidays": [2026-10-01');
    expectFailure(metrics(base(), '--calendar', cal), 2, 'cal.json');
  });

  it('a calendar file with an impossible date', () => {
    const cal = file('cal2.json', '{"holidays": ["2026-02-30"], "workdays": []}');
    expectFailure(metrics(base(), '--calendar', cal), 2, 'cal2.json', /2026-02-30/);
  });

  it('a bad --period', () => {
    expectFailure(metrics(base(), '--period', '2026Q5'), 2, /--period/, /2026Q5/);
  });

  it('a bad --max-reject', () => {
    expectFailure(metrics(base(), '--max-reject', 'abc'), 2, /--max-reject/);
    expectFailure(metrics(base(), '--max-reject', '150'), 2, /--max-reject/);
  });

  it('an unknown --encoding', () => {
    expectFailure(metrics(base(), '--encoding', 'klingon'), 2, /klingon/);
  });

  it('a bad --as-of', () => {
    expectFailure(metrics(base(), '--as-of', '2026-13-45'), 2, /--as-of/);
  });

  it('an indicator system file with an error', () => {
    const ind = file('indicators.yaml', 'name: broken\nindicators:\n  - id: a\n    weight: -3\n');
    expectFailure(metrics(base(), '--indicators', ind), 2, 'indicators.yaml');
  });

  it('an assessment file that does not exist', () => {
    const r = govscore((out) => ['assess', join(dir, 'no-assessment.yaml'), '-o', join(out, 'r.xlsx'), '--json', join(out, 'r.json'), '-q']);
    expectFailure(r, 2, 'no-assessment.yaml');
  });

  it('an unknown option', () => {
    expectFailure(metrics(base(), '--frobnicate'), 2, /frobnicate/);
  });
});

describe('row-level faults are counted and listed in the JSON ledger, not fatal', () => {
  // 60 valid rows + 1 faulty row: 1.6 % rejected, under the default 5 %. The faulty row is row 62 (header = row 1).
  const withRow = (name: string, row: string[]) => metrics(file(name, csv(caseLog(60, [row]))));

  it('an impossible date (2026-02-30)', () => {
    expectLedgered(withRow('feb30.csv', caseRow({ id: 'X', received: '2026-02-30 09:00:00' })), 62, /received_at/, /unreadable date-time/);
  });

  it('a time past 24:00', () => {
    expectLedgered(withRow('2430.csv', caseRow({ id: 'X', closed: '2026-07-15 24:30:00' })), 62, /closed_at/, /unreadable date-time/);
  });

  it('a negative count', () => {
    expectLedgered(withRow('negative.csv', caseRow({ id: 'X', returned: '-1' })), 62, /returned_count/, /whole number/);
  });

  it('an unknown urgency label', () => {
    expectLedgered(withRow('urgency.csv', caseRow({ id: 'X', urgency: '火急' })), 62, /urgency/, /unknown urgency/);
  });

  it('a ragged row', () => {
    expectLedgered(withRow('ragged1.csv', ['X', '东湖社区', '2026-07-14 09:00:00']), 62, null, /wrong number of cells/);
  });

  it('a unit absent from the registry', () => {
    const units = file('units2.csv', '社区\n东湖社区\n西湖社区\n');
    const r = metrics(file('unknown-unit.csv', csv(caseLog(60, [caseRow({ id: 'X', unit: '北湖社区' })]))), '--units', units);
    expectLedgered(r, 62, /unit/, /not in the registry/);
  });

  it('a 10 MB field is read whole', () => {
    const big = 'x'.repeat(10_000_000);
    const r = metrics(file('big-field.csv', csv(caseLog(60, [caseRow({ id: 'X', urgency: big })]))));
    expectLedgered(r, 62, /urgency/, /unknown urgency/);
  });

  it('a duplicate case id', () => {
    expectLedgered(withRow('dup-id.csv', caseRow({ id: 'C7' })), 62, /case_id/, /duplicate/);
  });
});

describe('atomic outputs', () => {
  it('a failing assess leaves an existing workbook, JSON and issues CSV exactly as they were', () => {
    const out = join(dir, `keep-${n++}`);
    mkdirSync(out);
    const wb = join(out, 'report.xlsx');
    const js = join(out, 'result.json');
    writeFileSync(wb, 'OLD WORKBOOK');
    writeFileSync(js, 'OLD JSON');
    // (With the columns the sample system's repeat keys name, so that the run reaches the empty log: exit 3.)
    const bad = file('header-only2.csv', csv([[...CASE_HEADER, '诉求类别', '来电号码', '诉求地址']]));
    const r = spawnSync(process.execPath, [bin, 'assess', 'samples/assessment.yaml', '--cases', bad, '-o', wb, '--json', js, '-q'], { cwd: root, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(3);
    expect(r.stderr).toContain(bad);
    expect(readFileSync(wb, 'utf8')).toBe('OLD WORKBOOK');
    expect(readFileSync(js, 'utf8')).toBe('OLD JSON');
    expect(readdirSync(out).sort()).toEqual(['report.xlsx', 'result.json']);
  });

  it('a failing metrics run leaves an existing JSON as it was', () => {
    const out = join(dir, `keep-${n++}`);
    mkdirSync(out);
    const js = join(out, 'result.json');
    writeFileSync(js, 'OLD JSON');
    const r = spawnSync(process.execPath, [bin, 'metrics', '--cases', file('e.csv', ''), '--json', js, '-q'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(3);
    expect(readFileSync(js, 'utf8')).toBe('OLD JSON');
    expect(readdirSync(out)).toEqual(['result.json']);
  });
});

describe('progress output', () => {
  it('prints nothing on stderr when it is not a TTY, and nothing at all with --quiet', () => {
    // spawnSync gives the child a pipe, not a TTY: no progress bar (which would redraw with \r), only the summary.
    const p = base();
    const plain = spawnSync(process.execPath, [bin, 'metrics', '--cases', p, '--period', '2026Q3', '--json', '-'], { cwd: root, encoding: 'utf8' });
    expect(plain.status, plain.stderr).toBe(0);
    expect(plain.stderr).not.toMatch(/\r|rows\/s|█|░/);
    expect(plain.stderr.trim().split('\n')).toHaveLength(1);
    const quiet = spawnSync(process.execPath, [bin, 'metrics', '--cases', p, '--period', '2026Q3', '--json', '-', '-q'], { cwd: root, encoding: 'utf8' });
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).toBe('');
    expect(JSON.parse(quiet.stdout).units).toHaveLength(2);
  });
});
