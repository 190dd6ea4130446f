/**
 * The last touches of the workbook package (design §7.1, issue 11):
 *
 * - `finalise` (the `--final` version to sign): every formula cell becomes its computed value (`{formula, result}`
 *   → result; an empty result → an empty cell) and every sheet is protected without a password, so the file opens,
 *   prints and can be read by anyone, but not edited by accident. Protection keeps selecting cells allowed.
 * - `finishPackage`: Chinese text gets a Chinese face. exceljs names only a Latin font (Calibri) and writes a
 *   theme whose East Asian font is empty, so Excel falls back to whatever font links the system has. The theme's
 *   minor and major East Asian fonts are set to 宋体 (SimSun) and every Calibri font of the style sheet is tied to
 *   the theme (scheme "minor") with the GB2312 character set, which is how Excel's own Chinese templates pair
 *   Calibri with 宋体.
 *
 * @example await finishPackage(xlsxBytes) // → the same package with the East Asian font set
 */
import type ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { sheetPartOf } from './sheet-rows.js';

/** The East Asian face beside Calibri. */
export const EAST_ASIAN_FONT = '宋体';

/** GB2312, the character set Excel records for Simplified Chinese fonts. */
const GB2312 = 134;

/** Formula cells → their values; every sheet protected (no password). */
export async function finalise(wb: ExcelJS.Workbook): Promise<void> {
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value;
        if (v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) {
          const result = (v as ExcelJS.CellFormulaValue).result;
          cell.value = result === undefined || result === '' || (typeof result === 'object' && result !== null && 'error' in result) ? null : (result as ExcelJS.CellValue);
        }
      }),
    );
    await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatCells: false, formatColumns: false, formatRows: false, autoFilter: false, sort: false });
  }
}

/**
 * A worksheet's XML with manual page breaks after the given columns (CT_PageBreak `colBreaks`, which the schema
 * places after rowBreaks, itself after headerFooter and pageSetup).
 * @example withColumnBreaks('<worksheet>…<pageSetup/></worksheet>', [7]) // → …<pageSetup/><colBreaks count="1" …><brk id="7" max="1048575" man="1"/></colBreaks>…
 */
export function withColumnBreaks(xml: string, cols: number[]): string {
  const el = `<colBreaks count="${cols.length}" manualBreakCount="${cols.length}">${cols.map((c) => `<brk id="${c}" max="1048575" man="1"/>`).join('')}</colBreaks>`;
  for (const after of [/<\/rowBreaks>/, /<rowBreaks[^>]*\/>/, /<\/headerFooter>/, /<headerFooter[^>]*\/>/, /<pageSetup[^>]*\/>/, /<pageMargins[^>]*\/>/]) {
    const m = after.exec(xml);
    if (m) return xml.slice(0, m.index + m[0].length) + el + xml.slice(m.index + m[0].length);
  }
  return xml.replace('</worksheet>', `${el}</worksheet>`);
}

/** Sets the East Asian font of the theme and ties the style sheet's Calibri fonts to it. */
export async function finishPackage(xlsx: Buffer, columnBreaks: Map<string, number[]> = new Map()): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  for (const [sheet, cols] of columnBreaks) {
    if (!cols.length) continue;
    const part = await sheetPartOf(zip, sheet);
    zip.file(part, withColumnBreaks(await zip.file(part)!.async('string'), cols));
  }
  const theme = zip.file('xl/theme/theme1.xml');
  if (theme) {
    const xml = await theme.async('string');
    zip.file('xl/theme/theme1.xml', xml.replace(/<a:ea typeface=""\s*\/>/g, `<a:ea typeface="${EAST_ASIAN_FONT}"/>`));
  }
  const styles = zip.file('xl/styles.xml');
  if (styles) {
    const xml = await styles.async('string');
    zip.file(
      'xl/styles.xml',
      xml.replace(/<font>((?:(?!<\/font>)[\s\S])*?)<\/font>/g, (whole, inner: string) => {
        if (!/<name val="Calibri"\/>/.test(inner)) return whole;
        let out = inner;
        if (!/<charset /.test(out)) out += `<charset val="${GB2312}"/>`;
        if (!/<scheme /.test(out)) out += '<scheme val="minor"/>';
        return `<font>${out}</font>`;
      }),
    );
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
