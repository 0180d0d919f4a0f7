import { describe, expect, test } from 'vitest';
import { buildCsv, quote } from '../../src/reports/csv.js';
import { labels, series } from './report-data.js';

const text = (buffer: Buffer) => buffer.toString('utf8');

describe('the CSV file', () => {
  const csv = buildCsv(series, labels);
  const lines = text(csv).slice(1).split('\r\n');

  test('UTF-8 with a byte-order mark, CRLF line ends, Vietnamese headers', () => {
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(lines[0]).toBe('Chỉ tiêu,Đơn vị,Kỳ báo cáo,Giá trị,Mục tiêu,Năm mục tiêu,Mốc theo lộ trình,Đánh giá,Ngày cập nhật,Tính từ số tham gia');
    expect(lines.at(-1)).toBe('');
  });

  test('numbers as plain numbers, rates in percent, four decimals at most', () => {
    expect(lines[1]).toBe('Tỷ lệ tham gia BHXH,Bình Phước (tổng hợp),Quý 1/2023,36,38,2023,35.75,Đúng lộ trình,,');
    expect(lines).toContain('Tỷ lệ tham gia BHXH,BHXH tỉnh Bình Phước,Quý 3/2024,41.5,,,,,2024-10-05 09:00,');
    expect(lines).toContain('"Tỷ lệ hưởng lương hưu, trợ cấp",Bình Phước (tổng hợp),Quý 2/2024,47.6667,55,2025,51.25,Chậm,,');
  });

  test('a semicolon and decimal comma for Excel in Vietnamese regional settings', () => {
    const semi = text(buildCsv(series, labels, { delimiter: ';', decimalComma: true })).slice(1).split('\r\n');
    expect(semi).toContain('Tỷ lệ hưởng lương hưu, trợ cấp;Bình Phước (tổng hợp);Quý 2/2024;47,6667;55;2025;51,25;Chậm;;');
  });

  test('RFC 4180 quoting', () => {
    expect(quote('plain', ',')).toBe('plain');
    expect(quote('a, b', ',')).toBe('"a, b"');
    expect(quote('say "hi"', ',')).toBe('"say ""hi"""');
    expect(quote('two\nlines', ',')).toBe('"two\nlines"');
    expect(quote('a, b', ';')).toBe('a, b');
  });

  test('a note that looks like a formula is defused', () => {
    const note = [{ metric: 'note' as const, kind: 'text' as const, rows: [{ agencyId: 1, agencyName: 'X', period: '2024-Q3', value: '=HYPERLINK("http://x")', derived: false, receivedAt: new Date('2024-10-03T02:00:00Z') }], totals: [] }];
    expect(text(buildCsv(note, labels)).split('\r\n')[1]).toBe('Ghi chú,X,Quý 3/2024,"\'=HYPERLINK(""http://x"")",,,,,2024-10-03 09:00,');
  });
});
