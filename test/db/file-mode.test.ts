import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject, describe, expect, test } from 'vitest';
import { openDb } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';

const mode = (path: string) => statSync(path).mode & 0o777;

// People's questions and chats are in the file: nobody else on the machine may read it (issue 10, hole 7).
describe('the SQLite database on disk', () => {
  test('is created 600 in a folder created 700, with its write-ahead log', async () => {
    const folder = join(mkdtempSync(join(inject('scratchDir'), 'mode-')), 'data', 'local');
    const file = join(folder, 'bhxh.db');
    await migrate(`file:${file}`);
    const db = await openDb(`file:${file}`);
    try {
      await db.person.create({ data: { name: 'Hoa' } });
      expect(mode(folder)).toBe(0o700);
      expect(mode(join(folder, '..'))).toBe(0o700);
      expect(mode(file)).toBe(0o600);
      expect(mode(`${file}-wal`)).toBe(0o600);
    } finally {
      await db.$disconnect();
    }
  });

  test('left readable by others by an older version is closed to them', async () => {
    const file = join(mkdtempSync(join(inject('scratchDir'), 'mode-')), 'old.db');
    writeFileSync(file, '');
    chmodSync(file, 0o644);
    await migrate(`file:${file}`);
    expect(mode(file)).toBe(0o600);
  });
});
