import { describe, expect, test } from 'vitest';
import type { TFunction } from 'i18next';
import { createI18n } from '../../src/i18n.js';
import type { ButtonSpec, TextLine } from '../../src/messaging/message.js';
import { RECENT_TEXTS, render, translateWith } from '../../src/messaging/render.js';

/** The real Vietnamese `t`, counting how often i18next is asked. */
async function countedT() {
  const t = (await createI18n('vi')).getFixedT('vi');
  const asked = { count: 0 };
  const translate = t as unknown as (key: string, params: object) => string;
  const counted = ((key: string, params: object) => {
    asked.count++;
    return translate(key, params);
  }) as unknown as TFunction;
  return { t, counted, asked };
}

describe("rendering through i18next's t", () => {
  test('a key with the same values is asked of i18next once and says the same words', async () => {
    const { t, counted, asked } = await countedT();
    const say = translateWith(counted);
    const params = { hotline: '1900 9068' };
    const first = say('subsidy:fallback.not_sure', params);
    expect(say('subsidy:fallback.not_sure', { ...params })).toBe(first);
    expect(first).toBe(t('subsidy:fallback.not_sure', params));
    expect(first).toContain('1900 9068');
    expect(asked.count).toBe(1);
    expect(say('subsidy:fallback.not_sure', { hotline: '1900 1234' })).toContain('1900 1234');
    expect(asked.count).toBe(2);
  });

  test('texts with values are kept for the most recent ones only, so memory does not grow with the questions answered', async () => {
    const { counted, asked } = await countedT();
    const say = translateWith(counted);
    const hotline = (i: number) => ({ hotline: `1900 ${i}` });
    say('subsidy:fallback.not_sure', hotline(0));
    for (let i = 1; i <= RECENT_TEXTS; i++) say('subsidy:fallback.not_sure', hotline(i));
    expect(asked.count).toBe(RECENT_TEXTS + 1);
    // The oldest made room for the newest: asked again. The newest is still kept.
    expect(say('subsidy:fallback.not_sure', hotline(0))).toContain('1900 0');
    expect(asked.count).toBe(RECENT_TEXTS + 2);
    say('subsidy:fallback.not_sure', hotline(RECENT_TEXTS));
    expect(asked.count).toBe(RECENT_TEXTS + 2);
  });
});

describe('a message that cannot change', () => {
  test('is said once in each language, and one that can change is said again each time', async () => {
    const vi = (await createI18n('vi')).getFixedT('vi');
    const en = (await createI18n('en')).getFixedT('en');
    let reads = 0;
    const params = Object.freeze(Object.defineProperty({}, 'hotline', { enumerable: true, get: () => (reads++, '1900 9068') }));
    const lines = Object.freeze([{ key: 'subsidy:fallback.not_sure', params }]) as unknown as TextLine[];
    const buttons = Object.freeze([Object.freeze([{ key: 'subsidy:topic.rate_by_category', data: 'q:rate' }])]) as unknown as ButtonSpec[][];

    const first = render(vi, { lines, buttons });
    expect(first.text).toContain('Tổng đài: 1900 9068');
    expect(first.buttons).toEqual([[{ text: 'Mức Nhà nước hỗ trợ', data: 'q:rate' }]]);
    const readsForFirst = reads;
    const again = render(vi, { lines, buttons });
    expect(again).toEqual(first);
    expect(reads).toBe(readsForFirst);
    // Every message that answers the same shares its buttons, so none can change them for the others.
    expect(again.buttons).toBe(first.buttons);
    expect(() => again.buttons![0]!.push({ text: 'x', data: 'x' })).toThrow(TypeError);

    const english = render(en, { lines, buttons });
    expect(english.text).not.toBe(first.text);
    expect(english.text).toContain('1900 9068');

    const open: TextLine[] = [{ key: 'subsidy:fallback.not_sure', params: { hotline: '1900 9068' } }];
    expect(render(vi, { lines: open }).text).toContain('1900 9068');
    open[0] = { key: 'subsidy:fallback.not_sure', params: { hotline: '1900 1234' } };
    expect(render(vi, { lines: open }).text).toContain('1900 1234');
  });
});
