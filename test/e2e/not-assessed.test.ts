/**
 * End to end (design §6.3): the sample quarter with one more community in the registry that has no case, no survey
 * response and no rating. It is 未评估 — no total, grade or rank, a unit_not_assessed warning on stderr and in the
 * JSON — and the nine others score and rank exactly as in the sample run; the workbook is written. The sample's
 * vetoed 金桥社区 ranks last of the assessed units (veto_rank: last). Spawns the built CLI (npm test builds first).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentResult } from '../../src/model/result.js';

const root = resolve(__dirname, '../..');
const bin = join(root, 'bin', 'govscore');
const samples = join(root, 'samples');

function govscore(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('a registry unit with no data for any indicator', () => {
  let dir: string;
  let base: AssessmentResult;
  let withNew: AssessmentResult;
  let run: ReturnType<typeof govscore>;

  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'cli.js'))) throw new Error('dist/ is missing: run "npm run build" (npm test does it first)');
    dir = mkdtempSync(join(tmpdir(), 'govscore-not-assessed-'));
    for (const f of ['cases.csv', 'survey.csv', 'ratings.csv']) copyFileSync(join(samples, f), join(dir, f));
    writeFileSync(join(dir, 'units.csv'), readFileSync(join(samples, 'units.csv'), 'utf8').trimEnd() + '\n新村社区,新村社区居民委员会,云湖街道,5000\n');
    const yaml = readFileSync(join(samples, 'assessment.yaml'), 'utf8').replace('../indicators/', `${join(root, 'indicators')}/`);
    writeFileSync(join(dir, 'assessment.yaml'), yaml);
    const common = ['--draws', '50', '-o', join(dir, 'r.xlsx')];
    run = govscore(['assess', join(dir, 'assessment.yaml'), ...common, '--json', join(dir, 'r.json')]);
    withNew = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    const b = govscore(['assess', join(samples, 'assessment.yaml'), '--draws', '50', '-o', join(dir, 'b.xlsx'), '--json', join(dir, 'b.json'), '-q']);
    expect(b.code, b.stderr).toBe(0);
    base = JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8'));
  });

  it('is 未评估: listed last with no total, grade or rank, and a warning', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(dir, 'r.xlsx'))).toBe(true);
    const u = withNew.units.at(-1)!;
    expect(u).toMatchObject({ unit: '新村社区', assessed: false, total: null, base: null, grade: null, rank: null, rank_note: null });
    expect(withNew.warnings.filter((w) => w.code === 'unit_not_assessed').map((w) => w.where)).toEqual(['新村社区']);
    expect(run.stderr).toMatch(/新村社区: no data for any indicator/);
    expect(run.stdout).toMatch(/—\s+新村社区居民委员会\s+—\s+未评估/);
    expect(withNew.robustness!.units.map((r) => r.unit)).not.toContain('新村社区');
  });

  it('changes nothing for the nine assessed units; the vetoed 金桥社区 ranks last of them', () => {
    const by = new Map(withNew.units.map((u) => [u.unit, u]));
    expect(base.units).toHaveLength(9);
    for (const u of base.units) {
      expect(by.get(u.unit)).toMatchObject({ assessed: true, total: u.total, grade: u.grade, rank: u.rank, rank_note: u.rank_note });
    }
    expect(base.units.find((u) => u.unit === '金桥社区')).toMatchObject({ rank: 9, rank_note: 'veto_last' });
  });
});
