import { setImmediate as turn } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Debug } from '@prisma/client/runtime/client';
import { getLogs } from '@prisma/debug';
import { describe, expect, test } from 'vitest';
import { adapterFactory, openDb, providerOf, type Db } from '../../src/db/connect.js';
import { LARGE_PARAMETERS } from '../../src/db/debug-history.js';
import { jsonRows } from '../../src/db/json-rows.js';
import { migrate } from '../../src/db/migrate.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/**
 * An object written to Prisma's own debug log, as the client writes a query's plan: whether the log still holds it
 * once `write` has run and the garbage is collected.
 */
async function keptAfter(write: () => Promise<unknown>): Promise<boolean> {
  const logged = new WeakRef(logToPrismaDebug());
  await write();
  await turn(); // a WeakRef holds its object until the job that made it ends
  collectGarbage();
  return logged.deref() !== undefined;
}

function logToPrismaDebug(): object {
  const plan = { plan: 'a query plan' };
  Debug('prisma:client:clientEngine')('query plan created %O', plan);
  return plan;
}

/** 200 questions' worth of rows as one parameter, each naming `marker`. */
function largeWrite(db: Db, url: string, marker: string) {
  const rows = Array.from({ length: 200 }, (_, i) => [`${marker} ${i}`, String(i), null]);
  const table = jsonRows(providerOf(url), ['text', 'text', 'timestamp'], rows);
  expect(JSON.stringify(rows).length).toBeGreaterThan(LARGE_PARAMETERS);
  return db.$executeRaw`INSERT INTO "SchedulerSetting" ("name", "value", "until") SELECT v.c1, v.c2, v.c3 FROM ${table} AS v ORDER BY v.n`;
}

describe.each(DATABASES)("Prisma's debug history, on %s", (kind) => {
  test('forgets a large write once it is done, in a transaction or not', async () => {
    const url = await freshDatabaseUrl(kind);
    await migrate(url);
    const db = await openDb(url);
    try {
      expect(await keptAfter(() => largeWrite(db, url, 'outside'))).toBe(false);
      expect(getLogs(Number.MAX_SAFE_INTEGER)).not.toContain('outside');
      expect(await keptAfter(() => db.$transaction(async (tx) => largeWrite(tx as Db, url, 'inside')))).toBe(false);
      expect(getLogs(Number.MAX_SAFE_INTEGER)).not.toContain('inside');
      expect(await db.schedulerSetting.count()).toBe(400);
    } finally {
      await db.$disconnect();
    }
  });

  // Why db/debug-history.ts exists: when Prisma stops keeping what it logs, this fails, and the module can go.
  test('Prisma alone keeps the write and what was logged before it', async () => {
    const url = await freshDatabaseUrl(kind);
    await migrate(url);
    const adapter = await adapterFactory(url);
    const db = (providerOf(url) === 'sqlite' ? new (await import('../../src/generated/sqlite/client.js')).PrismaClient({ adapter }) : new (await import('../../src/generated/postgres/client.js')).PrismaClient({ adapter })) as unknown as Db;
    try {
      expect(await keptAfter(() => largeWrite(db, url, 'kept by prisma'))).toBe(true);
      expect(getLogs(Number.MAX_SAFE_INTEGER)).toContain('kept by prisma');
    } finally {
      await db.$disconnect();
    }
  });
});
