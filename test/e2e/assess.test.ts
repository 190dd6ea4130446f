/**
 * End to end, as a user runs it: spawn the built CLI (npm test builds first) on the shipped sample quarter and
 * check the JSON result against the contracts of design §6–§7, recomputing the aggregation from the JSON itself.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentResult } from '../../src/model/result.js';

const root = resolve(__dirname, '../..');
const bin = join(root, 'bin', 'govscore');

function govscore(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('govscore assess on the sample quarter', () => {
  let dir: string;
  let result: AssessmentResult;
  let run: ReturnType<typeof govscore>;

  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'cli.js'))) throw new Error('dist/ is missing: run "npm run build" (npm test does it first)');
    dir = mkdtempSync(join(tmpdir(), 'govscore-e2e-'));
    run = govscore(['assess', 'samples/assessment.yaml', '-o', join(dir, 'report.xlsx'), '--json', join(dir, 'result.json'), '--draws', '200']);
    result = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
  });

  it('exits 0, writes the workbook and the JSON, and prints the ranking and a summary', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(dir, 'report.xlsx'))).toBe(true);
    expect(run.stdout).toMatch(/rank\s+unit\s+total\s+grade/);
    expect(run.stderr).toMatch(/9 units; cases \d+ used, \d+ rejected/);
  });

  it('follows the JSON contract of design §7.2', () => {
    expect(result.tool.name).toBe('govscore');
    expect(result.period).toEqual({ from: '2026-07-01', to: '2026-09-30', as_of: '2026-09-30T23:59:59' });
    expect(result.units).toHaveLength(9);
    const ids = result.indicators.map((i) => i.id);
    for (const u of result.units) {
      // Every node of the tree, leaves and inner nodes, appears for every unit.
      expect(Object.keys(u.indicators).sort()).toEqual([...ids].sort());
      for (const i of result.indicators) {
        const s = u.indicators[i.id];
        if (!i.leaf) expect(s.raw).toBeNull();
        if (s.score !== null) {
          expect(s.score).toBeGreaterThanOrEqual(0);
          expect(s.score).toBeLessThanOrEqual(100);
        }
      }
    }
    expect(result.robustness?.draws).toBe(200);
    expect(result.data_quality.files.map((f) => f.kind).sort()).toEqual(['cases', 'ratings', 'survey', 'units']);
  });

  it('has local weights summing to 1 among siblings and leaf global weights summing to 1', () => {
    const byParent = new Map<string | null, number>();
    for (const i of result.indicators) byParent.set(i.parent, (byParent.get(i.parent) ?? 0) + i.weight);
    for (const [, sum] of byParent) expect(sum).toBeCloseTo(1, 9);
    const leafGlobal = result.indicators.filter((i) => i.leaf).reduce((s, i) => s + i.global_weight, 0);
    expect(leafGlobal).toBeCloseTo(1, 9);
  });

  it('aggregates as design §6.3 says: node = weighted mean of available children, total = base + bonus − penalty', () => {
    for (const u of result.units) {
      for (const node of result.indicators.filter((i) => !i.leaf)) {
        const kids = result.indicators.filter((i) => i.parent === node.id);
        const avail = kids.filter((k) => u.indicators[k.id].score !== null);
        const w = avail.reduce((s, k) => s + k.weight, 0);
        const expected = avail.reduce((s, k) => s + k.weight * (u.indicators[k.id].score as number), 0) / w;
        expect(u.indicators[node.id].score).toBeCloseTo(expected, 9);
      }
      const level1 = result.indicators.filter((i) => i.level === 1);
      const avail = level1.filter((k) => u.indicators[k.id].score !== null);
      const base = avail.reduce((s, k) => s + k.weight * (u.indicators[k.id].score as number), 0) / avail.reduce((s, k) => s + k.weight, 0);
      expect(u.base).toBeCloseTo(base, 9);
      expect(u.total).toBeCloseTo(Math.min(100, Math.max(0, u.base! + u.bonus - u.penalty)), 9);
    }
  });

  it('ranks by total (to 2 decimals) with competition ranking, vetoed units last, and grades by bands, a veto capping the grade', () => {
    const hundredths = (x: number | null) => Math.round(x! * 100);
    const clear = result.units.filter((v) => v.vetoes.length === 0);
    for (const u of result.units) {
      // Design §6.3, veto_rank: last (the default): a vetoed unit ranks after every unit without a veto.
      const vetoed = u.vetoes.length > 0;
      const better = result.units.filter((v) => v.vetoes.length > 0 === vetoed && hundredths(v.total) > hundredths(u.total)).length;
      expect(u.rank).toBe(better + 1 + (vetoed ? clear.length : 0));
      expect(u.rank_note).toBe(vetoed ? 'veto_last' : null);
      const band = [...result.grades].sort((a, b) => b.min - a.min).find((g) => u.total! >= g.min - 1e-9);
      expect(u.grade_before_veto).toBe(band?.label.zh);
      if (u.vetoes.length === 0) expect(u.grade).toBe(u.grade_before_veto);
    }
    // The sample's 金桥 community has a safety-production veto (samples/ratings.csv): its grade is capped.
    const vetoed = result.units.filter((u) => u.vetoes.length > 0);
    expect(vetoed.length).toBeGreaterThan(0);
    for (const u of vetoed) expect(u.grade).toBe('不合格');
    // … and it ranks last, whatever its total.
    expect(vetoed.map((u) => u.unit)).toEqual(['金桥社区']);
    expect(vetoed[0].rank).toBe(result.units.length);
    expect(result.units.at(-1)!.unit).toBe('金桥社区');
  });

  it('accounts for every case row: rows = accepted + rejected + out of period, each rejection listed with its row', () => {
    const f = result.data_quality.files.find((x) => x.kind === 'cases')!;
    expect(f.rows).toBe(f.accepted + f.rejected + f.out_of_period);
    expect(f.rejected).toBeGreaterThan(0);
    expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
    const rejectedRows = new Set(result.data_quality.issues.filter((i) => i.file === f.path && i.severity === 'error').map((i) => i.row));
    expect(rejectedRows.size).toBe(f.rejected);
    for (const r of rejectedRows) expect(r).toBeGreaterThanOrEqual(2);
    const caseCount = Object.values(result.metrics.cases).reduce((s, m) => s + (m.case_count ?? 0), 0);
    // Excluded cases (the sample's 剔除原因 column, issue 14) are accepted but not in case_count; case_count_all has them.
    const units = Object.values(result.metrics.repeats?.units ?? {});
    const excluded = units.reduce((s, c) => s + c.excluded, 0);
    expect(excluded).toBeGreaterThan(0);
    expect(caseCount + excluded).toBe(f.accepted);
    expect(units.reduce((s, c) => s + c.case_count_all, 0)).toBe(f.accepted);
  });

  it('gives the same numbers under other time zones (wall-clock times, no TZ conversion)', () => {
    for (const tz of ['UTC', 'Asia/Shanghai']) {
      const out = join(dir, `tz-${tz.replace('/', '_')}.json`);
      const r = govscore(['assess', 'samples/assessment.yaml', '--json', out, '-o', join(dir, `tz-${tz.replace('/', '_')}.xlsx`), '--draws', '200', '-q'], { TZ: tz });
      expect(r.code, r.stderr).toBe(0);
      const other = JSON.parse(readFileSync(out, 'utf8')) as AssessmentResult;
      expect(other.units).toEqual(result.units);
      expect(other.metrics.cases).toEqual(result.metrics.cases);
      expect(other.robustness).toEqual(result.robustness);
    }
  });

  it('writes the JSON to stdout with --json - and nothing else there', () => {
    const r = govscore(['assess', 'samples/assessment.yaml', '--json', '-', '-o', join(dir, 'stdout.xlsx'), '--draws', '0', '-q']);
    expect(r.code, r.stderr).toBe(0);
    const parsed = JSON.parse(r.stdout) as AssessmentResult;
    expect(parsed.units.map((u) => u.total)).toEqual(result.units.map((u) => u.total));
    expect(parsed.robustness).toBeNull();
    expect(r.stderr).toBe('');
  });
});

describe('exit codes of design §7.3', () => {
  it('2 for a usage error (unknown option, with a suggestion for a typo in a command)', () => {
    expect(govscore(['assess', 'samples/assessment.yaml', '--no-such-flag']).code).toBe(2);
    const r = govscore(['asess']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/assess/);
  });

  it('2 for a configuration error, naming the file and the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'govscore-e2e-'));
    const file = join(dir, 'a.yaml');
    writeFileSync(file, 'title: x\nperiod: 2026Q3\nindicator_system: nowhere.yaml\ninputs: {cases: cases.csv}\n');
    const r = govscore(['assess', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nowhere\.yaml/);
  });

  it('3 for an input data error (a missing case log), and no output written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'govscore-e2e-'));
    const r = govscore(['assess', 'samples/assessment.yaml', '--cases', join(dir, 'missing.csv'), '-o', join(dir, 'r.xlsx'), '--json', join(dir, 'r.json')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/missing\.csv/);
    expect(existsSync(join(dir, 'r.xlsx'))).toBe(false);
    expect(existsSync(join(dir, 'r.json'))).toBe(false);
  });

  it('3 when more than --max-reject of the rows are rejected', () => {
    const r = govscore(['metrics', '--cases', 'samples/cases.csv', '--units', 'samples/units.csv', '--period', '2026Q3', '--max-reject', '0.1']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/reject/i);
  });
});

describe('govscore metrics on the samples', () => {
  it('prints the JSON of issue 2 with the metric ids of design §4 as keys', () => {
    const r = govscore(['metrics', '--cases', 'samples/cases.csv', '--units', 'samples/units.csv', '--survey', 'samples/survey.csv', '--period', '2026Q3', '--json', '-', '-q']);
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(r.stdout);
    // reopen_rate and merged_share (issue 14) are null without a repeats block.
    expect(Object.keys(m).sort()).toEqual(['breakdowns', 'data_quality', 'period', 'ratings', 'survey', 'units', 'warnings'].sort());
    expect(Object.keys(m.units[0].metrics).sort()).toEqual(
      [
        'reopen_rate',
        'merged_share',
        'case_count',
        'cases_per_10k',
        'first_contact_rate',
        'mean_close_workdays',
        'on_time_close_rate',
        'repeat_rate',
        'resolution_rate',
        'return_rate',
        'satisfaction_rate',
        'satisfaction_score',
        'verification_rate',
      ].sort(),
    );
    expect(m.data_quality.files[1]).toMatchObject({ kind: 'cases', rows: 4800 });
  });
});
