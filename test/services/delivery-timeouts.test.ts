import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { createTelegramChannel } from '../../src/channels/telegram.js';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { silentLogger } from '../../src/logger.js';
import { manualClock } from '../../src/services/clock.js';
import { backoffMs } from '../../src/services/outbox-worker.js';
import { createScheduler } from '../../src/services/scheduler.js';
import { hang, ok, startScriptedBotApi, tooMany } from '../support/scripted-bot-api.js';
import { BOT_TOKEN } from '../support/telegram-emulator.js';
import { freshDatabaseUrl } from '../support/databases.js';
import { testConfig } from '../support/test-app.js';

/** Polls what the Bot API server has seen until `done` holds (the calls are the events waited on). */
const until = (done: () => boolean, timeout = 20_000) => vi.waitFor(() => expect(done()).toBe(true), { timeout, interval: 20 });

describe('a Bot API call that hangs', () => {
  let api: Awaited<ReturnType<typeof startScriptedBotApi>>;
  let app: App;
  const clock = manualClock(atLocalTime('2026-06-15', '08:00'));
  const TIMEOUT_MS = 400;

  /** Sends through a channel whose calls give up after `callTimeoutMs`, with a short per-chat gap. */
  const useChannel = (callTimeoutMs: number, limits = { perSecond: 200, perChatMs: 20 }) => {
    const telegram = createTelegramChannel({ token: BOT_TOKEN, apiRoot: api.apiRoot, conversation: app.conversation, logger: silentLogger, limiter: app.limiter('telegram', limits), callTimeoutMs });
    app.addSender(telegram.sender);
  };
  const person = (chatId: string) => app.repos.people.personForChat({ channel: 'telegram', chatId, name: `p${chatId}`, language: 'vi', at: clock.now() });
  // Straight into the table: the app's worker, woken by the repository, would drain on its own.
  const queue = async (chatId: string, key: string) => {
    const p = await person(chatId);
    await app.db.outbox.create({ data: { dedupeKey: key, kind: 'notice', personId: p.id, channel: 'telegram', chatId, payload: JSON.stringify({ lines: [{ text: key }] }), notBefore: clock.now() } });
  };
  const row = async (key: string) => (await app.repos.outbox.list()).find((r) => r.dedupeKey === key)!;
  const callsTo = (chatId: string) => api.calls.filter((c) => c.chatId === chatId);

  beforeAll(async () => {
    api = await startScriptedBotApi();
    app = await createApp({ config: testConfig(await freshDatabaseUrl('sqlite'), { DELIVERY_RETRY_SECONDS: '30' }), logger: silentLogger, clock });
  });
  afterAll(async () => {
    await api?.stop();
    await app?.close();
  });

  test('is abandoned after its timeout and retried as a server error is, while the other chats are served', async () => {
    useChannel(TIMEOUT_MS);
    api.script('5001', [hang('lost')]);
    for (const chat of ['5001', '5002', '5003']) await queue(chat, `hung-${chat}`);
    const started = performance.now();
    await app.outbox.drain();
    // telegraf alone would wait 500 s for an answer.
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(await row('hung-5001')).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining(`did not answer sendMessage within ${TIMEOUT_MS} ms`) });
    expect(await row('hung-5002')).toMatchObject({ status: 'sent' });
    expect(await row('hung-5003')).toMatchObject({ status: 'sent' });
    const retryIn = (await row('hung-5001')).notBefore.getTime() - clock.now().getTime();
    expect(retryIn).toBeGreaterThanOrEqual(15_000);
    expect(retryIn).toBeLessThanOrEqual(30_000);

    clock.advance(retryIn);
    await app.outbox.drain();
    expect(await row('hung-5001')).toMatchObject({ status: 'sent', attempts: 2 });
    expect(callsTo('5001').map((c) => c.status)).toEqual([0, 200]);
  });

  test('one the platform took before going silent is sent once more: the duplicate window of a timeout', async () => {
    useChannel(TIMEOUT_MS);
    api.script('5101', [hang('taken')]);
    await queue('5101', 'taken-5101');
    await app.outbox.drain();
    clock.advance(30_000);
    await app.outbox.drain();
    expect(await row('taken-5101')).toMatchObject({ status: 'sent', attempts: 2 });
    // The person has it twice: the service cannot tell a message lost on the way from an answer lost on the way back.
    expect(callsTo('5101').filter((c) => c.status === 200)).toHaveLength(2);
  });

  test('holds only its own chat: the other chats, and what the next planning queues, go out while it hangs', async () => {
    useChannel(120_000);
    api.script('5201', [hang('lost')]);
    for (const chat of ['5201', '5202', '5203', '5204']) await queue(chat, `held-${chat}`);
    let plannings = 0;
    const reminders = {
      tick: async () => {
        plannings++;
        if (plannings === 2) await queue('5299', 'planned-later');
        return plannings === 2 ? 1 : 0;
      },
    };
    const scheduler = createScheduler({ clock, reminders, outbox: app.outbox, logger: silentLogger });
    const first = scheduler.runOnce();
    await until(() => ['5202', '5203', '5204'].every((c) => callsTo(c).length === 1) && api.hanging() === 1);
    const second = scheduler.runOnce();
    await until(() => callsTo('5299').length === 1);
    expect(plannings).toBe(2);
    expect(api.hanging()).toBe(1);
    expect(await row('held-5201')).toMatchObject({ status: 'pending', attempts: 0 });
    // The hung call ends (the connection drops): it is retried later like any failed call, and both runs end.
    await api.drop();
    await Promise.all([first, second]);
    expect(await row('held-5201')).toMatchObject({ status: 'pending', attempts: 1 });
    expect(await row('planned-later')).toMatchObject({ status: 'sent' });
  });

  test('backoff doubles from the configured base, each wait less up to half of it at random', async () => {
    expect([0, 1, 2, 3].map((n) => backoffMs(n, 1000, 0))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(2, 1000, 0.999)).toBe(2002);
    expect(backoffMs(30, 30_000, 0)).toBe(3_600_000);
    // Twenty messages failing together come back spread out, not in one second.
    useChannel(TIMEOUT_MS);
    const chats = Array.from({ length: 20 }, (_, i) => String(5300 + i));
    for (const chat of chats) {
      api.script(chat, [{ ...ok(), status: 502, body: { ok: false, error_code: 502, description: 'Bad Gateway' } }]);
      await queue(chat, `spread-${chat}`);
    }
    await app.outbox.drain();
    const waits = await Promise.all(chats.map(async (c) => (await row(`spread-${c}`)).notBefore.getTime() - clock.now().getTime()));
    for (const w of waits) expect(w).toBeGreaterThanOrEqual(15_000);
    for (const w of waits) expect(w).toBeLessThanOrEqual(30_000);
    expect(Math.max(...waits) - Math.min(...waits)).toBeGreaterThan(2_000);
  });

  test("a 429's retry_after pauses every chat, not only the next batch", async () => {
    useChannel(5_000, { perSecond: 30, perChatMs: 20 });
    const chats = Array.from({ length: 60 }, (_, i) => String(5400 + i));
    api.script(chats[5]!, [tooMany(1)]);
    for (const chat of chats) await queue(chat, `paused-${chat}`);
    await app.outbox.drain();
    const refused = api.calls.find((c) => c.status === 429 && c.chatId === chats[5])!;
    const afterPause = api.calls.filter((c) => chats.includes(c.chatId) && c.at > refused.at);
    // Calls already on their way when the answer came may still arrive; none is started during the second after it.
    const during = afterPause.filter((c) => c.at > refused.at + 300 && c.at < refused.at + 1000);
    expect(during).toEqual([]);
    expect(afterPause.length).toBeGreaterThan(30);
    expect(afterPause.filter((c) => c.at >= refused.at + 1000).length).toBeGreaterThan(30);
  });
});
