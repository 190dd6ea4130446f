/**
 * The chart post-processor: parts are well-formed XML, referenced from the sheet through drawing and chart
 * relationships, registered in [Content_Types].xml, with series ranges and cached values as given; an existing
 * drawing (exceljs images) is extended rather than duplicated.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { addCharts } from '../../../src/report/charts/add-charts.js';
import type { ChartSpec } from '../../../src/report/charts/chart-spec.js';
import { chartXml, xmlEscape } from '../../../src/report/charts/chart-xml.js';
import { assertWellFormed, sheetParts, writeTo, zipOf } from '../helpers.js';
import { makeFixture } from '../fixture.js';

const bar: ChartSpec = {
  sheet: 'S & P',
  kind: 'bar',
  title: '总分 <比较>',
  categories: { ref: "'S & P'!$A$2:$A$3", values: ['=HYPERLINK("x")', '东湖'] },
  series: [{ name: 'Total', nameRef: "'S & P'!$B$1", ref: "'S & P'!$B$2:$B$3", values: [91.5, null], colour: '2F5597' }],
  anchor: { fromCol: 0, fromRow: 5, toCol: 6, toRow: 20 },
  axisMin: 0,
  axisMax: 100,
};

async function workbookBytes(withImage: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('S & P');
  ws.addRow(['unit', 'total']);
  ws.addRow(['=HYPERLINK("x")', 91.5]);
  ws.addRow(['东湖', null]);
  wb.addWorksheet('Other');
  if (withImage) {
    // A 1×1 PNG.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==', 'base64');
    const id = wb.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' });
    ws.addImage(id, { tl: { col: 3, row: 0 }, ext: { width: 10, height: 10 } });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('chartXml', () => {
  it('escapes text and writes references with cached values (a null value is left out of the cache)', () => {
    const xml = chartXml(bar);
    assertWellFormed(xml);
    expect(xml).toContain('<a:t>总分 &lt;比较&gt;</a:t>');
    expect(xml).toContain("<c:f>'S &amp; P'!$B$2:$B$3</c:f>");
    expect(xml).toContain('<c:ptCount val="2"/><c:pt idx="0"><c:v>91.5</c:v></c:pt></c:numCache>');
    expect(xml).toContain('<c:v>=HYPERLINK(&quot;x&quot;)</c:v>');
    expect(xml).toMatch(/<c:barDir val="col"\/><c:grouping val="clustered"\/>/);
  });

  it('writes radar and stacked interval charts', () => {
    const radar = chartXml({ ...bar, kind: 'radar' });
    assertWellFormed(radar);
    expect(radar).toContain('<c:radarChart><c:radarStyle val="marker"/>');
    const interval = chartXml({ ...bar, kind: 'interval', horizontal: true, series: [{ ...bar.series[0], hidden: true }, bar.series[0]] });
    assertWellFormed(interval);
    expect(interval).toContain('<c:grouping val="stacked"/>');
    expect(interval).toContain('<c:overlap val="100"/>');
    expect(interval).toContain('<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>');
  });

  it('xmlEscape drops control characters XML cannot hold', () => {
    expect(xmlEscape('a\u0001b&')).toBe('ab&amp;');
  });
});

describe('addCharts', () => {
  it('adds chart, drawing, relationships and content types, referenced from the right sheet', async () => {
    const out = await JSZip.loadAsync(await addCharts(await workbookBytes(false), [bar, { ...bar, kind: 'radar' }]));
    const parts = await sheetParts(out);
    const sheet = await out.file(parts.get('S & P')!)!.async('string');
    assertWellFormed(sheet);
    const rid = /<drawing r:id="([^"]+)"\/>/.exec(sheet)![1];
    const rels = await out.file(parts.get('S & P')!.replace('worksheets/', 'worksheets/_rels/') + '.rels')!.async('string');
    expect(rels).toMatch(new RegExp(`Id="${rid}" Type="[^"]+/drawing" Target="../drawings/drawing1.xml"`));
    const drawing = await out.file('xl/drawings/drawing1.xml')!.async('string');
    assertWellFormed(drawing);
    expect(drawing.match(/<xdr:twoCellAnchor/g)).toHaveLength(2);
    const drels = await out.file('xl/drawings/_rels/drawing1.xml.rels')!.async('string');
    expect(drels).toContain('Target="../charts/chart1.xml"');
    expect(drels).toContain('Target="../charts/chart2.xml"');
    const ct = await out.file('[Content_Types].xml')!.async('string');
    expect(ct).toContain('<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>');
    expect(ct).toContain('<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>');
    // The other sheet is untouched.
    expect(await out.file(parts.get('Other')!)!.async('string')).not.toContain('<drawing');
    // The <drawing> element sits before the elements CT_Worksheet puts after it.
    expect(sheet.indexOf('<drawing')).toBeGreaterThan(sheet.indexOf('<pageMargins'));
  });

  it('extends an existing drawing (an image) instead of adding a second one', async () => {
    const out = await JSZip.loadAsync(await addCharts(await workbookBytes(true), [bar]));
    const parts = await sheetParts(out);
    const sheet = await out.file(parts.get('S & P')!)!.async('string');
    expect(sheet.match(/<drawing /g)).toHaveLength(1);
    const drawings = Object.keys(out.files).filter((n) => /^xl\/drawings\/drawing\d+\.xml$/.test(n));
    expect(drawings).toHaveLength(1);
    const drawing = await out.file(drawings[0])!.async('string');
    assertWellFormed(drawing);
    expect(drawing).toContain('<xdr:pic>');
    expect(drawing).toContain('<c:chart ');
    const ids = [...drawing.matchAll(/<xdr:cNvPr id="(\d+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('rejects a chart on a sheet that does not exist', async () => {
    await expect(addCharts(await workbookBytes(false), [{ ...bar, sheet: 'nope' }])).rejects.toThrow('no sheet named nope');
  });

  it('the report has the totals bar, the level-1 radar, the robustness interval chart and a radar per unit profile, all well-formed', async () => {
    const result = makeFixture();
    const { path } = await writeTo(result);
    const zip = await zipOf(path);
    const parts = await sheetParts(zip);
    for (const name of ['排名汇总', '稳健性']) expect(await zip.file(parts.get(name)!)!.async('string')).toContain('<drawing r:id=');
    const number = (n: string) => Number(/chart(\d+)\.xml$/.exec(n)![1]);
    const charts = Object.keys(zip.files)
      .filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))
      .sort((a, b) => number(a) - number(b));
    expect(charts).toHaveLength(3 + result.units.length);
    const xml = await Promise.all(charts.map((n) => zip.file(n)!.async('string')));
    xml.forEach(assertWellFormed);
    expect(xml[0]).toContain("<c:f>'排名汇总'!$C$4:$C$12</c:f>"); // 9 units from row 4
    expect(xml[1]).toContain('<c:radarChart>');
    expect(xml[1].match(/<c:ser>/g)).toHaveLength(3); // top, median, bottom
    expect(xml[2]).toContain('<c:grouping val="stacked"/>');
    // Each profile: the unit against the street average.
    for (const x of xml.slice(3)) expect(x.match(/<c:ser>/g)).toHaveLength(2);
  });
});
