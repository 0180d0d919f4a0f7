import { describe, expect, onTestFinished, test } from 'vitest';
import { openDb } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import { createChannelTokenRepo } from '../../src/repositories/channel-token-repo.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';
import { cli, TEST_SECRET_KEY } from '../support/test-app.js';

describe.each(DATABASES)("the platforms' tokens at rest (%s)", (kind) => {
  const database = async () => {
    const url = await freshDatabaseUrl(kind);
    await migrate(url);
    const db = await openDb(url);
    onTestFinished(() => db.$disconnect());
    const raw = () => db.channelToken.findUniqueOrThrow({ where: { channel: 'zalo' } });
    return { url, db, raw };
  };

  test('are stored sealed and read back in plain', async () => {
    const { db, raw } = await database();
    const repo = createChannelTokenRepo(db, TEST_SECRET_KEY);
    await repo.setRefreshToken('zalo', 'refresh-token-1234567890');
    await repo.storeRefreshed('zalo', { accessToken: 'access-token-abcdef', accessExpiresAt: new Date('2026-12-01T00:00:00Z'), refreshToken: 'refresh-token-next' });
    const row = await raw();
    expect(`${row.accessToken} ${row.refreshToken}`).not.toMatch(/access-token|refresh-token/);
    expect(row.refreshToken).toMatch(/^enc:v1:/);
    expect(await repo.get('zalo')).toMatchObject({ accessToken: 'access-token-abcdef', refreshToken: 'refresh-token-next' });
    // Another key opens nothing.
    await expect(createChannelTokenRepo(db, 'another-key-of-at-least-32-characters!!').get('zalo')).rejects.toThrow(/another key/);
  });

  test('stored in plain by an older version are read, then sealed', async () => {
    const { db, raw } = await database();
    await db.channelToken.create({ data: { channel: 'zalo', accessToken: 'old-access', refreshToken: 'old-refresh' } });
    expect(await createChannelTokenRepo(db, TEST_SECRET_KEY).get('zalo')).toMatchObject({ accessToken: 'old-access', refreshToken: 'old-refresh' });
    const row = await raw();
    expect(row.accessToken).toMatch(/^enc:v1:/);
    expect(row.refreshToken).toMatch(/^enc:v1:/);
    expect(await createChannelTokenRepo(db, TEST_SECRET_KEY).get('zalo')).toMatchObject({ accessToken: 'old-access', refreshToken: 'old-refresh' });
  });

  test('without SECRET_KEY the CLI says what to set instead of failing with a trace', async () => {
    const { url, db } = await database();
    await createChannelTokenRepo(db, TEST_SECRET_KEY).setRefreshToken('zalo', 'refresh-token-1234567890');
    const status = await cli(['zalo', 'status'], url, { env: { SECRET_KEY: '' } });
    expect(status.code).toBe(2);
    expect(status.stderr).toContain('Chưa đặt SECRET_KEY');
    expect(status.stderr).not.toContain('    at ');
  });
});
