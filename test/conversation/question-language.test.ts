import { describe, expect, test } from 'vitest';
import { questionLanguage } from '../../src/conversation/citizen/question-language.js';

describe('the language a question is asked in', () => {
  test.each(['how much does the state pay for me', 'Who can join voluntary social insurance?', 'what is the monthly payment for a poor household', "What's the weather like in Hanoi?", 'Who won the football match last night?', 'tell me a joke', 'I want to buy a new phone', 'Can you recommend a restaurant near Hoan Kiem lake?'])('English, on the topic or not: %s', (q) => {
    expect(questionLanguage(q)).toBe('en');
  });

  test.each(['ho ngheo dong bhxh tu nguyen bao nhieu 1 thang', 'hộ cận nghèo được hỗ trợ bao nhiêu', 'thu nhap 3tr thi dong bao nhieu', 'bhxh tu nguyen la gi', 'ok', 'near poor thì đóng bao nhiêu', 'hcn o hn dc ht bn', 'e mun hoi ve bhxh tu nguyen wa', 'toi muon dong bhxh voluntary', 'cho minh hoi muc dong thap nhat la bao nhieu'])('not English: %s', (q) => {
    expect(questionLanguage(q)).toBeUndefined();
  });
});
