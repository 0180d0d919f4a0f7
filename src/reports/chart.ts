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
  /** What the target line is, written at its end (or on it, over bars): "Mục tiêu 2025: ≥ 6%". */
  targetLabel?: string;
  /** The plan's figure for the year, drawn as a line across bars, where a path would be a dot or two. */
  targetValue?: number;
}

/** Up to this many periods the figures are bars: a line through one or two points says nothing. */
export const SHORT_SERIES = 3;

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
  const bars = input.categories.length <= SHORT_SERIES;
  const label = (position: 'top' | 'bottom' | 'insideTop') => ({ show: true, position, formatter: (p: { value: unknown }) => style.format(Number(p.value)), backgroundColor: 'rgba(255,255,255,0.9)', padding: [1, 3], fontSize: 13 });
  const series = [bars ? barSeries(input, label) : lineSeries(input, label)];
  if (input.target && !bars) series.push(targetPath(input));
  const legend = series.map((s) => String(s.name));
  // The year's target is a figure the value axis must reach even when every figure is far below it: an unseen
  // series holding it lets echarts choose round ticks up to there.
  if (input.targetValue !== undefined) series.push({ type: 'line', data: input.categories.map(() => input.targetValue!), symbol: 'none', lineStyle: { opacity: 0 }, silent: true, z: 0 });
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: style.fontFamily },
    title: { text: input.title, left: 'center', top: 16, textStyle: { fontSize: 20, fontFamily: style.fontFamily } },
    legend: { data: legend, bottom: 12, textStyle: { fontSize: 14, fontFamily: style.fontFamily } },
    // Room on the right for the target's label at the end of its line.
    grid: { left: 90, right: input.targetLabel && !bars ? 190 : 40, top: 80, bottom: 100 },
    xAxis: { type: 'category', data: [...input.categories], name: input.xLabel, nameLocation: 'middle', nameGap: 36, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', name: input.yLabel, nameLocation: 'middle', nameGap: 64, axisLabel: { formatter: (v: number) => style.format(v) } },
    series,
  };
}

type LabelOf = (position: 'top' | 'bottom' | 'insideTop') => echarts.LineSeriesOption['label'];

/**
 * The figures as a line. Every point is labelled while the labels fit (two years of months), else only the last;
 * each label sits on the side of its point away from the target path, so the dashed line never runs through it.
 */
function lineSeries(input: ChartInput, label: LabelOf): echarts.SeriesOption {
  const values = input.actual.values;
  const last = lastIndex(values);
  const everyPoint = input.categories.length <= 24;
  const data = values.map((value, i) => {
    const target = input.target?.values[i];
    const side = target !== null && target !== undefined && value !== null && value < target ? 'bottom' : 'top';
    return { value, label: { ...label(side), show: value !== null && (everyPoint || i === last) } };
  });
  return { name: input.actual.name, type: 'line', data, z: 3, color: COLORS.actual, symbolSize: 7, lineStyle: { width: 3 } } as echarts.SeriesOption;
}

/** A short series as bars, each with its figure inside its top; the year's target as a dashed line across, labelled. */
function barSeries(input: ChartInput, label: LabelOf): echarts.SeriesOption {
  const markLine =
    input.targetValue === undefined
      ? undefined
      : { symbol: 'none', silent: true, lineStyle: { type: 'dashed', width: 2, color: COLORS.target }, label: { formatter: input.targetLabel ?? '', position: 'insideEndTop', color: COLORS.target, fontSize: 13, backgroundColor: 'rgba(255,255,255,0.9)', padding: [1, 3] }, data: [{ yAxis: input.targetValue }] };
  // Inside the bar's top, white on the bar: below a target the bar has not reached, the dashed line stays clear of it.
  const inside = { ...label('insideTop'), backgroundColor: 'transparent', color: '#ffffff', fontWeight: 'bold', distance: 8 };
  return { name: input.actual.name, type: 'bar', data: [...input.actual.values], barMaxWidth: 120, color: COLORS.actual, label: inside, ...(markLine ? { markLine } : {}) } as echarts.SeriesOption;
}

/** The path towards the milestone, dashed, with what it is written at its end. */
function targetPath(input: ChartInput): echarts.SeriesOption {
  return {
    name: input.target!.name,
    type: 'line',
    data: [...input.target!.values],
    color: COLORS.target,
    symbol: 'none',
    connectNulls: true,
    lineStyle: { type: 'dashed', width: 2 },
    z: 1,
    endLabel: { show: !!input.targetLabel, formatter: input.targetLabel ?? '', color: COLORS.target, fontSize: 13, distance: 8 },
  } as echarts.SeriesOption;
}

function lastIndex(values: readonly (number | null)[]): number {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null) return i;
  return -1;
}

export interface SeriesChartLabels {
  title: string;
  xLabel: string;
  yLabel: string;
  actual: string;
  target: string;
  periodLabel?: (code: string) => string;
  /** "Mục tiêu 2025: ≥ 6%": the label of the target line, for the milestone the chart ends on. */
  targetLabel?: (target: { year: number; value: number; comparator: 'gte' | 'gt' }) => string;
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
  if (!targets.some((t) => t !== null)) return input;
  const milestone = [...series.totals].reverse().find((t) => t.targets[0])?.targets[0];
  return {
    ...input,
    target: { name: labels.target, values: targets },
    ...(milestone ? { targetValue: milestone.value } : {}),
    ...(milestone && labels.targetLabel ? { targetLabel: labels.targetLabel({ year: milestone.year, value: milestone.value, comparator: milestone.comparator }) } : {}),
  };
}
