import { describe, expect, test } from 'vitest';
import { atLocalTime } from '../../../src/domain/calendar/local-time.js';
import {
  currentPeriod,
  isFuturePeriod,
  monthsOf,
  parsePeriodCode,
  periodCode,
  periodEnd,
  periodRange,
  periodStart,
  periodsWithin,
  previousPeriod,
  toPeriod,
} from '../../../src/domain/progress/period.js';
import { looksLikePeriod, parsePeriodText } from '../../../src/domain/progress/period-text.js';

const now = atLocalTime('2026-11-20', '09:00');
const read = (text: string, at = now) => {
  const p = parsePeriodText(text, { now: at });
  return p && periodCode(p);
};
const codes = (list: { kind: 'month' | 'quarter' | 'half' | 'year'; year: number; index: number }[]) => list.map(periodCode);

describe('period codes', () => {
  test('month, quarter, half-year and year round-trip', () => {
    for (const code of ['2026-11', '2026-01', '2026-Q3', '2026-H1', '2026']) expect(periodCode(toPeriod(code))).toBe(code);
  });

  test('malformed codes are refused', () => {
    for (const code of ['2026-13', '2026-00', '2026-Q5', '2026-H3', '26', '2026-1']) expect(parsePeriodCode(code)).toBeUndefined();
    expect(() => toPeriod('2026-Q5')).toThrow(/2026-Q5/);
  });
});

describe('periods in user text', () => {
  test.each([
    ['thang 11/2026', '2026-11'],
    ['tháng 11', '2026-11'],
    ['Tháng 3 năm 2025', '2025-03'],
    ['T11/2026', '2026-11'],
    ['11/2026', '2026-11'],
    ['month 11 2026', '2026-11'],
    ['November 2026', '2026-11'],
    ['nov 2025', '2025-11'],
    ['quy 3/2026', '2026-Q3'],
    ['Quý III/2026', '2026-Q3'],
    ['quý 2', '2026-Q2'],
    ['Q3 2026', '2026-Q3'],
    ['q3-2026', '2026-Q3'],
    ['2026 Q3', '2026-Q3'],
    ['quarter 4 of 2025', '2025-Q4'],
    ['6 thang dau nam 2026', '2026-H1'],
    ['6 tháng cuối năm 2025', '2025-H2'],
    ['6 tháng đầu năm', '2026-H1'],
    ['H2 2025', '2025-H2'],
    ['first half of 2026', '2026-H1'],
    ['nam 2026', '2026'],
    ['năm 2025', '2025'],
    ['year 2024', '2024'],
    ['2026', '2026'],
    ['2026-Q3', '2026-Q3'],
    ['2026-h1', '2026-H1'],
    ['tháng này', '2026-11'],
    ['tháng trước', '2026-10'],
    ['quý trước', '2026-Q3'],
    ['last year', '2025'],
  ])('%s → %s', (text, code) => {
    expect(read(text)).toBe(code);
  });

  test('without a year, the latest period that has started is meant', () => {
    const january = atLocalTime('2027-01-05', '09:00');
    expect(read('tháng 12', january)).toBe('2026-12');
    expect(read('tháng 1', january)).toBe('2027-01');
    expect(read('quý 4', january)).toBe('2026-Q4');
    expect(read('6 tháng cuối năm', january)).toBe('2026-H2');
  });

  test('what is not a period', () => {
    for (const text of ['tháng 13/2026', 'quý 5', 'abc', '', 'thang', '13/2026']) expect(read(text)).toBeUndefined();
  });
});

describe('periods against the clock in Asia/Ho_Chi_Minh', () => {
  test('the current period of each kind', () => {
    expect(periodCode(currentPeriod(now))).toBe('2026-11');
    expect(periodCode(currentPeriod(now, 'quarter'))).toBe('2026-Q4');
    expect(periodCode(currentPeriod(now, 'half'))).toBe('2026-H2');
    expect(periodCode(currentPeriod(now, 'year'))).toBe('2026');
  });

  test('at 23:30 UTC on 31/12 it is already January in Vietnam', () => {
    const instant = new Date('2026-12-31T23:30:00Z');
    expect(periodCode(currentPeriod(instant))).toBe('2027-01');
    expect(isFuturePeriod(toPeriod('2027-01'), instant)).toBe(false);
  });

  test('the previous period wraps across years', () => {
    expect(periodCode(previousPeriod(toPeriod('2026-01')))).toBe('2025-12');
    expect(periodCode(previousPeriod(toPeriod('2026-Q1')))).toBe('2025-Q4');
    expect(periodCode(previousPeriod(toPeriod('2026-H1')))).toBe('2025-H2');
    expect(periodCode(previousPeriod(toPeriod('2026')))).toBe('2025');
  });

  test('a period is in the future only once it has not started; the current one is not', () => {
    expect(isFuturePeriod(toPeriod('2026-11'), now)).toBe(false);
    expect(isFuturePeriod(toPeriod('2026-12'), now)).toBe(true);
    expect(isFuturePeriod(toPeriod('2026-Q4'), now)).toBe(false);
    expect(isFuturePeriod(toPeriod('2027'), now)).toBe(true);
  });

  test('start and end are local midnights', () => {
    expect(periodStart(toPeriod('2026-Q3')).toISOString()).toBe('2026-06-30T17:00:00.000Z');
    expect(periodEnd(toPeriod('2026-Q3')).toISOString()).toBe('2026-09-30T17:00:00.000Z');
    expect(periodEnd(toPeriod('2026')).toISOString()).toBe('2026-12-31T17:00:00.000Z');
  });

  test('months a period covers, and the shorter periods inside it', () => {
    expect(codes(monthsOf(toPeriod('2026-Q3')))).toEqual(['2026-07', '2026-08', '2026-09']);
    expect(codes(monthsOf(toPeriod('2026-H2')))).toHaveLength(6);
    expect(codes(periodsWithin(toPeriod('2026-H1')))).toEqual(['2026-H1', '2026-Q1', '2026-Q2', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    expect(codes(periodsWithin(toPeriod('2026')))).toHaveLength(1 + 2 + 4 + 12);
  });

  test('a range of consecutive periods', () => {
    expect(codes(periodRange(toPeriod('2025-Q3'), toPeriod('2026-Q2')))).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
  });
});

describe('text meant as a period that is none', () => {
  test.each(['tháng 13/2026', 'thang 0', 'quý 5/2026', 'Q7 2026', '13/2026', 'năm 20266', '2026-Q9'])('%s reads as a wrong period', (text) => {
    expect(parsePeriodText(text, { now: atLocalTime('2026-11-20', '09:00') })).toBeUndefined();
    expect(looksLikePeriod(text)).toBe(true);
  });

  test.each(['Sở Nội vụ', 'UBND huyện Bình Sơn', 'binh-phuoc.so-ldtbxh', 'Lộc Ninh', 'BHXH-BP'])('%s names a scope', (text) => {
    expect(looksLikePeriod(text)).toBe(false);
  });
});
