// Compiles src/ to plain JavaScript in dist/ (one file for each, as tsx would at run time), for `npm start`.
// The service then runs without tsx's loader thread (some 35 MB of memory and its compile time at every start).
// esbuild only strips the types: `npm run typecheck` is what checks them.
import { rmSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
export const DIST = join(root, 'dist');

export async function buildDist() {
  const src = join(root, 'src');
  const entryPoints = readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(src, f));
  rmSync(DIST, { recursive: true, force: true });
  await build({ entryPoints, outdir: DIST, outbase: src, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildDist();
