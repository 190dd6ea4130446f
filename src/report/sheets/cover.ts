/**
 * 封面 / Cover (design §7.1): what a client expects on the first page of an evaluation report — the title, the
 * client, the evaluator, the period, the report number and the date of issue, and a signature block
 * (评价机构（盖章）, 项目负责人, 日期) to sign and seal. A field the assessment file does not give is left out, not
 * printed as "(not given)". No file paths, checksums or timestamps: those are the provenance annex's. The final
 * version (`--final`) carries a 定稿 mark under the title.
 */
import type ExcelJS from 'exceljs';
import type { ReportContext } from '../context.js';
import { printSetup, text, FONT } from '../style.js';

const SPAN = 6;

export function fillCover(ctx: ReportContext, ws: ExcelJS.Worksheet): void {
  const { result, L } = ctx;
  const C = L.layout;
  const a = result.assessment;
  [6, 16, 16, 16, 16, 6].forEach((w, i) => (ws.getColumn(i + 1).width = w));

  let r = 1;
  const blank = (height: number) => (ws.getRow(r++).height = height);
  blank(60);
  const t = ws.getCell(r, 2);
  text(t, a.title);
  t.font = { name: FONT, bold: true, size: 22, color: { argb: 'FF1F3864' } };
  t.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.mergeCells(r, 2, r, SPAN - 1);
  ws.getRow(r++).height = 96;
  const sub = ws.getCell(r, 2);
  text(sub, C.reportTitle);
  sub.font = { name: FONT, bold: true, size: 16, color: { argb: 'FF1F3864' } };
  sub.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.mergeCells(r, 2, r, SPAN - 1);
  ws.getRow(r++).height = 30;
  if (ctx.final) {
    const mark = ws.getCell(r, 2);
    text(mark, `【${C.finalMark}】`);
    mark.font = { name: FONT, bold: true, size: 14, color: { argb: 'FFC00000' } };
    mark.alignment = { horizontal: 'center', vertical: 'middle' };
    ws.mergeCells(r, 2, r, SPAN - 1);
    ws.getRow(r++).height = 26;
  }
  blank(70);

  // Key facts, centred as a block: label in B:C (right-aligned), value in D:E.
  const line = (label: string, value: string | null | undefined) => {
    if (value === null || value === undefined || value.trim() === '') return;
    const k = ws.getCell(r, 2);
    text(k, label);
    k.font = { name: FONT, bold: true, size: 12 };
    k.alignment = { horizontal: 'right', vertical: 'middle' };
    ws.mergeCells(r, 2, r, 3);
    const v = ws.getCell(r, 4);
    text(v, value);
    v.font = { name: FONT, size: 12 };
    v.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true, indent: 1 };
    ws.mergeCells(r, 4, r, SPAN - 1);
    ws.getRow(r++).height = 26;
  };
  line(C.client, a.client);
  line(C.evaluator, a.evaluator);
  line(C.period, L.cover.periodRange(result.period.from, result.period.to));
  line(C.reportNo, a.report_no);
  line(C.dateOfIssue, a.date_of_issue);

  blank(90);
  // Signature block: lines to sign and seal by hand; a name given in the assessment file is printed before its line.
  const sign = (label: string, name: string | null | undefined) => {
    const k = ws.getCell(r, 2);
    text(k, label);
    k.font = { name: FONT, size: 12 };
    k.alignment = { horizontal: 'right', vertical: 'bottom' };
    ws.mergeCells(r, 2, r, 3);
    const v = ws.getCell(r, 4);
    text(v, name ?? null);
    v.font = { name: FONT, size: 12 };
    v.alignment = { horizontal: 'left', vertical: 'bottom', indent: 1 };
    ws.mergeCells(r, 4, r, SPAN - 1);
    for (let c = 4; c <= SPAN - 1; c++) ws.getCell(r, c).border = { bottom: { style: 'thin', color: { argb: 'FF7F7F7F' } } };
    ws.getRow(r++).height = 34;
  };
  sign(C.seal, a.evaluator);
  sign(C.projectLead, a.signature?.project_lead);
  if (a.signature?.reviewer) sign(C.reviewer, a.signature.reviewer);
  sign(C.signDate, null);

  if (ctx.final) {
    r++;
    const n = ws.getCell(r, 2);
    text(n, C.finalNote);
    n.font = { name: FONT, italic: true, size: 9, color: { argb: 'FF595959' } };
    n.alignment = { wrapText: true, vertical: 'top', horizontal: 'center' };
    ws.mergeCells(r, 2, r, SPAN - 1);
    ws.getRow(r).height = 30;
  }
  printSetup(ws, { landscape: false, onePage: true, printArea: `A1:${String.fromCharCode(64 + SPAN)}${Math.max(r, 20)}` });
  ws.pageSetup.verticalCentered = false;
}
