import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildWorkbook } from '../../src/reports/xlsx.js';
import { labels, series } from './report-data.js';

let workbook: ExcelJS.Workbook;
beforeAll(async () => {
  workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await buildWorkbook(series, labels)) as never);
});

const sheet = (name: string) => {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name}; sheets: ${workbook.worksheets.map((w) => w.name).join(', ')}`);
  return found;
};
const rowValues = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as ExcelJS.CellValue[]).slice(1);

describe('the XLSX file, read back with exceljs', () => {
  test('one sheet per metric, named in Vietnamese', () => {
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Tỷ lệ tham gia BHXH',
      'Tỷ lệ tham gia BHTN',
      'Người tham gia BHXH tự nguyện',
      'Tỷ lệ tham gia BHXH tự nguyện',
      'Tham gia BHXH tự nguyện mới',
      'Tỷ lệ hưởng lương hưu, trợ cấp',
      'Mức độ hài lòng',
      'Ghi chú',
    ]);
  });

  test('Vietnamese headers in bold, frozen', () => {
    const ws = sheet('Tỷ lệ tham gia BHXH');
    expect(rowValues(ws, 1)).toEqual(['Đơn vị', 'Kỳ báo cáo', 'Giá trị', 'Mục tiêu', 'Năm mục tiêu', 'Mốc theo lộ trình', 'Đánh giá', 'Ngày cập nhật', 'Tính từ số tham gia']);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  test('the scope rows first: figure, target, milestone and status per period; rates as fractions with a percent format', () => {
    const ws = sheet('Tỷ lệ tham gia BHXH');
    expect(rowValues(ws, 2)).toEqual(['Bình Phước (tổng hợp)', 'Quý 1/2023', 0.36, 0.38, 2023, 0.3575, 'Đúng lộ trình']);
    expect(rowValues(ws, 5)).toEqual(['Bình Phước (tổng hợp)', 'Quý 4/2023', 0.382, 0.38, 2023, 0.38, 'Đạt']);
    expect(rowValues(ws, 8)).toEqual(['Bình Phước (tổng hợp)', 'Quý 3/2024', 0.415, 0.42, 2024, 0.41, 'Đúng lộ trình']);
    for (const col of [3, 4, 6]) expect(ws.getRow(2).getCell(col).numFmt).toBe('0.00%');
    expect(typeof ws.getRow(2).getCell(3).value).toBe('number');
  });

  test('then each agency × period, with the local time of the update', () => {
    const ws = sheet('Tỷ lệ tham gia BHXH');
    expect(ws.rowCount).toBe(1 + 7 + 7);
    expect(rowValues(ws, 9)).toEqual(['BHXH tỉnh Bình Phước', 'Quý 1/2023', 0.36, undefined, undefined, undefined, undefined, new Date(Date.UTC(2023, 3, 10, 9, 0))]);
    expect(ws.getRow(9).getCell(8).numFmt).toBe('dd/mm/yyyy hh:mm');
  });

  test('the correction is what the file shows', () => {
    const ws = sheet('Tỷ lệ tham gia BHXH tự nguyện');
    const q3 = [...Array(ws.rowCount).keys()].map((i) => rowValues(ws, i + 1)).find((r) => r[0] === 'BHXH tỉnh Bình Phước' && r[1] === 'Quý 3/2024');
    expect(q3?.[2]).toBeCloseTo(0.056, 12);
  });

  test('derived rates are marked; counts are whole numbers with a thousands format', () => {
    const coverage = sheet('Tỷ lệ tham gia BHXH tự nguyện');
    const dongPhu = [...Array(coverage.rowCount).keys()].map((i) => rowValues(coverage, i + 1)).find((r) => r[0] === 'UBND huyện Đồng Phú' && r[1] === 'Quý 3/2024');
    expect(dongPhu?.[2]).toBeCloseTo(0.052, 12);
    expect(dongPhu?.[8]).toBe('✓');

    const people = sheet('Người tham gia BHXH tự nguyện');
    expect(rowValues(people, 8)).toEqual(['Bình Phước (tổng hợp)', 'Quý 3/2024', 4700]);
    expect(people.getRow(8).getCell(3).numFmt).toBe('#,##0');
    expect(rowValues(people, 9)).toEqual(['UBND huyện Đồng Phú', 'Quý 2/2024', 2900, undefined, undefined, undefined, undefined, new Date(Date.UTC(2024, 6, 5, 9, 0))]);
  });

  test('periods without figures leave the value empty, not zero', () => {
    const ws = sheet('Tỷ lệ hưởng lương hưu, trợ cấp');
    expect(rowValues(ws, 2)).toEqual(['Bình Phước (tổng hợp)', 'Quý 1/2023', undefined, 0.55, 2025, 0.48125, 'Chưa có số liệu']);
  });

  test('notes as text', () => {
    expect(rowValues(sheet('Ghi chú'), 2)).toEqual(['Sở Nội vụ', 'Quý 3/2024', 'Đã tổ chức hội nghị tuyên truyền BHXH tự nguyện', undefined, undefined, undefined, undefined, new Date(Date.UTC(2024, 9, 3, 9, 0))]);
  });

  test('over-long or clashing sheet names are made valid', async () => {
    const names = { ...labels.metricNames, bhxh_coverage: 'Social insurance coverage: all [districts] / communes', bhtn_coverage: 'Social insurance coverage: all [districts] / communes' };
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await buildWorkbook(series.slice(0, 2), { ...labels, metricNames: names })) as never);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Social insurance coverage all d', 'Social insurance coverage all 2']);
  });
});
