/**
 * VIKOR, grey relational analysis and RSR beside the weighted sum (issue 16 item 3): on TOPSIS's matrix, into the
 * result and the scores sheet.
 */
import { describe, expect, it } from 'vitest';
import { alternativeRankings } from '../../src/scoring/alternative-rankings.js';
import { greyRelational } from '../../src/scoring/grey-relational.js';
import { scoreAssessment } from '../../src/scoring/score-assessment.js';
import { topsis } from '../../src/scoring/topsis.js';
import { vikor } from '../../src/scoring/vikor.js';
import { findCol, findRow, load, valueOf, writeTo } from '../report/helpers.js';
import { syntheticSystem } from '../support/synthetic-system.js';

describe('alternative rankings', () => {
  const { system, metrics } = syntheticSystem({ units: 15, groups: 2, leavesPerGroup: 3, seed: 21 });
  const result = scoreAssessment({ system, systemFile: { path: 's.yaml', sha256: '' }, assessment: null, metrics, version: 't', generatedAt: 'x' });
  const alt = alternativeRankings(result, ['vikor', 'gra', 'rsr']);

  it('runs each method on the leaf scores with the global weights, the matrix TOPSIS uses', () => {
    const leaves = result.indicators.filter((i) => i.leaf);
    const units = result.units.filter((u) => u.assessed);
    const matrix = units.map((u) => leaves.map((l) => u.indicators[l.id].score!));
    const w = leaves.map((l) => l.global_weight);
    const benefit = leaves.map(() => 'benefit' as const);
    // The same matrix as TOPSIS: our TOPSIS over it reproduces the engine's closeness.
    topsis(matrix, w, benefit).closeness.forEach((c, i) => expect(units[i].topsis!.closeness).toBeCloseTo(c, 12));
    const v = vikor(matrix, w, benefit);
    alt[0].units.forEach((x, i) => {
      expect(x.score).toBeCloseTo(v.q[i], 12);
      expect(x.rank).toBe(v.ranks[i]);
    });
    expect(alt[0].details).toMatchObject({ v: 0.5, dq: 1 / 14 });
    greyRelational(matrix, w, benefit).grades.forEach((g, i) => expect(alt[1].units[i].score).toBeCloseTo(g, 12));
    expect(alt[2].units.every((x) => x.tier === null || (x.tier! >= 1 && x.tier! <= 3))).toBe(true);
  });

  it('stand beside the weighted sum on the scores sheet, after TOPSIS', async () => {
    const { path } = await writeTo({ ...result, alternative_rankings: alt });
    const ws = (await load(path)).getWorksheet('得分明细')!;
    const q = findCol(ws, 4, 'VIKOR 折衷指数 Q（越小越好）');
    expect(q).toBeGreaterThan(findCol(ws, 4, 'TOPSIS 排名'));
    const unit = alt[0].units[0];
    const r = findRow(ws, 1, unit.unit);
    expect(valueOf(ws.getCell(r, q))).toBeCloseTo(unit.score, 12);
    expect(valueOf(ws.getCell(r, q + 1))).toBe(unit.rank);
    const rsr = findCol(ws, 4, 'RSR 排名（分档）');
    expect(String(valueOf(ws.getCell(r, rsr)))).toMatch(/^\d+（第[123]档）$/);
  });
});
