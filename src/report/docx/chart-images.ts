/**
 * The narrative report's charts as PNG images, without a browser (design §7.4): Apache ECharts draws each chart as
 * SVG on the server (`ssr: true`), then resvg rasterises the SVG with a CJK font file that it is given explicitly
 * (no system font lookup, so the output does not depend on the machine's font configuration, and Chinese labels are
 * never drawn as empty boxes). The images are drawn at twice their size in the document (about 190 dpi printed).
 *
 * Three kinds, from numbers the result holds (nothing is computed here):
 * - totalsBar: the units' totals in rank order, each bar labelled with its total as the tables show it (0.0);
 * - levelOneRadar: one unit's level-1 scores against the street average (a bar chart under 3 dimensions);
 * - rankIntervals: each unit's 5–95 % rank interval over the robustness draws, with its base rank.
 *
 * Speed: resvg reads the font file for every text element it lays out, so the charts are drawn with a subset of the
 * font holding only the characters they use (font-subset.ts), a few hundred kilobytes instead of 19 MB.
 */
import { createRequire } from 'node:module';
import type { EChartsOption } from 'echarts';
import { fmtScore } from '../format.js';

type ECharts = typeof import('echarts');
let loaded: ECharts | null = null;
/**
 * ECharts as its one-file bundle (the package's `require` entry): its ES-module entry loads some 600 files, which
 * took longer than drawing every chart of the report.
 */
function echartsBundle(): ECharts {
  loaded ??= createRequire(import.meta.url)('echarts') as ECharts;
  return loaded;
}

export interface ChartImage {
  png: Buffer;
  /** Size in the document, in pixels at 96 dpi. */
  width: number;
  height: number;
}

/** The family name the charts ask for; the font file given to resvg is the only font it knows, whatever its name. */
const FAMILY = 'sans-serif';
const BLUE = '#2F5597';
const ORANGE = '#ED7D31';
const SCALE = 2;

/** An ECharts option drawn as SVG text (the instance is always disposed). */
export async function chartSvg(option: EChartsOption, width: number, height: number): Promise<string> {
  const chart = echartsBundle().init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FAMILY }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * Rasterises chart SVGs with one font file (resvg knows no other font), on libuv's worker threads (renderAsync), so
 * that the main thread goes on with the workbook meanwhile.
 */
export async function svgToPng(svgs: readonly string[], fontFile: string): Promise<Buffer[]> {
  const { renderAsync } = await import('@resvg/resvg-js');
  const images = await Promise.all(
    svgs.map((svg) =>
      renderAsync(svg, {
        font: { fontFiles: [fontFile], loadSystemFonts: false },
        fitTo: { mode: 'zoom', value: SCALE },
        background: '#ffffff',
      }),
    ),
  );
  return images.map((img) => img.asPng());
}

export interface ChartSpec {
  option: EChartsOption;
  width: number;
  height: number;
}

/** Bar chart of the totals in rank order. */
export function totalsBar(units: { name: string; total: number }[], title: string, width: number): ChartSpec {
  const rotate = units.length > 8 ? 30 : 0;
  return {
    width,
    height: Math.round(width * 0.5),
    option: {
      title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
      grid: { left: 48, right: 16, top: 44, bottom: rotate ? 70 : 40 },
      xAxis: { type: 'category', data: units.map((u) => u.name), axisLabel: { interval: 0, rotate, fontSize: 11 } },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { fontSize: 11 } },
      series: [{ type: 'bar', data: units.map((u) => u.total), itemStyle: { color: BLUE }, barMaxWidth: 36, label: { show: true, position: 'top', fontSize: 10, formatter: (p) => fmtScore(Number(p.value)) } }],
    },
  };
}

/** One unit's level-1 scores against the street average: radar from three dimensions, else bars. */
export function levelOneRadar(dims: { name: string; unit: number | null; average: number | null }[], names: { unit: string; average: string }, width: number): ChartSpec {
  const height = Math.round(width * 0.8);
  const legend = { bottom: 0, data: [names.unit, names.average], textStyle: { fontSize: 11 } };
  if (dims.length < 3) {
    return {
      width,
      height,
      option: {
        legend,
        grid: { left: 48, right: 16, top: 16, bottom: 56 },
        xAxis: { type: 'category', data: dims.map((d) => d.name), axisLabel: { interval: 0, fontSize: 11 } },
        yAxis: { type: 'value', min: 0, max: 100 },
        series: [
          { type: 'bar', name: names.unit, data: dims.map((d) => d.unit), itemStyle: { color: BLUE } },
          { type: 'bar', name: names.average, data: dims.map((d) => d.average), itemStyle: { color: ORANGE } },
        ],
      },
    };
  }
  return {
    width,
    height,
    option: {
      legend,
      radar: { indicator: dims.map((d) => ({ name: d.name, max: 100, min: 0 })), radius: '58%', center: ['50%', '46%'], axisName: { color: '#333', fontSize: 11 } },
      series: [
        {
          type: 'radar',
          data: [
            { name: names.unit, value: dims.map((d) => d.unit ?? 0), itemStyle: { color: BLUE }, lineStyle: { color: BLUE, width: 2 }, areaStyle: { color: 'rgba(47,85,151,0.15)' } },
            { name: names.average, value: dims.map((d) => d.average ?? 0), itemStyle: { color: ORANGE }, lineStyle: { color: ORANGE, type: 'dashed' } },
          ],
        },
      ],
    },
  };
}

/**
 * Rank intervals as floating bars: an invisible bar up to p05 − 0.5 and a visible one of p95 − p05 + 1 ranks, so
 * the bar covers the ranks from p05 to p95; a diamond marks the base rank. Units in base-rank order, top down.
 */
export function rankIntervals(units: { name: string; base: number; p05: number; p95: number }[], labels: { title: string; interval: string; base: string }, width: number): ChartSpec {
  const n = units.length;
  return {
    width,
    height: Math.max(200, 70 + n * 26),
    option: {
      title: { text: labels.title, left: 'center', textStyle: { fontSize: 14 } },
      legend: { bottom: 0, data: [labels.interval, labels.base], textStyle: { fontSize: 11 } },
      grid: { left: 110, right: 24, top: 40, bottom: 48 },
      xAxis: { type: 'value', min: 0.5, max: n + 0.5, interval: 1, axisLabel: { fontSize: 11, formatter: (v: number) => (Number.isInteger(v) ? String(v) : '') } },
      yAxis: { type: 'category', inverse: true, data: units.map((u) => u.name), axisLabel: { fontSize: 11 } },
      series: [
        { type: 'bar', stack: 'interval', data: units.map((u) => u.p05 - 0.5), itemStyle: { color: 'transparent' }, silent: true },
        { type: 'bar', stack: 'interval', name: labels.interval, data: units.map((u) => u.p95 - u.p05 + 1), itemStyle: { color: 'rgba(47,85,151,0.35)', borderColor: BLUE }, barWidth: 14 },
        { type: 'scatter', name: labels.base, data: units.map((u, i) => [u.base, i]), symbol: 'diamond', symbolSize: 11, itemStyle: { color: ORANGE } },
      ],
    },
  };
}
