import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { root } from './support/test-app.js';

type Version = [number, number, number];
const read = (v: string): Version => {
  const [major = 0, minor = 0, patch = 0] = v.replace(/^v/, '').split('.').map((n) => (n === 'x' ? 0 : Number(n)));
  return [major, minor, patch];
};
const compare = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/**
 * Whether a Node version meets an `engines.node` range, in the forms npm packages write them: `||` alternatives of
 * `>=x.y`, `>x`, `<x`, `^x.y.z`, `~x.y`, `x.x`, `x` or `*`, separated by spaces. Any other form fails the test loudly.
 */
function satisfies(version: string, range: string): boolean {
  const v = read(version);
  return range.split('||').some((alternative) =>
    alternative
      .trim()
      // `>= 18` is written with a space now and then.
      .replace(/([<>=^~]+)\s+/g, '$1')
      .split(/\s+/)
      .every((comparator) => {
        if (comparator === '*' || comparator === '') return true;
        const m = /^(>=|<=|>|<|\^|~|=)?v?(\d+(?:\.(?:\d+|x))?(?:\.(?:\d+|x))?)$/.exec(comparator);
        if (!m) throw new Error(`engines range not understood: "${range}"`);
        const [op = '', bound] = [m[1], read(m[2]!)];
        const parts = m[2]!.split('.').filter((p) => p !== 'x').length;
        if (op === '>=') return compare(v, bound) >= 0;
        if (op === '>') return compare(v, bound) > 0;
        if (op === '<') return compare(v, bound) < 0;
        if (op === '<=') return compare(v, bound) <= 0;
        if (op === '^') return v[0] === bound[0] && compare(v, bound) >= 0;
        if (op === '~') return v[0] === bound[0] && v[1] === bound[1] && compare(v, bound) >= 0;
        // `20`, `20.x`, `20.19`: the same leading parts.
        return v.slice(0, parts).every((n, i) => n === bound[i]);
      }),
  );
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { engines?: { node?: string } | string[] }> };
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('the Node version the README promises', () => {
  test('the range reader reads the forms in the lock file', () => {
    expect(satisfies('20.19.0', '^20.19.0 || ^22.13.0 || >=24')).toBe(true);
    expect(satisfies('20.18.1', '^20.19.0 || ^22.13.0 || >=24')).toBe(false);
    expect(satisfies('20.19.0', '>=22.0.0')).toBe(false);
    expect(satisfies('20.19.0', '20.x || 22.x')).toBe(true);
    expect(satisfies('20.19.0', '18 || 20 || >=22')).toBe(true);
  });

  test('every dependency runs on the oldest Node promised, but the one the README explains', () => {
    const oldest = /^>=(\d+\.\d+)$/.exec(pkg.engines.node)![1]!;
    expect(readme).toContain(`Node.js ${oldest} or newer`);
    const refusing = Object.entries(lock.packages)
      .filter(([path, p]) => path && p.engines && !Array.isArray(p.engines) && p.engines.node && !satisfies(`${oldest}.0`, p.engines.node))
      .map(([path]) => path.replace(/^.*node_modules\//, ''));
    expect(refusing).toEqual(['@prisma/streams-local']);
    expect(readme).toContain('@prisma/streams-local');
  });
});
