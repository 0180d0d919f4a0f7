import { describe, expect, test } from 'vitest';
import { fold } from '../../../src/domain/text/fold.js';
import { shortList } from '../../../src/domain/text/short-list.js';

describe('fold', () => {
  test('lowercase, no diacritics, đ as d', () => {
    expect(fold('Hộ cận nghèo')).toBe('ho can ngheo');
    expect(fold('ĐỒNG Nai, đường')).toBe('dong nai, duong');
    expect(fold('Quý III/2026')).toBe('quy iii/2026');
  });

  test('text typed precomposed or decomposed folds the same', () => {
    expect(fold('Bình Phước'.normalize('NFC'))).toBe(fold('Bình Phước'.normalize('NFD')));
  });

  test('keeps spaces and punctuation: callers decide what to drop', () => {
    expect(fold(' tu_nguyen  Tự-Nguyện ')).toBe(' tu_nguyen  tu-nguyen ');
  });
});

describe('shortList', () => {
  test('the first names and how many were left out', () => {
    expect(shortList(['A', 'B', 'C'], 2)).toEqual({ names: 'A, B', more: 1 });
    expect(shortList(['A', 'B'], 2)).toEqual({ names: 'A, B', more: 0 });
    expect(shortList([], 2)).toEqual({ names: '', more: 0 });
  });
});
