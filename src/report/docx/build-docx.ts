/**
 * The narrative report (报告正文, design §7.4, issue 15) as a Word document: the title page and contents, then the
 * numbered outline of 财预〔2020〕10号 (outline.ts) and the annexes (annex.ts), from the same result and with the
 * same sentences as the workbook (sentences.ts). A4 portrait, body in 仿宋 (or `bodyFont`), headings in 黑体 with
 * Word's heading styles (the navigation pane shows the outline), page numbers in the footer from the second page.
 *
 * Charts (chart-images.ts) need a CJK font file; without it the report is written without charts, says so where
 * the first chart would be, and the run carries a `docx_charts_omitted` warning (chartFontWarning).
 *
 * Written with the run's other outputs as one set (docxOutputs → src/io/output-set.ts).
 * @example await docxOutputs(result, 'out/report.docx', { lang: 'zh' }) // → [{ path: 'out/report.docx', data: <bytes> }]
 */
import { accessSync, constants } from 'node:fs';
import { basename } from 'node:path';
import { AlignmentType, Document, Footer, Header, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import type { OutputFile } from '../../io/output-set.js';
import type { AssessmentResult } from '../../model/result.js';
import type { RunWarning } from '../../types.js';
import { indicatorName, newReportContext, unitsByRank, type ReportContext } from '../context.js';
import { labels, type Lang } from '../labels.js';
import { sectionNumbers } from '../section-numbers.js';
import { notAssessed, streetAverage } from '../sheets/unit-profile.js';
import { cleanedTextWarning, cleanStringsDeep } from '../xml-text.js';
import { dataQualityAnnex, methodAnnex, profilesAnnex } from './annex.js';
import { chartSvg, levelOneRadar, rankIntervals, svgToPng, totalsBar, type ChartImage, type ChartSpec } from './chart-images.js';
import type { DocxContext } from './docx-context.js';
import { docxLabels } from './docx-labels.js';
import { documentStyles, PAGE, TEXT_WIDTH_PX } from './docx-style.js';
import { subsetFontFile } from './font-subset.js';
import { abstractSection, analysisSection, backgroundSections, conclusionsSection, methodSection, textSections } from './outline.js';
import { titlePage } from './title-page.js';

/** The CJK font the charts are drawn with (Debian/Ubuntu fonts-noto-cjk; .ci/run installs it). */
export const DEFAULT_CHART_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
/** The body font when the assessment file names none (GB/T 9704 sets official documents in 仿宋). */
export const DEFAULT_BODY_FONT = '仿宋';

export interface DocxOptions {
  lang: Lang;
  /** East Asian body font (default 仿宋; 宋体 is the other usual choice). Headings are always 黑体. */
  bodyFont?: string;
  /** The font file the charts are drawn with (default DEFAULT_CHART_FONT). */
  chartFont?: string;
}

function readable(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The warning of a run whose chart font file is missing (design §7.5: the report then has no charts); null when it
 * is there. Added to the result before the findings, so the report's limitations list it too.
 */
export function chartFontWarning(fontFile: string = DEFAULT_CHART_FONT): RunWarning | null {
  if (readable(fontFile)) return null;
  return {
    code: 'docx_charts_omitted',
    message: `the chart font ${fontFile} was not found: the .docx report is written without charts (install fonts-noto-cjk, or name a CJK font file with --chart-font)`,
    where: fontFile,
    params: { font: fontFile },
  };
}

/** The report's charts by key: 'totals', 'ranks', 'radar:<unit>'. */
function chartSpecs(ctx: ReportContext): Map<string, ChartSpec> {
  const { result, L, lang } = ctx;
  const D = docxLabels(lang);
  const specs = new Map<string, ChartSpec>();
  const ranked = unitsByRank(result).filter((u) => !notAssessed(u));
  if (ranked.length) specs.set('totals', totalsBar(ranked.map((u) => ({ name: u.vetoes.length ? `${u.unit}${L.layout.vetoMark}` : u.unit, total: u.total as number })), L.summary.chartTotals, TEXT_WIDTH_PX));
  const rb = result.robustness;
  if (rb?.units.length) {
    const units = [...rb.units].sort((a, b) => a.base_rank - b.base_rank || (a.unit < b.unit ? -1 : 1));
    specs.set('ranks', rankIntervals(units.map((u) => ({ name: u.unit, base: u.base_rank, p05: u.p05_rank, p95: u.p95_rank })), { title: D.rankInterval, interval: D.interval, base: D.baseRank }, TEXT_WIDTH_PX));
  }
  const level1 = result.indicators.filter((i) => i.level === 1);
  if (level1.length) {
    const avg = new Map(level1.map((d) => [d.id, streetAverage(result, d.id)]));
    for (const u of ranked) {
      const dims = level1.map((d) => ({ name: indicatorName(ctx, d.id), unit: u.indicators[d.id]?.score ?? null, average: avg.get(d.id) ?? null }));
      specs.set(`radar:${u.unit}`, levelOneRadar(dims, { unit: L.layout.unitScore, average: L.layout.average }, Math.round(TEXT_WIDTH_PX * 0.5)));
    }
  }
  return specs;
}

/** Draws every chart: SVG by ECharts, then PNG by resvg with a subset of the font holding the characters used. */
async function renderCharts(ctx: ReportContext, fontFile: string): Promise<Map<string, ChartImage>> {
  const specs = [...chartSpecs(ctx)];
  const svgs = await Promise.all(specs.map(([, s]) => chartSvg(s.option, s.width, s.height)));
  const subset = await subsetFontFile(fontFile, svgs.join(''));
  try {
    const pngs = await svgToPng(svgs, subset.path);
    return new Map(specs.map(([key, s], i) => [key, { png: pngs[i], width: s.width, height: s.height }]));
  } finally {
    await subset.remove();
  }
}

/** Builds the .docx bytes (exported for tests). */
export async function buildDocx(result: AssessmentResult, opts: DocxOptions): Promise<Buffer> {
  const lang = opts.lang;
  const L = labels(lang);
  const D = docxLabels(lang);
  // final: no sentence may promise a recalculation: a document holds values only.
  const ctx: ReportContext = newReportContext(result, lang, L, true);
  const fontFile = opts.chartFont ?? DEFAULT_CHART_FONT;
  const hasFont = readable(fontFile);
  const dc: DocxContext = {
    ctx,
    D,
    // Every part of the outline is in the document, so the numbers run 一 … 九 without a gap.
    numbers: sectionNumbers(['background', 'method', 'summary', 'scores', 'experiences', 'problems', 'suggestions', 'limitations'], lang),
    charts: hasFont ? await renderCharts(ctx, fontFile) : new Map(),
    missingFont: hasFont ? null : fontFile,
    tableNo: 0,
    figureNo: 0,
  };
  const children = [
    ...titlePage(dc),
    ...abstractSection(dc),
    ...backgroundSections(dc),
    ...methodSection(dc),
    ...conclusionsSection(dc),
    ...analysisSection(dc),
    ...textSections(dc),
    ...profilesAnnex(dc),
    ...dataQualityAnnex(dc),
    ...methodAnnex(dc),
  ];
  const small = (text: string, align: (typeof AlignmentType)[keyof typeof AlignmentType]) => new Paragraph({ alignment: align, children: [new TextRun({ text, size: 18, color: '595959' })] });
  const doc = new Document({
    title: result.assessment.title,
    creator: result.assessment.evaluator ?? 'govscore',
    description: `govscore ${result.tool.version}`,
    styles: documentStyles({ body: opts.bodyFont ?? DEFAULT_BODY_FONT }),
    features: { updateFields: true },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right } },
        },
        headers: { default: new Header({ children: [small(result.assessment.title, AlignmentType.RIGHT)] }), first: new Header({ children: [] }) },
        footers: {
          default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [D.page[0], PageNumber.CURRENT, D.page[1]], size: 21 })] })] }),
          first: new Footer({ children: [] }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/**
 * The .docx as an output of the run's set (design §7.6). Texts the document's XML cannot hold are removed from a
 * copy of the result first, with an `xml_text_cleaned` warning naming the .docx (as the workbook does).
 */
export async function docxOutputs(result: AssessmentResult, path: string, opts: DocxOptions): Promise<OutputFile[]> {
  const { value: clean, cleaned } = cleanStringsDeep(result);
  const warning = cleanedTextWarning(cleaned, basename(path));
  if (warning) {
    result.warnings.push(warning);
    if (clean.warnings !== result.warnings) clean.warnings.push(warning);
  }
  return [{ path, data: await buildDocx(clean, opts), what: path }];
}
