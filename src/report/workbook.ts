/**
 * The assessment report workbook (design §7.1, issues 5 and 11): one module per sheet under ./sheets, in the order
 * of a performance-evaluation report (财预〔2020〕10号; `sheetsFor`). Sheets whose input was not given (survey,
 * ratings, robustness) are left out rather than left empty. With `final` (the version to sign) every formula is
 * replaced by its value and every sheet protected. Native charts are added to the saved package afterwards (./charts), since exceljs
 * writes none.
 *
 * Written with the run's other outputs as one set (src/io/output-set.ts): temporary files renamed into place only
 * when every output is complete, so a failed run leaves no partial file and no mix of new and old outputs.
 * @throws whatever exceljs or the file system throws; the target is then untouched.
 * @example await writeWorkbook(result, 'out/report.xlsx', { lang: 'zh' }) // → { issuesCsv: 'out/report.issues.csv' }
 */
import ExcelJS from 'exceljs';
import { basename } from 'node:path';
import type { AssessmentResult } from '../model/result.js';
import { writeOutputSet, type OutputFile } from '../io/output-set.js';
import { addCharts } from './charts/add-charts.js';
import { newReportContext, type ReportContext } from './context.js';
import { labels, type Lang } from './labels.js';
import { issuesCsv, issuesCsvPath } from './issues-csv.js';
import { cleanXlsxPackage } from './xlsx-package-text.js';
import { cleanedTextWarning, cleanStringsDeep } from './xml-text.js';
import { fillCover } from './sheets/cover.js';
import { fillMethod } from './sheets/method.js';
import { fillSummary } from './sheets/summary.js';
import { fillIndicators } from './sheets/indicators.js';
import { fillScores } from './sheets/scores.js';
import { fillCaseMetrics } from './sheets/case-metrics.js';
import { fillSurvey } from './sheets/survey.js';
import { fillRatings } from './sheets/ratings.js';
import { fillRobustness } from './sheets/robustness.js';
import { fillFindings } from './sheets/findings.js';
import { fillUnitProfiles } from './sheets/unit-profile.js';
import { fillProvenance } from './sheets/provenance.js';
import { finalise, finishPackage } from './package-finish.js';
import { pageFooter, pageHeader } from './style.js';
import { fillAbstract, fillBackground, fillTextSection } from './sheets/text-sections.js';
import { sectionNumbers } from './section-numbers.js';
import { appendDataQualityTail, fillDataQuality, type DataQualityTail } from './sheets/data-quality.js';
import { appendListTail, fillExclusions, fillRepeats, type ListTail } from './sheets/repeats.js';
import { exclusionsCsv, exclusionsCsvPath, linksCsv, linksCsvPath } from './repeats-csv.js';

export interface WorkbookOptions {
  lang: Lang;
  /** Most issue rows listed on the data-quality sheet (default 100,000); the rest are only in the CSV. */
  maxIssueRows?: number;
  /** How many of those rows are built as exceljs cells (default 1,000); the rest are written as XML text. */
  issueCellRows?: number;
  /** The version to sign (`--final`): values only, every sheet protected, 定稿 on the cover. */
  final?: boolean;
}

export const DEFAULT_MAX_ISSUE_ROWS = 100_000;

type SheetKey = keyof ReturnType<typeof labels>['sheets'];

/** What a sheet's fill gets besides the context and its worksheet. */
interface SheetFill {
  /** The outline numbers of the sections present (section-numbers.ts), e.g. { background: '一、' }. */
  numbers: Record<string, string>;
  opts: BuildOptions;
  maxRows: number;
  /** Rows the long lists leave to be written as XML text after the package is built. */
  listTails: ListTail[];
  dataQualityTail: DataQualityTail | null;
}

interface ReportSheet {
  id: SheetKey;
  /** When the sheet is shown (absent: always); a sheet whose input was not given is left out, not left empty. */
  shown?: (result: AssessmentResult) => boolean;
  /** Fill order: the weights and parameters first, then the formulas that read them, then the words. */
  step: number;
  fill: (ctx: ReportContext, ws: ExcelJS.Worksheet, env: SheetFill) => void;
  /** The outline sections (section-numbers.ts) the sheet carries, whose numbers it prints. */
  sections?: readonly string[];
}

const pushTail = (env: SheetFill, tail: ListTail | null) => {
  if (tail) env.listTails.push(tail);
};
const textSection = (id: 'experiences' | 'problems' | 'suggestions' | 'limitations', step: number): ReportSheet => ({
  id,
  step,
  fill: (ctx, ws, env) => fillTextSection(ctx, ws, id, env.numbers[id] ?? ''),
  sections: [id],
});

/**
 * The report's sheets (design §7.4), one line each, in the workbook's order (the 财预〔2020〕10号 outline). Adding a
 * sheet is its file under sheets/, its label, and one line here.
 */
const REPORT_SHEETS: readonly ReportSheet[] = [
  { id: 'cover', step: 4, fill: (ctx, ws) => fillCover(ctx, ws) },
  { id: 'abstract', step: 13, fill: (ctx, ws) => fillAbstract(ctx, ws) }, // 评价结论/摘要 (rtext: sheets/text-sections.ts)
  {
    id: 'background', // 一、基本情况 and 二、评价工作开展情况
    step: 14,
    fill: (ctx, ws, env) => fillBackground(ctx, ws, { background: env.numbers.background ?? '', organisation: env.numbers.organisation ?? '' }),
    sections: ['background', 'organisation'],
  },
  { id: 'method', step: 5, fill: (ctx, ws) => fillMethod(ctx, ws), sections: ['method'] }, // 三、指标体系、评价标准和评价方法
  { id: 'indicators', step: 1, fill: (ctx, ws) => fillIndicators(ctx, ws) },
  { id: 'summary', step: 3, fill: (ctx, ws) => fillSummary(ctx, ws), sections: ['summary'] }, // 四、评价结论: the ranking
  { id: 'scores', step: 2, fill: (ctx, ws) => fillScores(ctx, ws), sections: ['analysis'] },
  { id: 'cases', shown: (r) => Object.keys(r.metrics.caseCounts).length > 0, step: 6, fill: (ctx, ws) => fillCaseMetrics(ctx, ws) }, // 五、绩效分析: 分项分析
  { id: 'survey', shown: (r) => r.metrics.survey !== null && r.metrics.survey !== undefined, step: 7, fill: (ctx, ws) => fillSurvey(ctx, ws) },
  { id: 'ratings', shown: (r) => !!r.metrics.ratings && Object.keys(r.metrics.ratings.indicators).length > 0, step: 8, fill: (ctx, ws) => fillRatings(ctx, ws) },
  { id: 'robustness', shown: (r) => !!r.robustness || !!r.uncertainty, step: 9, fill: (ctx, ws) => fillRobustness(ctx, ws) },
  { id: 'profiles', step: 10, fill: (ctx, ws) => fillUnitProfiles(ctx, ws) }, // 单位画像: one page per unit
  { id: 'findings', step: 11, fill: (ctx, ws) => fillFindings(ctx, ws) },
  textSection('experiences', 15), // 主要经验做法
  textSection('problems', 16), // 存在问题及原因分析
  textSection('suggestions', 17), // 建议
  textSection('limitations', 18), // 其他需要说明的问题
  {
    id: 'repeats', // 附件: 重复与并单 (issue 14)
    shown: (r) => !!r.metrics.repeats?.settings,
    step: 19,
    fill: (ctx, ws, env) => pushTail(env, fillRepeats(ctx, ws, { maxRows: env.maxRows, csvName: env.opts.linksCsvName ?? null })),
  },
  {
    id: 'exclusions', // 附件: 剔除工单
    shown: (r) => !!r.metrics.repeats,
    step: 20,
    fill: (ctx, ws, env) => pushTail(env, fillExclusions(ctx, ws, { maxRows: env.maxRows, csvName: env.opts.exclusionsCsvName ?? null })),
  },
  {
    id: 'dataQuality', // 附件
    step: 21,
    fill: (ctx, ws, env) => {
      env.dataQualityTail = fillDataQuality(ctx, ws, { maxRows: env.maxRows, csvName: env.opts.issuesCsvName, cellRows: env.opts.issueCellRows });
    },
  },
  { id: 'provenance', step: 12, fill: (ctx, ws) => fillProvenance(ctx, ws) },
];

type BuildOptions = WorkbookOptions & { issuesCsvName: string | null; linksCsvName?: string | null; exclusionsCsvName?: string | null };

/**
 * Which sheets the result has input for, in report order (design §7.1, after 财预〔2020〕10号). One ordered list:
 * a sheet whose input was not given is filtered out, not left empty.
 */
export function sheetsFor(result: AssessmentResult): SheetKey[] {
  return REPORT_SHEETS.filter((s) => s.shown?.(result) ?? true).map((s) => s.id);
}

/** Builds the workbook in memory and returns the xlsx bytes with charts (exported for tests). */
export async function buildWorkbook(
  result: AssessmentResult,
  opts: BuildOptions,
): Promise<Buffer> {
  const L = labels(opts.lang);
  const wb = new ExcelJS.Workbook();
  wb.title = result.assessment.title;
  wb.subject = result.config.indicator_system.name[opts.lang] || result.config.indicator_system.name.zh;
  wb.creator = result.assessment.evaluator ?? 'govscore';
  wb.lastModifiedBy = result.assessment.evaluator ?? 'govscore';
  wb.company = result.assessment.client ?? '';
  wb.description = `govscore ${result.tool.version}`;
  wb.keywords = 'govscore';
  // A fixed timestamp from the result keeps the package reproducible for the same result.
  const generated = new Date(`${result.generated_at.replace(/Z$/, '')}Z`);
  if (!Number.isNaN(generated.getTime())) {
    wb.created = generated;
    wb.modified = generated;
  }
  // Recalculate on open, so Excel and LibreOffice refresh the cached results after an analyst's edit (a final
  // version holds values only: nothing to recalculate).
  const final = opts.final === true;
  wb.calcProperties = { fullCalcOnLoad: !final };

  const keys = sheetsFor(result);
  const ws = new Map<SheetKey, ExcelJS.Worksheet>();
  for (const k of keys) ws.set(k, wb.addWorksheet(L.sheets[k], { properties: { tabColor: { argb: k === 'summary' ? 'FF2F5597' : 'FF8EA9DB' } } }));

  const ctx: ReportContext = newReportContext(result, opts.lang, L, final);

  // Dependency order (each sheet's step): the weights and parameters first, then the formulas that read them.
  const numbers = sectionNumbers(keys, opts.lang);
  const env: SheetFill = { numbers, opts, maxRows: opts.maxIssueRows ?? DEFAULT_MAX_ISSUE_ROWS, listTails: [], dataQualityTail: null };
  for (const sheet of [...REPORT_SHEETS].sort((x, y) => x.step - y.step)) {
    const sheetWs = ws.get(sheet.id);
    if (sheetWs) sheet.fill(ctx, sheetWs, env);
  }
  const { listTails, dataQualityTail: dqTail } = env;

  // Every printed page names the report in its header.
  // The scores sheet prints without its title rows (see scores.ts): its title goes into the header's centre.
  // It opens section 五、绩效分析 of the outline, so the number and the section's name go with it (on screen too).
  const scoresTitle = `${numbers.analysis ?? ''}${L.scores.analysis}${opts.lang === 'en' ? ': ' : '：'}${L.scores.title}`;
  ws.get('scores')!.getCell(1, 1).value = scoresTitle;
  const centre = new Map([[L.sheets.scores, scoresTitle]]);
  for (const sheet of wb.worksheets) sheet.headerFooter = { oddHeader: pageHeader(result.assessment.title, 9, centre.get(sheet.name)), oddFooter: pageFooter() };
  if (final) await finalise(wb);

  let bytes = await finishPackage(await addCharts(Buffer.from(await wb.xlsx.writeBuffer()), ctx.charts), ctx.columnBreaks);
  for (const t of listTails) bytes = await appendListTail(bytes, t);
  return dqTail ? appendDataQualityTail(bytes, L.sheets.dataQuality, dqTail) : bytes;
}

/**
 * The workbook and the issues CSV beside it (header only when the result has no issues, so that a CSV from an
 * earlier run never stays beside a report it does not belong to), as outputs for writeOutputSet (design
 * §7.6). Texts the workbook's XML cannot hold are removed from a copy of the result before rendering, and a warning
 * `xml_text_cleaned` saying where is added to `result.warnings` (so the JSON written after it carries it); the
 * package then gets its last pass (xlsx-package-text.ts). The CSV keeps the texts as they were.
 */
export async function workbookOutputs(result: AssessmentResult, path: string, opts: WorkbookOptions): Promise<{ files: OutputFile[]; issuesCsv: string }> {
  // Always written, header only when there are no issues: an issues CSV left by an earlier run beside a new report
  // would otherwise list issues this report does not have (issue 12).
  const csvPath = issuesCsvPath(path);
  const { value: clean, cleaned } = cleanStringsDeep(result);
  const warning = cleanedTextWarning(cleaned, basename(path));
  if (warning) {
    result.warnings.push(warning);
    if (clean.warnings !== result.warnings) clean.warnings.push(warning);
  }
  const repeats = result.metrics.repeats ?? null;
  const built = await buildWorkbook(clean, {
    ...opts,
    issuesCsvName: basename(csvPath),
    linksCsvName: repeats?.settings ? basename(linksCsvPath(path)) : null,
    exclusionsCsvName: repeats ? basename(exclusionsCsvPath(path)) : null,
  });
  const { bytes, parts } = await cleanXlsxPackage(built);
  const late = parts.length ? cleanedTextWarning({ paths: [], distinct: 0, samples: [] }, basename(path), parts) : null;
  if (late) result.warnings.push(late);
  const files: OutputFile[] = [{ path, data: bytes, what: path }];
  files.push({ path: csvPath, data: issuesCsv(result.data_quality.issues), what: csvPath });
  // The full lists of links and exclusions (issue 14), beside the workbook.
  if (repeats?.settings) files.push({ path: linksCsvPath(path), data: linksCsv(repeats.links), what: linksCsvPath(path) });
  if (repeats) files.push({ path: exclusionsCsvPath(path), data: exclusionsCsv(repeats.exclusions), what: exclusionsCsvPath(path) });
  return { files, issuesCsv: csvPath };
}

/** Writes the workbook and its issues CSV, both or neither (writeOutputSet). */
export async function writeWorkbook(result: AssessmentResult, path: string, opts: WorkbookOptions): Promise<{ issuesCsv: string }> {
  const { files, issuesCsv } = await workbookOutputs(result, path, opts);
  await writeOutputSet(files);
  return { issuesCsv };
}
