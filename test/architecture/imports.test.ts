import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const root = join(import.meta.dirname, '../..');
const src = join(root, 'src');

/**
 * The layers, lowest first: a file may import its own layer and the ones below, never one above.
 * DEVELOPERS.md gives the rule of each.
 */
const LAYERS: string[][] = [
  ['domain'],
  ['messaging'],
  ['config', 'i18n', 'logger', 'metrics'],
  ['db', 'generated'],
  ['plans', 'reports'],
  ['repositories'],
  ['services'],
  ['conversation'],
  ['http'],
  ['channels'],
  ['app', 'service', 'main', 'cli'],
];
const rank = new Map(LAYERS.flatMap((names, i) => names.map((n) => [n, i] as const)));

/** Packages that belong at the edges: the domain knows none of them. */
const EDGE_PACKAGES = /^(@prisma\/|prisma$|telegraf|axios|i18next|pino|pg$|better-sqlite3|node-schedule|exceljs|echarts|@resvg\/|prom-client)/;
/** Only the database layer and the repositories speak Prisma. */
const PRISMA = /^(@prisma\/|prisma$)|\/generated\//;

interface Import { from: string; to: string; external: boolean }

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : sourceFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): Import[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map(({ fileName }) => {
    if (!fileName.startsWith('.')) return { from: file, to: fileName, external: true };
    return { from: file, to: normalize(join(dirname(file), fileName.replace(/\.js$/, '.ts'))), external: false };
  });
}

/** `src/services/digest.ts` → `services`; `src/app.ts` → `app`. */
const areaOf = (file: string): string => relative(src, file).split('/')[0]!.replace(/\.ts$/, '');
const show = (file: string) => relative(root, file);

const files = sourceFiles(src);
const imports = files.flatMap(importsOf);
const internal = imports.filter((i) => !i.external && !i.to.includes('/generated/'));

/** Files in import loops (strongly connected components of more than one file, or a file importing itself). */
function loops(): string[][] {
  const edges = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const i of internal) edges.get(i.from)?.push(i.to);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do component.push((w = stack.pop()!));
    while (w !== v);
    if (component.length > 1 || edges.get(v)?.includes(v)) found.push(component.map(show).sort());
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return found;
}

describe('the import graph', () => {
  test('every file sits in a known layer', () => {
    expect(files.map(areaOf).filter((a) => !rank.has(a))).toEqual([]);
  });

  test('no import runs upwards', () => {
    const upward = internal.filter((i) => rank.get(areaOf(i.to))! > rank.get(areaOf(i.from))!);
    expect(upward.map((i) => `${show(i.from)} → ${show(i.to)}`)).toEqual([]);
  });

  test('has no loop', () => {
    expect(loops()).toEqual([]);
  });

  test('the domain imports no platform, database or i18n package', () => {
    const edge = imports.filter((i) => i.external && areaOf(i.from) === 'domain' && EDGE_PACKAGES.test(i.to));
    expect(edge.map((i) => `${show(i.from)} → ${i.to}`)).toEqual([]);
  });

  test('only the database layer and the repositories import Prisma', () => {
    const prisma = imports.filter((i) => PRISMA.test(i.to) && !['db', 'repositories'].includes(areaOf(i.from)));
    expect(prisma.map((i) => `${show(i.from)} → ${i.to}`)).toEqual([]);
  });

  test('the checks see the graph: a known edge is found', () => {
    // Guards against a parser change that would make every rule above pass on an empty graph.
    expect(internal.some((i) => show(i.from) === 'src/service.ts' && show(i.to) === 'src/app.ts')).toBe(true);
    expect(files.length).toBeGreaterThan(100);
  });
});
