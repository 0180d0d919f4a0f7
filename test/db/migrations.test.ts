import { describe, expect, test } from 'vitest';
import { migrate, pendingSchemaChanges } from '../../src/db/migrate.js';
import { openDb } from '../../src/db/connect.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';

describe.each(DATABASES)('migrations on %s', (kind) => {
  test('produce exactly the schema in prisma/schema.prisma (no drift)', async () => {
    const url = await freshDatabaseUrl(kind);
    expect((await migrate(url)).length).toBeGreaterThan(0);
    expect(await pendingSchemaChanges(url)).toBe('');
  });

  test('applying them twice changes nothing', async () => {
    const url = await freshDatabaseUrl(kind);
    await migrate(url);
    expect(await migrate(url)).toEqual([]);
  });

  test('a database missing a column is reported as drift', async () => {
    const url = await freshDatabaseUrl(kind);
    await migrate(url);
    const db = await openDb(url);
    await db.$executeRawUnsafe('ALTER TABLE "Person" DROP COLUMN "language"');
    await db.$disconnect();
    expect(await pendingSchemaChanges(url)).toContain('language');
  });
});
