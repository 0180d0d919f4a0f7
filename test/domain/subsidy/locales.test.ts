import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n } from 'i18next';
import { beforeAll, describe, expect, test } from 'vitest';
import { answer } from '../../../src/domain/subsidy/answer.js';
import type { Answer } from '../../../src/domain/subsidy/answer-types.js';
import { CALC_ERROR_CODES } from '../../../src/domain/subsidy/calculator.js';
import { NOTE_CODES } from '../../../src/domain/subsidy/notes.js';
import { TOPICS } from '../../../src/domain/subsidy/topics.js';
import { CATEGORIES } from '../../../src/domain/subsidy/types.js';
import { readQuestions } from './labelled-set.js';
import { rules } from './rules.js';

const LANGUAGES = ['vi', 'en'] as const;
const missing: string[] = [];
let t: i18n;

beforeAll(async () => {
  const read = (lng: string) => JSON.parse(readFileSync(join(import.meta.dirname, '../../../locales', lng, 'subsidy.json'), 'utf8'));
  t = i18next.createInstance();
  await t.init({
    resources: Object.fromEntries(LANGUAGES.map((lng) => [lng, { subsidy: read(lng) }])),
    lng: 'vi',
    ns: ['subsidy'],
    defaultNS: 'subsidy',
    interpolation: { escapeValue: false },
    missingInterpolationHandler: (_text, match) => {
      missing.push(String(match[1]));
      return '';
    },
  });
});

/** The reply as a person would read it. */
function render(a: Answer, lng: string): string {
  const texts = a.kind === 'fallback' ? [t.t(a.key, { ...a.params, lng })] : [a, ...a.lines].map((l) => t.t(l.key, { ...l.params, lng }));
  return texts.join('\n');
}

function keysOf(a: Answer): string[] {
  return a.kind === 'fallback' ? [a.key] : [a.key, ...a.lines.map((l) => l.key)];
}

describe('subsidy texts', () => {
  test('every note, error, category and topic has a text in both languages', () => {
    const keys = [
      ...NOTE_CODES.map((c) => `subsidy:note.${c}`),
      ...CALC_ERROR_CODES.map((c) => `subsidy:error.${c}`),
      ...CATEGORIES.map((c) => `subsidy:category.${c}`),
      ...TOPICS.map((c) => `subsidy:topic.${c}`),
      'subsidy:fallback.not_sure',
    ];
    for (const lng of LANGUAGES) expect(keys.filter((k) => !t.exists(k, { lng }))).toEqual([]);
  });

  test('every answer to the labelled and development questions reads whole in Vietnamese and English', () => {
    const sets = [readQuestions('labelled.yaml'), readQuestions('dev.yaml')];
    const extra = ['đóng trước 5 năm thu nhập 3 triệu', 'năm 2025 hộ nghèo được hỗ trợ bao nhiêu', 'hộ nghèo ở Đà Nẵng đóng bao nhiêu', 'năm 2017 đóng bao nhiêu', 'có đóng 2 tháng một lần được không'];
    const replies = [...sets.flatMap((s) => s.questions.map((q) => answer(q.q, { rules, today: s.today }))), ...extra.map((q) => answer(q, { rules, today: '2026-03-15' }))];
    for (const a of replies) {
      for (const lng of LANGUAGES) {
        expect(keysOf(a).filter((k) => !t.exists(k, { lng }))).toEqual([]);
        const text = render(a, lng);
        expect(text).not.toMatch(/\{\{|\$t\(|subsidy:/);
      }
    }
    expect(missing).toEqual([]);
  });

  test('a calculation in Vietnamese', () => {
    const a = answer('thu nhập 5 triệu thì đóng bao nhiêu', { rules, today: '2025-08-01' });
    expect(render(a, 'vi').split('\n').slice(0, 4)).toEqual([
      'Ngày 01/08/2025, người tham gia khác, thu nhập chọn đóng 5.000.000 đ:',
      '• Mức đóng 22%: 1.100.000 đ/tháng',
      '• Nhà nước hỗ trợ 20%: 66.000 đ/tháng',
      '• Bạn đóng: 1.034.000 đ/tháng',
    ]);
  });

  test('the same in English, amounts still written the Vietnamese way', () => {
    const a = answer('income 5 million, how much do I pay?', { rules, today: '2025-08-01' });
    expect(render(a, 'en')).toContain('• You pay: 1.034.000 đ a month');
  });
});
