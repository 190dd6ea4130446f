/**
 * Geometric aggregation as a live formula (issue 16 item 1): LibreOffice recalculates the scores sheet with every
 * cached formula result zeroed first, and the geometric node's scores and the totals come back equal to the engine's.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { labels } from '../../src/report/labels.js';
import { scoreAssessment } from '../../src/scoring/score-assessment.js';
import { syntheticSystem } from '../support/synthetic-system.js';
import { findCol, findRow, load, valueOf, writeTo } from './helpers.js';
import { convert, hasSoffice } from './soffice.js';

async function poisonCachedResults(path: string): Promise<void> {
  const zip = await JSZip.loadAsync(await readFile(path));
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async('string');
    zip.file(name, xml.replace(/(<f>[^<]*<\/f>)<v>[^<]*<\/v>/g, '$1<v>0</v>'));
  }
  await writeFile(path, await zip.generateAsync({ type: 'nodebuffer' }));
}

describe('LibreOffice: geometric nodes', () => {
  it.skipIf(!hasSoffice)(
    'recalculates a geometric node and the root (geometric too) equal to the engine',
    async () => {
      const { system, metrics } = syntheticSystem({ units: 8, groups: 3, leavesPerGroup: 3, seed: 5, missingShare: 0.1, groupExtra: (g) => (g === 1 ? 'aggregation: geometric' : '') });
      const geometricRoot = { ...system, aggregation: 'geometric' as const };
      const result = scoreAssessment({ system: geometricRoot, systemFile: { path: 's.yaml', sha256: '' }, assessment: null, metrics, version: 't', generatedAt: '2026-10-01T00:00:00Z' });
      const { path, dir } = await writeTo(result, 'en');
      await poisonCachedResults(path);
      const out = await convert(path, 'xlsx', join(dir, 'lo'));
      const L = labels('en');
      const ws = (await load(out)).getWorksheet(L.sheets.scores)!;
      const g1 = findCol(ws, 4, result.indicators.find((i) => i.id === 'G1')!.name.en);
      const total = findCol(ws, 4, L.scores.total);
      for (const u of result.units) {
        const r = findRow(ws, 1, u.unit);
        const want = u.indicators.G1.score;
        if (want !== null) expect(valueOf(ws.getCell(r, g1)) as number, u.unit).toBeCloseTo(want, 9);
        expect(valueOf(ws.getCell(r, total)) as number, u.unit).toBeCloseTo(u.total!, 9);
      }
    },
    180_000,
  );
});
