/**
 * The last pass over a finished .xlsx package before it is written (design §7.6):
 * - every XML part is made well-formed as to its characters: bytes that are not UTF-8 (a lone surrogate encoded
 *   as CESU-8) and characters XML cannot hold are removed, whichever code wrote them (exceljs, the chart parts,
 *   the data-quality tail). The result's texts are already cleaned before rendering (cleanStringsDeep), so this
 *   finds something only if a text reached a part another way; the parts it changed are returned for the warning.
 * - text that looks like Excel's `_xHHHH_` escape, in the shared strings, comments and chart caches (the places
 *   that hold report text as ST_Xstring), gets its underscore escaped, so that it shows as written.
 * Done on the package rather than on each string because exceljs writes the shared-string table itself: this is
 * the one place every string passes through. The package is re-zipped only when a part changed.
 * @example await cleanXlsxPackage(bytes) // → { bytes, parts: [] } for a package that needed nothing
 */
import JSZip from 'jszip';
import { cleanXmlText, escapeExcelEscapes, hasXmlForbidden } from './xml-text.js';

/** Parts whose element text Excel reads as ST_Xstring, and the elements holding it. */
const XSTRING_TEXT: { part: RegExp; element: RegExp }[] = [
  { part: /^xl\/sharedStrings\.xml$/, element: /(<t(?:\s[^>]*)?>)([^<]*)(<\/t>)/g },
  { part: /^xl\/comments\d*\.xml$/, element: /(<t(?:\s[^>]*)?>)([^<]*)(<\/t>)/g },
  { part: /^xl\/charts\/chart\d+\.xml$/, element: /(<c:v>)([^<]*)(<\/c:v>)/g },
];

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');

/** The bytes without UTF-8-encoded surrogate code points (ED A0–BF 80–BF), which are not UTF-8. */
function withoutEncodedSurrogates(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length);
  let n = 0;
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 0xed && i + 2 < b.length && b[i + 1] >= 0xa0 && b[i + 1] <= 0xbf && b[i + 2] >= 0x80 && b[i + 2] <= 0xbf) {
      i += 2;
      continue;
    }
    out[n++] = b[i];
  }
  return out.subarray(0, n);
}

export async function cleanXlsxPackage(xlsx: Buffer): Promise<{ bytes: Buffer; parts: string[] }> {
  const zip = await JSZip.loadAsync(xlsx);
  const cleanedParts: string[] = [];
  let changed = false;
  for (const name of Object.keys(zip.files)) {
    const entry = zip.files[name];
    if (entry.dir || !/\.(xml|rels|vml)$/i.test(name)) continue;
    const raw = await entry.async('uint8array');
    let text: string;
    let cleaned = false;
    try {
      text = utf8.decode(raw);
    } catch {
      // Not UTF-8: a lone surrogate written as its three CESU-8 bytes (ED A0..BF 80..BF), removed; any other bad
      // byte becomes U+FFFD, which XML can hold.
      text = utf8Lenient.decode(withoutEncodedSurrogates(raw));
      cleaned = true;
    }
    if (hasXmlForbidden(text)) {
      text = cleanXmlText(text);
      cleaned = true;
    }
    let escaped = text;
    const x = XSTRING_TEXT.find((t) => t.part.test(name));
    if (x && /_[xX][0-9A-Fa-f]{4}_/.test(text)) escaped = text.replace(x.element, (_m, open: string, body: string, close: string) => open + escapeExcelEscapes(body) + close);
    if (cleaned) cleanedParts.push(name);
    if (cleaned || escaped !== text) {
      zip.file(name, Buffer.from(escaped, 'utf8'));
      changed = true;
    }
  }
  if (!changed) return { bytes: xlsx, parts: [] };
  return { bytes: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } }), parts: cleanedParts };
}
