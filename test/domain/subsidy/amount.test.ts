import { describe, expect, test } from 'vitest';
import { parseAmount } from '../../../src/domain/subsidy/amount.js';
import { formatDong, formatPercent } from '../../../src/domain/subsidy/format.js';

describe('amounts as people write them', () => {
  test.each([
    ['3 triệu', 3_000_000],
    ['3 trieu', 3_000_000],
    ['3tr', 3_000_000],
    ['3 tr', 3_000_000],
    ['3tr5', 3_500_000],
    ['2tr25', 2_250_000],
    ['2tr250', 2_250_000],
    ['3 triệu 2', 3_200_000],
    ['2 triệu 200', 2_200_000],
    ['2 triệu 200 nghìn', 2_200_000],
    ['1 triệu rưỡi', 1_500_000],
    ['4 trieu ruoi', 4_500_000],
    ['3,5 triệu', 3_500_000],
    ['3.5 triệu', 3_500_000],
    ['1,5tr', 1_500_000],
    ['3.500.000', 3_500_000],
    ['3.500.000đ', 3_500_000],
    ['3.500.000 đồng', 3_500_000],
    ['3,000,000 VND', 3_000_000],
    ['3500000', 3_500_000],
    ['500k', 500_000],
    ['1500k', 1_500_000],
    ['500 nghìn', 500_000],
    ['800 ngàn', 800_000],
    ['5 củ', 5_000_000],
    ['10 million', 10_000_000],
    ['2.5 million', 2_500_000],
    ['thu nhập 3tr thì đóng bao nhiêu', 3_000_000],
    ['mức 46.800.000 là cao nhất', 46_800_000],
    // A count after the amount is not its next digits.
    ['near poor 3tr 6 months', 3_000_000],
    ['cận nghèo 3tr 6 tháng', 3_000_000],
  ])('%s → %d', (text, value) => {
    expect(parseAmount(text)).toBe(value);
  });

  test.each(['năm 2024', 'tháng 7/2025', '30/6/2025', '120 tháng', '1900 9068', '19009068', 'hộ nghèo được 50%', 'bao nhiêu tiền', '3 tháng một lần'])(
    'no amount in "%s"',
    (text) => {
      expect(parseAmount(text)).toBeNull();
    },
  );

  test('"3 triệu 2 tháng" is three million for two months, not 3,2 million', () => {
    expect(parseAmount('3 triệu 2 tháng')).toBe(3_000_000);
  });
});

describe('formatting', () => {
  test('đồng with dots between thousands', () => {
    expect(formatDong(1_034_000)).toBe('1.034.000 đ');
    expect(formatDong(46_800_000)).toBe('46.800.000 đ');
    expect(formatDong(82_500)).toBe('82.500 đ');
    expect(formatDong(999)).toBe('999 đ');
    expect(formatDong(0)).toBe('0 đ');
    expect(formatDong(-66_000)).toBe('-66.000 đ');
    expect(formatDong(1_000_000.4)).toBe('1.000.000 đ');
  });

  test('percentages with a decimal comma', () => {
    expect(formatPercent(40)).toBe('40%');
    expect(formatPercent(0.31)).toBe('0,31%');
  });
});
