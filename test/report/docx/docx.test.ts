/**
 * The narrative report (.docx, issue 15, design §7.4) of the sample quarter, written by the built CLI
 * (`assess samples/assessment.yaml --docx`), read as Word reads it (document.xml, styles.xml, footer):
 * - the outline: heading 1 paragraphs 摘要, 一 … 九, 附件 in the order of 财预〔2020〕10号, heading styles with
 *   keep-with-next, a TOC field over headings 1–2, a PAGE field in the footer, A4 portrait;
 * - every table repeats its header row; body 仿宋 (or --docx-font), headings 黑体;
 * - the numbers: the ranking table equals the JSON row by row, and every number in the body text is one the JSON
 *   gives (json-numbers.ts derives them independently of src/findings);
 * - LibreOffice opens it (headless, converted to PDF): a sane page count, every heading of the outline on paper.
 * The LibreOffice part is skipped, with a message, where soffice is not installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentResult } from '../../../src/model/result.js';
import { DEFAULT_CHART_FONT } from '../../../src/report/docx/build-docx.js';
import { displayFixed, fmtScore } from '../../../src/report/format.js';
import { tidy } from '../../../src/report/sheets/text-sections.js';
import { numbersIn, streetNumbers, unitNumbers } from '../json-numbers.js';
import { readResultJson } from '../../support/read-result-json.js';
import { convert, hasPoppler, hasSoffice, pdfPages } from '../soffice.js';

const root = resolve(__dirname, '../../..');
const T = 180_000;

interface Run {
  dir: string;
  docx: string;
  result: AssessmentResult;
  xml: string;
  styles: string;
  footers: string;
}

function assess(lang: 'zh' | 'en', extra: string[] = []): Omit<Run, 'xml' | 'styles' | 'footers'> {
  const dir = mkdtempSync(join(tmpdir(), 'govscore-docx-'));
  const docx = join(dir, 'report.docx');
  const json = join(dir, 'result.json');
  const r = spawnSync(process.execPath, [join(root, 'bin/govscore'), 'assess', join(root, 'samples/assessment.yaml'), '-o', join(dir, 'report.xlsx'), '--json', json, '--docx', docx, '--lang', lang, '-q', ...extra], {
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  return { dir, docx, result: readResultJson(JSON.parse(readFileSync(json, 'utf8'))) };
}

async function open(run: Omit<Run, 'xml' | 'styles' | 'footers'>): Promise<Run> {
  const zip = await JSZip.loadAsync(readFileSync(run.docx));
  const footers = await Promise.all(Object.keys(zip.files).filter((n) => /^word\/footer\d*\.xml$/.test(n)).map((n) => zip.file(n)!.async('string')));
  return { ...run, xml: await zip.file('word/document.xml')!.async('string'), styles: await zip.file('word/styles.xml')!.async('string'), footers: footers.join('\n') };
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
/** The text of a paragraph's runs. */
const textOf = (p: string) => unescape([...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));
/** Paragraphs of the body (outside tables) with their style. */
function paragraphs(xml: string): { style: string | null; text: string }[] {
  const body = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '');
  return [...body.matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p [^>]*>([\s\S]*?)<\/w:p>/g)].map((m) => {
    const p = m[1] ?? m[2];
    return { style: /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1] ?? null, text: textOf(p) };
  });
}
/** Tables as rows of cell texts. */
function tables(xml: string): string[][][] {
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) => [...t[1].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) => [...r[0].matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => textOf(c[1]))));
}

const ZH_OUTLINE = ['摘要', '一、基本情况', '二、评价工作开展情况', '三、评价指标体系、评价标准和评价方法', '四、评价结论', '五、绩效分析', '六、主要经验做法', '七、存在的问题及原因分析', '八、有关建议', '九、其他需要说明的问题', '附件'];
const EN_OUTLINE = ['Summary', '1. Background', '2. How the assessment was carried out', '3. Indicator system, standards and methods', '4. Conclusions', '5. Performance analysis', '6. Good practice', '7. Problems and their causes', '8. Recommendations', '9. Limitations', 'Annexes'];

let zh: Run;
let en: Run;
beforeAll(async () => {
  if (!existsSync(join(root, 'dist', 'cli.js'))) throw new Error('dist/ is missing: run "npm run build" (npm test does it first)');
  zh = await open(assess('zh'));
  en = await open(assess('en', ['--docx-font', '宋体']));
}, T);

describe('the .docx is a Word document with a real outline', () => {
  it('heading 1 paragraphs are the outline of 财预〔2020〕10号, in order (zh and en)', () => {
    for (const [run, outline] of [
      [zh, ZH_OUTLINE],
      [en, EN_OUTLINE],
    ] as const) {
      const h1 = paragraphs(run.xml).filter((p) => p.style === 'Heading1').map((p) => p.text.replace(/\s+/g, ''));
      expect(h1).toEqual(outline.map((h) => h.replace(/\s+/g, '')));
    }
  });

  it('headings keep with the next paragraph; A4 portrait; a TOC field over headings 1–2; page numbers in the footer', () => {
    const headingParas = [...zh.xml.matchAll(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:pStyle w:val="Heading\d"\/>[\s\S]*?<\/w:pPr>/g)];
    expect(headingParas.length).toBeGreaterThan(30);
    for (const h of headingParas) expect(h[0]).toContain('<w:keepNext/>');
    expect(zh.xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(zh.xml).not.toContain('w:orient="landscape"');
    expect(unescape(zh.xml)).toMatch(/<w:instrText[^>]*>TOC [^<]*\\o "1-2"/);
    expect(zh.footers).toMatch(/PAGE/);
  });

  it('every table repeats its header row on each page', () => {
    const all = [...zh.xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].filter((t) => !t[1].includes('w:val="none"'));
    expect(all.length).toBeGreaterThan(15);
    for (const t of all) expect(/<w:tr[ >][\s\S]*?<\/w:tr>/.exec(t[1])![0]).toContain('<w:tblHeader/>');
  });

  it('body in 仿宋 by default and in the font --docx-font names; headings in 黑体', () => {
    expect(zh.styles).toMatch(/<w:docDefaults>[\s\S]*w:eastAsia="仿宋"[\s\S]*<\/w:docDefaults>/);
    expect(en.styles).toMatch(/<w:docDefaults>[\s\S]*w:eastAsia="宋体"[\s\S]*<\/w:docDefaults>/);
    const h1 = /<w:style w:type="paragraph" w:styleId="Heading1">[\s\S]*?<\/w:style>/.exec(zh.styles)![0];
    expect(h1).toContain('w:eastAsia="黑体"');
  });

  it.skipIf(!existsSync(DEFAULT_CHART_FONT))('holds the charts: totals, rank intervals and one radar per assessed unit', async () => {
    const zip = await JSZip.loadAsync(readFileSync(zh.docx));
    const media = Object.keys(zip.files).filter((n) => n.startsWith('word/media/'));
    expect(media).toHaveLength(2 + zh.result.units.filter((u) => u.total !== null).length);
  });
});

describe('every number in the .docx is the JSON result’s', () => {
  it('the ranking table equals the result row by row', () => {
    for (const run of [zh, en]) {
      const ranking = tables(run.xml).find((t) => t[0][0] === (run === zh ? '排名' : 'Rank') && t[0][2] === (run === zh ? '总得分' : 'Total'))!;
      expect(ranking).toBeDefined();
      const level1 = run.result.indicators.filter((i) => i.level === 1);
      const byRank = [...run.result.units].sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99));
      expect(ranking.slice(1).map((r) => r[1].replace('※', ''))).toEqual(byRank.map((u) => u.unit));
      for (const [i, u] of byRank.entries()) {
        const row = ranking[i + 1];
        expect(row[0]).toBe(String(u.rank));
        expect(row[2]).toBe(fmtScore(u.total!));
        expect(row[3]).toBe(run.result.grades.find((g) => g.label.zh === u.grade)!.label[run === zh ? 'zh' : 'en']);
        level1.forEach((d, k) => expect(row[4 + k]).toBe(fmtScore(u.indicators[d.id].score!)));
      }
    }
  });

  it('every number quoted in the body text is recomputed from the JSON (zh and en)', () => {
    for (const run of [zh, en]) {
      const r = run.result;
      const allowed = new Set<string>([...streetNumbers(r), ...r.units.flatMap((u) => [...unitNumbers(r, u.unit)])]);
      const rb = r.robustness!;
      const inds = r.indicators;
      // Method and robustness wording: the tree's size, the perturbation range, draws, seed, mean Spearman, the
      // tie example of the total rule (1, 2, 2, 4), the 24-hour day of the time-limit note, the issues counted.
      const extra = [inds.length, inds.filter((i) => i.leaf).length, Math.max(...inds.map((i) => i.level)), rb.draws, rb.seed, 1 - rb.perturbation, 1 + rb.perturbation, 1, 2, 4, 24, '00', r.data_quality.issues.length].map(String);
      extra.push(displayFixed(rb.mean_spearman, 3));
      const evaluator = Object.values(r.assessment.texts).map((t) => tidy(t));
      let checked = 0;
      const bad: string[] = [];
      for (const p of paragraphs(run.xml)) {
        if (!p.text || p.style?.startsWith('Heading') || p.style === 'Caption' || p.style === 'TOC1' || p.style === 'TOC2') continue;
        if (evaluator.some((t) => t.includes(p.text.trim()))) continue;
        for (const n of numbersIn(r, p.text)) {
          if (!allowed.has(n) && !extra.includes(n)) bad.push(`${n} in ${p.text}`);
          checked++;
        }
      }
      expect(bad).toEqual([]);
      expect(checked).toBeGreaterThan(100);
    }
  });
});

describe('LibreOffice opens the .docx', () => {
  if (!hasSoffice || !hasPoppler) it.skip('SKIPPED: LibreOffice (soffice) or poppler-utils is not installed; .ci/run installs both', () => {});

  it.runIf(hasSoffice && hasPoppler)(
    'as a PDF of a sane length with every heading of the outline on paper',
    async () => {
      const pdf = await convert(zh.docx, 'pdf', join(zh.dir, 'pdf'));
      const pages = await pdfPages(pdf);
      // Title, contents, body and one page per unit: 9 units; far more would mean tables or images spilling.
      expect(pages).toBeGreaterThanOrEqual(20);
      expect(pages).toBeLessThanOrEqual(60);
      const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
      const headings = paragraphs(zh.xml).filter((p) => p.style?.startsWith('Heading')).map((p) => p.text.replace(/\s+/g, ''));
      expect(headings.length).toBeGreaterThan(30);
      for (const h of headings) expect(text, h).toContain(h);
      for (const h of ZH_OUTLINE) expect(text).toContain(h);
      expect(text).toContain(zh.result.assessment.report_no!);
    },
    T,
  );
});

describe('without the chart font', () => {
  it('writes the .docx without charts, says so in it, and warns (JSON, stderr, limitations)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'govscore-docx-nofont-'));
    const missing = join(dir, 'no-such-font.ttc');
    const r = spawnSync(process.execPath, [join(root, 'bin/govscore'), 'assess', join(root, 'samples/assessment.yaml'), '--json', join(dir, 'r.json'), '--docx', join(dir, 'r.docx'), '--chart-font', missing, '--draws', '0'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`the chart font ${missing} was not found`);
    const result = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as AssessmentResult;
    expect(result.warnings.map((w) => w.code)).toContain('docx_charts_omitted');
    const run = await open({ dir, docx: join(dir, 'r.docx'), result });
    const zip = await JSZip.loadAsync(readFileSync(run.docx));
    expect(Object.keys(zip.files).filter((n) => n.startsWith('word/media/'))).toEqual([]);
    const text = paragraphs(run.xml).map((p) => p.text).join('\n');
    expect(text).toContain(`未找到图表所需的中文字体文件 ${missing}，本报告未附图表`);
    // The limitations (九、其他需要说明的问题) list it in Chinese.
    expect(text).toContain(`未找到图表所需的中文字体文件${missing}，Word版报告未附图表`);
  }, T);
});
