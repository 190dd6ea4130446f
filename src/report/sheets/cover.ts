/**
 * 封面 / Cover: title, client, evaluator, period, cut-off, generation time, tool version, configuration checksums,
 * every input file with rows read / used / rejected / out of period and its SHA-256 (provenance: every number
 * traceable to its inputs), then the evaluator's 基本概况 (background) and 组织实施情况 (organisation) texts.
 */
import type ExcelJS from 'exceljs';
import type { ReportContext } from '../context.js';
import { NUMFMT } from '../format.js';
import { borders, header, heading, keyValue, num, paragraph, printSetup, text, FONT } from '../style.js';

const SPAN = 8;

export function fillCover(ctx: ReportContext, ws: ExcelJS.Worksheet): void {
  const { result, L, lang } = ctx;
  const C = L.cover;
  const t = ws.getCell(1, 1);
  text(t, result.assessment.title);
  t.font = { name: FONT, bold: true, size: 18, color: { argb: 'FF1F3864' } };
  t.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.mergeCells(1, 1, 1, SPAN);
  ws.getRow(1).height = 48;

  let r = 3;
  const kv = (k: string, v: string | null) => keyValue(ws, r++, k, v ?? C.none, SPAN);
  kv(C.client, result.assessment.client);
  kv(C.evaluator, result.assessment.evaluator);
  kv(C.period, C.periodRange(result.period.from, result.period.to));
  kv(C.asOf, result.period.as_of.replace('T', ' '));
  kv(C.generatedAt, result.generated_at.replace('T', ' '));
  kv(C.tool, `${result.tool.name} ${result.tool.version}`);
  const sys = result.config.indicator_system;
  kv(C.indicatorSystem, `${sys.name[lang] || sys.name.zh} (${sys.path})`);
  kv(`${C.indicatorSystem} ${C.checksum}`, sys.sha256);
  if (result.config.assessment) {
    kv(C.assessmentFile, result.config.assessment.path);
    kv(`${C.assessmentFile} ${C.checksum}`, result.config.assessment.sha256);
  }

  r++;
  heading(ws, r++, C.inputs);
  const head = r;
  header(ws, r++, [C.file, C.kind, C.rows, C.accepted, C.rejected, C.outOfPeriod, C.checksum]);
  ws.mergeCells(head, 7, head, SPAN);
  for (const f of result.data_quality.files) {
    text(ws.getCell(r, 1), f.path);
    text(ws.getCell(r, 2), C.kinds[f.kind] ?? f.kind);
    num(ws.getCell(r, 3), f.rows, '#,##0');
    num(ws.getCell(r, 4), f.accepted, '#,##0');
    num(ws.getCell(r, 5), f.rejected, '#,##0');
    num(ws.getCell(r, 6), f.out_of_period, '#,##0');
    const sha = ws.getCell(r, 7);
    text(sha, f.sha256);
    sha.font = { name: 'Consolas', size: 8 };
    ws.mergeCells(r, 7, r, SPAN);
    r++;
  }
  if (result.data_quality.files.length) borders(ws, head + 1, r - 1, 1, SPAN);

  const texts = result.assessment.texts;
  for (const [key, label] of [
    ['background', C.background],
    ['organisation', C.organisation],
  ] as const) {
    r++;
    heading(ws, r++, label);
    paragraph(ws, r++, texts[key] ?? C.none, SPAN, 110);
  }

  ws.getColumn(1).width = 30;
  ws.getColumn(2).width = 12;
  for (let c = 3; c <= 6; c++) ws.getColumn(c).width = 11;
  ws.getColumn(7).width = 30;
  ws.getColumn(8).width = 30;
  void NUMFMT;
  printSetup(ws, { landscape: false });
}
