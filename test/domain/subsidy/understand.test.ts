import { describe, expect, test } from 'vitest';
import { resolveWhen } from '../../../src/domain/subsidy/dates.js';
import { normalise } from '../../../src/domain/subsidy/normalise.js';
import { KEPT_READINGS, understand } from '../../../src/domain/subsidy/understand.js';

const slots = (text: string) => understand(text).slots;

describe('reading a message', () => {
  test('diacritics, đ and case do not matter', () => {
    expect(normalise('Hộ CẬN NGHÈO đóng BHXH')).toBe(normalise('ho can ngheo dong bhxh'));
  });

  test('chat shorthand is expanded', () => {
    expect(normalise('hcn dc ht bn')).toBe('ho can ngheo duoc ho tro bao nhieu');
    expect(normalise('bhxhtn dk o dau')).toBe('bhxh tu nguyen dang ky o dau');
    expect(normalise('bhxh tn')).toBe('bhxh tu nguyen');
    expect(normalise('tn 4tr thi dong bn')).toBe('thu nhap 4tr thi dong bao nhieu');
    expect(normalise('hn dong bn')).toBe('ho ngheo dong bao nhieu');
    expect(normalise('o hn dong bn')).toBe('o ha noi dong bao nhieu');
    expect(normalise('500 k')).toBe('500 nghin');
  });

  test('misspellings are corrected against the words the bot knows', () => {
    expect(understand('hộ cận nhèo').normalised).toBe('ho can ngheo');
    expect(understand('bao nhiu 1 thnag').normalised).toBe('bao nhieu 1 thang');
    expect(understand('pention').normalised).toBe('pension');
    // Unknown words that are not near a known one stay as written.
    expect(understand('bitcoin').normalised).toBe('bitcoin');
  });
});

describe('slots', () => {
  test('categories, with negation and several at once', () => {
    expect(slots('hộ cận nghèo').categories).toEqual(['near_poor']);
    expect(slots('ho ngheo').categories).toEqual(['poor']);
    expect(slots('không thuộc hộ nghèo').categories).toEqual(['other']);
    expect(slots('người dân tộc thiểu số').categories).toEqual(['ethnic_minority']);
    expect(slots('sống ở xã đảo').categories).toEqual(['island']);
    expect(slots('near-poor households').categories).toEqual(['near_poor']);
    expect(slots('hộ nghèo là người dân tộc thiểu số').categories).toEqual(['poor', 'ethnic_minority']);
  });

  test('income', () => {
    expect(slots('thu nhập 3tr5 đóng bao nhiêu').income).toBe(3_500_000);
    expect(slots('income 3,000,000 VND').income).toBe(3_000_000);
    expect(slots('năm 2024 đóng bao nhiêu').income).toBeUndefined();
  });

  test('dates, months and years', () => {
    expect(slots('ngày 30/6/2025').when).toEqual({ kind: 'day', date: '2025-06-30', before: false });
    expect(slots('từ 1/7/2025').when).toEqual({ kind: 'day', date: '2025-07-01', before: false });
    expect(slots('trước tháng 7/2025').when).toEqual({ kind: 'month', year: 2025, month: 7, before: true });
    expect(slots('thang 6 nam 2025').when).toEqual({ kind: 'month', year: 2025, month: 6, before: false });
    expect(slots('before July 2025').when).toEqual({ kind: 'month', year: 2025, month: 7, before: true });
    expect(slots('năm 2024').when).toEqual({ kind: 'year', year: 2024, before: false });
    expect(slots('in 2024').when).toEqual({ kind: 'year', year: 2024, before: false });
    expect(slots('năm sau').when).toEqual({ kind: 'relative_year', offset: 1, before: false });
    expect(slots('gọi 1900 9068').when).toBeUndefined();
  });

  test('the date a question is about', () => {
    const today = '2026-03-15';
    expect(resolveWhen(undefined, today)).toBe(today);
    expect(resolveWhen({ kind: 'month', year: 2025, month: 7, before: true }, today)).toBe('2025-06-30');
    expect(resolveWhen({ kind: 'month', year: 2025, month: 6, before: false }, today)).toBe('2025-06-01');
    expect(resolveWhen({ kind: 'year', year: 2024, before: false }, today)).toBe('2024-12-31');
    expect(resolveWhen({ kind: 'year', year: 2026, before: false }, today)).toBe(today);
    expect(resolveWhen({ kind: 'year', year: 2027, before: false }, today)).toBe('2027-01-01');
    expect(resolveWhen({ kind: 'relative_year', offset: -1, before: false }, today)).toBe('2025-12-31');
  });

  test('provinces, by today’s name or a merged one', () => {
    expect(slots('tôi ở Hà Nội').province).toBe('ha-noi');
    expect(slots('I live in Hanoi').province).toBe('ha-noi');
    expect(slots('ở hn').province).toBe('ha-noi');
    expect(slots('tp hcm').province).toBe('ho-chi-minh');
    expect(slots('Bình Phước').province).toBe('dong-nai');
    expect(slots('Kiên Giang').province).toBe('an-giang');
  });

  test('payment period', () => {
    expect(slots('đóng 3 tháng một lần').months).toBe(3);
    expect(slots('đóng theo quý').months).toBe(3);
    expect(slots('6 thang 1 lan').months).toBe(6);
    expect(slots('đóng 1 năm 1 lần').months).toBe(12);
    expect(slots('đóng trước 5 năm').months).toBe(60);
    expect(slots('pay yearly').months).toBe(12);
    expect(slots('tối đa 120 tháng').months).toBeUndefined();
    expect(slots('đóng 15 năm').months).toBeUndefined();
  });
});

describe('topics of the issue’s examples', () => {
  test.each([
    ['hộ cận nghèo được hỗ trợ bao nhiêu', 'rate_by_category'],
    ['ho ngheo dong bhxh tu nguyen bao nhieu 1 thang', 'monthly_payment'],
    ['thu nhập 3tr thì đóng bao nhiêu', 'calculator'],
    ['năm 2024 tôi được nhà nước hỗ trợ mấy phần trăm', 'rate_by_category'],
    ['how much does the state pay for me', 'rate_by_category'],
  ])('%s → %s', (text, intent) => {
    const u = understand(text);
    expect(u.intent).toBe(intent);
    expect(u.confidence).toBeGreaterThan(0.5);
  });

  test('suggestions are topic ids, never the chosen one', () => {
    const u = understand('hộ cận nghèo được hỗ trợ bao nhiêu');
    expect(u.suggestions.length).toBeGreaterThan(0);
    expect(u.suggestions).not.toContain(u.intent);
    expect(u.suggestions).not.toContain('out_of_scope');
  });

  test('a message read before is not read again: its reading is kept, and cannot be changed by whoever gets it', () => {
    const first = understand('hộ nghèo đóng bao nhiêu năm sau ở Hà Nội');
    const again = understand('hộ nghèo đóng bao nhiêu năm sau ở Hà Nội');
    expect(again).toBe(first);
    expect(first.slots).toMatchObject({ category: 'poor', when: { kind: 'relative_year', offset: 1 } });
    expect(() => Object.assign(first.slots, { category: 'near_poor' })).toThrow(TypeError);
    expect(() => first.suggestions.push('hotline')).toThrow(TypeError);
    expect(() => (first.slots.categories as string[]).push('other')).toThrow(TypeError);
    expect(understand('hộ nghèo đóng bao nhiêu năm sau ở Hà Nội').slots.category).toBe('poor');
  });

  test('the readings kept are bounded, so memory does not grow with the messages read', () => {
    const first = understand('lần đầu hỏi: đăng ký ở đâu');
    for (let i = 0; i < KEPT_READINGS; i++) understand(`đăng ký ở đâu ${i}`);
    const later = understand('lần đầu hỏi: đăng ký ở đâu');
    expect(later).not.toBe(first);
    expect(later).toEqual(first);
  });
});
