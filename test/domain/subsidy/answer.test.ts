import { describe, expect, test } from 'vitest';
import { answer } from '../../../src/domain/subsidy/answer.js';
import type { Answer } from '../../../src/domain/subsidy/answer-types.js';
import { TOPICS } from '../../../src/domain/subsidy/topics.js';
import { understand } from '../../../src/domain/subsidy/understand.js';
import { readQuestions } from './labelled-set.js';
import { rules } from './rules.js';

const today = '2026-03-15';
const ask = (text: string, on = today): Answer => answer(text, { rules, today: on });

describe('answers', () => {
  test('every answer names its legal basis and the date the rule applies to', () => {
    const { questions } = readQuestions('labelled.yaml');
    for (const q of questions) {
      const a = ask(q.q);
      if (a.kind === 'fallback') continue;
      expect(a.params.basis, q.q).toMatch(/\S/);
      expect(a.params.date, q.q).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
      expect(a.basis.length, q.q).toBeGreaterThan(0);
    }
  });

  test('the support rate on the date asked, with its decree', () => {
    expect(ask('hộ cận nghèo được hỗ trợ bao nhiêu')).toMatchObject({
      kind: 'answer',
      intent: 'rate_by_category',
      key: 'subsidy:answer.rate_one',
      params: { category: 'near_poor', rate: '40%', support: '132.000 đ', date: '15/03/2026', basis: expect.stringContaining('NĐ 159/2025/NĐ-CP') },
    });
    expect(ask('hộ cận nghèo được hỗ trợ bao nhiêu', '2025-03-15')).toMatchObject({ params: { rate: '25%', support: '82.500 đ', basis: expect.stringContaining('NĐ 134/2015/NĐ-CP') } });
  });

  test('a year in which the rules changed says so', () => {
    const a = ask('năm 2025 hộ nghèo được hỗ trợ bao nhiêu');
    expect(a.kind === 'answer' && a.lines).toContainEqual({ key: 'subsidy:note.rule_changed_in_year', params: { year: 2025, change: '01/07/2025', date: '31/12/2025' } });
  });

  test('an income out of range is answered with the allowed range', () => {
    expect(ask('thu nhập 1 triệu thì đóng bao nhiêu')).toMatchObject({ kind: 'error', intent: 'calculator', key: 'subsidy:error.income_out_of_range', params: { min: '1.500.000 đ', max: '46.800.000 đ', date: '15/03/2026' } });
  });

  test('a date before 2018 is answered with the first date the rules cover', () => {
    expect(ask('năm 2016 hộ nghèo đóng bao nhiêu')).toMatchObject({ kind: 'error', key: 'subsidy:error.date_out_of_range', params: { min_date: '01/01/2018' } });
  });

  test('out of scope: a fallback with topic suggestions and a hand-off, never an answer', () => {
    for (const text of ['thời tiết hôm nay thế nào', 'vay 50 triệu lãi suất bao nhiêu', 'gia hạn thẻ bhyt bao nhiêu tiền', 'asdfgh qwerty']) {
      const a = ask(text);
      expect(a, text).toMatchObject({ kind: 'fallback', intent: 'out_of_scope', key: 'subsidy:fallback.not_sure', handOff: true, params: { hotline: '1900 9068' } });
      if (a.kind === 'fallback') for (const s of a.suggestions) expect(TOPICS).toContain(s);
    }
  });

  test('below the confidence threshold the bot does not guess', () => {
    expect(answer('hộ cận nghèo được hỗ trợ bao nhiêu', { rules, today, threshold: 1.01 }).kind).toBe('fallback');
  });

  test('a message already understood can be answered, e.g. after a button', () => {
    const u = { ...understand('hộ nghèo đóng bao nhiêu'), slots: { categories: ['near_poor' as const] } };
    const result = answer(u, { rules, today });
    expect(result).toMatchObject({ params: { category: 'near_poor' } });
    expect(result.kind === 'answer' && result.lines).toContainEqual({ key: 'subsidy:answer.calculation_pays', params: { pays: '198.000 đ' } });
  });

  test('a province without known top-up is not said to have none', () => {
    expect(ask('Đà Nẵng có hỗ trợ thêm không')).toMatchObject({ key: 'subsidy:answer.province_none', params: { province: 'Đà Nẵng', hotline: '1900 9068' } });
  });
});
