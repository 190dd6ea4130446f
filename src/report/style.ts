/**
 * The workbook's look (issue 5 §5): titles, header rows, borders, column widths that fit Chinese text, print setup,
 * grade colours and score colour scales. exceljs shares style objects between cells that were given the same
 * object, so every helper builds a fresh object per cell.
 *
 * Text from inputs goes through `text()`, which always stores a plain string cell: exceljs writes a string that
 * starts with '=' as a string (only `{ formula }` values become formulas), so `=HYPERLINK(…)` stays literal.
 */
import type ExcelJS from 'exceljs';
import { textWidth } from './format.js';

/**
 * The font of every styled cell. Cells without a style use the workbook default (Calibri 11); styled cells name the
 * same font so bold headers do not fall back to a serif face where Calibri is missing.
 */
export const FONT = 'Calibri';

export const COLOURS = {
  header: 'FFDDE6F0',
  title: 'FF1F3864',
  border: 'FFB4C0CF',
  note: 'FF595959',
  // Grade fills, best first (green, blue, amber, red); bands beyond four reuse the last.
  grades: ['FFC6EFCE', 'FFDDEBF7', 'FFFFEB9C', 'FFFFC7CE'],
  scale: { low: 'FFF8696B', mid: 'FFFFEB84', high: 'FF63BE7B' },
};

const thin = (): Partial<ExcelJS.Border> => ({ style: 'thin', color: { argb: COLOURS.border } });
const box = (): Partial<ExcelJS.Borders> => ({ top: thin(), left: thin(), bottom: thin(), right: thin() });

/** Stores `value` as a plain string cell (never a formula), or leaves the cell empty for null. */
export function text(cell: ExcelJS.Cell, value: string | null | undefined): void {
  cell.value = value === null || value === undefined ? null : String(value);
}

/** A number cell with a format; null/undefined leaves it empty (a missing value is never shown as 0). */
export function num(cell: ExcelJS.Cell, value: number | null | undefined, numFmt: string): void {
  cell.value = value === null || value === undefined || !Number.isFinite(value) ? null : value;
  cell.numFmt = numFmt;
}

/** A live formula with its computed value stored as the cached result. */
export function formula(cell: ExcelJS.Cell, f: string, result: number | string | null | undefined, numFmt?: string): void {
  cell.value = { formula: f, result: result === null || result === undefined ? '' : result } as ExcelJS.CellFormulaValue;
  if (numFmt) cell.numFmt = numFmt;
}

/** Sheet title in row `row`, merged over `span` columns. */
export function title(ws: ExcelJS.Worksheet, row: number, value: string, span: number): void {
  const cell = ws.getCell(row, 1);
  text(cell, value);
  cell.font = { name: FONT, bold: true, size: 14, color: { argb: COLOURS.title } };
  cell.alignment = { vertical: 'middle' };
  ws.getRow(row).height = 24;
  if (span > 1) ws.mergeCells(row, 1, row, span);
}

/** A section heading (bold, slightly larger). */
export function heading(ws: ExcelJS.Worksheet, row: number, value: string, col = 1): void {
  const cell = ws.getCell(row, col);
  text(cell, value);
  cell.font = { name: FONT, bold: true, size: 12, color: { argb: COLOURS.title } };
}

/** A grey explanatory line, merged over `span` columns and wrapped. */
export function note(ws: ExcelJS.Worksheet, row: number, value: string, span: number): void {
  const cell = ws.getCell(row, 1);
  text(cell, value);
  cell.font = { name: FONT, italic: true, size: 9, color: { argb: COLOURS.note } };
  cell.alignment = { wrapText: true, vertical: 'top' };
  if (span > 1) ws.mergeCells(row, 1, row, span);
  // Room for the wrapped text: about 90 narrow characters per line over a wide merge.
  const lines = Math.max(1, Math.ceil(textWidth(value) / Math.max(40, span * 12)));
  ws.getRow(row).height = Math.max(15, lines * 13);
}

/** A long paragraph of evaluator text, merged and wrapped. */
export function paragraph(ws: ExcelJS.Worksheet, row: number, value: string, span: number, widthChars: number): void {
  const cell = ws.getCell(row, 1);
  text(cell, value);
  cell.alignment = { wrapText: true, vertical: 'top' };
  if (span > 1) ws.mergeCells(row, 1, row, span);
  const lines = value.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(textWidth(l) / Math.max(20, widthChars))), 0);
  ws.getRow(row).height = Math.min(400, Math.max(18, lines * 15));
}

/** Header cells from column `col` on: bold, shaded, bordered, wrapped. */
export function header(ws: ExcelJS.Worksheet, row: number, values: string[], col = 1): void {
  values.forEach((v, i) => {
    const cell = ws.getCell(row, col + i);
    text(cell, v);
    styleHeader(cell);
  });
  // fitColumns sizes long headers to wrap over two lines: give the row room for them.
  if (values.some((v) => textWidth(v) > 10)) ws.getRow(row).height = Math.max(ws.getRow(row).height ?? 0, 33);
}

export function styleHeader(cell: ExcelJS.Cell): void {
  cell.font = { name: FONT, bold: true };
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: COLOURS.header } };
  cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  cell.border = box();
}

/** Thin borders over a block of cells. */
export function borders(ws: ExcelJS.Worksheet, fromRow: number, toRow: number, fromCol: number, toCol: number): void {
  for (let r = fromRow; r <= toRow; r++) for (let c = fromCol; c <= toCol; c++) ws.getCell(r, c).border = box();
}

/** Key–value lines (label bold in column 1, value in column 2 merged to `span`). */
export function keyValue(ws: ExcelJS.Worksheet, row: number, key: string, value: string | null, span: number): void {
  const k = ws.getCell(row, 1);
  text(k, key);
  k.font = { name: FONT, bold: true };
  k.alignment = { vertical: 'top' };
  const v = ws.getCell(row, 2);
  text(v, value);
  v.alignment = { wrapText: true, vertical: 'top' };
  if (span > 2) ws.mergeCells(row, 2, row, span);
}

/**
 * Column widths that fit the content: the widest displayed text per column (CJK counted as 2), between `min` and
 * `max`; merged cells, rows listed in `skipRows` (titles, notes) and rows after `maxRow` are ignored.
 */
export function fitColumns(ws: ExcelJS.Worksheet, opts: { min?: number; max?: number; skipRows?: number[]; fixed?: Record<number, number>; maxRow?: number } = {}): void {
  const min = opts.min ?? 6;
  const max = opts.max ?? 50;
  const skip = new Set(opts.skipRows ?? []);
  const widths = new Map<number, number>();
  const maxRow = opts.maxRow ?? Infinity;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (skip.has(r) || r > maxRow) return;
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.isMerged) return;
      const v = cell.value;
      let shown: string;
      if (v === null || v === undefined) return;
      if (typeof v === 'number') shown = v.toFixed(/%/.test(cell.numFmt ?? '') ? 1 : 2) + (/%/.test(cell.numFmt ?? '') ? '%' : '');
      else if (typeof v === 'object' && 'formula' in v) {
        const res = (v as ExcelJS.CellFormulaValue).result;
        shown = typeof res === 'number' ? res.toFixed(2) : String(res ?? '');
      } else shown = String(v);
      // Wrapped header text can break over lines: count its longest word line of about half the text.
      const w = cell.alignment?.wrapText && cell.font?.bold ? Math.ceil(textWidth(shown) / 2) + 1 : textWidth(shown);
      widths.set(c, Math.max(widths.get(c) ?? 0, w));
    });
  });
  for (const [c, w] of widths) ws.getColumn(c).width = Math.min(max, Math.max(min, w + 2));
  for (const [c, w] of Object.entries(opts.fixed ?? {})) ws.getColumn(Number(c)).width = w;
}

/**
 * Text for a page header or footer: '&' starts a code there, so a literal one is doubled.
 * @example headerFooterText('A&B') // → 'A&&B'
 */
export function headerFooterText(s: string): string {
  return s.replace(/&/g, '&&');
}

/**
 * The page header naming the report at the left, in `size` pt. A space follows the size code: '&8' followed by
 * '2026年…' would read as the font size 82026 and the title would lose its digits.
 * @example pageHeader('2026年评估', 9) // → '&L&9 2026年评估'
 */
export function pageHeader(title: string, size = 9, centre?: string): string {
  return `&L&${size} ${headerFooterText(title)}` + (centre ? `&C&B&${size + 2} ${headerFooterText(centre)}` : '');
}

/** The page footer: page n / pages, centred. @example pageFooter() // → '&C&9 &P / &N' */
export function pageFooter(size = 9): string {
  return `&C&${size} &P / &N`;
}

/**
 * Print setup: A4, fit to one page wide (or `pagesWide` for very wide tables, with `titleColumns` repeated on each
 * page) and one page tall with `onePage`; header rows repeated on each page.
 */
export function printSetup(
  ws: ExcelJS.Worksheet,
  opts: { landscape: boolean; titleRows?: [number, number]; onePage?: boolean; pagesWide?: number; titleColumns?: string; printArea?: string; scale?: number },
): void {
  ws.pageSetup = {
    paperSize: 9,
    orientation: opts.landscape ? 'landscape' : 'portrait',
    // A fixed scale instead of fit-to-page where the sheet sets its own (column) page breaks, which fitting ignores.
    ...(opts.scale ? { fitToPage: false, scale: opts.scale } : { fitToPage: true, fitToWidth: opts.pagesWide ?? 1, fitToHeight: opts.onePage ? 1 : 0 }),
    ...(opts.titleColumns ? { printTitlesColumn: opts.titleColumns } : {}),
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(opts.titleRows ? { printTitlesRow: `${opts.titleRows[0]}:${opts.titleRows[1]}` } : {}),
    // Only the report's columns: helper columns (chart data, sort keys) stay on screen, off paper.
    // (exceljs puts '$' before each corner only, writing $A1:$H30, which LibreOffice reads as no print area: the
    // rows are made absolute here.)
    ...(opts.printArea ? { printArea: opts.printArea.replace(/([A-Z]+)(\d+)/g, '$1$$$2') } : {}),
  };
}

/**
 * Where a wide table printed at `scale` % on landscape A4 breaks into pages: greedy over groups of columns that must
 * stay on one page (a leaf's value and score), each page holding the repeated first column. Widths are in column
 * units: a unit is the width of a digit, 7 px in Calibri 11 but about 8.5 px where a wider face stands in for it
 * (LibreOffice without Calibri), so 8.5 px + 5 px padding at 96 dpi (0.75 pt per px) keeps every page inside the
 * paper in both; the printable width is 297 mm less 0.4 in margins each side. Returns the columns after which a
 * page ends.
 * @example columnBreaks([[2, 3], [4, 5]], () => 60, 10, 100) // → [3]
 */
export function columnBreaks(groups: number[][], width: (col: number) => number, repeated: number, scale: number): number[] {
  const pt = (w: number) => (w * 8.5 + 5) * 0.75;
  const page = (841.9 - 57.6) / (scale / 100) - pt(repeated);
  const breaks: number[] = [];
  let used = 0;
  for (const g of groups) {
    const w = g.reduce((a, c) => a + pt(width(c)), 0);
    if (used > 0 && used + w > page) {
      breaks.push(g[0] - 1);
      used = 0;
    }
    used += w;
  }
  return breaks;
}

/** Freezes the rows above `row` and the columns left of `col`. */
export function freeze(ws: ExcelJS.Worksheet, row: number, col = 1): void {
  ws.views = [{ state: 'frozen', xSplit: col - 1, ySplit: row - 1, topLeftCell: ws.getCell(row, col).address, activeCell: ws.getCell(row, col).address }];
}

/** Three-colour scale (red → yellow → green; reversed for `lowIsGood`) over a range such as 'C5:C13'. */
export function colourScale(ws: ExcelJS.Worksheet, ref: string, lowIsGood = false): void {
  const { low, mid, high } = COLOURS.scale;
  ws.addConditionalFormatting({
    ref,
    rules: [
      {
        type: 'colorScale',
        priority: 1,
        cfvo: [{ type: 'min' }, { type: 'percentile', value: 50 }, { type: 'max' }],
        color: lowIsGood ? [{ argb: high }, { argb: mid }, { argb: low }] : [{ argb: low }, { argb: mid }, { argb: high }],
      },
    ],
  });
}

/**
 * Three-colour scale fixed to a standard rather than to the spread of the units: red at `bad`, yellow halfway,
 * green at `good` (either may be the larger: a cost rate is good when low), beyond them the end colours. A rate of
 * 93.4 % is then red only if the standard calls it bad, not merely because every other unit did better.
 * @example targetScale(ws, 'H5:H13', 0.75, 0.97) // on-time rate: floor 75 % red, target 97 % green
 */
export function targetScale(ws: ExcelJS.Worksheet, ref: string, bad: number, good: number): void {
  const { low, mid, high } = COLOURS.scale;
  const lo = Math.min(bad, good);
  const hi = Math.max(bad, good);
  ws.addConditionalFormatting({
    ref,
    rules: [
      {
        type: 'colorScale',
        priority: 1,
        cfvo: [{ type: 'num', value: lo }, { type: 'num', value: (lo + hi) / 2 }, { type: 'num', value: hi }],
        color: good >= bad ? [{ argb: low }, { argb: mid }, { argb: high }] : [{ argb: high }, { argb: mid }, { argb: low }],
      },
    ],
  });
}

/**
 * Grade colours that follow the live grade formulas: one conditional rule per band on `ref` (e.g. 'D5:D13'),
 * comparing the cell's text with the band label.
 */
export function gradeColours(ws: ExcelJS.Worksheet, ref: string, gradeLabels: string[]): void {
  const first = ref.split(':')[0].replace(/\$/g, '');
  ws.addConditionalFormatting({
    ref,
    rules: gradeLabels.map((label, i) => ({
      type: 'expression',
      priority: i + 1,
      formulae: [`${first}="${label.replace(/"/g, '""')}"`],
      style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: COLOURS.grades[Math.min(i, COLOURS.grades.length - 1)] } } },
    })),
  });
}

/** Quoted sheet name for formulas: 'name' with inner quotes doubled. */
export function sheetRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** Column letters of a 1-based column number. @example colLetter(28) // → 'AB' */
export function colLetter(col: number): string {
  let s = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** Absolute reference on another sheet: 'sheet'!$C$5. */
export function absRef(sheet: string, col: number, row: number): string {
  return `${sheetRef(sheet)}!$${colLetter(col)}$${row}`;
}
