/**
 * End to end (issue 12, configuration and input sets): an assessment file's max_reject is honoured, every input is
 * optional as long as one of case log, survey, ratings is given (design §3.1), and a rater's later rating replaces
 * the earlier one (design §3.1, a correction). Spawns the built CLI (npm test builds first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentResult } from '../../src/model/result.js';

const root = resolve(__dirname, '../..');
const bin = join(root, 'bin', 'govscore');
const samples = join(root, 'samples');
const communitySystem = join(root, 'indicators', 'community-refinement.yaml');

function govscore(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'govscore-inputs-'));
}

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'cli.js'))) throw new Error('dist/ is missing: run "npm run build" (npm test does it first)');
});

/** Ten cases of one unit in 2026Q3; `bad` of them with an impossible receipt date (rejected rows). */
function caseLog(bad: number): string {
  const rows = ['工单编号,所属社区,受理时间,紧急程度,办结时间'];
  for (let i = 1; i <= 10; i++) {
    const received = i <= bad ? '2026-02-30 09:00' : `2026-07-${String(i + 5).padStart(2, '0')} 09:00`;
    rows.push(`GD${i},东湖社区,${received},一般,2026-07-${String(i + 6).padStart(2, '0')} 10:00`);
  }
  return rows.join('\n') + '\n';
}

const CASE_SYSTEM = 'name: t\nindicators:\n  - {id: A, name: 按时办结, weight: 1, metric: cases.on_time_close_rate, scoring: {method: threshold, floor: 0.5, target: 1}}\n';

describe('max_reject in the assessment file', () => {
  it('is used when no --max-reject flag is given (20 % bad rows under max_reject: 50 → runs)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'cases.csv'), caseLog(2));
    writeFileSync(join(dir, 'system.yaml'), CASE_SYSTEM);
    const a = 'title: t\nperiod: 2026Q3\nindicator_system: system.yaml\ninputs: {cases: cases.csv}\nrobustness: {draws: 0}\noutputs: {json: r.json}\n';
    writeFileSync(join(dir, 'a50.yaml'), a + 'max_reject: 50\n');
    const ok = govscore(['assess', join(dir, 'a50.yaml'), '-q']);
    expect(ok.code, ok.stderr).toBe(0);
    const result = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as AssessmentResult;
    expect(result.data_quality.files.find((f) => f.kind === 'cases')).toMatchObject({ rows: 10, rejected: 2 });
    // Without the file's setting the default of 5 % stops the run; a flag still wins over the file.
    const dflt = govscore(['assess', join(dir, 'a50.yaml'), '-q', '--max-reject', '5']);
    expect(dflt.code).toBe(3);
    writeFileSync(join(dir, 'a.yaml'), a);
    expect(govscore(['assess', join(dir, 'a.yaml'), '-q']).code).toBe(3);
  });
});

describe('every input is optional (design §3.1)', () => {
  function assessOnly(input: string): { run: ReturnType<typeof govscore>; dir: string; result: AssessmentResult } {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'a.yaml'),
      `title: t\nperiod: 2026Q3\nindicator_system: ${JSON.stringify(communitySystem)}\ninputs:\n  ${input}\n` +
        'outputs: {workbook: out/r.xlsx, json: out/r.json}\nrobustness: {draws: 50}\n',
    );
    const run = govscore(['assess', join(dir, 'a.yaml')]);
    const result = run.code === 0 ? (JSON.parse(readFileSync(join(dir, 'out', 'r.json'), 'utf8')) as AssessmentResult) : (null as never);
    return { run, dir, result };
  }

  it('a survey-only assessment runs and writes the workbook and the JSON', () => {
    const { run, dir, result } = assessOnly(`survey: {path: ${JSON.stringify(join(samples, 'survey.csv'))}, mapping: {dont_know: [9, 不清楚]}}`);
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(dir, 'out', 'r.xlsx'))).toBe(true);
    // The units come from the survey's rows (no registry, no case log): the nine sample communities.
    expect(result.units).toHaveLength(9);
    expect(result.data_quality.files.map((f) => f.kind)).toEqual(['survey']);
    // Case leaves are missing for every unit, not 0.
    const c3 = result.indicators.find((i) => i.metric === 'cases.return_rate')!;
    for (const u of result.units) expect(u.indicators[c3.id].raw).toBeNull();
    // …with one warning per absent input (design §7.5)
    const absent = result.warnings.filter((w) => w.code === 'leaf_input_absent');
    expect(absent.map((w) => w.params?.input).sort()).toEqual(['cases', 'ratings']);
    expect(absent.find((w) => w.params?.input === 'cases')?.where).toContain(c3.id);
  });

  it('a ratings-only assessment runs and writes the workbook and the JSON', () => {
    const { run, dir, result } = assessOnly(`ratings: ${JSON.stringify(join(samples, 'ratings.csv'))}`);
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(dir, 'out', 'r.xlsx'))).toBe(true);
    expect(result.units).toHaveLength(9);
    expect(result.data_quality.files.map((f) => f.kind)).toEqual(['ratings']);
  });

  it('no case log, survey or ratings: exit 2 naming what is needed', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), `title: t\nperiod: 2026Q3\nindicator_system: ${JSON.stringify(communitySystem)}\ninputs: {units: ${JSON.stringify(join(samples, 'units.csv'))}}\n`);
    const r = govscore(['assess', join(dir, 'a.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a\.yaml/);
    expect(r.stderr).toMatch(/inputs\.cases, inputs\.survey, inputs\.ratings/);
    const m = govscore(['metrics']);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/--cases, --survey, --ratings/);
  });

  it('govscore metrics --survey alone runs (no period needed: survey rows carry no dates)', () => {
    const r = govscore(['metrics', '--survey', join(samples, 'survey.csv'), '--json', '-', '-q']);
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.period).toBeNull();
    expect(m.units).toHaveLength(9);
    expect(m.units.every((u: { metrics: unknown }) => u.metrics === null)).toBe(true);
    expect(Object.keys(m.survey.units)).toHaveLength(9);
  });
});

describe('a rater who rated the same unit and indicator twice', () => {
  it('the later row counts, and the ledger names the earlier row as replaced', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ratings.csv'), '评估对象,指标,专家,评分\n东湖社区,conduct,专家A,60\n东湖社区,conduct,专家B,80\n东湖社区,conduct,专家A,90\n');
    const r = govscore(['metrics', '--ratings', join(dir, 'ratings.csv'), '--json', '-', '-q']);
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(r.stdout);
    // mean of 专家B 80 and 专家A's correction 90 (row 4), not of 60 and 80
    expect(m.ratings.cells.conduct['东湖社区']).toMatchObject({ n: 2, value: 85, min: 80, max: 90 });
    const notes = m.data_quality.issues.filter((i: { field: string }) => i.field === 'rater');
    expect(notes).toEqual([expect.objectContaining({ row: 2, value: '专家A', severity: 'warning' })]);
    expect(notes[0].reason).toMatch(/replaced .*row 4/);
  });
});

describe('a rating indicator typo (design §7.5)', () => {
  it('ratings.condcut while the file rates conduct: exit 2 naming the leaf path and the ids the file has; a mapping to an invalid value: exit 2', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ratings.csv'), '评估对象,指标,专家,评分\n东湖社区,conduct,专家A,80\n东湖社区,extra,专家A,70\n');
    writeFileSync(join(dir, 'system.yaml'), 'name: t\nindicators:\n  - {id: A, name: 作风, weight: 1, metric: ratings.condcut}\n');
    const a = 'title: t\nperiod: 2026Q3\nindicator_system: system.yaml\ninputs: {ratings: ratings.csv}\nrobustness: {draws: 0}\noutputs: {json: r.json}\n';
    writeFileSync(join(dir, 'a.yaml'), a);
    const r = govscore(['assess', join(dir, 'a.yaml'), '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/system\.yaml, indicators\[0\]\.metric/);
    expect(r.stderr).toMatch(/conduct, extra/);
    expect(existsSync(join(dir, 'r.json'))).toBe(false);
    // optional: true → runs, the leaf missing and the unread ids listed as warnings
    writeFileSync(join(dir, 'system.yaml'), 'name: t\nindicators:\n  - {id: A, name: 作风, weight: 1, metric: ratings.condcut, optional: true}\n');
    const ok = govscore(['assess', join(dir, 'a.yaml'), '-q']);
    expect(ok.code, ok.stderr).toBe(0);
    const result = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as AssessmentResult;
    expect(result.warnings.map((w) => w.code).sort()).toEqual(expect.arrayContaining(['leaf_optional_absent', 'ratings_id_unused']));
    // a value map to an urgency that does not exist
    writeFileSync(join(dir, 'map.yaml'), 'cases:\n  values:\n    urgency: {一般: emergency}\n');
    const m = govscore(['metrics', '--ratings', join(dir, 'ratings.csv'), '--map', join(dir, 'map.yaml')]);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/map\.yaml, cases\.values\.urgency\.一般/);
  });
});

describe('a survey item the survey file lacks (design §7.5)', () => {
  it('survey.item:q4 with the column renamed q44: exit 2 naming the leaf path and the columns', () => {
    const dir = tempDir();
    const survey = readFileSync(join(samples, 'survey.csv'), 'utf8').replace(',q4,', ',q44,');
    writeFileSync(join(dir, 'survey.csv'), survey);
    writeFileSync(
      join(dir, 'a.yaml'),
      `title: t\nperiod: 2026Q3\nindicator_system: ${JSON.stringify(communitySystem)}\ninputs: {survey: survey.csv}\nrobustness: {draws: 0}\noutputs: {json: r.json}\n`,
    );
    const r = govscore(['assess', join(dir, 'a.yaml'), '-q']);
    expect(r.code, r.stderr).toBe(2);
    // A2 (居民对工作人员评价) reads survey.item:q4
    expect(r.stderr).toMatch(/community-refinement\.yaml, indicators\[0\]\.children\[1\]\.metric/);
    expect(r.stderr).toMatch(/q44/);
  });
});
