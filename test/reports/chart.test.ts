import { writeFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, test } from 'vitest';
import { CHART_SIZE, chartInputFromSeries, renderChartPng, renderChartSvg } from '../../src/reports/chart.js';
import { findChartFont } from '../../src/reports/fonts.js';
import { NOW, agencies, deadlines, targets, updates } from '../domain/progress/fixture.js';
import { seriesOf } from '../domain/progress/in-memory.js';
import { labels, PERIODS, series } from './report-data.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the IHDR chunk, which a valid PNG has right after the signature. */
function pngHeader(png: Buffer): { chunk: string; width: number; height: number } {
  return { chunk: png.subarray(12, 16).toString('ascii'), width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const voluntary = series.find((s) => s.metric === 'voluntary_coverage')!;
const SERIES_LABELS = {
  title: 'Tỷ lệ tham gia BHXH tự nguyện – Bình Phước',
  xLabel: 'Kỳ báo cáo',
  yLabel: 'Tỷ lệ (%)',
  actual: 'Thực hiện',
  target: 'Lộ trình mục tiêu',
  periodLabel: labels.periodLabel!,
};
const input = chartInputFromSeries(voluntary, SERIES_LABELS);

describe('the chart', () => {
  test('the scope figure and the path towards the target, period by period', () => {
    expect(input.categories).toEqual(['Quý 1/2023', 'Quý 2/2023', 'Quý 3/2023', 'Quý 4/2023', 'Quý 1/2024', 'Quý 2/2024', 'Quý 3/2024']);
    expect(input.actual.values).toEqual([4.6, 4.9, 5.1, 5.4, 5.2, 5.3, 5.6]);
    expect(input.target?.values).toEqual([4.75, 5, 5.25, 5.5, 5.625, 5.75, 5.875]);
  });

  test('a PNG of the fixed size with the title and labels in it', () => {
    const image = renderChartPng(input);
    writeFileSync('/tmp/progress-chart.png', image.png);
    expect([...image.png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(pngHeader(image.png)).toEqual({ chunk: 'IHDR', ...CHART_SIZE });
    expect({ width: image.width, height: image.height }).toEqual(CHART_SIZE);
    expect(image.font).toEqual(findChartFont());
  });

  test('the SVG carries the Vietnamese texts as text, number labels in Vietnamese format', () => {
    const svg = renderChartSvg(input);
    for (const text of ['Tỷ lệ tham gia BHXH tự nguyện – Bình Phước', 'Kỳ báo cáo', 'Thực hiện', 'Lộ trình mục tiêu', 'Quý 3/2024', '5,6']) expect(svg).toContain(text);
  });

  test('another size on request', () => {
    const image = renderChartPng(input, { width: 640, height: 400 });
    expect(pngHeader(image.png)).toEqual({ chunk: 'IHDR', width: 640, height: 400 });
  });

  test('a metric without a target draws only its figures', () => {
    const people = series.find((s) => s.metric === 'voluntary_participants')!;
    const plain = chartInputFromSeries(people, { title: 'Người tham gia', xLabel: 'Kỳ', yLabel: 'Số người', actual: 'Thực hiện', target: 'Mục tiêu' });
    expect(plain.target).toBeUndefined();
    expect(pngHeader(renderChartPng(plain).png).width).toBe(1000);
  });
});

/** A text of the SVG and the box it takes, from its anchor, position and font size (DejaVu Sans: about 0.6 em a letter). */
interface Placed {
  text: string;
  fill: string;
  box: { left: number; right: number; top: number; bottom: number };
}

function placedTexts(svg: string): Placed[] {
  return [...svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)].flatMap(([, attrs, text]) => {
    const at = /translate\(([\d.-]+) ([\d.-]+)\)/.exec(attrs!);
    if (!at) return [];
    const num = (name: string) => Number(new RegExp(`\\s${name}="([\\d.-]+)"`).exec(attrs!)?.[1] ?? 0);
    const size = Number(/font-size:([\d.]+)px/.exec(attrs!)?.[1] ?? 12);
    const x = Number(at[1]) + num('x');
    const y = Number(at[2]) + num('y');
    const width = [...text!].length * size * 0.6;
    const anchor = /text-anchor="(\w+)"/.exec(attrs!)?.[1];
    const left = anchor === 'end' ? x - width : anchor === 'middle' ? x - width / 2 : x;
    return [{ text: text!, fill: /fill="([^"]+)"/.exec(attrs!)?.[1] ?? '', box: { left, right: left + width, top: y - size / 2, bottom: y + size / 2 } }];
  });
}

/** The points of the drawn line in a colour (the target's is dashed). */
function linePoints(svg: string, stroke: string): [number, number][] {
  const d = new RegExp(`<path d="(M[^"]+)"[^>]*stroke="${stroke}" stroke-width`).exec(svg)![1]!;
  return [...d.matchAll(/[ML]([\d.-]+) ([\d.-]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** Whether a polyline passes through a box: its segments sampled every half pixel. */
function crosses(points: [number, number][], box: Placed['box']): boolean {
  for (let i = 1; i < points.length; i++) {
    const [[x0, y0], [x1, y1]] = [points[i - 1]!, points[i]!];
    const steps = Math.ceil(Math.hypot(x1 - x0, y1 - y0) * 2);
    for (let s = 0; s <= steps; s++) {
      const x = x0 + ((x1 - x0) * s) / steps;
      const y = y0 + ((y1 - y0) * s) / steps;
      if (x >= box.left && x <= box.right && y >= box.top && y <= box.bottom) return true;
    }
  }
  return false;
}

const TARGET = '#d9480f';
const labelled = chartInputFromSeries(voluntary, {
  ...SERIES_LABELS,
  targetLabel: ({ year, value, comparator }) => `Mục tiêu ${year}: ${comparator === 'gt' ? '>' : '≥'} ${String(value).replace('.', ',')}%`,
});

describe('what the chart says about its target', () => {
  test('the target line is labelled with the milestone it leads to, at its end', () => {
    expect(labelled.targetLabel).toBe('Mục tiêu 2024: ≥ 6%');
    const svg = renderChartSvg(labelled);
    const label = placedTexts(svg).find((t) => t.text === 'Mục tiêu 2024: ≥ 6%')!;
    const end = linePoints(svg, TARGET).at(-1)!;
    // Just right of the line's last point, inside the picture.
    expect(label.box.left).toBeGreaterThan(end[0]);
    expect(label.box.left - end[0]).toBeLessThan(20);
    expect(label.box.right).toBeLessThanOrEqual(CHART_SIZE.width);
  });

  test('no value label lies under the dashed target line, nor the target label under the figures', () => {
    const svg = renderChartSvg(labelled);
    const target = linePoints(svg, TARGET);
    const values = placedTexts(svg).filter((t) => /^\d+(,\d+)?$/.test(t.text) && t.box.left > 90 && t.box.bottom < 500);
    expect(values.map((v) => v.text)).toEqual(['4,6', '4,9', '5,1', '5,4', '5,2', '5,3', '5,6']);
    for (const v of values) expect(crosses(target, v.box), v.text).toBe(false);
    const targetLabel = placedTexts(svg).find((t) => t.text.startsWith('Mục tiêu'))!;
    expect(crosses(linePoints(svg, '#1f6fb2'), targetLabel.box)).toBe(false);
  });

  test('beyond two years of months only the last figure is labelled', () => {
    const long = { ...labelled, categories: PERIODS.flatMap((p) => [`${p}a`, `${p}b`, `${p}c`, `${p}d`, `${p}e`]), actual: { ...labelled.actual, values: Array.from({ length: 35 }, (_, i) => 4 + i / 20) }, target: { ...labelled.target!, values: Array.from({ length: 35 }, (_, i) => 4.1 + i / 25) } };
    const values = placedTexts(renderChartSvg(long)).filter((t) => /^\d+(,\d+)?$/.test(t.text) && t.box.left > 90 && t.box.bottom < 500);
    expect(values.map((v) => v.text)).toEqual(['5,7']);
  });

  test('one period is drawn as a bar with its figure, under a labelled target line', () => {
    const one = seriesOf({ agencies, targets, updates, deadlines }, { scope: { province: 'BP' }, periods: ['2024-Q3'], now: NOW }).find((s) => s.metric === 'voluntary_coverage')!;
    const bar = chartInputFromSeries(one, { ...SERIES_LABELS, targetLabel: () => 'Mục tiêu 2024: ≥ 6%' });
    expect(bar.categories).toEqual(['Quý 3/2024']);
    const svg = renderChartSvg(bar);
    // A bar is a filled rectangle path in the figures' colour; a line would be a stroke.
    expect(svg).toMatch(/<path d="M[\d.]+ [\d.]+l[\d.]+ 0l0 -[\d.]+l-[\d.]+ 0Z" fill="#1f6fb2" ecmeta_series_index="0" ecmeta_data_index="0" ecmeta_ssr_type="chart"/);
    expect(placedTexts(svg).map((t) => t.text)).toEqual(expect.arrayContaining(['5,6', 'Mục tiêu 2024: ≥ 6%']));
    const image = renderChartPng(bar);
    expect(pngHeader(image.png)).toEqual({ chunk: 'IHDR', ...CHART_SIZE });
  });

  test('the target label is drawn in the PNG: its box holds the target colour, an empty corner does not', () => {
    const svg = renderChartSvg(labelled, { font: findChartFont()! });
    const label = placedTexts(svg).find((t) => t.text.startsWith('Mục tiêu'))!;
    const font = findChartFont()!;
    const image = new Resvg(svg, { background: 'white', font: { fontFiles: [font.path], loadSystemFonts: false, defaultFontFamily: font.family } }).render();
    // RGBA, row by row; read once (each read of `pixels` copies the whole image).
    const pixels = image.pixels;
    const reddish = (box: Placed['box']) => {
      let n = 0;
      for (let y = Math.floor(box.top); y < Math.ceil(box.bottom); y++) {
        for (let x = Math.floor(box.left); x < Math.ceil(box.right); x++) {
          const i = (y * image.width + x) * 4;
          if (pixels[i]! > 150 && pixels[i + 1]! < 130 && pixels[i + 2]! < 100) n++;
        }
      }
      return n;
    };
    expect(reddish(label.box)).toBeGreaterThan(40);
    expect(reddish({ left: 850, right: 990, top: 420, bottom: 440 })).toBe(0);
  });
});
