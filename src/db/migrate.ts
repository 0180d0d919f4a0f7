import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import { bindMigrationAwareSqlAdapterFactory, type SqlDriverAdapter } from '@prisma/driver-adapter-utils';
import { adapterFactory, pgSchemaOption, providerOf, type Provider } from './connect.js';

const root = join(import.meta.dirname, '../..');
const noFilters = { externalTables: [], externalEnums: [] };

export const paths: Record<Provider, { schema: string; migrations: string }> = {
  sqlite: { schema: join(root, 'prisma/schema.prisma'), migrations: join(root, 'prisma/migrations') },
  postgresql: { schema: join(root, 'prisma/postgres/schema.prisma'), migrations: join(root, 'prisma/postgres/migrations') },
};

/** PostgreSQL's adapter over a pool that reads the catalogs; loaded only for a PostgreSQL database. */
async function postgresForMigrations(url: string) {
  const [{ PrismaPg }, { catalogReadingPool }] = await Promise.all([import('@prisma/adapter-pg'), import('./pg-catalog-pool.js')]);
  const pool = catalogReadingPool(url);
  return { pool, base: new PrismaPg(pool, pgSchemaOption(url)) };
}

// Freeing the engine leaves its connections open, and on SQLite an open one
// keeps a lock that makes the next connection fail as busy: close them ourselves.
async function closingFactory(url: string) {
  const { pool, base } = providerOf(url) === 'postgresql' ? await postgresForMigrations(url) : { pool: undefined, base: await adapterFactory(url) };
  const opened: SqlDriverAdapter[] = [];
  const track = async (connecting: Promise<SqlDriverAdapter>) => {
    const adapter = await connecting;
    opened.push(adapter);
    return adapter;
  };
  const factory = bindMigrationAwareSqlAdapterFactory({
    provider: base.provider,
    adapterName: base.adapterName,
    connect: () => track(base.connect()),
    connectToShadowDb: () => track(base.connectToShadowDb()),
  });
  const closeAll = async () => {
    await Promise.all(opened.map((a) => a.dispose()));
    await pool?.end();
  };
  return { factory, closeAll };
}

// Prisma's CLI downloads a native schema engine; the wasm build of the same
// engine works offline through the driver adapters, and writes the same
// `_prisma_migrations` table, so `prisma migrate deploy` stays interchangeable.
async function withEngine<T>(url: string, use: (engine: SchemaEngine, schemaFile: { path: string; content: string }) => Promise<T>): Promise<T> {
  const { schema } = paths[providerOf(url)];
  const schemaFile = { path: schema, content: readFileSync(schema, 'utf8') };
  const { factory, closeAll } = await closingFactory(url);
  // Loaded only when there is work for it: the engine's WebAssembly takes some 70 MB that a process never gives back.
  const { SchemaEngine } = await import('@prisma/schema-engine-wasm');
  const engine = await SchemaEngine.new({ datamodels: [[schemaFile.path, schemaFile.content]] }, () => {}, factory);
  try {
    return await use(engine, schemaFile);
  } finally {
    engine.free();
    await closeAll();
  }
}

function migrationList(provider: Provider) {
  const baseDir = paths[provider].migrations;
  const lockPath = join(baseDir, 'migration_lock.toml');
  const dirs = existsSync(baseDir) ? readdirSync(baseDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : [];
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((name) => ({
      path: name,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok' as const, value: readFileSync(join(baseDir, name, 'migration.sql'), 'utf8') } },
    })),
  };
}

/**
 * Whether `_prisma_migrations` records every migration folder as applied, read with a plain query: on most starts
 * nothing is pending and the engine need not be loaded. Anything unexpected (no table yet) says no.
 */
async function allApplied(url: string, names: string[]): Promise<boolean> {
  const schema = pgSchemaOption(url)?.schema;
  const table = schema ? `"${schema.replace(/"/g, '""')}"."_prisma_migrations"` : '"_prisma_migrations"';
  const adapter = await (await adapterFactory(url)).connect();
  try {
    const result = await adapter.queryRaw({ sql: `SELECT migration_name FROM ${table} WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`, args: [], argTypes: [] });
    const applied = new Set(result.rows.map((row) => String(row[0])));
    return names.every((name) => applied.has(name));
  } catch {
    return false;
  } finally {
    await adapter.dispose();
  }
}

/** Applies every migration not yet applied; returns the names it applied. */
export async function migrate(url: string): Promise<string[]> {
  const migrationsList = migrationList(providerOf(url));
  if (await allApplied(url, migrationsList.migrationDirectories.map((d) => d.path))) return [];
  return withEngine(url, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList, filters: noFilters });
    return out.appliedMigrationNames;
  });
}

/** SQL that would bring the database at `url` to the data model; empty when they match. */
export async function pendingSchemaChanges(url: string): Promise<string> {
  return withEngine(url, async (engine, schemaFile) => {
    const result = await engine.diff({
      from: { tag: 'schemaDatasource', files: [schemaFile], configDir: root },
      to: { tag: 'schemaDatamodel', files: [schemaFile] },
      script: true,
      exitCode: true,
      filters: noFilters,
    });
    return result.exitCode === 2 ? (result.stdout ?? '') : '';
  });
}
