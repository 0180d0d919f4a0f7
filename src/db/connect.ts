import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { PrismaClient as SqliteClient } from '../generated/sqlite/client.js';
import { forgettingQueries } from './debug-history.js';

// Both generated clients come from one data model (scripts/prisma-generate.mjs),
// so the SQLite client's type describes either; repositories use this one type.
export type Db = SqliteClient;
export type Provider = 'sqlite' | 'postgresql';

export function providerOf(url: string): Provider {
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgresql';
  if (url.startsWith('file:')) return 'sqlite';
  throw new Error(`DATABASE_URL must start with "file:" (SQLite) or "postgresql://" (PostgreSQL), got "${url.split(':')[0]}:…"`);
}

/**
 * The SQLite file of `url`, made private before SQLite first opens it: its folder is created 700 and the file 600
 * (SQLite gives its -wal and -shm files the database's mode), and a file left readable by others is closed to them.
 * It holds people's questions and chats.
 */
export function sqlitePath(url: string): string {
  const path = resolve(url.slice('file:'.length));
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  else if (statSync(path).mode & 0o077) chmodSync(path, 0o600);
  return path;
}

/** How long a SQLite connection waits for another process's write (the CLI beside the service) before failing. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Every SQLite connection: write-ahead logging, so that a commit appends to the log instead of waiting on the disk
 * for the whole database, and readers never wait for a writer; synchronous=NORMAL, which in WAL mode survives a
 * crash of the process intact (a power cut may lose the last commits, never the database's consistency).
 */
const SQLITE_PRAGMAS = `PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS};`;

/** The driver adapter for `url`; only the driver of that database is loaded. */
export async function adapterFactory(url: string): Promise<SqlMigrationAwareDriverAdapterFactory> {
  if (providerOf(url) === 'postgresql') {
    const { PrismaPg } = await import('@prisma/adapter-pg');
    return new PrismaPg({ connectionString: url, ...pgSessionOptions(url) }, pgSchemaOption(url));
  }
  const { PrismaBetterSqlite3 } = await import('@prisma/adapter-better-sqlite3');
  const base = new PrismaBetterSqlite3({ url: sqlitePath(url), timeout: BUSY_TIMEOUT_MS }, { timestampFormat: 'unixepoch-ms' });
  const configured = async (connecting: Promise<SqlDriverAdapter>) => {
    const adapter = await connecting;
    await adapter.executeScript(SQLITE_PRAGMAS);
    return adapter;
  };
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: () => configured(base.connect()),
    connectToShadowDb: () => base.connectToShadowDb(),
  };
}

/**
 * PostgreSQL's JIT compiler pays off on long analytical queries; this service's are short, and a
 * national summary measured 3.9 s of JIT compilation for a 0.3 s query. It is off for the service's
 * sessions unless the URL sets its own `options`.
 */
export function pgSessionOptions(url: string): { options?: string } {
  return new URL(url).searchParams.has('options') ? {} : { options: '-c jit=off' };
}

export function pgSchemaOption(url: string): { schema: string } | undefined {
  const schema = new URL(url).searchParams.get('schema');
  return schema ? { schema } : undefined;
}

/**
 * A Prisma client over `url`. Only the generated client of that database is loaded: each carries its own query
 * compiler, and a process needs one.
 */
export async function openDb(url: string): Promise<Db> {
  const factory = await adapterFactory(url);
  const adapter = { provider: factory.provider, adapterName: factory.adapterName, connect: async () => forgettingQueries(await factory.connect()) };
  if (providerOf(url) === 'sqlite') {
    const { PrismaClient } = await import('../generated/sqlite/client.js');
    return new PrismaClient({ adapter });
  }
  const { PrismaClient } = await import('../generated/postgres/client.js');
  return new PrismaClient({ adapter }) as unknown as Db;
}
