/**
 * Cleaning text for XML parts (design §7.6, issue 12). The allowed characters are XML 1.0 §2.2's Char production:
 * #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]; the `_xHHHH_` escape is ECMA-376 Part 1
 * §22.9.2.19 (ST_Xstring), which exceljs decodes on reading (uppercase hex), as Excel does.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { cleanXlsxPackage } from '../../src/report/xlsx-package-text.js';
import { cleanedTextWarning, cleanStringsDeep, cleanXmlText, escapeExcelEscapes, escapeXmlText, hasXmlForbidden, showForbidden } from '../../src/report/xml-text.js';
import { assertWellFormed } from './helpers.js';

describe('cleanXmlText', () => {
  it('removes C0 controls but tab, LF and CR, U+FFFE, U+FFFF and lone surrogates', () => {
    expect(cleanXmlText('a\u0000b\u0008c\u000Bd\u000Ce\u001Ff')).toBe('abcdef');
    expect(cleanXmlText('云湖\uFFFE社区\uFFFF')).toBe('云湖社区');
    expect(cleanXmlText('x\uD800y\uDC00z')).toBe('xyz');
    expect(cleanXmlText('\uDC00\uD800')).toBe(''); // reversed halves are two lone ones
  });

  it('keeps what XML allows: tab, LF, CR, U+FFFD, astral characters (a valid pair), U+E000, U+1FFFE', () => {
    const ok = 'a\tb\nc\rd\uFFFDe😀f\uE000g\u{1FFFE}h\u007F\u0085';
    expect(hasXmlForbidden(ok)).toBe(false);
    expect(cleanXmlText(ok)).toBe(ok);
  });

  it('escapes markup after cleaning, and shows what it removed for messages', () => {
    expect(escapeXmlText('a<b & "c"\uFFFE>')).toBe('a&lt;b &amp; &quot;c&quot;&gt;');
    expect(showForbidden('云湖\uFFFE社区\u0001')).toBe('云湖⟨U+FFFE⟩社区⟨U+0001⟩');
  });
});

describe('escapeExcelEscapes', () => {
  it('escapes the underscore of text that looks like _xHHHH_, overlapping forms included', () => {
    expect(escapeExcelEscapes('_x0041_')).toBe('_x005F_x0041_');
    expect(escapeExcelEscapes('a_x00e9_b_X1234_')).toBe('a_x005F_x00e9_b_x005F_X1234_');
    expect(escapeExcelEscapes('_x005F_x0041_')).toBe('_x005F_x005F_x005F_x0041_');
    expect(escapeExcelEscapes('_x12_ and x0041_ and _x00G1_')).toBe('_x12_ and x0041_ and _x00G1_');
  });

  it('reads back as written in exceljs, which decodes _xHHHH_ as Excel does', async () => {
    const texts = ['_x0041_', '_x005F_x0041_', 'a_x0009_b', '_x000D__x000A_'];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    texts.forEach((t, i) => (ws.getCell(i + 1, 1).value = t));
    const { bytes } = await cleanXlsxPackage(Buffer.from(await wb.xlsx.writeBuffer()));
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect(texts.map((_, i) => back.worksheets[0].getCell(i + 1, 1).value)).toEqual(texts);
  });
});

describe('cleanStringsDeep', () => {
  it('cleans values and keys, names their paths, and shares what needed nothing', () => {
    const clean = { ok: 'fine', list: [1, 'two'] };
    const input = { units: [{ unit: 'U1', name: '青禾\uFFFE社区' }], breakdowns: { ['噪音\u0001']: 3, 环境: 4 }, clean };
    const { value, cleaned } = cleanStringsDeep(input);
    expect(value).toEqual({ units: [{ unit: 'U1', name: '青禾社区' }], breakdowns: { 噪音: 3, 环境: 4 }, clean });
    expect(Object.keys(value.breakdowns)).toEqual(['噪音', '环境']); // the cleaned key keeps its place
    expect(value.clean).toBe(clean);
    expect(cleaned.paths).toEqual(['units[0].name', 'breakdowns.噪音⟨U+0001⟩ (key)']);
    expect(cleaned.samples).toEqual(['青禾⟨U+FFFE⟩社区', '噪音⟨U+0001⟩']);
    expect(cleaned.distinct).toBe(2);
    expect(input.units[0].name).toBe('青禾\uFFFE社区'); // the input is not changed
  });

  it('returns the very same object when nothing needs cleaning', () => {
    const input = { a: [{ b: 'c' }], d: null, e: 1 };
    expect(cleanStringsDeep(input).value).toBe(input);
  });

  it('makes the warning only when something was cleaned', () => {
    expect(cleanedTextWarning({ paths: [], distinct: 0, samples: [] }, 'r.xlsx')).toBeNull();
    const twice = { units: [{ unit: 'a\uFFFE' }, { unit: 'a\uFFFE' }], x: 'a\uFFFE' };
    const w = cleanedTextWarning(cleanStringsDeep(twice).cleaned, 'r.xlsx');
    expect(w).toMatchObject({ code: 'xml_text_cleaned', where: 'units[0].unit, units[1].unit, x', params: { count: 1, places: 3 } });
    expect(w!.message).toBe(
      '1 text (in 3 places) held characters a workbook cannot hold (control characters, U+FFFE/U+FFFF or lone surrogates); ' +
        'they were removed in r.xlsx: "a⟨U+FFFE⟩". The JSON result keeps the texts as they were.',
    );
  });
});

describe('cleanXlsxPackage', () => {
  async function pkg(parts: Record<string, Uint8Array | string>): Promise<Buffer> {
    const zip = new JSZip();
    for (const [name, data] of Object.entries(parts)) zip.file(name, data);
    return zip.generateAsync({ type: 'nodebuffer' });
  }

  it('removes characters XML cannot hold from any part and says which parts it changed', async () => {
    const sst = '<?xml version="1.0"?><sst><si><t>青禾\uFFFE社区</t></si><si><t>_x0041_</t></si></sst>';
    const { bytes, parts } = await cleanXlsxPackage(await pkg({ 'xl/sharedStrings.xml': sst, 'xl/styles.xml': '<styleSheet/>' }));
    expect(parts).toEqual(['xl/sharedStrings.xml']);
    const out = await (await JSZip.loadAsync(bytes)).file('xl/sharedStrings.xml')!.async('string');
    expect(out).toBe('<?xml version="1.0"?><sst><si><t>青禾社区</t></si><si><t>_x005F_x0041_</t></si></sst>');
    assertWellFormed(out);
  });

  it('removes a lone surrogate that was written as CESU-8 bytes (not UTF-8), keeping real U+FFFD', async () => {
    const head = Buffer.from('<a>x', 'utf8');
    const cesu = Buffer.from([0xed, 0xa0, 0x80]); // U+D800 encoded as if it were a character
    const tail = Buffer.from('\uFFFDy</a>', 'utf8');
    const { bytes, parts } = await cleanXlsxPackage(await pkg({ 'xl/charts/chart1.xml': Buffer.concat([head, cesu, tail]) }));
    expect(parts).toEqual(['xl/charts/chart1.xml']);
    expect(await (await JSZip.loadAsync(bytes)).file('xl/charts/chart1.xml')!.async('string')).toBe('<a>x\uFFFDy</a>');
  });

  it('returns the package unchanged when nothing needs doing', async () => {
    const input = await pkg({ 'xl/sharedStrings.xml': '<sst><si><t>fine _x12_</t></si></sst>' });
    const { bytes, parts } = await cleanXlsxPackage(input);
    expect(bytes).toBe(input);
    expect(parts).toEqual([]);
  });
});
