import { describe, expect, test } from 'vitest';
import { answerMessage } from '../../../src/domain/subsidy/multi-topic.js';
import { rules } from './rules.js';

const question = 'hộ cận nghèo được hỗ trợ bao nhiêu và đăng ký ở đâu';

describe('answers kept for the messages asked most recently', () => {
  test('the same words on the same day get the answers already given, which no one can change', () => {
    const first = answerMessage(question, { rules, today: '2026-03-15' });
    expect(first.map((a) => a.intent)).toEqual(['rate_by_category', 'how_to_register']);
    expect(answerMessage(question, { rules, today: '2026-03-15' })).toBe(first);
    const rate = first[0]!;
    expect(() => Object.assign(rate.params, { basis: 'changed' })).toThrow(TypeError);
    expect(() => (first as unknown[]).push(rate)).toThrow(TypeError);
    if (rate.kind === 'answer') expect(() => rate.lines.push({ key: 'subsidy:answer.rate_one', params: {} })).toThrow(TypeError);
  });

  test('another day, another threshold or a choice made is answered afresh', () => {
    const first = answerMessage(question, { rules, today: '2026-03-15' });
    expect(answerMessage(question, { rules, today: '2026-03-16' })).not.toBe(first);
    expect(answerMessage(question, { rules, today: '2026-03-15', threshold: 0.9 })).not.toBe(first);
    const chosen = answerMessage('hộ nghèo hay cận nghèo được hỗ trợ bao nhiêu', { rules, today: '2026-03-15', choice: { slot: 'category', value: 'poor' } });
    expect(answerMessage('hộ nghèo hay cận nghèo được hỗ trợ bao nhiêu', { rules, today: '2026-03-15', choice: { slot: 'category', value: 'poor' } })).not.toBe(chosen);
  });

  test('an answer about a year said relative to today follows the day it is asked', () => {
    const december = answerMessage('năm sau hộ nghèo được hỗ trợ bao nhiêu', { rules, today: '2025-12-31' })[0]!;
    const january = answerMessage('năm sau hộ nghèo được hỗ trợ bao nhiêu', { rules, today: '2026-01-01' })[0]!;
    expect(december.kind === 'fallback' ? undefined : december.params.date).not.toEqual(january.kind === 'fallback' ? undefined : january.params.date);
  });
});
