import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { createTelegramChannel } from '../../src/channels/telegram.js';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { silentLogger } from '../../src/logger.js';
import { manualClock } from '../../src/services/clock.js';
import { createOutboxWorker } from '../../src/services/outbox-worker.js';
import { freshDatabaseUrl } from '../support/databases.js';
import { blocked, serverError, startScriptedBotApi, tooMany } from '../support/scripted-bot-api.js';
import { BOT_TOKEN } from '../support/telegram-emulator.js';
import { testConfig } from '../support/test-app.js';

describe('the outbox delivering over HTTP to a Bot API server', () => {
  let api: Awaited<ReturnType<typeof startScriptedBotApi>>;
  let app: App;
  const clock = manualClock(atLocalTime('2026-06-15', '08:00'));

  const chatOf = async (chatId: string, role?: 'focal' | 'supervisor') => {
    const p = await app.repos.people.personForChat({ channel: 'telegram', chatId, name: `p${chatId}`, language: 'vi', at: clock.now() });
    const agency = (await app.repos.agencies.list({ province: 'binh-phuoc' }))[0]!;
    if (role === 'focal') await app.repos.people.addRole(p.id, { kind: 'focal', agencyId: agency.id, province: null });
    if (role === 'supervisor') await app.repos.people.addRole(p.id, { kind: 'supervisor', agencyId: null, province: 'binh-phuoc' });
    return p;
  };
  const queue = async (personId: number, chatId: string, key: string) =>
    app.repos.outbox.enqueue({ dedupeKey: key, kind: 'notice', personId, channel: 'telegram', chatId, payload: { lines: [{ text: key }] }, notBefore: clock.now() });
  // Straight into the table, not through the repository: the app's own worker, woken by the repository, stays out.
  const queueUnannounced = async (personId: number, chatId: string, key: string) =>
    app.db.outbox.create({ data: { dedupeKey: key, kind: 'notice', personId, channel: 'telegram', chatId, payload: JSON.stringify({ lines: [{ text: key }] }), notBefore: clock.now() } });
  const row = async (key: string) => (await app.repos.outbox.list()).find((r) => r.dedupeKey === key)!;
  const released: { chatId: string; at: number }[] = [];

  beforeAll(async () => {
    api = await startScriptedBotApi();
    app = await createApp({ config: testConfig(await freshDatabaseUrl('sqlite')), logger: silentLogger, clock });
    // When the limiter lets each call go: the spacing it keeps. The server's arrival times add network jitter.
    const limiter = app.limiter('telegram', { perSecond: 30, perChatMs: 150 });
    const recorded: typeof limiter = {
      ...limiter,
      async acquire(chatId) {
        await limiter.acquire(chatId);
        released.push({ chatId, at: performance.now() });
      },
    };
    const telegram = createTelegramChannel({ token: BOT_TOKEN, apiRoot: api.apiRoot, conversation: app.conversation, logger: silentLogger, limiter: recorded });
    app.addSender(telegram.sender);
  });
  afterAll(async () => {
    await app?.close();
    await api?.stop();
  });

  test('HTTP 429 is retried after retry_after without counting as a failed attempt', async () => {
    const p = await chatOf('1001');
    api.script('1001', [tooMany(1)]);
    await queue(p.id, '1001', 'n429');
    await app.outbox.drain();
    expect(await row('n429')).toMatchObject({ status: 'pending', attempts: 0, lastError: expect.stringContaining('Too Many Requests') });
    clock.advance(1000);
    await app.outbox.drain();
    expect(await row('n429')).toMatchObject({ status: 'sent', attempts: 1 });
    const calls = api.calls.filter((c) => c.chatId === '1001');
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(995);
  });

  test('a chat that blocked the bot is marked, not retried, and reported to the supervisor', async () => {
    const supervisor = await chatOf('2001', 'supervisor');
    const focal = await chatOf('2002', 'focal');
    api.script('2002', [blocked()]);
    await queue(focal.id, '2002', 'nblocked');
    await app.outbox.drain();
    expect(await row('nblocked')).toMatchObject({ status: 'blocked' });
    expect((await app.repos.people.address(focal.id))!.blocked).toBe(true);
    await app.outbox.drain();
    expect(api.calls.filter((c) => c.chatId === '2002')).toHaveLength(1);
    const notice = api.calls.find((c) => c.chatId === '2001')!;
    expect(notice.text).toContain('p2002 đã chặn bot trên telegram');
    expect(supervisor.id).not.toBe(focal.id);
  });

  test('temporary failures back off and give up after the last attempt', async () => {
    const worker = createOutboxWorker({ outbox: app.repos.outbox, people: app.repos.people, i18n: app.i18n, clock, logger: silentLogger, maxAttempts: 3, random: () => 0, senders: new Map([['telegram', createTelegramChannel({ token: BOT_TOKEN, apiRoot: api.apiRoot, conversation: app.conversation, logger: silentLogger }).sender]]) });
    const p = await chatOf('3001');
    api.script('3001', [serverError(), serverError(), serverError(), serverError()]);
    await queueUnannounced(p.id, '3001', 'n500');
    await worker.drain();
    expect(await row('n500')).toMatchObject({ status: 'pending', attempts: 1 });
    const firstRetry = (await row('n500')).notBefore.getTime() - clock.now().getTime();
    expect(firstRetry).toBe(30_000);
    clock.advance(29_000);
    await worker.drain();
    expect(api.calls.filter((c) => c.chatId === '3001')).toHaveLength(1);
    clock.advance(1_000);
    await worker.drain();
    expect(await row('n500')).toMatchObject({ status: 'pending', attempts: 2 });
    clock.advance(60_000);
    await worker.drain();
    expect(await row('n500')).toMatchObject({ status: 'failed', attempts: 3 });
    clock.advance(3_600_000);
    await worker.drain();
    expect(api.calls.filter((c) => c.chatId === '3001')).toHaveLength(3);
  });

  test('messages to one chat are spaced by the per-chat limit, in order', async () => {
    const p = await chatOf('4001');
    for (let i = 0; i < 4; i++) await queue(p.id, '4001', `spaced-${i}`);
    await app.outbox.drain();
    const calls = api.calls.filter((c) => c.chatId === '4001');
    expect(calls.map((c) => c.text)).toEqual(['spaced-0', 'spaced-1', 'spaced-2', 'spaced-3']);
    const times = released.filter((r) => r.chatId === '4001').map((r) => r.at);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(145);
  });
});
