/**
 * DrawingML chart parts (ECMA-376 Part 1, §21.2 "DrawingML – Charts" and §20.5 "SpreadsheetML Drawing"): the
 * chart part `c:chartSpace` and the drawing part `xdr:wsDr` that anchors charts to cells. Series refer to sheet
 * ranges (c:numRef / c:strRef) and carry the values they held when written (c:numCache / c:strCache), which a
 * spreadsheet shows until it recalculates. Child elements are written in the order the schema's sequences require
 * (e.g. CT_BarSer: idx, order, tx, spPr, invertIfNegative, dLbls, cat, val), since Excel rejects other orders.
 */
import { escapeXmlText } from '../xml-text.js';
import type { ChartSeries, ChartSpec } from './chart-spec.js';

export const NS = {
  c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  xdr: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
};

/**
 * XML text/attribute escaping, without the characters XML cannot hold (design §7.6; U+FFFE here once broke a chart).
 * @example xmlEscape('a<b & "c"') // → 'a&lt;b &amp; &quot;c&quot;'
 */
export const xmlEscape = escapeXmlText;

function strCache(values: string[]): string {
  return `<c:strCache><c:ptCount val="${values.length}"/>${values.map((v, i) => `<c:pt idx="${i}"><c:v>${xmlEscape(v)}</c:v></c:pt>`).join('')}</c:strCache>`;
}

function numCache(values: (number | null)[], formatCode: string): string {
  const pts = values.map((v, i) => (v === null || !Number.isFinite(v) ? '' : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)).join('');
  return `<c:numCache><c:formatCode>${xmlEscape(formatCode)}</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache>`;
}

function seriesText(s: ChartSeries): string {
  return s.nameRef
    ? `<c:tx><c:strRef><c:f>${xmlEscape(s.nameRef)}</c:f>${strCache([s.name])}</c:strRef></c:tx>`
    : `<c:tx><c:v>${xmlEscape(s.name)}</c:v></c:tx>`;
}

function fill(s: ChartSeries, line: boolean): string {
  if (s.hidden) return '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>';
  if (!s.colour) return '';
  const c = `<a:solidFill><a:srgbClr val="${s.colour}"/></a:solidFill>`;
  return line ? `<c:spPr><a:ln w="28575">${c}</a:ln></c:spPr>` : `<c:spPr>${c}</c:spPr>`;
}

const valueLabels = (fmt: string) =>
  `<c:dLbls><c:numFmt formatCode="${fmt}" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>` +
  `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="800"/></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>` +
  '<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>';

function titleXml(title: string): string {
  return (
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr>` +
    `<a:r><a:rPr lang="zh-CN" sz="1200" b="1"/><a:t>${xmlEscape(title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`
  );
}

const CAT_AX = 500100;
const VAL_AX = 500200;

function axes(spec: ChartSpec): string {
  const horizontal = spec.horizontal === true;
  const scaling = (reverse: boolean, min?: number, max?: number) =>
    `<c:scaling><c:orientation val="${reverse ? 'maxMin' : 'minMax'}"/>${max !== undefined ? `<c:max val="${max}"/>` : ''}${min !== undefined ? `<c:min val="${min}"/>` : ''}</c:scaling>`;
  const txPr = '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900"/></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>';
  // Horizontal bars list the first category at the top: reverse the category axis.
  const cat =
    `<c:catAx><c:axId val="${CAT_AX}"/>${scaling(horizontal)}<c:delete val="0"/><c:axPos val="${horizontal ? 'l' : 'b'}"/>` +
    `<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="${spec.categoryLabelsLow ? 'low' : 'nextTo'}"/>${txPr}` +
    `<c:crossAx val="${VAL_AX}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
  const val =
    `<c:valAx><c:axId val="${VAL_AX}"/>${scaling(spec.reverseValues === true, spec.axisMin, spec.axisMax)}<c:delete val="0"/>` +
    `<c:axPos val="${horizontal ? 'b' : 'l'}"/><c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>` +
    `<c:numFmt formatCode="${spec.valueFormat ?? '0'}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${txPr}` +
    `<c:crossAx val="${CAT_AX}"/><c:crosses val="${horizontal && spec.reverseValues ? 'max' : 'autoZero'}"/><c:crossBetween val="between"/>` +
    `${spec.kind === 'interval' ? '<c:majorUnit val="1"/>' : spec.majorUnit !== undefined ? `<c:majorUnit val="${spec.majorUnit}"/>` : ''}</c:valAx>`;
  return cat + val;
}

function cat(spec: ChartSpec): string {
  return `<c:cat><c:strRef><c:f>${xmlEscape(spec.categories.ref)}</c:f>${strCache(spec.categories.values)}</c:strRef></c:cat>`;
}

function val(s: ChartSeries, fmt: string): string {
  return `<c:val><c:numRef><c:f>${xmlEscape(s.ref)}</c:f>${numCache(s.values, fmt)}</c:numRef></c:val>`;
}

function barChart(spec: ChartSpec): string {
  const stacked = spec.kind === 'interval';
  const series = spec.series
    .map(
      (s, i) =>
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${seriesText(s)}${fill(s, false)}<c:invertIfNegative val="0"/>` +
        `${spec.kind === 'bar' ? valueLabels('0.0') : ''}${cat(spec)}${val(s, spec.kind === 'bar' ? '0.0' : 'General')}</c:ser>`,
    )
    .join('');
  return (
    `<c:barChart><c:barDir val="${spec.horizontal ? 'bar' : 'col'}"/><c:grouping val="${stacked ? 'stacked' : 'clustered'}"/><c:varyColors val="0"/>` +
    `${series}<c:gapWidth val="${stacked ? 60 : 80}"/>${stacked ? '<c:overlap val="100"/>' : ''}<c:axId val="${CAT_AX}"/><c:axId val="${VAL_AX}"/></c:barChart>`
  );
}

function radarChart(spec: ChartSpec): string {
  const series = spec.series
    .map(
      (s, i) =>
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${seriesText(s)}${fill(s, true)}<c:marker><c:symbol val="circle"/><c:size val="5"/></c:marker>` +
        `${cat(spec)}${val(s, '0.0')}</c:ser>`,
    )
    .join('');
  return `<c:radarChart><c:radarStyle val="marker"/><c:varyColors val="0"/>${series}<c:axId val="${CAT_AX}"/><c:axId val="${VAL_AX}"/></c:radarChart>`;
}

/** The chart part (xl/charts/chartN.xml). */
export function chartXml(spec: ChartSpec): string {
  const plot = spec.kind === 'radar' ? radarChart(spec) : barChart(spec);
  // A legend only where it tells something: several units on the radar. The interval chart's offset series is
  // invisible, so it has no legend either.
  const legend = spec.kind === 'radar' ? `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>` : '';
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">` +
    `<c:date1904 val="0"/><c:lang val="zh-CN"/><c:roundedCorners val="0"/>` +
    `<c:chart>${titleXml(spec.title)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plot}${axes(spec)}</c:plotArea>` +
    `${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln w="6350"><a:solidFill><a:srgbClr val="BFBFBF"/></a:solidFill></a:ln></c:spPr>` +
    `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900"><a:latin typeface="Arial"/><a:ea typeface="Microsoft YaHei"/></a:defRPr></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>` +
    `</c:chartSpace>`
  );
}

/** One cell-anchored graphic frame pointing at a chart relationship. */
export function anchorXml(spec: ChartSpec, relId: string, shapeId: number): string {
  const { fromCol, fromRow, toCol, toRow } = spec.anchor;
  const corner = (tag: string, col: number, row: number) =>
    `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor editAs="oneCell">${corner('from', fromCol, fromRow)}${corner('to', toCol, toRow)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${shapeId}" name="Chart ${shapeId}" descr="${xmlEscape(spec.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" xmlns:r="${NS.r}" r:id="${relId}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

/** A new drawing part holding the given anchors. */
export function drawingXml(anchors: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}">${anchors.join('')}</xdr:wsDr>`;
}
