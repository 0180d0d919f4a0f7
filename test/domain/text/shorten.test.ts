import { describe, expect, test } from 'vitest';
import { shorten } from '../../../src/domain/text/shorten.js';

describe('shortening a title for a button or a table cell', () => {
  test('cut after the last whole word that fits, with "…", never inside a word', () => {
    const title = 'Báo cáo tình hình, kết quả thực hiện kế hoạch';
    expect(shorten(title, 32)).toBe('Báo cáo tình hình, kết quả thực…');
    expect(shorten(title, 30)).toBe('Báo cáo tình hình, kết quả…');
    expect([...shorten(title, 32)].length).toBeLessThanOrEqual(32);
    expect(shorten(title, 100)).toBe(title);
  });

  test('a word that ends exactly at the limit is kept whole', () => {
    expect(shorten('một hai ba bốn', 8)).toBe('một hai…');
  });

  test('one long word is cut inside rather than leaving nothing', () => {
    expect(shorten('Supercalifragilisticexpialidocious', 10)).toBe('Supercali…');
  });

  test('spaces and line breaks fold to one space; decomposed letters count once', () => {
    expect(shorten('Hộ  cận\nnghèo', 20)).toBe('Hộ cận nghèo');
    expect(shorten('Hộ cận nghèo được hỗ trợ'.normalize('NFD'), 13)).toBe('Hộ cận nghèo…');
  });
});
