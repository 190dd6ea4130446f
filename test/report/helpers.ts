/** Shared helpers of the report tests: write a workbook to a temp folder, read parts of the package back. */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import type { AssessmentResult } from '../../src/model/result.js';
import { writeWorkbook } from '../../src/report/workbook.js';

export async function tempDir(prefix = 'govscore-report-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function writeTo(result: AssessmentResult, lang: 'zh' | 'en' = 'zh', maxIssueRows?: number) {
  const dir = await tempDir();
  const path = join(dir, 'report.xlsx');
  const out = await writeWorkbook(result, path, { lang, maxIssueRows });
  return { dir, path, ...out };
}

export async function load(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

export async function zipOf(path: string): Promise<JSZip> {
  return JSZip.loadAsync(await readFile(path));
}

/** Throws on XML that is not well-formed (saxes is exceljs's own XML parser). */
export function assertWellFormed(xml: string): void {
  const p = new SaxesParser({ xmlns: true });
  let err: Error | null = null;
  p.on('error', (e) => {
    err ??= e;
  });
  p.write(xml).close();
  if (err) throw err;
}

/** Sheet name → worksheet part path, from workbook.xml and its rels. */
export async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const wb = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const target = new Map([...rels.matchAll(/<Relationship\b[^>]*Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1], m[2]]));
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet\b[^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) {
    const t = target.get(m[2])!;
    const name = m[1].replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    out.set(name, t.startsWith('/') ? t.slice(1) : `xl/${t}`);
  }
  return out;
}

/** The value of a cell as stored: a formula's cached result, or the plain value. */
export function valueOf(cell: ExcelJS.Cell): unknown {
  const v = cell.value;
  if (v && typeof v === 'object' && 'formula' in v) return (v as ExcelJS.CellFormulaValue).result;
  if (v && typeof v === 'object' && 'sharedFormula' in v) return (v as ExcelJS.CellSharedFormulaValue).result;
  if (v && typeof v === 'object' && 'richText' in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join('');
  return v;
}

/** Row of the first cell in column `col` whose text equals `text`. */
export function findRow(ws: ExcelJS.Worksheet, col: number, text: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (valueOf(ws.getCell(r, col)) === text) return r;
  throw new Error(`no row with ${text} in column ${col} of ${ws.name}`);
}

/** Column of the first cell in row `row` whose text equals `text`. */
export function findCol(ws: ExcelJS.Worksheet, row: number, text: string): number {
  for (let c = 1; c <= ws.columnCount; c++) if (valueOf(ws.getCell(row, c)) === text) return c;
  throw new Error(`no column ${text} in row ${row} of ${ws.name}`);
}
