/**
 * The chart font subset (src/report/docx/font-subset.ts): with the Noto Sans CJK collection that the charts use,
 * a subset for some text draws exactly the pixels the whole font draws (the same face: resvg takes a collection's
 * first face), holds the Simplified Chinese face by default, and is a small fraction of the 19 MB file. Skipped, with
 * a message, where fonts-noto-cjk is not installed.
 */
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CHART_FONT } from '../../../src/report/docx/build-docx.js';
import { chartSvg, levelOneRadar, totalsBar } from '../../../src/report/docx/chart-images.js';
import { faceFamily, subsetFont, subsetFontFile } from '../../../src/report/docx/font-subset.js';

const hasFont = existsSync(DEFAULT_CHART_FONT);
if (!hasFont) console.warn(`font-subset tests SKIPPED: ${DEFAULT_CHART_FONT} is missing (apt-get install fonts-noto-cjk; .ci/run does)`);

const pixels = (svg: string, font: string) => new Resvg(svg, { font: { fontFiles: [font], loadSystemFonts: false }, background: '#fff' }).render().pixels;
const charsOf = (s: string) => new Set([...s].map((c) => c.codePointAt(0)!));

describe.skipIf(!hasFont)('chart font subset', () => {
  const full = hasFont ? readFileSync(DEFAULT_CHART_FONT) : Buffer.alloc(0);
  const dir = mkdtempSync(join(tmpdir(), 'govscore-subset-'));

  it('draws the same pixels as the whole font for the charts of a report (first face, as resvg picks it)', async () => {
    const svgs = [
      await chartSvg(totalsBar([{ name: '青禾社区', total: 94.04 }, { name: '望江社区※', total: 89.3 }, { name: 'Riverside', total: 45.2 }], '各评估对象总得分', 500).option, 500, 250),
      await chartSvg(levelOneRadar([{ name: '治理作风', unit: 83.9, average: 80 }, { name: '服务标准', unit: 84, average: 70 }, { name: '诉求处置', unit: 91.8, average: 75 }], { unit: '本单位', average: '街道平均' }, 400).option, 400, 250),
    ];
    const subset = join(dir, 'face0.otf');
    writeFileSync(subset, subsetFont(full, charsOf(svgs.join('')), { face: 0 }));
    for (const svg of svgs) expect(Buffer.from(pixels(svg, subset)).equals(Buffer.from(pixels(svg, DEFAULT_CHART_FONT)))).toBe(true);
  }, 60_000);

  it('holds the Simplified Chinese face by default, in a file a small fraction of the collection', async () => {
    const f = await subsetFontFile(DEFAULT_CHART_FONT, '各评估对象总得分 0123456789');
    try {
      const bytes = readFileSync(f.path);
      expect(faceFamily(bytes)).toBe('Noto Sans CJK SC');
      expect(faceFamily(full)).toBe('Noto Sans CJK JP');
      expect(bytes.length).toBeLessThan(full.length / 10);
    } finally {
      await f.remove();
    }
    expect(existsSync(f.path)).toBe(false);
  });

  it('a glyph the text does not use is empty: it draws nothing', () => {
    const subset = join(dir, 'small.otf');
    writeFileSync(subset, subsetFont(full, charsOf('中'), { face: 0 }));
    const svg = (t: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="60" height="30"><text x="5" y="22" style="font-size:20px">${t}</text></svg>`;
    const ink = (px: Uint8Array | Buffer) => [...px].filter((v) => v < 250).length;
    expect(ink(pixels(svg('中'), subset))).toBeGreaterThan(0);
    expect(ink(pixels(svg('国'), subset))).toBe(0);
  });

  it('uses a font it cannot subset as it is', async () => {
    const notAFont = join(dir, 'x.txt');
    writeFileSync(notAFont, 'not a font');
    const f = await subsetFontFile(notAFont, '中');
    expect(f.path).toBe(notAFont);
    await f.remove();
    expect(existsSync(notAFont)).toBe(true);
  });
});
