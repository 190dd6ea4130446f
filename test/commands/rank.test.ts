// `govscore rank`: direct calls, and the built CLI once per exit code.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runRank } from '../../src/commands/rank.js';
import { DataError, UsageError } from '../../src/errors.js';
import { captured } from '../helpers/capture-stdout.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (name: string) => join(root, 'test/fixtures/matrices', name);
const weights = 'on_time_rate=0.5,satisfaction=0.3,return_rate=0.2';


describe('runRank', () => {
  it('ranks by the weighted sum of min–max scores (0..100)', async () => {
    const j = JSON.parse(await captured(() => runRank(fixture('communities.csv'), { weights, cost: 'return_rate', json: '-' })));
    // Min–max scores (return_rate is cost):
    //   on_time (.95,.80,.90,.70) → 100, 40, 80, 0; satisfaction (88,92,75,80) → 76.4706, 100, 0, 29.4118;
    //   return (.02,.05,.01,.08) → 85.7143, 42.8571, 100, 0.
    // 东湖 = .5·100 + .3·76.4706 + .2·85.7143 = 90.0840; 西城 = 20 + 30 + 8.5714 = 58.5714;
    // 南苑 = 40 + 0 + 20 = 60; 北岭 = 0 + 8.8235 + 0 = 8.8235.
    expect(j.method).toBe('wsm');
    const byLabel = Object.fromEntries((j.scores as { label: string; score: number; rank: number }[]).map((s) => [s.label, s]));
    expect(byLabel['东湖社区'].score).toBeCloseTo(90.084, 3);
    expect(byLabel['西城社区'].score).toBeCloseTo(58.5714, 4);
    expect(byLabel['南苑社区'].score).toBeCloseTo(60, 10);
    expect(byLabel['北岭社区'].score).toBeCloseTo(8.8235, 4);
    expect([byLabel['东湖社区'].rank, byLabel['南苑社区'].rank, byLabel['西城社区'].rank, byLabel['北岭社区'].rank]).toEqual([1, 2, 3, 4]);
    expect(j.weights).toEqual({ on_time_rate: 0.5, satisfaction: 0.3, return_rate: 0.2 });
  });

  it('ranks by TOPSIS closeness in [0, 1] and prints an aligned table', async () => {
    const out = await captured(() => runRank(fixture('communities.csv'), { weights, cost: 'return_rate', method: 'topsis' }));
    expect(out).toMatch(/TOPSIS closeness/);
    const rows = [...out.matchAll(/^\s*(\d+)\s+(\S+社区)\s+(0\.\d{4}|1\.0000)$/gm)];
    expect(rows.map((r) => r[1])).toEqual(['1', '2', '3', '4']);
  });

  it('ranks by VIKOR Q (smaller is better) with S, R and the acceptance conditions', async () => {
    const j = JSON.parse(await captured(() => runRank(fixture('communities.csv'), { weights, cost: 'return_rate', method: 'vikor', json: '-' })));
    // Hand-computed from the min–max shares (1 − score/100) above: d = w·(1 − s/100):
    //   东湖 (0, .3·.235294, .2·.142857) → S = .099160, R = .070588; 西城 (.3, 0, .114286) → S = .414286, R = .3;
    //   南苑 (.1, .3, 0) → S = .4, R = .3; 北岭 (.5, .211765, .2) → S = .911765, R = .5.
    //   Q = .5·(S − .099160)/.812605 + .5·(R − .070588)/.429412; 东湖 0, 西城 .461022, 南苑 .452232, 北岭 1.
    const by = Object.fromEntries((j.scores as { label: string; score: number; rank: number; s: number; r: number }[]).map((x) => [x.label, x]));
    expect(by['东湖社区'].score).toBeCloseTo(0, 10);
    expect(by['西城社区'].score).toBeCloseTo(0.461022, 5);
    expect(by['南苑社区'].score).toBeCloseTo(0.452232, 5);
    expect(by['北岭社区'].score).toBeCloseTo(1, 10);
    expect(by['东湖社区'].s).toBeCloseTo(0.09916, 5);
    expect(by['北岭社区'].r).toBeCloseTo(0.5, 10);
    expect([by['东湖社区'].rank, by['南苑社区'].rank, by['西城社区'].rank, by['北岭社区'].rank]).toEqual([1, 2, 3, 4]);
    // DQ = 1/3; Q(A(2)) − Q(A(1)) = .452 ≥ 1/3, and 东湖 is best by S and R: a single compromise.
    expect(j.details).toMatchObject({ v: 0.5, acceptable_advantage: true, acceptable_stability: true, compromise: [0] });
  });

  it('prints the grey relational grade and the RSR 档 with the probit line', async () => {
    const gra = await captured(() => runRank(fixture('communities.csv'), { weights, cost: 'return_rate', method: 'gra' }));
    expect(gra).toMatch(/grey relational grade/);
    expect(gra).toMatch(/ρ = 0\.5/);
    const rsr = JSON.parse(await captured(() => runRank(fixture('communities.csv'), { weights, cost: 'return_rate', method: 'rsr', tiers: '3', json: '-' })));
    expect(rsr.method).toBe('rsr');
    // Integer ranks (高优 ascending, return_rate 低优): 东湖 (4, 3, 3), 西城 (2, 4, 2), 南苑 (3, 1, 4), 北岭 (1, 2, 1);
    // WRSR = Σ w·R / 4: 东湖 2 + .9 + .6 = 3.5 → .875; 西城 1 + 1.2 + .4 = 2.6 → .65; 南苑 1.5 + .3 + .8 = 2.6 → .65;
    // 北岭 .5 + .6 + .2 = 1.3 → .325.
    const by = Object.fromEntries((rsr.scores as { label: string; score: number; rank: number; tier: number }[]).map((x) => [x.label, x]));
    expect(by['东湖社区'].score).toBeCloseTo(0.875, 12);
    expect(by['西城社区'].score).toBeCloseTo(0.65, 12);
    expect(by['南苑社区'].score).toBeCloseTo(0.65, 12);
    expect(by['北岭社区'].score).toBeCloseTo(0.325, 12);
    expect([by['东湖社区'].rank, by['西城社区'].rank, by['南苑社区'].rank, by['北岭社区'].rank]).toEqual([1, 2, 2, 4]);
    expect(rsr.details.tier_count).toBe(3);
    expect(by['东湖社区'].tier).toBe(1);
  });

  it('normalises weights and leaves unlisted columns out', async () => {
    const j = JSON.parse(await captured(() => runRank(fixture('communities.csv'), { weights: 'on_time_rate=3,satisfaction=1', json: '-' })));
    expect(j.weights).toEqual({ on_time_rate: 0.75, satisfaction: 0.25, return_rate: 0 });
  });

  it('rejects unknown columns, bad weights and methods as usage errors listing the columns', async () => {
    await expect(runRank(fixture('communities.csv'), { weights: 'nope=1' })).rejects.toThrow(/the columns are: on_time_rate, satisfaction, return_rate/);
    await expect(runRank(fixture('communities.csv'), { weights: 'satisfaction=-1' })).rejects.toBeInstanceOf(UsageError);
    await expect(runRank(fixture('communities.csv'), { weights: 'satisfaction' })).rejects.toBeInstanceOf(UsageError);
    await expect(runRank(fixture('communities.csv'), { weights, method: 'promethee' })).rejects.toThrow(/not one of wsm, topsis, vikor, gra, rsr/);
    await expect(runRank(fixture('communities.csv'), { weights, method: 'vikor', v: '1.5' })).rejects.toThrow(/--v: "1.5"/);
    await expect(runRank(fixture('communities.csv'), { weights, method: 'gra', rho: '0' })).rejects.toBeInstanceOf(UsageError);
    await expect(runRank(fixture('communities.csv'), { weights, method: 'rsr', tiers: '2.5' })).rejects.toBeInstanceOf(UsageError);
    await expect(runRank(fixture('communities.csv'), { weights, cost: 'x' })).rejects.toBeInstanceOf(UsageError);
  });
});

describe('govscore rank (built CLI)', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/govscore'), ...args], { encoding: 'utf8' });
  it('exit 0 with JSON scores', () => {
    const r = cli('rank', fixture('communities.csv'), '--weights', weights, '--cost', 'return_rate', '--method', 'topsis', '--json', '-');
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.scores).toHaveLength(4);
    for (const s of j.scores) expect(s.score).toBeGreaterThanOrEqual(0);
  });
  it('exit 2 for an unknown weight column', () => {
    expect(cli('rank', fixture('communities.csv'), '--weights', 'nope=1').status).toBe(2);
  });
  it('exit 3 for a cell that is not a number', () => {
    const r = cli('rank', fixture('bad-cell.csv'), '--weights', 'a=1,b=1');
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/row 3, column b/);
  });
});

describe('large finite entries (issue 12)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'govscore-rank-'));
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it('±1e308 are numbers; their range overflows, and the column and cell are named (it said "value 1 is not a number")', async () => {
    const p = file('huge.csv', 'unit,a,b\nu1,1e308,1\nu2,-1e308,2\nu3,0,3\n');
    for (const method of ['wsm', 'topsis']) {
      const e = (await runRank(p, { weights: 'a=0.5,b=0.5', method }).then(
        () => null,
        (x: unknown) => x,
      )) as DataError;
      expect(e, method).toBeInstanceOf(DataError);
      expect(e.location).toMatchObject({ file: p, row: 2, column: 'a' });
      expect(e.message).toMatch(/up to 1e\+308.*range overflow/);
      expect(e.hint).toMatch(/rescale the column/);
    }
  });

  it('1e150 still ranks', async () => {
    const j = JSON.parse(await captured(() => runRank(file('big.csv', 'unit,a\nu1,1e150\nu2,-1e150\n'), { weights: 'a=1', json: '-' })));
    expect(j.scores.map((s: { rank: number }) => s.rank)).toEqual([1, 2]);
  });
});
