import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createI18n } from '../../src/i18n.js';
import { root } from '../support/test-app.js';

// That every key the code names has a text is the compiler's job: keys are typed from locales/vi
// (src/domain/text/keys.ts), and keys.test-d.ts shows that a misspelled one does not compile.

type Tree = { [k: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : flatten(v, `${prefix}${k}.`)));

// A text that counts takes i18next's plural forms where its language has them (English `_one`/`_other`); Vietnamese
// has one form, so the key is the same text in both once the plural suffix is set aside.
const withoutPlural = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

function keysOf(lng: string): Set<string> {
  const dir = join(root, 'locales', lng);
  return new Set(readdirSync(dir).filter((f) => f.endsWith('.json')).flatMap((f) => flatten(JSON.parse(readFileSync(join(dir, f), 'utf8')) as Tree).map((k) => `${f.replace('.json', '')}:${withoutPlural(k)}`)));
}

/** Every text of a language, by key with its plural suffix. */
function textsOf(lng: string): Map<string, string> {
  const dir = join(root, 'locales', lng);
  const walk = (tree: Tree, prefix: string): [string, string][] => Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : walk(v, `${prefix}${k}.`)));
  return new Map(readdirSync(dir).filter((f) => f.endsWith('.json')).flatMap((f) => walk(JSON.parse(readFileSync(join(dir, f), 'utf8')) as Tree, `${f.replace('.json', '')}:`)));
}

/** Keys written twice in one object of a locale file: JSON.parse keeps the last silently, so a merge can lose texts. */
function repeatedKeys(text: string): string[] {
  const open: Set<string>[] = [];
  const repeated: string[] = [];
  for (const m of text.matchAll(/"((?:[^"\\]|\\.)*)"(\s*:)?|[{}]/g)) {
    if (m[0] === '{') open.push(new Set());
    else if (m[0] === '}') open.pop();
    else if (m[2]) {
      const keys = open.at(-1)!;
      if (keys.has(m[1]!)) repeated.push(m[1]!);
      keys.add(m[1]!);
    }
  }
  return repeated;
}

const vi = keysOf('vi');
const en = keysOf('en');

describe('translations', () => {
  test('no locale file names a key twice in one object', () => {
    const files = ['vi', 'en'].flatMap((lng) => readdirSync(join(root, 'locales', lng)).filter((f) => f.endsWith('.json')).map((f) => join(root, 'locales', lng, f)));
    expect(files.flatMap((file) => repeatedKeys(readFileSync(file, 'utf8')).map((key) => `${file}: ${key}`))).toEqual([]);
    expect(repeatedKeys('{ "a": { "x": "1", "y": "{" }, "b": "2", "a": "3" }')).toEqual(['a']);
  });

  test('Vietnamese and English have the same keys', () => {
    expect([...vi].filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !vi.has(k))).toEqual([]);
  });

  test('English counts with plural forms, never "(s)": each plural text has its one and its other', () => {
    const texts = textsOf('en');
    expect([...texts].filter(([, text]) => /\w\(s\)/.test(text)).map(([key]) => key)).toEqual([]);
    // A key that only ends like a plural (`rate_province_one`) is the same key in Vietnamese.
    const vietnamese = textsOf('vi');
    const plural = [...texts.keys()].filter((k) => /_(one|other)$/.test(k) && !vietnamese.has(k)).map(withoutPlural);
    expect(plural.filter((k) => !texts.has(`${k}_one`) || !texts.has(`${k}_other`))).toEqual([]);
    expect(plural.length).toBeGreaterThan(0);
  });

  test('no English text says "1 days", "1 files" or "1 agencies": every count a noun follows is a plural', async () => {
    const t = (await createI18n('en')).getFixedT('en');
    const vietnamese = textsOf('vi');
    const said = [...textsOf('en')]
      .filter(([key]) => vietnamese.has(key) || !/_(one|other)$/.test(key))
      .map(([key, text]) => {
        // Every value 1: the one value a plural noun after it gets wrong.
        const params = Object.fromEntries([...text.matchAll(/\{\{(\w+)/g)].map((m) => [m[1]!, 1]));
        return [key, t(key as 'common:welcome', { ...params, count: 1 })] as const;
      });
    const wrong = said.filter(([, text]) => /\b1 (days|hours|minutes|months|years|problems|files|questions|agencies|deadlines|updates|times)\b/.test(text));
    expect(wrong).toEqual([]);
    expect(said.find(([key]) => key === 'reminders:before')?.[1]).toContain('1 day left');
  });

  test('Vietnamese examples are written with their diacritics: a period as people write it, not folded', () => {
    // Command words (tunguyen, ky=, bieudo) are typed bare on purpose; a period written out is not.
    const folded = /\b(?:thang|quy|nam) \d|\b6 thang\b|\b(?:dau|cuoi) nam\b|\bho (?:can )?ngheo\b|\bbao nhieu\b/;
    expect([...textsOf('vi')].filter(([, text]) => folded.test(text)).map(([key]) => key)).toEqual([]);
  });
});
