import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { MetricSeries } from '../domain/progress/series.js';
import { findChartFont, type ChartFont } from './fonts.js';

export interface ChartLine {
  name: string;
  values: readonly (number | null)[];
}

/** What one chart shows; every text already translated. */
export interface ChartInput {
  title: string;
  xLabel: string;
  yLabel: string;
  categories: readonly string[];
  actual: ChartLine;
  target?: ChartLine;
}

export interface ChartOptions {
  width?: number;
  height?: number;
  /** Number format of the labels, e.g. `vi-VN` for 1.250 and 4,8. */
  locale?: string;
  /** A font to use instead of the one found on the system. */
  font?: ChartFont;
}

export interface ChartImage {
  png: Buffer;
  width: number;
  height: number;
  /** The font the text was drawn with; null when none was found and the chart has no text. */
  font: ChartFont | null;
}

export const CHART_SIZE = { width: 1000, height: 600 } as const;
const COLORS = { actual: '#1f6fb2', target: '#d9480f' };

/** One metric against its target over time, as a PNG: echarts draws SVG on the server, resvg rasterises it. */
export function renderChartPng(input: ChartInput, options: ChartOptions = {}): ChartImage {
  const font = options.font ?? findChartFont();
  return rasterise(renderChartSvg(input, { ...options, font: font ?? undefined }), font);
}

/** An echarts SVG as a PNG, its text drawn with `font` (or the system's fonts when none was found). */
export function rasterise(svg: string, font: ChartFont | null): ChartImage {
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'original' },
    font: font
      ? { fontFiles: [font.path], loadSystemFonts: true, defaultFontFamily: font.family, sansSerifFamily: font.family }
      : { loadSystemFonts: true },
  });
  const image = resvg.render();
  return { png: image.asPng(), width: image.width, height: image.height, font };
}

export function renderChartSvg(input: ChartInput, options: ChartOptions = {}): string {
  const width = options.width ?? CHART_SIZE.width;
  const height = options.height ?? CHART_SIZE.height;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(chartOption(input, { format: numberFormat(options.locale), fontFamily: options.font?.family ?? 'sans-serif' }));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export function numberFormat(locale = 'vi-VN'): (n: number) => string {
  const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  return (n) => format.format(n);
}

function chartOption(input: ChartInput, style: { format: (n: number) => string; fontFamily: string }): echarts.EChartsOption {
  // Value labels on every point only while they fit; beyond two years of months they overlap.
  // The figures are drawn above the target path (z) so their labels stay readable where they cross.
  const showLabels = input.categories.length <= 24;
  const series: echarts.SeriesOption[] = [
    { name: input.actual.name, type: 'line', data: [...input.actual.values], z: 3, color: COLORS.actual, symbolSize: 7, lineStyle: { width: 3 }, label: { show: showLabels, position: 'top', formatter: (p) => style.format(Number(p.value)), backgroundColor: 'rgba(255,255,255,0.85)', padding: [1, 3] } },
  ];
  if (input.target) {
    series.push({ name: input.target.name, type: 'line', data: [...input.target.values], color: COLORS.target, symbol: 'none', connectNulls: true, lineStyle: { type: 'dashed', width: 2 }, z: 1 });
  }
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: style.fontFamily },
    title: { text: input.title, left: 'center', top: 16, textStyle: { fontSize: 20, fontFamily: style.fontFamily } },
    legend: { bottom: 12, textStyle: { fontSize: 14, fontFamily: style.fontFamily } },
    grid: { left: 90, right: 40, top: 80, bottom: 100 },
    xAxis: { type: 'category', data: [...input.categories], name: input.xLabel, nameLocation: 'middle', nameGap: 36, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', name: input.yLabel, nameLocation: 'middle', nameGap: 64, axisLabel: { formatter: (v: number) => style.format(v) } },
    series,
  };
}

export interface SeriesChartLabels {
  title: string;
  xLabel: string;
  yLabel: string;
  actual: string;
  target: string;
  periodLabel?: (code: string) => string;
}

/**
 * The scope's figures from a series, with the target drawn as the path towards the plan's
 * milestone (where the figure should stand each period), or the milestone itself where the
 * plan gives no starting point for a path.
 */
export function chartInputFromSeries(series: MetricSeries, labels: SeriesChartLabels): ChartInput {
  const period = labels.periodLabel ?? ((code: string) => code);
  const targets = series.totals.map((t) => t.expected ?? t.target);
  const input: ChartInput = {
    title: labels.title,
    xLabel: labels.xLabel,
    yLabel: labels.yLabel,
    categories: series.totals.map((t) => period(t.period)),
    actual: { name: labels.actual, values: series.totals.map((t) => t.value) },
  };
  return targets.some((t) => t !== null) ? { ...input, target: { name: labels.target, values: targets } } : input;
}
