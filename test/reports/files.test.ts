import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, test } from 'vitest';
import { createI18n } from '../../src/i18n.js';
import { translateWith } from '../../src/messaging/render.js';
import { reportFiles, type ReportFile } from '../../src/reports/files.js';
import type { Translate } from '../../src/domain/text/line.js';
import { agencies, deadlines, NOW, targets, updates } from '../domain/progress/fixture.js';
import { summarise } from '../domain/progress/in-memory.js';
import { PERIODS, series } from './report-data.js';

const PERIOD = '2024-Q3';
const summary = summarise({ agencies, targets, updates, deadlines }, { scope: { province: 'BP' }, period: PERIOD, now: NOW });
let vi: Translate;
let en: Translate;
beforeAll(async () => {
  const i18n = await createI18n('vi');
  vi = translateWith(i18n.getFixedT('vi'));
  en = translateWith(i18n.getFixedT('en'));
});

const files = (t: Translate, formats: ('xlsx' | 'csv' | 'chart')[], locale = 'vi-VN') => reportFiles({ series, formats, t, scopeName: 'Bình Phước', period: PERIOD, locale, summary });
const only = (list: ReportFile[], ending: string) => list.find((f) => f.filename.endsWith(ending))!;

/** A CSV line read back as Excel reads it: split on the delimiter outside quotes, doubled quotes made single. */
function cells(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted && c === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === delimiter && !quoted) {
      out.push(cell);
      cell = '';
    } else cell += c;
  }
  return [...out, cell];
}

describe('the report files a supervisor hands on', () => {
  test('a chart only for a metric with a figure in the period asked about', async () => {
    // Satisfaction as if nobody had sent it for Q3 2024: figures in Q2, none in the quarter asked about.
    const silent = series.map((s) => (s.metric === 'satisfaction' ? { ...s, totals: s.totals.map((t) => (t.period === PERIOD ? { ...t, value: null } : t)) } : s));
    expect(silent.find((s) => s.metric === 'satisfaction')!.totals.some((t) => t.value !== null)).toBe(true);
    const charts = (await reportFiles({ series: silent, formats: ['chart'], t: vi, scopeName: 'Bình Phước', period: PERIOD })).map((f) => f.metric);
    expect(charts).toEqual(['bhxh_coverage', 'bhtn_coverage', 'voluntary_participants', 'voluntary_coverage', 'voluntary_new', 'pension_share']);
  });

  test('the workbook opens on the summary: the text of /baocao as a table', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(only(await files(vi, ['xlsx']), '.xlsx').data as never);
    const [first] = book.worksheets;
    expect(first!.name).toBe('Tóm tắt');
    const rows = (first!.getSheetValues() as ExcelJS.CellValue[][]).filter(Boolean).map((r) => r.slice(1));
    expect(rows[0]).toEqual(['Bình Phước · quý 3/2024']);
    expect(rows[1]).toEqual(['Đã báo cáo', `${summary.reportedCount}/${summary.agencyCount}`]);
    expect(rows[2]).toEqual(['Chỉ tiêu', 'Giá trị', 'So với kỳ trước', 'Mục tiêu', 'Năm mục tiêu', 'Mốc theo lộ trình', 'Đánh giá', 'Kế hoạch']);
    const coverage = rows.find((r) => r[0] === 'Tỷ lệ tham gia BHXH tự nguyện')!;
    const m = summary.metrics.find((x) => x.metric === 'voluntary_coverage')!;
    expect(coverage[1]).toBeCloseTo(m.value! / 100, 12);
    expect(coverage[3]).toBeCloseTo(m.targets[0]!.value / 100, 12);
    expect(coverage[6]).toBe({ met: 'Đạt', on_track: 'Đúng lộ trình', behind: 'Chậm', no_data: 'Chưa có số liệu' }[m.targets[0]!.status]);
    expect(rows).toContainEqual(['Chưa báo cáo', summary.notReported.length]);
    for (const a of summary.notReported) expect(rows).toContainEqual([a.name]);
    expect(rows).toContainEqual(['Quá hạn chưa hoàn thành', summary.deadlines.counts.overdue]);
    // Then a sheet per metric, its scope rows named after the scope.
    expect(book.worksheets.slice(1).map((w) => w.name)).toContain('Tỷ lệ tham gia BHXH tự nguyện');
    expect(book.getWorksheet('Tỷ lệ tham gia BHXH tự nguyện')!.getRow(2).getCell(1).value).toBe('Bình Phước (tổng hợp)');
  });

  test('in Vietnamese the CSV is ;-separated with decimal commas, as Excel with Vietnamese settings reads it', async () => {
    const csv = only(await files(vi, ['csv']), '.csv').data;
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString('utf8').slice(1).split('\r\n').filter(Boolean).map((l) => cells(l, ';'));
    expect(lines[0]).toEqual(['Chỉ tiêu', 'Đơn vị', 'Kỳ báo cáo', 'Giá trị', 'Mục tiêu', 'Năm mục tiêu', 'Mốc theo lộ trình', 'Đánh giá', 'Ngày cập nhật', 'Tính từ số tham gia']);
    expect(lines.every((l) => l.length === 10)).toBe(true);
    const pension = lines.find((l) => l[0] === 'Tỷ lệ hưởng lương hưu, trợ cấp' && l[2] === 'quý 2/2024')!;
    expect(pension).toEqual(['Tỷ lệ hưởng lương hưu, trợ cấp', 'Bình Phước (tổng hợp)', 'quý 2/2024', '47,6667', '55', '2025', '51,25', 'Chậm', '', '']);
    // Read as Excel in Vietnamese does: a decimal comma.
    expect(Number(pension[3]!.replace(',', '.'))).toBeCloseTo(47.6667, 4);
    expect(lines.length).toBe(1 + series.reduce((n, s) => n + s.totals.length + s.rows.length, 0));
    expect(PERIODS).toContain('2024-Q2');
  });

  test('in English the CSV is comma-separated with decimal points', async () => {
    const csv = only(await files(en, ['csv'], 'en-GB'), '.csv').data.toString('utf8').slice(1);
    const lines = csv.split('\r\n').filter(Boolean).map((l) => cells(l, ','));
    expect(lines[0]![0]).toBe('Metric');
    expect(lines.find((l) => l[0] === 'Pension and benefit share' && l[3] === '47.6667')?.[1]).toBe('Bình Phước (overall)');
  });
});
