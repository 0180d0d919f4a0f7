import { describe, expect, test } from 'vitest';
import { renderLine, renderLines, type TextLine, type Translate } from '../../../src/domain/text/line.js';

/** Shows what it was asked, so the tests see the key and the values the renderer passed. */
const t: Translate = (key, params) => (params ? `${key}${JSON.stringify(params)}` : key);

describe('rendering a line', () => {
  test('a key without values', () => {
    expect(renderLine({ key: 'common:allProvinces' }, t)).toBe('common:allProvinces');
  });

  test('a value that is a line is translated first', () => {
    const line: TextLine = { key: 'progress:flow.periodButton', params: { period: { key: 'progress:period.year', params: { year: 2026 } } } };
    expect(renderLine(line, t)).toBe('progress:flow.periodButton{"period":"progress:period.year{\\"year\\":2026}"}');
  });

  test('verbatim text is passed through untranslated', () => {
    expect(renderLines([{ text: 'Sở Y tế {{x}}' }, { key: 'common:allProvinces' }], t)).toBe('Sở Y tế {{x}}\ncommon:allProvinces');
  });

  test('an outbox row stored with the old common:raw key still reads as its text', () => {
    const stored = JSON.parse('{ "key": "common:raw", "params": { "text": "Đã lưu" } }') as TextLine;
    expect(renderLine(stored, t)).toBe('Đã lưu');
  });
});
