import { writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CHART_SIZE, chartInputFromSeries, renderChartPng, renderChartSvg } from '../../src/reports/chart.js';
import { findChartFont } from '../../src/reports/fonts.js';
import { labels, series } from './report-data.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the IHDR chunk, which a valid PNG has right after the signature. */
function pngHeader(png: Buffer): { chunk: string; width: number; height: number } {
  return { chunk: png.subarray(12, 16).toString('ascii'), width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const voluntary = series.find((s) => s.metric === 'voluntary_coverage')!;
const input = chartInputFromSeries(voluntary, {
  title: 'Tỷ lệ tham gia BHXH tự nguyện – Bình Phước',
  xLabel: 'Kỳ báo cáo',
  yLabel: 'Tỷ lệ (%)',
  actual: 'Thực hiện',
  target: 'Lộ trình mục tiêu',
  periodLabel: labels.periodLabel!,
});

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
