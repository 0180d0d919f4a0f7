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
      // Declining and asking which reading was meant carry no figures to cite.
      if (a.kind === 'fallback' || a.kind === 'clarify') continue;
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

  test('an income below the floor is answered at the floor, and says why', () => {
    const a = ask('thu nhập 1 triệu thì đóng bao nhiêu');
    expect(a).toMatchObject({ kind: 'answer', intent: 'calculator', params: { income: '1.500.000 đ', contribution: '330.000 đ', date: '15/03/2026' } });
    expect(a.kind === 'answer' && a.lines[0]).toEqual({ key: 'subsidy:note.income_below_floor', params: { asked: '1.000.000 đ', min: '1.500.000 đ' } });
  });

  test('an income above the ceiling is answered at the ceiling: 22% × 20 × the reference level, and says why', () => {
    const a = ask('thu nhập 80 triệu thì đóng nhiều nhất bao nhiêu');
    // 20 × 2.340.000 = 46.800.000; 22% of it is 10.296.000; others get 66.000 from the State.
    expect(a).toMatchObject({ kind: 'answer', intent: 'calculator', params: { income: '46.800.000 đ', contribution: '10.296.000 đ' } });
    expect(a.kind === 'answer' && a.lines[0]).toEqual({ key: 'subsidy:note.income_above_ceiling', params: { asked: '80.000.000 đ', max: '46.800.000 đ', multiple: 20, reference: '2.340.000 đ' } });
  });

  test('negation: not a poor household is someone else; no longer near-poor is someone else', () => {
    // 22% × 4.000.000 = 880.000; the State pays 20% × 330.000 = 66.000 for others.
    const notPoor = ask('tôi không phải hộ nghèo, thu nhập 4 triệu thì đóng bao nhiêu');
    expect(notPoor).toMatchObject({ params: { category: 'other', contribution: '880.000 đ' } });
    expect(notPoor.kind === 'answer' && notPoor.lines).toContainEqual({ key: 'subsidy:answer.calculation_pays', params: { pays: '814.000 đ' } });
    expect(ask('nhà tôi không còn là hộ cận nghèo nữa thì được hỗ trợ bao nhiêu')).toMatchObject({ key: 'subsidy:answer.rate_one', params: { category: 'other', rate: '20%' } });
    expect(ask('we are no longer near-poor, what does the state pay')).toMatchObject({ params: { category: 'other', rate: '20%' } });
    expect(ask('không phải hộ nghèo mà là hộ cận nghèo thì được hỗ trợ bao nhiêu')).toMatchObject({ params: { category: 'near_poor', rate: '40%' } });
  });

  test('a category the message is unsure of is asked about, not guessed', () => {
    expect(ask('không biết nhà tôi có phải hộ nghèo không, đóng bao nhiêu')).toMatchObject({ kind: 'clarify', slot: 'category', options: [{ value: 'poor' }, { value: 'other' }] });
    expect(ask('hộ nghèo hay cận nghèo thì được hỗ trợ bao nhiêu')).toMatchObject({ kind: 'clarify', options: [{ value: 'poor' }, { value: 'near_poor' }, { value: 'other' }] });
  });

  test('two provinces with different top-ups are asked about', () => {
    expect(ask('hộ cận nghèo ở Hà Nội hay Đà Nẵng đóng bao nhiêu')).toMatchObject({ kind: 'clarify', slot: 'province', options: [{ value: 'ha-noi' }, { value: 'da-nang' }] });
    // Where someone lives decides.
    expect(ask('quê tôi ở Nghệ An nhưng đang sống ở Hà Nội, hộ cận nghèo đóng bao nhiêu')).toMatchObject({ kind: 'answer', params: { category: 'near_poor' } });
  });

  test('the top-up of a province is shown beside the State’s, in English too', () => {
    const a = ask('near-poor household in Hanoi, how much does the state support?');
    expect(a).toMatchObject({ key: 'subsidy:answer.rate_one', params: { rate: '40%', support: '132.000 đ' } });
    expect(a.kind === 'answer' && a.lines[0]).toMatchObject({ key: 'subsidy:answer.rate_province_one', params: { province: 'Hà Nội', province_rate: '60%', province_support: '198.000 đ', total_support: '330.000 đ' } });
  });

  test('"đóng thấp" is not Đồng Tháp', () => {
    const a = ask('mức đóng thấp nhất là bao nhiêu');
    expect(a.kind === 'answer' && a.lines.map((l) => l.params.province)).not.toContain('Đồng Tháp');
    expect(understand('mức đóng thấp nhất là bao nhiêu').slots.province).toBeUndefined();
    expect(understand('tôi ở Đồng Tháp').slots.province).toBe('dong-thap');
    expect(understand('o dong thap dong bao nhieu').slots.province).toBe('dong-thap');
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
