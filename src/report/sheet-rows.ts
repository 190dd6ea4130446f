/**
 * Rows written straight into a worksheet's XML inside a finished .xlsx package, for lists too long to build as
 * exceljs cells: exceljs holds some 6 KB per row of six cells until the package is written, so the data-quality
 * list of 100,000 rows took 650 MB of the 10M-row assessment's peak memory; as XML text the same rows take about
 * 10 MB of UTF-8 (figures from perf/metrics.bench.js, README § Benchmarks).
 *
 * Text cells go to the shared-string table (appended after exceljs's entries; inline strings would be simpler, but
 * exceljs cannot read them back) and numbers are written as they are, each with a style index (`s`) taken from cells
 * exceljs already wrote with the wanted style, so the rows look like the ones before them. Rows already present at the same
 * numbers (e.g. a small table to the right of the list) keep their cells after the new ones; the sheet's dimension
 * grows to the last row. Text is XML-escaped, characters XML 1.0 forbids (controls other than tab, LF, CR; lone
 * surrogates; U+FFFE/U+FFFF) are dropped, and leading or trailing spaces are kept.
 *
 * @throws Error if the package has no worksheet of that name (a programming error, not an input error)
 * @example
 *   await appendRows(xlsx, '数据质量', 1005, 1006, (r) => [{ text: 'cases.csv', style: 12 }, { number: r, style: 13 }])
 */
import JSZip from 'jszip';
import { escapeXmlText } from './xml-text.js';

export type XmlCell = { text: string; style: number } | { number: number; style: number } | { style: number };

const COLUMN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** XML escaping without the characters XML cannot hold (xml-text.ts, design §7.6). */
export const escapeXml = escapeXmlText;

/** New entries of the shared-string table: text → index. */
class SharedStrings {
  readonly added = new Map<string, number>();
  /** References to the table made by the new cells (the table's `count`). */
  refs = 0;
  constructor(private next: number) {}
  index(text: string): number {
    this.refs++;
    let i = this.added.get(text);
    if (i === undefined) {
      i = this.next++;
      this.added.set(text, i);
    }
    return i;
  }
  get count(): number {
    return this.next;
  }
}

function cellXml(col: number, r: number, c: XmlCell | null, sst: SharedStrings): string {
  if (c === null) return '';
  const ref = `${COLUMN[col]}${r}`;
  if ('text' in c) return `<c r="${ref}" s="${c.style}" t="s"><v>${sst.index(c.text)}</v></c>`;
  if ('number' in c && Number.isFinite(c.number)) return `<c r="${ref}" s="${c.style}"><v>${c.number}</v></c>`;
  return `<c r="${ref}" s="${c.style}"/>`;
}

/** The worksheet part of a sheet named `name` in a loaded package. */
export async function sheetPartOf(zip: JSZip, name: string): Promise<string> {
  const workbook = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  for (const m of workbook.matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const n = /\bname="([^"]*)"/.exec(m[1])?.[1];
    if (n !== escapeXml(name)) continue;
    const rid = /\br:id="([^"]*)"/.exec(m[1])?.[1];
    const rel = [...rels.matchAll(/<Relationship\b([^>]*)\/?>/g)].find((x) => new RegExp(`\\bId="${rid}"`).test(x[1]));
    const target = rel && /\bTarget="([^"]*)"/.exec(rel[1])?.[1];
    if (target) return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  }
  throw new Error(`no worksheet named ${name}`);
}

/** The `s` attribute of each cell of row `r` in a worksheet's XML, by column letter. */
export function rowStyles(sheetXml: string, r: number): Map<string, number> {
  const out = new Map<string, number>();
  const row = new RegExp(`<row r="${r}"[^>]*>([\\s\\S]*?)</row>`).exec(sheetXml);
  if (!row) return out;
  for (const m of row[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)\/?>/g)) {
    const s = /\bs="(\d+)"/.exec(m[2]);
    out.set(m[1], s ? Number(s[1]) : 0);
  }
  return out;
}

/**
 * Writes rows `from`..`to` (inclusive) of the named sheet, cells from column A, into the package.
 * `cells(r, sheetXml)` gives row r's cells (null for an empty cell); `sheetXml` is the worksheet as exceljs wrote it,
 * for reading style indices (rowStyles).
 */
export async function appendRows(
  xlsx: Buffer,
  sheetName: string,
  from: number,
  to: number,
  cells: (r: number, sheetXml: string) => (XmlCell | null)[],
): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const part = await sheetPartOf(zip, sheetName);
  const xml = await zip.file(part)!.async('string');
  const open = xml.indexOf('<sheetData>');
  const close = xml.indexOf('</sheetData>');
  if (open < 0 || close < 0) throw new Error(`worksheet ${part} has no sheetData`);
  const body = xml.slice(open + '<sheetData>'.length, close);
  const sstFile = zip.file('xl/sharedStrings.xml');
  if (!sstFile) throw new Error('the package has no shared-string table');
  const sstXml = await sstFile.async('string');
  const sstClose = sstXml.lastIndexOf('</sst>');
  const sst = new SharedStrings((sstXml.slice(0, sstClose).match(/<si>/g) ?? []).length);
  const oldRefs = Number(/<sst\b[^>]*?\bcount="(\d+)"/.exec(sstXml)?.[1] ?? 0);

  // Rows at or after `from` that exceljs wrote: merged with the new ones.
  // (Their cells must lie right of the new ones: a cell written twice would be read as the later, exceljs's.)
  const later = new Map<number, { attrs: string; inner: string }>();
  let cut = body.length;
  for (const m of body.matchAll(/<row r="(\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const r = Number(m[1]);
    if (r < from) continue;
    if (cut === body.length) cut = m.index;
    // spans (the row's column range) is an optional hint that the new cells would make wrong: dropped.
    later.set(r, { attrs: m[2].replace(/\s*spans="[^"]*"/, ''), inner: m[3] ?? '' });
  }

  const parts: Buffer[] = [Buffer.from(xml.slice(0, open + '<sheetData>'.length) + body.slice(0, cut), 'utf8')];
  let chunk = '';
  for (let r = from; r <= to; r++) {
    const old = later.get(r);
    let row = `<row r="${r}"${old?.attrs ?? ''}>`;
    const cs = cells(r, xml);
    for (let c = 0; c < cs.length; c++) row += cellXml(c, r, cs[c], sst);
    row += `${old?.inner ?? ''}</row>`;
    later.delete(r);
    chunk += row;
    if (chunk.length > 1 << 20) {
      parts.push(Buffer.from(chunk, 'utf8'));
      chunk = '';
    }
  }
  let last = to;
  for (const [r, old] of [...later].sort((a, b) => a[0] - b[0])) {
    chunk += `<row r="${r}"${old.attrs}>${old.inner}</row>`;
    last = Math.max(last, r);
  }
  const tail = xml.slice(close);
  const head = parts[0].toString('utf8').replace(/(<dimension ref="[A-Z]+\d+:[A-Z]+)(\d+)"/, (m, h: string, n: string) => `${h}${Math.max(Number(n), last)}"`);
  parts[0] = Buffer.from(head, 'utf8');
  parts.push(Buffer.from(chunk + tail, 'utf8'));
  zip.file(part, Buffer.concat(parts));

  const entries: Buffer[] = [];
  let text = '';
  for (const t of sst.added.keys()) {
    const e = escapeXml(t);
    text += /^\s|\s$/.test(e) ? `<si><t xml:space="preserve">${e}</t></si>` : `<si><t>${e}</t></si>`;
    if (text.length > 1 << 20) {
      entries.push(Buffer.from(text, 'utf8'));
      text = '';
    }
  }
  const sstHead = sstXml
    .slice(0, sstClose)
    .replace(/(<sst\b[^>]*?\bcount=")\d+"/, `$1${oldRefs + sst.refs}"`)
    .replace(/(<sst\b[^>]*?\buniqueCount=")\d+"/, `$1${sst.count}"`);
  zip.file('xl/sharedStrings.xml', Buffer.concat([Buffer.from(sstHead, 'utf8'), ...entries, Buffer.from(text + sstXml.slice(sstClose), 'utf8')]));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
