import { describe, expect, test } from 'vitest';
import { boundWords, cutInput, MAX_WORDS } from '../../../src/domain/subsidy/bounds.js';
import { boundedDistance } from '../../../src/domain/subsidy/matcher.js';
import { answerMessage } from '../../../src/domain/subsidy/multi-topic.js';
import { readCategories } from '../../../src/domain/subsidy/negation.js';
import { normalise } from '../../../src/domain/subsidy/normalise.js';
import { spellNumbers } from '../../../src/domain/subsidy/number-words.js';
import { isLookalike } from '../../../src/domain/subsidy/out-of-scope.js';
import { readProvinces } from '../../../src/domain/subsidy/province-context.js';
import { understand } from '../../../src/domain/subsidy/understand.js';
import { rules } from './rules.js';

const categories = (text: string) => readCategories(normalise(text));
const province = (text: string) => readProvinces(normalise(text), text);

describe('negation and its scope', () => {
  test.each([
    ['không phải hộ nghèo', ['other']],
    ['không thuộc hộ cận nghèo', ['other']],
    ['nhà tôi không còn là hộ cận nghèo nữa', ['other']],
    ['chưa được công nhận hộ nghèo', ['other']],
    ['đã thoát nghèo', ['other']],
    ['not a poor household', ['other']],
    ['we are no longer near-poor', ['other']],
    ['không phải hộ nghèo hay cận nghèo', ['other']],
    ['không phải hộ nghèo mà là hộ cận nghèo', ['near_poor']],
    ['tôi là người dân tộc nhưng không phải hộ nghèo', ['ethnic_minority']],
    ['hộ nghèo không có tiền đóng', ['poor']],
    ['không thuộc diện ưu tiên nào', ['other']],
    ['not in any priority group', ['other']],
    ['tiền hỗ trợ tính trên chuẩn nghèo', []],
  ])('%s → %j', (text, expected) => {
    expect(categories(text).categories).toEqual(expected);
    expect(categories(text).unsure).toEqual([]);
  });

  test('doubt is returned for a clarifying question, never resolved by a guess', () => {
    expect(categories('không biết nhà tôi có phải hộ nghèo không').unsure).toEqual(['poor', 'other']);
    expect(categories('hộ nghèo hay cận nghèo').unsure).toEqual(['poor', 'near_poor', 'other']);
    expect(categories('not sure if we are near-poor').unsure).toEqual(['near_poor', 'other']);
    // "I wonder how much poor households get" is not a doubt about the category.
    expect(categories('không biết hộ nghèo được hỗ trợ bao nhiêu')).toMatchObject({ categories: ['poor'], unsure: [] });
  });
});

describe('provinces only where a province is meant', () => {
  test('"đóng thấp" is not Đồng Tháp, with or without diacritics, but Đồng Tháp is', () => {
    expect(province('mức đóng thấp nhất là bao nhiêu').province).toBeUndefined();
    expect(province('muc dong thap nhat la bao nhieu').province).toBeUndefined();
    expect(province('tôi ở Đồng Tháp').province).toBe('dong-thap');
    expect(province('o dong thap').province).toBe('dong-thap');
    // Typed alone, as the answer to "which province?".
    expect(province('dong thap').province).toBe('dong-thap');
    expect(province('hòa bình thế giới').province).toBeUndefined();
    expect(province('tôi ở Hòa Bình').province).toBe('phu-tho');
    expect(province('Hòa Bình').province).toBe('phu-tho');
  });

  test('two provinces: where the person lives, or a question', () => {
    expect(province('quê Nghệ An nhưng đang sống ở Hà Nội').province).toBe('ha-noi');
    expect(province('Hà Nội hay Đà Nẵng')).toMatchObject({ unsure: ['ha-noi', 'da-nang'] });
    expect(province('Hà Nội, thủ đô').province).toBe('ha-noi');
  });

  test('a long message is read as its words say, however often it names a place', () => {
    const lower = 'mức đóng thấp nhất là bao nhiêu, ';
    expect(province(lower.repeat(120)).province).toBeUndefined();
    expect(province(`${lower.repeat(120)}tôi ở Đồng Tháp`).province).toBe('dong-thap');
    // The place word just before the name counts, however far into the message it comes.
    expect(province(`${'hỏi thêm chút '.repeat(300)}o   dong thap`).province).toBe('dong-thap');
    expect(province(`${'hỏi thêm chút '.repeat(300)}dong thap`).province).toBeUndefined();
    expect(province(`${'quê Nghệ An nhưng đang sống ở Hà Nội. '.repeat(50)}`).province).toBe('ha-noi');
    expect(province(`   dong thap   `).province).toBe('dong-thap');
  });
});

describe('numbers in words', () => {
  test.each([
    ['hai triệu rưỡi', '2 trieu ruoi'],
    ['một triệu sáu', '1.6 trieu'],
    ['ba triệu hai trăm nghìn', '3.2 trieu'],
    ['năm trăm nghìn', '500 nghin'],
    ['tám mươi triệu', '80 trieu'],
    ['ba tháng một lần', '3 thang mot lan'],
    ['đóng trước năm năm', 'dong truoc 5 nam'],
    ['five million', '5 trieu'],
    ['two and a half million', '2.5 trieu'],
    ['every three months', 'every 3 months'],
    // Words that are numbers only before a unit stay words.
    ['sau tháng 7', 'sau thang 7'],
    ['năm sau', 'nam sau'],
    ['tạm trú', 'tam tru'],
    ['a month', 'a month'],
  ])('%s → %s', (text, expected) => {
    expect(spellNumbers(normalise(text))).toBe(expected);
  });

  test('read as incomes', () => {
    expect(understand('thu nhập hai triệu rưỡi').slots.income).toBe(2_500_000);
    expect(understand('1tr7').slots.income).toBe(1_700_000);
    expect(understand('1 triệu 6').slots.income).toBe(1_600_000);
    expect(understand('income of five million').slots.income).toBe(5_000_000);
  });
});

describe('bounded work', () => {
  test('a long message is cut, a repeated phrase said once, over-long words dropped', () => {
    expect(cutInput('a '.repeat(5_000)).length).toBeLessThanOrEqual(1_000);
    expect(boundWords('can ngheo '.repeat(150).trim())).toBe('can ngheo');
    expect(boundWords(`ho ${'x'.repeat(500)} ngheo`)).toBe('ho ngheo');
    expect(boundWords(Array.from({ length: 500 }, (_, i) => `w${i}`).join(' ')).split(' ')).toHaveLength(MAX_WORDS);
  });

  test('150 repetitions of "cận nghèo" read as one', () => {
    expect(understand('cận nghèo '.repeat(150)).slots.categories).toEqual(['near_poor']);
  });

  test('edit distance stops once past its limit', () => {
    expect(boundedDistance('contribution', 'contributions', 1)).toBe(1);
    expect(boundedDistance('contribution', 'distribution', 1)).toBe(2);
  });
});

describe('look-alikes are handed off', () => {
  test.each(['bhxh bắt buộc đóng bao nhiêu phần trăm', 'rút bhxh một lần được bao nhiêu', 'bhyt hộ gia đình đóng bao nhiêu', 'chế độ thai sản', 'tăng lương hưu năm 2026'])('%s', (text) => {
    expect(isLookalike(normalise(text))).toBe(true);
    expect(understand(text).intent).toBe('out_of_scope');
  });

  test('joining voluntary insurance while paying compulsory insurance is a question to answer', () => {
    expect(isLookalike(normalise('người đang đóng bảo hiểm bắt buộc có tham gia tự nguyện được không'))).toBe(false);
  });
});

describe('a message with two questions', () => {
  const today = '2026-03-15';
  test('each is answered, in the order asked, with what the whole message says', () => {
    const answers = answerMessage('hộ cận nghèo được hỗ trợ bao nhiêu và đăng ký ở đâu', { rules, today });
    expect(answers.map((a) => a.intent)).toEqual(['rate_by_category', 'how_to_register']);
    expect(answers[0]).toMatchObject({ params: { category: 'near_poor', rate: '40%' } });
  });

  test('categories joined by "và" are one question', () => {
    expect(answerMessage('hộ nghèo và hộ cận nghèo được hỗ trợ bao nhiêu', { rules, today }).map((a) => a.intent)).toEqual(['rate_by_category']);
  });

  test('a clarifying question comes alone, and the choice answers every topic', () => {
    const text = 'không biết có phải hộ nghèo không, đóng bao nhiêu? đăng ký ở đâu?';
    expect(answerMessage(text, { rules, today })).toMatchObject([{ kind: 'clarify' }]);
    const after = answerMessage(text, { rules, today, choice: { slot: 'category', value: 'poor' } });
    expect(after.map((a) => a.intent)).toEqual(['monthly_payment', 'how_to_register']);
    expect(after[0]).toMatchObject({ kind: 'answer', params: { category: 'poor' } });
  });
});
