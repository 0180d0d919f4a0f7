// Generates the Prisma clients offline. Prisma's CLI insists that a schema
// engine binary exists before `generate`, although generating never runs it
// (the client is compiled to wasm); pointing it at node itself satisfies the
// check without downloading anything.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sqliteSchema = join(root, 'prisma/schema.prisma');
const postgresSchema = join(root, 'prisma/postgres/schema.prisma');

export function postgresSchemaText(text) {
  return text
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output   = "../src/generated/sqlite"', 'output   = "../../src/generated/postgres"')
    .replace(/^\/\/ The single source[\s\S]*?\n\n/, '// Generated from prisma/schema.prisma by scripts/prisma-generate.mjs: edit that file.\n\n');
}

/**
 * The query compiler's WebAssembly read from its file instead of imported. An imported module lives as long as the
 * process, and with it its source and the string it exports, some 4 MB of base64 that serve once; read, they are
 * garbage as soon as the module is compiled (RSS after start, test/bench/inbound.ts).
 */
export function wasmReadNotImported(text) {
  return text.replace(/const \{ wasm \} = await import\(("@prisma\/client\/runtime\/[\w.-]+\.wasm-base64\.mjs")\)/, (_, file) =>
    [
      `const [{ readFile }, { createRequire }] = await Promise.all([import('node:fs/promises'), import('node:module')])`,
      `    const source = await readFile(createRequire(import.meta.url).resolve(${file}), 'utf8')`,
      `    const wasm = source.slice(source.indexOf('"') + 1, source.lastIndexOf('"'))`,
    ].join('\n'),
  );
}

function main() {
  mkdirSync(dirname(postgresSchema), { recursive: true });
  writeFileSync(postgresSchema, postgresSchemaText(readFileSync(sqliteSchema, 'utf8')));
  const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
  const cli = join(root, 'node_modules/prisma/build/index.js');
  for (const schema of [sqliteSchema, postgresSchema]) {
    execFileSync(process.execPath, [cli, 'generate', '--schema', schema], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  for (const client of ['sqlite', 'postgres']) {
    const file = join(root, 'src/generated', client, 'internal/class.ts');
    const text = readFileSync(file, 'utf8');
    const read = wasmReadNotImported(text);
    if (read === text) throw new Error(`${file}: the query compiler's WebAssembly is no longer imported as scripts/prisma-generate.mjs expects`);
    writeFileSync(file, read);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
