/**
 * The workbook of `govscore compare`: renders a ScenarioComparison (it computes nothing).
 * Sheets: the side-by-side table (base total, rank, grade; per scenario total, rank, rank change, grade, grade
 * changes highlighted), rank correlations between every pair, the units whose grade changes, and the scenario
 * definitions. Headers in Chinese (default) or English, from the label tables (labels.ts `compare`); frozen header
 * rows, filters, number formats.
 * Written with the run's other outputs as one set (src/io/output-set.ts): a failed run leaves no partial file.
 * @throws whatever the file system throws when the folder cannot be written
 * @example await writeCompareWorkbook(comparison, 'out/compare.xlsx', 'zh')
 */
import ExcelJS from 'exceljs';
import { basename } from 'node:path';
import { writeOutputSet, type OutputFile } from '../io/output-set.js';
import type { ScenarioComparison } from '../robustness/compare-scenarios.js';
import type { RunWarning } from '../types.js';
import { labels, type Lang } from './labels.js';
import { cleanXlsxPackage } from './xlsx-package-text.js';
import { cleanedTextWarning, cleanStringsDeep } from './xml-text.js';

const FMT = { total: '0.00', rankChange: '+0;-0;0', correlation: '0.000' };

function styleHeaderRow(row: ExcelJS.Row): void {
  row.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
    cell.border = { bottom: { style: 'thin' } };
  });
}

export function buildCompareWorkbook(c: ScenarioComparison, lang: Lang = 'zh'): ExcelJS.Workbook {
  const L = labels(lang).compare;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'govscore';
  const displayName = (name: string): string => (name === 'base' ? L.base : name);
  const scenarioNames = c.scenarios.slice(1).map((s) => s.name);

  // Side-by-side table: two header rows (scenario name over its four columns).
  const ws = wb.addWorksheet(L.table, { views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }] });
  const fixed = [L.baseRank, L.unit, L.name, L.baseTotal, L.baseGrade];
  const top = [...fixed.map(() => ''), ...scenarioNames.flatMap((n) => [n, '', '', ''])];
  const sub = [...fixed, ...scenarioNames.flatMap(() => [L.total, L.rank, L.rankChange, L.grade])];
  ws.addRow(top);
  ws.addRow(sub);
  fixed.forEach((_, i) => ws.mergeCells(1, i + 1, 2, i + 1));
  fixed.forEach((label, i) => (ws.getCell(1, i + 1).value = label));
  scenarioNames.forEach((_, s) => ws.mergeCells(1, fixed.length + 1 + s * 4, 1, fixed.length + 4 + s * 4));
  styleHeaderRow(ws.getRow(1));
  styleHeaderRow(ws.getRow(2));
  for (const u of c.units) {
    const cells: (string | number | null)[] = [u.base_rank, u.unit, u.name ?? '', u.base_total, u.base_grade];
    for (const name of scenarioNames) {
      const cell = u.scenarios[name];
      cells.push(cell.total, cell.rank, cell.rank_change, cell.grade);
    }
    const row = ws.addRow(cells);
    row.getCell(4).numFmt = FMT.total;
    scenarioNames.forEach((name, s) => {
      const col = fixed.length + 1 + s * 4;
      row.getCell(col).numFmt = FMT.total;
      row.getCell(col + 2).numFmt = FMT.rankChange;
      const change = u.scenarios[name].rank_change;
      if (change !== null && change !== 0) row.getCell(col + 2).font = { color: { argb: change > 0 ? 'FF2E7D32' : 'FFC62828' } };
      if (u.scenarios[name].grade_changed) {
        row.getCell(col + 3).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
        row.getCell(col + 3).font = { bold: true };
      }
    });
  }
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: sub.length } };
  ws.columns.forEach((col, i) => (col.width = i === 1 || i === 2 ? 16 : 11));
  ws.addRow([]);
  ws.addRow([L.rankNote]).font = { italic: true, color: { argb: 'FF666666' } };

  const cs = wb.addWorksheet(L.correlations, { views: [{ state: 'frozen', ySplit: 1 }] });
  cs.addRow([L.a, L.b, L.n, L.spearman, L.kendall]);
  styleHeaderRow(cs.getRow(1));
  for (const r of c.correlations) {
    const row = cs.addRow([displayName(r.a), displayName(r.b), r.n, r.spearman, r.kendall_tau_b]);
    row.getCell(4).numFmt = FMT.correlation;
    row.getCell(5).numFmt = FMT.correlation;
  }
  cs.columns.forEach((col, i) => (col.width = i < 2 ? 18 : 13));

  const gs = wb.addWorksheet(L.gradeChanges, { views: [{ state: 'frozen', ySplit: 1 }] });
  gs.addRow([L.unit, L.scenario, L.from, L.to]);
  styleHeaderRow(gs.getRow(1));
  for (const g of c.grade_changes) gs.addRow([g.unit, g.scenario, g.from, g.to]);
  if (c.grade_changes.length > 0) gs.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 4 } };
  gs.columns.forEach((col) => (col.width = 16));

  const ds = wb.addWorksheet(L.definitions, { views: [{ state: 'frozen', ySplit: 1 }] });
  ds.addRow([L.scenario, L.description, L.system, L.overrides]);
  styleHeaderRow(ds.getRow(1));
  for (const s of c.scenarios) {
    const overrides = Object.entries(s.overrides).map(([id, w]) => `${id} = ${w}`).join('; ');
    ds.addRow([displayName(s.name), s.description ?? '', s.indicator_system, overrides || L.none]).alignment = { wrapText: true, vertical: 'top' };
  }
  [16, 36, 40, 36].forEach((w, i) => (ds.getColumn(i + 1).width = w));
  return wb;
}

/**
 * The comparison workbook as an output for writeOutputSet, its texts cleaned for XML (design §7.6); the warning,
 * if any text was cleaned, is returned for the caller to show.
 */
export async function compareWorkbookOutput(c: ScenarioComparison, target: string, lang: Lang = 'zh'): Promise<{ file: OutputFile; warning: RunWarning | null }> {
  const { value: clean, cleaned } = cleanStringsDeep(c);
  const wb = buildCompareWorkbook(clean, lang);
  const { bytes, parts } = await cleanXlsxPackage(Buffer.from(await wb.xlsx.writeBuffer()));
  return { file: { path: target, data: bytes, what: target }, warning: cleanedTextWarning(cleaned, basename(target), parts) };
}

export async function writeCompareWorkbook(c: ScenarioComparison, target: string, lang: Lang = 'zh'): Promise<void> {
  await writeOutputSet([(await compareWorkbookOutput(c, target, lang)).file]);
}
