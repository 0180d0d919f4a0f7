import { describe, expect, onTestFinished, test } from 'vitest';
import { SECRET_HEADER } from '../../src/channels/telegram-webhook.js';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { manualClock } from '../../src/services/clock.js';
import { DATABASES, freshDatabaseUrl, type DatabaseKind } from '../support/databases.js';
import { BOT_TOKEN, freePort, startTelegramEmulator, telegramPerson, telegramTextUpdate as textUpdate, type TelegramEmulator } from '../support/telegram-emulator.js';
import { SEED_PLANS, startApp, type RunningApp } from '../support/test-app.js';

const HOOK_PATH = '/telegram/hook';

/**
 * One service on one database and one Bot API emulator, for the running test; `start` (re)starts the service in
 * webhook mode on a fixed port, or in long-polling mode with `polling`.
 */
async function deployment(kind: DatabaseKind) {
  const databaseUrl = await freshDatabaseUrl(kind, { plans: SEED_PLANS });
  const emulator = await startTelegramEmulator();
  const port = await freePort();
  const clock = manualClock(atLocalTime('2026-06-01', '09:00'));
  let running: RunningApp | undefined;
  onTestFinished(async () => {
    await running?.stop();
    await emulator.stop();
  });
  const webhookUrl = `http://127.0.0.1:${port}${HOOK_PATH}`;
  return {
    emulator,
    clock,
    webhookUrl,
    app: () => running!.app,
    async start(mode: 'webhook' | 'polling' = 'webhook') {
      await running?.stop();
      const http = { HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1' };
      // The emulator is a self-hosted Bot API server, so the webhook may be a plain-http address: the service's own.
      running = await startApp({ databaseUrl, clock, telegramApiRoot: emulator.apiURL, config: mode === 'webhook' ? { ...http, TELEGRAM_WEBHOOK_URL: webhookUrl } : http });
      return running;
    },
    async stop() {
      await running?.stop();
      running = undefined;
    },
    /** Posts an update to the service's HTTP server as Telegram does, with the given secret header (or none). */
    post: (update: object, secret: string | undefined, path = HOOK_PATH) =>
      fetch(`${running!.httpUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(secret === undefined ? {} : { [SECRET_HEADER]: secret }) }, body: JSON.stringify(update) }),
  };
}

/** What the service gave setWebhook, as the emulator keeps it; undefined when no webhook is set. */
const registeredWebhook = (emulator: TelegramEmulator) => (emulator.server as unknown as { webhooks: Record<string, { url: string; secret_token?: string }> }).webhooks[BOT_TOKEN];

/** Waits until the bot has sent `count` messages more than `seen`, counted by the emulator. */
async function botSent(emulator: TelegramEmulator, seen: number, count = 1): Promise<void> {
  while (emulator.botMessages.seen < seen + count) await emulator.botMessages.after(emulator.botMessages.seen);
}

describe.each(DATABASES)('Telegram in webhook mode (%s)', (kind) => {
  test('registers its webhook with a secret, answers updates that carry it and refuses, storing and answering nothing, any that do not', async () => {
    const d = await deployment(kind);
    await d.start();
    const hook = registeredWebhook(d.emulator);
    expect(hook?.url).toBe(d.webhookUrl);
    expect(hook?.secret_token).toMatch(/^[A-Za-z0-9_-]{1,256}$/);
    const secret = hook!.secret_token!;
    const lan = telegramPerson(d.emulator, 5101, 'Lan');
    const forger = telegramPerson(d.emulator, 5102, 'Mallory');

    // As telegram-test-api posts to a webhook (and as a forger would): without the secret header. Refused.
    expect((await d.post(textUpdate(1, 5102, '/lang en'), undefined)).status).toBe(403);
    const forged = secret.slice(0, -1) + (secret.endsWith('a') ? 'b' : 'a');
    expect((await d.post(textUpdate(2, 5102, '/lang en'), forged)).status).toBe(403);
    expect((await d.post(textUpdate(3, 5102, '/lang en'), `${secret}x`)).status).toBe(403);
    expect((await d.post(textUpdate(4, 5102, '/lang en'), secret, '/telegram/other')).status).toBe(404);

    let seen = d.emulator.botMessages.seen;
    expect((await d.post(textUpdate(10, 5101, '/lang en'), secret)).status).toBe(200);
    await botSent(d.emulator, seen);
    expect((await lan.take()).map((m) => m.text)).toEqual(['Language set to English.']);

    // Telegram delivers again what it did not see answered: the second delivery is answered and skipped.
    expect((await d.post(textUpdate(10, 5101, '/lang en'), secret)).status).toBe(200);
    seen = d.emulator.botMessages.seen;
    expect((await d.post(textUpdate(11, 5101, '/lang vi'), secret)).status).toBe(200);
    await botSent(d.emulator, seen);
    expect((await lan.take()).map((m) => m.text)).toEqual(['Đã chuyển sang tiếng Việt.']);

    expect(await d.app().repos.people.chat('telegram', '5101')).toBeDefined();
    expect(await d.app().repos.people.chat('telegram', '5102')).toBeUndefined();
    expect(await d.app().repos.inboundEvents.count('telegram')).toBe(2);
    // Stopping waits for the updates in hand: after it, nothing more can arrive.
    await d.stop();
    expect(await lan.take()).toEqual([]);
    expect(await forger.take()).toEqual([]);
  });

  test('answers Telegram before it has handled the update, and handles it after', async () => {
    const d = await deployment(kind);
    const running = await d.start();
    const secret = registeredWebhook(d.emulator)!.secret_token!;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const handle = running.app.conversation.handle;
    running.app.conversation.handle = async (incoming) => {
      await held;
      return handle(incoming);
    };
    const seen = d.emulator.botMessages.seen;
    expect((await d.post(textUpdate(20, 5103, '/lang en'), secret)).status).toBe(200);
    expect(d.emulator.botMessages.seen).toBe(seen);
    release();
    await botSent(d.emulator, seen);
    expect((await telegramPerson(d.emulator, 5103, 'Hoa').take()).map((m) => m.text)).toEqual(['Language set to English.']);
  });

  test('handles at start an update a stopped instance had answered but not handled', async () => {
    const d = await deployment(kind);
    await d.start();
    // The process died between its 200 and the work, three minutes ago.
    const update = textUpdate(30, 5104, '/lang en');
    const receivedAt = new Date(d.clock.now().getTime() - 3 * 60_000);
    await d.app().repos.inboundEvents.record('telegram', '30', 'message', JSON.stringify(update), receivedAt);
    const seen = d.emulator.botMessages.seen;
    await d.start();
    await botSent(d.emulator, seen);
    expect((await telegramPerson(d.emulator, 5104, 'Tuấn').take()).map((m) => m.text)).toEqual(['Language set to English.']);
  });

  test('without TELEGRAM_WEBHOOK_URL it deletes the webhook at start and long-polls', async () => {
    const d = await deployment(kind);
    await d.start('webhook');
    expect(registeredWebhook(d.emulator)).toBeDefined();
    await d.start('polling');
    expect(registeredWebhook(d.emulator)).toBeUndefined();
    const minh = telegramPerson(d.emulator, 5105, 'Minh');
    const seen = d.emulator.botMessages.seen;
    await minh.say('/lang en');
    await botSent(d.emulator, seen);
    expect((await minh.take()).map((m) => m.text)).toEqual(['Language set to English.']);
  });
});
