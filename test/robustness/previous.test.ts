import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.js';
import { comparePeriods, loadPreviousResult } from '../../src/robustness/previous.js';
import { assessment, ind, unit } from './fixtures.js';

// Two quarters of a tree with level-1 indicators D1 and D2 (D3 only this quarter).
const previous = assessment(
  [ind('D1', null, 0.5, false), ind('D2', null, 0.5, false)],
  [
    unit({ unit: '东街', scores: { D1: 80, D2: 70 }, total: 75, rank: 1, grade: '合格' }),
    unit({ unit: '西街', scores: { D1: 70, D2: 60 }, total: 65, rank: 2, grade: '合格' }),
    unit({ unit: '北街', scores: { D1: 50, D2: 40 }, total: 45, rank: 3, grade: '不合格' }),
  ],
  { period: { from: '2026-04-01', to: '2026-06-30', as_of: '2026-07-01T00:00:00' } },
);
const current = assessment(
  [ind('D1', null, 0.4, false), ind('D2', null, 0.4, false), ind('D3', null, 0.2, false)],
  [
    unit({ unit: '西街', scores: { D1: 85.3, D2: 60, D3: 90 }, total: 76.12, rank: 1, grade: '合格' }),
    unit({ unit: '南街', scores: { D1: 75, D2: 75, D3: 75 }, total: 75, rank: 2, grade: '合格' }),
    unit({ unit: '东街', scores: { D1: 78, D2: null, D3: 70 }, total: 74.9, rank: 3, grade: '合格' }),
  ],
);

describe('comparePeriods', () => {
  const c = comparePeriods(current, previous, 'q2.json');
  const by = new Map(c.units.map((u) => [u.unit, u]));

  it('gives deltas of totals, ranks and level-1 scores for units in both periods', () => {
    // 西街: 76.12 − 65 = 11.12; rank 2 → 1: change +1 (moved up); D1 85.3 − 70 = 15.3; D2 60 − 60 = 0;
    // D3 did not exist last quarter → null.
    expect(by.get('西街')).toEqual({
      unit: '西街',
      status: 'both',
      total: 76.12,
      previous_total: 65,
      total_delta: 11.12,
      rank: 1,
      previous_rank: 2,
      rank_change: 1,
      level1_deltas: { D1: 15.3, D2: 0, D3: null },
    });
    // 东街: 74.9 − 75 = −0.1; rank 1 → 3: change −2 (moved down); D2 missing now → null.
    expect(by.get('东街')).toMatchObject({ total_delta: -0.1, rank_change: -2, level1_deltas: { D1: -2, D2: null, D3: null } });
  });

  it('lists a new unit and a dropped unit instead of leaving them out', () => {
    expect(by.get('南街')).toMatchObject({ status: 'new', total: 75, previous_total: null, total_delta: null, rank: 2, rank_change: null });
    expect(by.get('北街')).toMatchObject({ status: 'dropped', total: null, previous_total: 45, previous_rank: 3, rank: null, rank_change: null });
    expect(by.get('北街')!.level1_deltas).toEqual({ D1: null, D2: null, D3: null });
    expect(c.units.map((u) => u.unit)).toEqual(['西街', '南街', '东街', '北街']);
  });

  it('records which result it compared with', () => {
    expect(c.previous).toEqual({ path: 'q2.json', period: previous.period, generated_at: previous.generated_at });
  });
});

describe('loadPreviousResult', () => {
  async function file(name: string, text: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'govscore-prev-'));
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  }

  it('reads a JSON result back', async () => {
    const path = await file('q2.json', JSON.stringify(previous));
    expect((await loadPreviousResult(path)).units.map((u) => u.unit)).toEqual(['东街', '西街', '北街']);
  });

  it('names the file when it is missing, not JSON, or not a govscore result', async () => {
    await expect(loadPreviousResult('/nonexistent/q2.json')).rejects.toMatchObject({ location: { file: '/nonexistent/q2.json' } });
    const bad = await file('bad.json', '{"units": [');
    await expect(loadPreviousResult(bad)).rejects.toThrow(DataError);
    await expect(loadPreviousResult(bad)).rejects.toThrow(/not valid JSON/);
    const other = await file('other.json', JSON.stringify({ units: [] }));
    await expect(loadPreviousResult(other)).rejects.toThrow(/not a govscore JSON result/);
    const broken = await file('broken.json', JSON.stringify({ ...previous, units: [{ unit: 'X', total: 'high' }] }));
    await expect(loadPreviousResult(broken)).rejects.toMatchObject({ location: { file: broken, path: 'units[0].total' } });
  });
});

describe('loadPreviousResult across schema versions (issue 13 §5: schema 3 renamed the metrics part)', () => {
  // test/fixtures/results/result-v2.json: written by govscore before schema 3 (commit e85d737) from
  // samples/assessment.yaml, trimmed (level-1 indicators, a few data-quality rows, no findings) and relabelled
  // 2026Q2; its metrics part is the old camelCase one (caseCounts, dataQuality, closedOnTime …). result-v1.json is
  // the same without what schema 2 added: schema_version and the warnings lists.
  const fixture = (name: string) => join(__dirname, '..', 'fixtures', 'results', name);

  it.each(['result-v1.json', 'result-v2.json'])('reads %s and compares the current period with it', async (name) => {
    const old = await loadPreviousResult(fixture(name));
    expect(old.period).toEqual({ from: '2026-04-01', to: '2026-06-30', as_of: '2026-06-30T23:59:59' });
    expect(old.units).toHaveLength(9);
    // This quarter: the first unit of the old result 1.0 higher on its total and on one level-1 indicator.
    const top = old.units[0];
    const d1 = Object.keys(top.indicators)[0];
    const now = {
      ...old,
      period: { from: '2026-07-01', to: '2026-09-30', as_of: '2026-09-30T23:59:59' },
      units: [{ ...top, total: top.total! + 1, indicators: { ...top.indicators, [d1]: { score: top.indicators[d1].score! + 1 } } }],
    };
    const c = comparePeriods(now, old, name);
    expect(c.units[0]).toMatchObject({ unit: top.unit, status: 'both', total_delta: 1, rank_change: 0 });
    expect(c.units[0].level1_deltas[d1]).toBe(1);
    expect(c.units.filter((u) => u.status === 'dropped')).toHaveLength(8);
  });

  it('refuses a result of a newer schema, naming its version', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'govscore-prev-'));
    const path = join(dir, 'future.json');
    await writeFile(path, JSON.stringify({ ...previous, schema_version: 99 }));
    await expect(loadPreviousResult(path)).rejects.toThrow(DataError);
    await expect(loadPreviousResult(path)).rejects.toThrow(/schema_version 99, newer than this govscore reads \(1 to 3\)/);
  });
});
