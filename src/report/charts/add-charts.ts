/**
 * Adds native charts to a saved xlsx package (exceljs writes none). For each chart: the chart part
 * xl/charts/chartN.xml; for each sheet with charts, a drawing part xl/drawings/drawingN.xml with one
 * twoCellAnchor per chart and its relationships to the charts; the sheet's `<drawing r:id>` element and the
 * relationship to the drawing; and [Content_Types].xml overrides for the new parts. If the sheet already has a
 * drawing (exceljs writes one for images), the anchors are appended to it instead of adding a second one, which
 * the schema does not allow.
 * @throws Error when a chart names a sheet that is not in the workbook
 * @example await addCharts(xlsxBytes, [{ sheet: 'Summary', kind: 'bar', … }]) // → xlsx bytes with xl/charts/chart1.xml
 */
import JSZip from 'jszip';
import type { ChartSpec } from './chart-spec.js';
import { anchorXml, chartXml, drawingXml, NS } from './chart-xml.js';

const REL = {
  drawing: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing',
  chart: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart',
};
const CT = {
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
};
const PKG_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';

function unescapeXml(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Relationship id → target from a .rels part. */
function parseRels(xml: string): Map<string, { target: string; type: string }> {
  const map = new Map<string, { target: string; type: string }>();
  for (const m of xml.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(m[1])?.[1] ?? '';
    map.set(attr('Id'), { target: unescapeXml(attr('Target')), type: attr('Type') });
  }
  return map;
}

function emptyRels(): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_RELS}"></Relationships>`;
}

/** Adds a relationship with a fresh id; returns the new xml and the id. */
function addRel(xml: string, type: string, target: string): { xml: string; id: string } {
  const used = new Set(parseRels(xml).keys());
  let n = used.size + 1;
  while (used.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  const rel = `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`;
  return { xml: xml.includes('</Relationships>') ? xml.replace('</Relationships>', `${rel}</Relationships>`) : xml.replace(/<Relationships([^>]*)\/>/, `<Relationships$1>${rel}</Relationships>`), id };
}

/** Resolves a relationship target relative to the folder of the part that owns the .rels. */
function resolve(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = fromPart.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

function relsPathOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`;
}

/** Elements that CT_Worksheet allows after <drawing>: the new element goes before the first of them. */
const AFTER_DRAWING = ['legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];

function insertDrawingElement(sheetXml: string, relId: string): string {
  const el = `<drawing r:id="${relId}"/>`;
  let xml = sheetXml;
  if (!/<worksheet\b[^>]*xmlns:r=/.test(xml)) xml = xml.replace(/<worksheet\b/, `<worksheet xmlns:r="${NS.r}"`);
  let at = -1;
  for (const tag of AFTER_DRAWING) {
    const i = xml.search(new RegExp(`<${tag}[\\s>/]`));
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  if (at < 0) at = xml.lastIndexOf('</worksheet>');
  return xml.slice(0, at) + el + xml.slice(at);
}

export async function addCharts(xlsx: Buffer, charts: ChartSpec[]): Promise<Buffer> {
  if (!charts.length) return xlsx;
  const zip = await JSZip.loadAsync(xlsx);
  const read = async (path: string) => {
    const f = zip.file(path);
    return f ? f.async('string') : null;
  };

  // Sheet name → worksheet part.
  const workbook = (await read('xl/workbook.xml'))!;
  const wbRels = parseRels((await read('xl/_rels/workbook.xml.rels'))!);
  const sheetPart = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const name = unescapeXml(/\bname="([^"]*)"/.exec(m[1])?.[1] ?? '');
    const rid = /\br:id="([^"]*)"/.exec(m[1])?.[1] ?? '';
    const rel = wbRels.get(rid);
    if (rel) sheetPart.set(name, resolve('xl/workbook.xml', rel.target));
  }

  let contentTypes = (await read('[Content_Types].xml'))!;
  const override = (part: string, type: string) => {
    if (!contentTypes.includes(`PartName="/${part}"`)) contentTypes = contentTypes.replace('</Types>', `<Override PartName="/${part}" ContentType="${type}"/></Types>`);
  };
  const nextFree = (prefix: string, start: number) => {
    let n = start;
    while (zip.file(`${prefix}${n}.xml`)) n++;
    return n;
  };

  let chartNo = nextFree('xl/charts/chart', 1);
  const bySheet = new Map<string, ChartSpec[]>();
  for (const c of charts) bySheet.set(c.sheet, [...(bySheet.get(c.sheet) ?? []), c]);

  for (const [sheet, specs] of bySheet) {
    const part = sheetPart.get(sheet);
    if (!part) throw new Error(`addCharts: no sheet named ${sheet}`);
    const sheetRelsPath = relsPathOf(part);
    let sheetRels = (await read(sheetRelsPath)) ?? emptyRels();
    let sheetXml = (await read(part))!;

    // Reuse an existing drawing (exceljs images) or create a new one.
    let drawingPart: string;
    let drawing: string;
    const existing = /<drawing\s+r:id="([^"]+)"/.exec(sheetXml);
    const existingTarget = existing ? parseRels(sheetRels).get(existing[1]) : undefined;
    if (existing && existingTarget) {
      drawingPart = resolve(part, existingTarget.target);
      drawing = (await read(drawingPart)) ?? drawingXml([]);
    } else {
      drawingPart = `xl/drawings/drawing${nextFree('xl/drawings/drawing', 1)}.xml`;
      drawing = drawingXml([]);
      const added = addRel(sheetRels, REL.drawing, `../drawings/${drawingPart.split('/').pop()}`);
      sheetRels = added.xml;
      sheetXml = insertDrawingElement(sheetXml, added.id);
      override(drawingPart, CT.drawing);
    }
    const drawingRelsPath = relsPathOf(drawingPart);
    let drawingRels = (await read(drawingRelsPath)) ?? emptyRels();
    let shapeId = Math.max(1, ...[...drawing.matchAll(/<xdr:cNvPr\s+id="(\d+)"/g)].map((m) => Number(m[1]))) + 1;
    const anchors: string[] = [];
    for (const spec of specs) {
      const chartPart = `xl/charts/chart${chartNo++}.xml`;
      zip.file(chartPart, chartXml(spec));
      override(chartPart, CT.chart);
      const added = addRel(drawingRels, REL.chart, `../charts/${chartPart.split('/').pop()}`);
      drawingRels = added.xml;
      anchors.push(anchorXml(spec, added.id, shapeId++));
    }
    // The drawing may declare the a: namespace only where it is used; ours uses a: in the frames.
    if (!/xmlns:a=/.test(drawing.slice(0, drawing.indexOf('>', drawing.indexOf('<xdr:wsDr'))))) {
      drawing = drawing.replace(/<xdr:wsDr\b/, `<xdr:wsDr xmlns:a="${NS.a}"`);
    }
    drawing = drawing.includes('</xdr:wsDr>') ? drawing.replace('</xdr:wsDr>', `${anchors.join('')}</xdr:wsDr>`) : drawing.replace(/<xdr:wsDr([^>]*)\/>/, `<xdr:wsDr$1>${anchors.join('')}</xdr:wsDr>`);
    zip.file(drawingPart, drawing);
    zip.file(drawingRelsPath, drawingRels);
    zip.file(sheetRelsPath, sheetRels);
    zip.file(part, sheetXml);
  }
  zip.file('[Content_Types].xml', contentTypes);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
