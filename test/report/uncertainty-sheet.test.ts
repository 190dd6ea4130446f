/**
 * The uncertainty section of the robustness sheet (issue 16 item 2): its tables in zh and en, its chart over the
 * table's cells, and a sheet for the analysis alone when the Monte Carlo check was off.
 */
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runUncertainty } from '../../src/robustness/uncertainty/analysis.js';
import { resolveUncertainty } from '../../src/robustness/uncertainty/settings.js';
import { scoreAssessment } from '../../src/scoring/score-assessment.js';
import { syntheticSystem } from '../support/synthetic-system.js';
import { load, valueOf, writeTo, zipOf } from './helpers.js';

function rowContaining(ws: ExcelJS.Worksheet, col: number, text: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (String(valueOf(ws.getCell(r, col)) ?? '').includes(text)) return r;
  return -1;
}

function withUncertainty(monteCarlo: boolean) {
  const { system, metrics } = syntheticSystem({ units: 12, groups: 2, leavesPerGroup: 3, seed: 3, missingShare: 0.1 });
  const result = scoreAssessment({ system, systemFile: { path: 's.yaml', sha256: '' }, assessment: null, metrics, version: 't', generatedAt: '2026-10-01T00:00:00Z' });
  const settings = resolveUncertainty({ samples: 32, seed: 9, weights: 0.3, leaf_methods: { L1_0: ['minmax'] }, aggregation: ['arithmetic', 'geometric'], weighting: ['entropy', 'stdev'] }, system, 'a.yaml', { seed: 1, weights: null });
  result.uncertainty = runUncertainty(system, metrics, result, settings);
  if (monteCarlo) {
    result.robustness = {
      draws: 10,
      seed: 1,
      perturbation: 0.2,
      scheme: 'test',
      top_k: 3,
      mean_spearman: 1,
      units: result.units.filter((u) => u.rank !== null).map((u) => ({ unit: u.unit, base_rank: u.rank!, median_rank: u.rank!, p05_rank: u.rank!, p95_rank: u.rank!, p_keep_grade: 1, p_top_k: 0, p_bottom_k: 0 })),
    };
  }
  return result;
}

describe('robustness sheet: uncertainty and sensitivity', () => {
  it('shows the design, the inputs with S and ST, each unit\'s interval and the remove-one table (zh)', async () => {
    const result = withUncertainty(true);
    const u = result.uncertainty!;
    const { path } = await writeTo(result);
    const ws = (await load(path)).getWorksheet('稳健性')!;
    const top = rowContaining(ws, 1, '不确定性与敏感性分析');
    expect(top).toBeGreaterThan(rowContaining(ws, 1, '评估对象'));
    expect(valueOf(ws.getCell(top + 1, 2))).toBe('32');
    expect(valueOf(ws.getCell(top + 2, 2))).toBe(String(u.draws));
    const agg = rowContaining(ws, 1, '聚合方式');
    expect(String(valueOf(ws.getCell(agg, 2)))).toBe('加权算术平均、加权几何平均');
    expect(valueOf(ws.getCell(agg, 6))).toBeCloseTo(u.mean_rank_shift.total_order.aggregation!, 12);
    expect(rowContaining(ws, 1, '“L1_0”的计分方法') > 0 || rowContaining(ws, 1, '“指标1_0”的计分方法') > 0).toBe(true);
    expect(rowContaining(ws, 1, '各评估对象的排名区间')).toBeGreaterThan(agg);
    const removeHead = rowContaining(ws, 1, '逐一剔除二级指标后的排名变动');
    expect(removeHead).toBeGreaterThan(0);
    expect(ws.rowCount - removeHead - 1).toBe(u.remove_one.length);
  });

  it('draws S and ST of each input as a bar chart over the table (a chart more than the Monte Carlo one)', async () => {
    const { path } = await writeTo(withUncertainty(true));
    const zip = await zipOf(path);
    const charts = await Promise.all(Object.keys(zip.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n)).map((n) => zip.file(n)!.async('string')));
    const mine = charts.find((x) => x.includes('各不确定输入的敏感性指数'));
    expect(mine).toBeDefined();
    expect(mine).toMatch(/<c:barDir val="bar"\/>/);
    expect((mine!.match(/<c:ser>/g) ?? []).length).toBe(2);
  });

  it('says it in English, and stands alone when the Monte Carlo check was off', async () => {
    const { path } = await writeTo(withUncertainty(false), 'en');
    const ws = (await load(path)).getWorksheet('Robustness')!;
    expect(rowContaining(ws, 1, 'Uncertainty and sensitivity analysis')).toBeGreaterThan(0);
    expect(rowContaining(ws, 1, 'Mean Spearman')).toBe(-1);
    expect(rowContaining(ws, 1, 'Rank changes with one level-2 indicator left out')).toBeGreaterThan(0);
  });
});
