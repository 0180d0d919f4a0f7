import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { root } from '../support/test-app.js';

// That every key the code names has a text is the compiler's job: keys are typed from locales/vi
// (src/domain/text/keys.ts), and keys.test-d.ts shows that a misspelled one does not compile.

type Tree = { [k: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : flatten(v, `${prefix}${k}.`)));

function keysOf(lng: string): Set<string> {
  const dir = join(root, 'locales', lng);
  return new Set(readdirSync(dir).filter((f) => f.endsWith('.json')).flatMap((f) => flatten(JSON.parse(readFileSync(join(dir, f), 'utf8')) as Tree).map((k) => `${f.replace('.json', '')}:${k}`)));
}

const vi = keysOf('vi');
const en = keysOf('en');

describe('translations', () => {
  test('Vietnamese and English have the same keys', () => {
    expect([...vi].filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !vi.has(k))).toEqual([]);
  });
});
