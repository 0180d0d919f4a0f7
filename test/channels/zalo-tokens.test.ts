import { describe, expect, it, onTestFinished } from 'vitest';
import { openDb } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import { TEST_SECRET_KEY } from '../support/test-app.js';
import { createChannelTokenRepo } from '../../src/repositories/channel-token-repo.js';
import { ZaloClient } from '../../src/channels/zalo/client.js';
import { ZaloTokenManager } from '../../src/channels/zalo/tokens.js';
import { createLogger } from '../../src/logger.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';
import { ZaloEmulator } from '../support/zalo-emulator.js';

/** A Zalo OA emulator and a migrated PostgreSQL database, both the test's own. */
async function oa() {
  const emu = new ZaloEmulator('app-1', 'app-secret', 'oa-secret');
  const api = await emu.start();
  onTestFinished(() => emu.stop());
  const url = await freshDatabaseUrl('postgresql');
  await migrate(url);
  return { emu, api, url };
}

describe('Zalo tokens on PostgreSQL, two instances', () => {
  it('refreshes once for concurrent sends, stores the rotated token, and forces a refresh after -220', async () => {
    const { emu, api, url } = await oa();
    const dbA = await openDb(url);
    const dbB = await openDb(url);
    try {
      const client = new ZaloClient({ apiRoot: api, oauthRoot: api, appId: 'app-1', appSecret: 'app-secret' });
      await createChannelTokenRepo(dbA, TEST_SECRET_KEY).setRefreshToken('zalo', emu.issueRefreshToken());
      // The instance that does not refresh waits for the other's result as in production: polling the stored row.
      const a = new ZaloTokenManager(createChannelTokenRepo(dbA, TEST_SECRET_KEY), client);
      const b = new ZaloTokenManager(createChannelTokenRepo(dbB, TEST_SECRET_KEY), client);
      const tokens = await Promise.all([a.accessToken(), b.accessToken(), a.accessToken(), b.accessToken()]);
      expect(new Set(tokens).size).toBe(1);
      expect(emu.refreshCalls).toBe(1);
      const row = await createChannelTokenRepo(dbA, TEST_SECRET_KEY).get('zalo');
      expect(row?.refreshToken).toMatch(/^rt-/);
      expect(row?.refreshingUntil).toBeNull();

      // the token expires mid-run: both instances are told so; one refresh, with the stored (rotated) token
      emu.expireAccessTokens();
      const again = await Promise.all([a.accessToken(tokens[0]), b.accessToken(tokens[0])]);
      expect(new Set(again).size).toBe(1);
      expect(again[0]).not.toBe(tokens[0]);
      expect(emu.refreshCalls).toBe(2);
    } finally {
      await dbA.$disconnect();
      await dbB.$disconnect();
    }
  });

  it('survives a crash: stored tokens are used as they are, and a lease left by a dead instance runs out', async () => {
    const { emu, api, url } = await oa();
    const db = await openDb(url);
    try {
      const client = new ZaloClient({ apiRoot: api, oauthRoot: api, appId: 'app-1', appSecret: 'app-secret' });
      const repo = createChannelTokenRepo(db, TEST_SECRET_KEY);
      await repo.setRefreshToken('zalo', emu.issueRefreshToken());
      const current = await new ZaloTokenManager(repo, client).accessToken();
      const calls = emu.refreshCalls;

      // Crash after a refresh was stored: a new process finds the tokens and does not spend the refresh token.
      expect(await new ZaloTokenManager(repo, client).accessToken()).toBe(current);
      expect(emu.refreshCalls).toBe(calls);

      // Crash while refreshing: the dead instance's 30-second lease blocks the refresh only until it runs out.
      // Time is simulated: each wait moves the clock on by the time waited.
      let now = Date.now();
      const started = now;
      const row = (await repo.get('zalo'))!;
      expect(await repo.claimRefresh('zalo', row.version, new Date(now), 30_000)).toBe(true);
      emu.expireAccessTokens();
      const survivor = new ZaloTokenManager(repo, client, { now: () => new Date(now), sleep: async (ms) => { now += ms; } });
      const next = await survivor.accessToken(current);
      expect(next).not.toBe(current);
      expect(now - started).toBeGreaterThanOrEqual(30_000);
      expect(emu.refreshCalls).toBe(calls + 1);
      expect((await repo.get('zalo'))!.refreshingUntil).toBeNull();
    } finally {
      await db.$disconnect();
    }
  });

  it('a token refused while another send is still looking it up is not handed back: it is refreshed', async () => {
    const { emu, api, url } = await oa();
    const db = await openDb(url);
    try {
      const client = new ZaloClient({ apiRoot: api, oauthRoot: api, appId: 'app-1', appSecret: 'app-secret' });
      const repo = createChannelTokenRepo(db, TEST_SECRET_KEY);
      await repo.setRefreshToken('zalo', emu.issueRefreshToken());
      const current = await new ZaloTokenManager(repo, client).accessToken();
      // One send's lookup of the stored token is slow (a busy database) when Zalo refuses that token to another.
      let lookedUp!: () => void;
      const slow = new Promise<void>((resolve) => (lookedUp = resolve));
      const manager = new ZaloTokenManager({ ...repo, get: async (channel) => (await slow, repo.get(channel)) }, client);
      emu.expireAccessTokens();
      const looking = manager.accessToken();
      const afterRefusal = manager.accessToken(current);
      lookedUp();
      expect(await looking).toBe(current);
      expect(await afterRefusal).not.toBe(current);
    } finally {
      await db.$disconnect();
    }
  });
});

describe.each(DATABASES)('a Zalo token refresh that keeps failing (%s)', (kind) => {
  async function manager() {
    const emu = new ZaloEmulator('app-1', 'app-secret', 'oa-secret');
    const api = await emu.start();
    onTestFinished(() => emu.stop());
    const url = await freshDatabaseUrl(kind);
    await migrate(url);
    const db = await openDb(url);
    onTestFinished(() => db.$disconnect());
    const repo = createChannelTokenRepo(db, TEST_SECRET_KEY);
    let now = Date.parse('2026-06-01T02:00:00Z');
    const logged: string[] = [];
    const logger = createLogger({ level: 'info', write: (line) => void logged.push(line) });
    const client = new ZaloClient({ apiRoot: api, oauthRoot: api, appId: 'app-1', appSecret: 'app-secret' });
    // Jitter at its largest: each wait is half its ceiling.
    const tokens = new ZaloTokenManager(repo, client, { now: () => new Date(now), refreshRetryMs: 10_000, refreshRetryMaxMs: 60_000, random: () => 1, logger });
    return { emu, repo, tokens, logged, advance: (ms: number) => (now += ms) };
  }

  it('is asked again only after a backoff that doubles up to its cap, with one line for the operator that names no token', async () => {
    const { emu, repo, tokens, logged, advance } = await manager();
    // A refresh token Zalo does not know (used already, or revoked).
    const dead = 'rt-revoked-0123456789abcdef';
    await repo.setRefreshToken('zalo', dead);
    const tries = async (n: number) => {
      const before = emu.refreshCalls;
      for (let i = 0; i < n; i++) await expect(tokens.accessToken()).rejects.toThrow();
      return emu.refreshCalls - before;
    };
    // A burst of 20 sends asks Zalo once, not 20 times.
    expect(await tries(20)).toBe(1);
    // 10 s ceiling, half of it with this jitter: not before 5 s, then once.
    advance(4_999);
    expect(await tries(5)).toBe(0);
    advance(1);
    expect(await tries(5)).toBe(1);
    // Then 10 s, 20 s, and 30 s at the 60 s cap.
    for (const waitMs of [10_000, 20_000, 30_000, 30_000]) {
      advance(waitMs - 1);
      expect(await tries(3)).toBe(0);
      advance(1);
      expect(await tries(3)).toBe(1);
    }
    expect(logged).toHaveLength(6);
    expect(logged.at(-1)).toContain('zalo token refresh failed');
    expect(logged.at(-1)).toContain('zalo set-refresh-token');
    expect(logged.at(-1)).toContain('"nextTryInSeconds":30');
    expect(logged.join('\n')).not.toContain(dead);

    // A new refresh token set by the operator is tried at once, and a success clears the backoff.
    await repo.setRefreshToken('zalo', emu.issueRefreshToken());
    const token = await tokens.accessToken();
    expect(token).toMatch(/^at-/);
    expect(logged.join('\n')).not.toContain(token);
  });

  it('that hands back the token it refused is not asked again and again', async () => {
    const { emu, repo, tokens } = await manager();
    await repo.setRefreshToken('zalo', emu.issueRefreshToken());
    const refused = await tokens.accessToken();
    emu.nextAccessToken = refused;
    await expect(tokens.accessToken(refused)).rejects.toThrow(/refused/);
    expect(emu.refreshCalls).toBeLessThanOrEqual(3);
  });
});
