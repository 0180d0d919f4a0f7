import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import pg from 'pg';

export type DatabaseKind = 'sqlite' | 'postgresql';
export const DATABASES: DatabaseKind[] = ['sqlite', 'postgresql'];

let counter = 0;

/** A new, empty database of the given kind: a temp SQLite file, or a new database on the test PostgreSQL server. */
export async function freshDatabaseUrl(kind: DatabaseKind): Promise<string> {
  if (kind === 'sqlite') return `file:${join(mkdtempSync(join(tmpdir(), 'bhxh-test-')), 'test.db')}`;
  const admin = inject('postgresAdminUrl');
  const name = `t_${process.pid}_${Date.now()}_${counter++}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return admin.replace(/\/postgres$/, `/${name}`);
}
