/**
 * The method sheet's AHP consistency table (issue 16 item 4): each expert's CR, the expert departing most, and the
 * judgement to change, in zh and en.
 */
import { describe, expect, it } from 'vitest';
import { nodeWeights } from '../../src/scoring/node-weights.js';
import { makeFixture } from './fixture.js';
import type ExcelJS from 'exceljs';
import { findRow, load, valueOf, writeTo } from './helpers.js';

/** First row whose cell in `col` contains `text` (headings carry their section number), −1 if none. */
function rowContaining(ws: ExcelJS.Worksheet, col: number, text: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (String(valueOf(ws.getCell(r, col)) ?? '').includes(text)) return r;
  return -1;
}

const consistent = [
  [1, 2, 4],
  [1 / 2, 1, 2],
  [1 / 4, 1 / 2, 1],
];
const inconsistent = [
  [1, 3, 1 / 2],
  [1 / 3, 1, 2],
  [2, 1 / 2, 1],
];

/** The fixture with its first AHP node's details replaced by a three-expert group (the third inconsistent). */
function withGroup() {
  const r = makeFixture();
  const w = r.weighting.find((x) => x.method === 'ahp')!;
  const ids = Object.keys(w.weights);
  const kids = ids.map((id) => ({ id, weight: null }));
  const size = ids.length;
  const pick = (m: number[][]) => m.slice(0, size).map((row) => row.slice(0, size));
  const d = nodeWeights({ method: 'ahp', matrices: [pick(consistent), pick(consistent), pick(inconsistent)], ahpMethod: 'eigenvector', ri: 'saaty', allowInconsistent: true }, kids, []).detail;
  Object.assign(w, { experts: d.experts, most_departing_expert: d.most_departing_expert });
  return { r, w, ids };
}

describe('method sheet: AHP consistency', () => {
  it('lists each expert with CR and flags the most departing one (zh)', async () => {
    const { r, w } = withGroup();
    expect(w.experts!.length).toBe(3);
    const { path } = await writeTo(r);
    const ws = (await load(path)).getWorksheet('评价方法')!;
    const head = rowContaining(ws, 1, '层次分析法判断矩阵一致性');
    expect(head).toBeGreaterThan(0);
    expect(findRow(ws, 2, '专家')).toBe(head + 1);
    const third = findRow(ws, 2, '3');
    expect(valueOf(ws.getCell(third, 5))).toBeCloseTo(w.experts![2].cr, 10);
    expect(String(valueOf(ws.getCell(third, 7)))).toContain('偏离群组结果最大');
    if (w.experts![2].inconsistent) expect(String(valueOf(ws.getCell(third, 7)))).toMatch(/可使 CR 降至/);
    expect(findRow(ws, 2, '群组（几何平均）')).toBeGreaterThan(third);
  });

  it('says the same in English', async () => {
    const { r } = withGroup();
    const { path } = await writeTo(r, 'en');
    const ws = (await load(path)).getWorksheet('Method')!;
    expect(rowContaining(ws, 1, 'Consistency of the AHP judgements')).toBeGreaterThan(0);
    expect(String(valueOf(ws.getCell(findRow(ws, 2, '3'), 7)))).toContain('departs most from the group result');
  });

  it('has no such table without group or inconsistent AHP', async () => {
    const { path } = await writeTo(makeFixture());
    const ws = (await load(path)).getWorksheet('评价方法')!;
    expect(rowContaining(ws, 1, '层次分析法判断矩阵一致性')).toBe(-1);
  });
});
