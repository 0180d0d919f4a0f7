import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createI18n, LANGUAGES, translatorFor } from '../../src/i18n.js';
import { root } from '../support/test-app.js';

type Tree = { [k: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): [string, string][] =>
  Object.entries(tree).flatMap(([k, v]): [string, string][] => (typeof v === 'string' ? [[`${prefix}${k}`, v]] : flatten(v, `${prefix}${k}.`)));

/** Every text of a language, as the key the code names (plural forms under their base key) and its template. */
function textsOf(lng: string): Map<string, string> {
  const dir = join(root, 'locales', lng);
  const texts = new Map<string, string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    for (const [key, text] of flatten(JSON.parse(readFileSync(join(dir, file), 'utf8')) as Tree)) texts.set(`${file.replace('.json', '')}:${key.replace(/_(zero|one|two|few|many|other)$/, '')}`, text);
  }
  return texts;
}

describe('the translator the outbox renders with', () => {
  // In English too: the instance's own language is Vietnamese.
  test.each(LANGUAGES)('says every text exactly as i18next getFixedT does, in %s', async (lng) => {
    const i18n = await createI18n();
    const t = translatorFor(i18n, lng);
    const fixed = i18n.getFixedT(lng);
    let compared = 0;
    for (const [key, template] of textsOf(lng)) {
      // Each value named by its placeholder, so that a value put in the wrong place shows.
      const params: Record<string, string | number> = { count: 2 };
      for (const [, name] of template.matchAll(/{{\s*([\w.]+)/g)) if (name !== 'count') params[name!] = `‹${name}›`;
      for (const count of [1, 2]) {
        const expected: unknown = fixed(key as never, { ...params, count } as never);
        expect(t(key as never, { ...params, count } as never)).toBe(expected);
        compared++;
      }
      expect(t(key as never)).toBe(fixed(key as never));
    }
    expect(compared).toBeGreaterThan(100);
    expect(translatorFor(i18n, lng)).toBe(t);
  });
});
