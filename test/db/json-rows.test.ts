import { describe, expect, test } from 'vitest';
import { openDb, providerOf } from '../../src/db/connect.js';
import { jsonRows } from '../../src/db/json-rows.js';
import { migrate } from '../../src/db/migrate.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';

describe.each(DATABASES)('rows passed as one JSON parameter, on %s', (kind) => {
  test('come back as written, in their order, texts, numbers, times and nulls alike', async () => {
    const url = await freshDatabaseUrl(kind);
    await migrate(url);
    const db = await openDb(url);
    try {
      const when = new Date('2026-06-22T00:00:00.123Z');
      const rows = [
        ['Nhắc hạn: «xong» — "quoted" \\ back\nline', 7, when],
        ['{"lines":[{"key":"reminders:before"}]}', -3, null],
        ...Array.from({ length: 1500 }, (_, i) => [`row ${i}`, i, new Date(when.getTime() + i)]),
      ];
      const table = jsonRows(providerOf(url), ['text', 'integer', 'timestamp'], rows);
      // Written through a real table, so that each value lands in a column of its type.
      await db.$executeRaw`INSERT INTO "SchedulerSetting" ("name", "value", "until") SELECT v.c1, CAST(v.c2 AS TEXT), v.c3 FROM ${table} AS v ORDER BY v.n`;
      const byName = (a: { name: unknown }, b: { name: unknown }) => (String(a.name) < String(b.name) ? -1 : 1);
      const stored = (await db.schedulerSetting.findMany()).map(({ name, value, until }) => ({ name, value, until }));
      expect(stored.sort(byName)).toEqual(rows.map(([name, n, until]) => ({ name, value: String(n), until })).sort(byName));
      // The order given is each row's place: `n` counts them.
      const order = await db.$queryRaw<{ c1: string }[]>`SELECT v.c1 FROM ${table} AS v ORDER BY v.n`;
      expect(order.map((r) => r.c1)).toEqual(rows.map((r) => r[0]));
    } finally {
      await db.$disconnect();
    }
  });
});
