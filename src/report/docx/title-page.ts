/**
 * The title page of the narrative report (design §7.1's 封面, as the workbook's cover sheet): title, client,
 * evaluator, period, report number and date of issue, and the signature block (评价机构（盖章）, 项目负责人（签字）,
 * 审核人（签字）when named, 日期) with lines to sign on. A field the assessment file does not give is left out. No
 * file paths, checksums or timestamps. Then the table of contents (a TOC field over headings 1–2, which Word
 * updates with page numbers; it is written filled with the headings so it is never empty before an update).
 */
import { AlignmentType, BorderStyle, Paragraph, Table, TableCell, TableOfContents, TableRow, TextRun, WidthType } from 'docx';
import type { Block, DocxContext } from './docx-context.js';
import { HEADING_FONT } from './docx-style.js';

const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };

function line(text: string, size: number, opts: { bold?: boolean; before?: number; after?: number; heading?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: opts.before ?? 0, after: opts.after ?? 0, line: Math.round(size * 12 * 1.3) },
    children: [new TextRun({ text, size, bold: opts.bold, font: opts.heading ? { eastAsia: HEADING_FONT, ascii: 'Arial', hAnsi: 'Arial' } : undefined })],
  });
}

/** Label and value rows, centred as a block, without borders; `underline` draws the line to sign on. */
function facts(rows: [string, string][], underline: boolean, colon: string): Table {
  const cell = (text: string, right: boolean, width: number, signLine: boolean) =>
    new TableCell({
      width: { size: width, type: WidthType.PERCENTAGE },
      borders: { top: none, left: none, right: none, bottom: signLine ? { style: BorderStyle.SINGLE, size: 6, color: '000000' } : none },
      children: [new Paragraph({ alignment: right ? AlignmentType.RIGHT : AlignmentType.LEFT, spacing: { before: underline ? 360 : 80, after: 40 }, children: [new TextRun({ text, size: 28 })] })],
    });
  return new Table({
    width: { size: 96, type: WidthType.PERCENTAGE },
    alignment: AlignmentType.CENTER,
    borders: noBorders,
    rows: rows.map(([k, v]) => new TableRow({ cantSplit: true, children: [cell(`${k}${colon}`, true, 44, false), cell(v, false, 56, underline)] })),
  });
}

export function titlePage(dc: DocxContext): Block[] {
  const { ctx, D } = dc;
  const { result, L, lang } = ctx;
  const C = L.layout;
  const a = result.assessment;
  const given = (rows: [string, string | null | undefined][]) => rows.filter((r): r is [string, string] => typeof r[1] === 'string' && r[1].trim() !== '');
  const colon = lang === 'en' ? ':' : '：';
  // The workbook's cover prints 评价报告 under the title; a title that already ends with 报告 (report) needs no second one.
  const endsAsReport = lang === 'en' ? /report$/i.test(a.title.trim()) : /报告$/.test(a.title.trim());
  const out: Block[] = [line(' ', 22, { before: 1800 }), line(a.title, 44, { bold: true, heading: true, after: 240 })];
  if (!endsAsReport) out.push(line(C.reportTitle, 36, { heading: true }));
  out.push(line(' ', 22, { before: 1400 }));
  out.push(
    facts(
      given([
        [C.client, a.client],
        [C.evaluator, a.evaluator],
        [C.period, L.cover.periodRange(result.period.from, result.period.to)],
        [C.reportNo, a.report_no],
        [C.dateOfIssue, a.date_of_issue],
      ]),
      false,
      colon,
    ),
  );
  out.push(line(' ', 22, { before: 1200 }));
  const sign: [string, string][] = [
    [C.seal, ''],
    [C.projectLead, a.signature?.project_lead ?? ''],
  ];
  if (a.signature?.reviewer) sign.push([C.reviewer, a.signature.reviewer]);
  sign.push([C.signDate, '']);
  out.push(facts(sign, true, colon));

  // The contents page.
  out.push(new Paragraph({ pageBreakBefore: true, alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: D.contents, size: 32, font: { eastAsia: HEADING_FONT, ascii: 'Arial', hAnsi: 'Arial' } })] }));
  out.push(new TableOfContents(D.contents, { hyperlink: true, headingStyleRange: '1-2' }));
  return out;
}
