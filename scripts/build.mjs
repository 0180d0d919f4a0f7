// Compiles src/ to plain JavaScript in dist/ (one file for each, as tsx would at run time), for `npm start`.
// The service then runs without tsx's loader thread (some 35 MB of memory and its compile time at every start).
// esbuild only strips the types: `npm run typecheck` is what checks them.
import { rmSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
const src = join(root, 'src');
const dist = join(root, 'dist');
const entryPoints = readdirSync(src, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  .map((f) => join(src, f));
rmSync(dist, { recursive: true, force: true });
await build({ entryPoints, outdir: dist, outbase: src, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
