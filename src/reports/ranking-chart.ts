import * as echarts from 'echarts';
import { rasterise, numberFormat, type ChartImage, type ChartOptions } from './chart.js';
import { findChartFont } from './fonts.js';

/** Provinces best first, each with its rate and where its plan's line puts it (both in percent); every text already translated. */
export interface RankingChartInput {
  title: string;
  actual: string;
  mark: string;
  rows: readonly { name: string; value: number; mark: number }[];
}

const COLORS = { actual: '#1f6fb2', mark: '#d9480f' };

/** A national ranking as horizontal bars, the best province on top, its plan's mark beside each. */
export function renderRankingPng(input: RankingChartInput, options: ChartOptions = {}): ChartImage {
  const font = options.font ?? findChartFont();
  const width = options.width ?? 1000;
  // Room for every province's name and two bars: a ranking of 20 fits 900 pixels.
  const height = options.height ?? Math.max(400, 140 + input.rows.length * 38);
  const format = numberFormat(options.locale);
  const fontFamily = font?.family ?? 'sans-serif';
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily },
      title: { text: input.title, left: 'center', top: 16, textStyle: { fontSize: 20, fontFamily } },
      legend: { bottom: 12, textStyle: { fontSize: 14, fontFamily } },
      grid: { left: 220, right: 80, top: 70, bottom: 60 },
      yAxis: { type: 'category', inverse: true, data: input.rows.map((r) => r.name), axisLabel: { fontSize: 13 } },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${format(v)}%` } },
      series: [
        { name: input.actual, type: 'bar', data: input.rows.map((r) => r.value), color: COLORS.actual, label: { show: true, position: 'right', formatter: (p) => `${format(Number(p.value))}%` } },
        { name: input.mark, type: 'bar', data: input.rows.map((r) => r.mark), color: COLORS.mark },
      ],
    } satisfies echarts.EChartsOption);
    return rasterise(chart.renderToSVGString(), font);
  } finally {
    chart.dispose();
  }
}
