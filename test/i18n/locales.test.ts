import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { root } from '../support/test-app.js';

type Tree = { [k: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : flatten(v, `${prefix}${k}.`)));

function keysOf(lng: string): Set<string> {
  const dir = join(root, 'locales', lng);
  return new Set(readdirSync(dir).filter((f) => f.endsWith('.json')).flatMap((f) => flatten(JSON.parse(readFileSync(join(dir, f), 'utf8')) as Tree).map((k) => `${f.replace('.json', '')}:${k}`)));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    if (f === 'generated') return [];
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const vi = keysOf('vi');
/** Keys that name a whole group (e.g. a sheet's column headers), read with returnObjects. */
const groups = new Set([...vi].flatMap((k) => k.split('.').slice(1).map((_, i, parts) => k.split('.').slice(0, parts.length - i).join('.'))));
const en = keysOf('en');

describe('translations', () => {
  test('Vietnamese and English have the same keys', () => {
    expect([...vi].filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !vi.has(k))).toEqual([]);
  });

  test('every key the code names exists', () => {
    const namespaces = [...new Set([...vi].map((k) => k.split(':')[0]))].join('|');
    const literal = new RegExp(`['\`"]((?:${namespaces}):[a-zA-Z0-9_.]+)['\`"]`, 'g');
    const missing: string[] = [];
    for (const file of sourceFiles(join(root, 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(literal)) if (!vi.has(m[1]!) && !groups.has(m[1]!) && !m[1]!.endsWith('.')) missing.push(`${file.slice(root.length + 1)}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });

  test('texts built from a key prefix have every variant', () => {
    for (const reason of ['invalid', 'expired', 'used']) expect(vi.has(`common:invite.${reason}`)).toBe(true);
    for (const a of ['done', 'ack', 'snooze', 'unknown', 'not_yours', 'already_done']) expect(vi.has(`reminders:action.${a}`)).toBe(true);
    for (const s of ['open', 'acknowledged', 'snoozed', 'done', 'overdue']) expect(vi.has(`reminders:deadline.${s}`)).toBe(true);
    for (const o of ['created', 'updated', 'unchanged', 'invalid']) expect(vi.has(`cli:import.${o}`)).toBe(true);
  });
});
