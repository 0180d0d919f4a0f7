import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import pg from 'pg';
import type { App } from '../../src/app.js';

export type DatabaseKind = 'sqlite' | 'postgresql';
export const DATABASES: DatabaseKind[] = ['sqlite', 'postgresql'];

/** Worker threads share the process id and each count from 0: random bytes keep two databases made in the same millisecond apart. */
const uniqueName = (prefix: string) => `${prefix}_${process.pid}_${Date.now()}_${randomBytes(6).toString('hex')}`;

/** What a test wants in its database beyond the service's first start: data stored through the app, named for the template. */
export type Seed = (app: App) => Promise<unknown>;

/**
 * A new database of the given kind, just for the caller: a temp SQLite file, or a new database on the test
 * PostgreSQL server. Empty; or, with `plans`, as the service leaves it on its first start over that plans folder
 * (migrated, the plans imported) and then `seed` (a named function) filled it. It is copied from a template made
 * once per run: importing and seeding take seconds, a copy does not.
 */
export async function freshDatabaseUrl(kind: DatabaseKind, options: { plans?: string; seed?: Seed } = {}): Promise<string> {
  const template = options.plans === undefined ? undefined : await templateFor(kind, options.plans, options.seed);
  if (kind === 'sqlite') {
    const file = join(mkdtempSync(join(inject('scratchDir'), 'sqlite-')), 'test.db');
    if (template) copyFileSync(template, file);
    return `file:${file}`;
  }
  const name = uniqueName('t');
  await admin((client) => client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`));
  return postgresUrl(name);
}

const postgresUrl = (database: string) => inject('postgresAdminUrl').replace(/\/postgres$/, `/${database}`);

async function admin<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('postgresAdminUrl') });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/**
 * The template for one kind and plans folder: a SQLite file's path or a PostgreSQL database's name. Test files run
 * in several processes; a PostgreSQL advisory lock lets the first one build it while the others wait for it.
 */
async function templateFor(kind: DatabaseKind, plans: string, seed?: Seed): Promise<string> {
  const name = `template_${kind}_${createHash('sha1').update(`${plans}\n${seed?.name ?? ''}`).digest('hex').slice(0, 12)}`;
  const file = join(inject('scratchDir'), `${name}.db`);
  return admin(async (client) => {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    try {
      if (kind === 'sqlite') {
        if (!existsSync(file)) {
          const building = `${file}.${process.pid}`;
          await firstStart(`file:${building}`, plans, seed);
          renameSync(building, file);
        }
        return file;
      }
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (!rowCount) {
        // Built under another name and renamed when complete, so a failed build never passes for a template.
        const building = uniqueName('building');
        await client.query(`CREATE DATABASE "${building}"`);
        await firstStart(postgresUrl(building), plans, seed);
        await client.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
      }
      return name;
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
    }
  });
}

/** What the service does to a new database on its first start (migrate it, import the plans), then the seed. */
async function firstStart(databaseUrl: string, plans: string, seed?: Seed): Promise<void> {
  // Loaded here, not above: most tests that want a database never need the whole app.
  const [{ createApp }, { testConfig }, { silentLogger }] = await Promise.all([import('../../src/app.js'), import('./test-app.js'), import('../../src/logger.js')]);
  const app = await createApp({ config: testConfig(databaseUrl, { PLANS_DIR: plans }), logger: silentLogger });
  try {
    await seed?.(app);
  } finally {
    await app.close();
  }
}
