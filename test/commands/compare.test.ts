import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseIndicatorSystem } from '../../src/config/indicator-system.js';
import { formatComparison, scenarioResults, type LoadedSystem } from '../../src/commands/compare.js';
import { ConfigError } from '../../src/errors.js';
import { writeCompareWorkbook } from '../../src/report/compare-workbook.js';
import { compareScenarios } from '../../src/robustness/compare-scenarios.js';
import { scoreAssessment } from '../../src/scoring/score-assessment.js';
import { buildMetrics } from '../scoring/metrics-fixture.js';

// The worked example of test/robustness/compare-scenarios.test.ts: U1 (90, 60) → 75, U2 (60, 80) → 70,
// U3 (70, 70) → 70 with weights 1 : 1; with {b: 3} the totals are 67.5, 75, 70 (ranks 3, 1, 2).
const YAML = (wa: number) => `
name: {zh: 测试, en: Test}
survey: {items: [{id: q1}]}
indicators:
  - {id: a, name: 甲, weight: ${wa}, metric: cases.satisfaction_score, scoring: {method: identity}}
  - {id: b, name: 乙, weight: 1, metric: survey.satisfaction_index, scoring: {method: identity}}
`;
const METRICS = buildMetrics({ units: ['U1', 'U2', 'U3'], cases: { satisfaction_score: [90, 60, 70] }, surveyIndex: [60, 80, 70] });
const system = (wa: number, path: string): LoadedSystem => ({ system: parseIndicatorSystem(YAML(wa), path), path, sha256: 'x' });
const score = (s: LoadedSystem) =>
  scoreAssessment({ system: s.system, systemFile: s, assessment: null, metrics: METRICS, version: 't', generatedAt: '2026-10-08T09:00:00' });
const baseSystem = system(1, 'base.yaml');
const base = score(baseSystem);

const runner = {
  baseSystem,
  loadSystem: async (path: string) => system(3, path),
  runWithSystem: async (path: string) => score(system(3, path)),
};

describe('scenarioResults', () => {
  it('rescores weight scenarios on the base system and reruns alternative systems', async () => {
    const results = await scenarioResults(
      base,
      {
        path: 'scen.yaml',
        sha256: '',
        scenarios: [
          { name: '重b', description: null, weights: { b: 3 }, indicator_system: null },
          // alt system: a weighs 3 → U1 (270 + 60)/4 = 82.5, U2 65, U3 70.
          { name: 'alt', description: 'a ×3', weights: {}, indicator_system: 'alt.yaml' },
        ],
      },
      runner,
    );
    expect(results.map((r) => r.name)).toEqual(['重b', 'alt']);
    expect(results[0].result.units.map((u) => [u.unit, u.total])).toEqual([['U2', 75], ['U3', 70], ['U1', 67.5]]);
    expect(results[1].result.units.map((u) => [u.unit, u.total])).toEqual([['U1', 82.5], ['U3', 70], ['U2', 65]]);
    expect(results[1].result.config.indicator_system.path).toBe('alt.yaml');
  });

  it('rejects an unknown indicator id with the scenarios file and path', async () => {
    const file = { path: 'scen.yaml', sha256: '', scenarios: [{ name: 'x', description: null, weights: { bb: 2 }, indicator_system: null }] };
    await expect(scenarioResults(base, file, runner)).rejects.toThrow(ConfigError);
    await expect(scenarioResults(base, file, runner)).rejects.toMatchObject({ location: { file: 'scen.yaml', path: 'scenarios[0].weights.bb' } });
  });
});

describe('compare output', () => {
  const comparisonP = scenarioResults(
    base,
    { path: 's.yaml', sha256: '', scenarios: [{ name: '重b', description: null, weights: { b: 3 }, indicator_system: null }] },
    runner,
  ).then((r) => compareScenarios(base, r));

  it('prints a side-by-side table with rank changes and correlations', async () => {
    const text = formatComparison(await comparisonP, 'en');
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^rank\s+unit\s+total\s+grade\s+重b total\s+rank \(Δ\)\s+grade$/);
    expect(lines[2]).toMatch(/^\s*1\s+U1\s+75\.00\s+合格\s+67\.50\s+3 \(-2\)\s+合格$/);
    expect(text).toContain('base ↔ 重b: ρ = -0.866, τb = -0.816 (n = 3)');
    expect(text).toContain('No unit changes grade.');
  });

  it('writes a workbook with the table, correlations, grade changes and definitions', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'govscore-compare-'));
    const path = join(dir, 'compare.xlsx');
    await writeCompareWorkbook(await comparisonP, path, 'zh');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['情景对比', '排名相关性', '等级变化', '情景说明']);
    const ws = wb.getWorksheet('情景对比')!;
    expect(ws.getCell('F1').value).toBe('重b');
    expect(ws.getRow(3).values).toEqual([undefined, 1, 'U1', '', 75, '合格', 67.5, 3, -2, '合格']);
    expect(ws.getCell('H3').numFmt).toBe('+0;-0;0');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    const cs = wb.getWorksheet('排名相关性')!;
    expect(cs.getRow(2).getCell(4).value).toBeCloseTo(-Math.sqrt(3) / 2, 12);
  });
});
