import { describe, expect, test } from 'vitest';
import { atLocalTime } from '../../../src/domain/calendar/local-time.js';
import { parseSummaryArgs } from '../../../src/domain/progress/summary-args.js';

const now = atLocalTime('2026-11-20', '09:00');
const args = (text: string) => parseSummaryArgs(text, { now });

describe('/baocao arguments', () => {
  test('period, scope and files in any order', () => {
    expect(args('/baocao quý 3/2026 Lộc Ninh xlsx chart')).toEqual({ period: '2026-Q3', formats: ['xlsx', 'chart'], scopeText: 'Lộc Ninh' });
    expect(args('/summary csv Dong Nai Q2 2026')).toEqual({ period: '2026-Q2', formats: ['csv'], scopeText: 'Dong Nai' });
    expect(args('/baocao 6 tháng đầu năm 2026 BHXH-BP')).toEqual({ period: '2026-H1', formats: [], scopeText: 'BHXH-BP' });
  });

  test('nothing given: no period (the caller picks the default), no files, whole scope', () => {
    expect(args('/baocao')).toEqual({ formats: [], scopeText: '' });
    expect(args('/baocao Excel biểuđồ')).toEqual({ formats: ['xlsx', 'chart'], scopeText: '' });
  });

  test('the whole country and a level are words of their own, the rest still names the scope', () => {
    expect(args('/baocao toàn quốc tháng 10/2026')).toEqual({ period: '2026-10', formats: [], scopeText: '', national: true });
    expect(args('/baocao ca nuoc xlsx')).toEqual({ formats: ['xlsx'], scopeText: '', national: true });
    expect(args('/baocao quý 3/2026 Bình Phước cấp xã')).toEqual({ period: '2026-Q3', formats: [], scopeText: 'Bình Phước', level: 'commune' });
    // A lone "xã" begins agency names: it is left to the scope.
    expect(args('/baocao Xã Tân Lập')).toEqual({ formats: [], scopeText: 'Xã Tân Lập' });
  });
});
