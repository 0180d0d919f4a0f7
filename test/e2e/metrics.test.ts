import { describe, expect, onTestFinished, test } from 'vitest';
import { SECRET_HEADER } from '../../src/channels/telegram-webhook.js';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { manualClock } from '../../src/services/clock.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';
import { parseExposition, sampleValue } from '../support/prometheus.js';
import { Signal } from '../support/signal.js';
import { BOT_TOKEN, freePort, startTelegramEmulator, telegramPerson } from '../support/telegram-emulator.js';
import { SEED_PLANS, startApp } from '../support/test-app.js';

const WEBHOOK_SECRET = 'metrics-test-webhook-secret';

describe.each(DATABASES)('GET /metrics (%s)', (kind) => {
  test('counts what the service answered and what its outbox holds, and shows no secret', async () => {
    const databaseUrl = await freshDatabaseUrl(kind, { plans: SEED_PLANS });
    const emulator = await startTelegramEmulator();
    const port = await freePort();
    const clock = manualClock(atLocalTime('2026-06-01', '09:00'));
    const running = await startApp({
      databaseUrl, clock, telegramApiRoot: emulator.apiURL,
      config: { HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1', TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/hook`, TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET },
    });
    onTestFinished(async () => {
      await running.stop();
      await emulator.stop();
    });

    // Someone writes once; the reply goes out. The update is marked processed once the service is done with it.
    const processed = new Signal();
    const { markProcessed } = running.app.repos.inboundEvents;
    running.app.repos.inboundEvents.markProcessed = async (...args) => {
      await markProcessed(...args);
      processed.notify();
    };
    const person = { id: 6101, is_bot: false, first_name: 'Lan' };
    const update = { update_id: 1, message: { message_id: 1, date: 1_780_000_000, from: person, chat: { ...person, type: 'private' }, text: '/lang en' } };
    await fetch(`${running.httpUrl}/telegram/hook`, { method: 'POST', headers: { 'content-type': 'application/json', [SECRET_HEADER]: WEBHOOK_SECRET }, body: JSON.stringify(update) });
    await processed.after(0);
    expect(await telegramPerson(emulator, 6101, 'Lan').take()).toHaveLength(1);

    // The outbox holds messages for later, one given up and one sent.
    const tomorrow = new Date(clock.now().getTime() + 86_400_000);
    const row = (key: string, channel: string, status: string) => ({ dedupeKey: key, kind: 'notice', personId: 1, channel, chatId: '6101', payload: '{"lines":[]}', notBefore: tomorrow, status });
    await running.app.db.outbox.createMany({ data: [row('a', 'telegram', 'pending'), row('b', 'telegram', 'pending'), row('c', 'zalo', 'pending'), row('d', 'telegram', 'failed'), row('e', 'telegram', 'sent')] });

    const response = await fetch(`${running.httpUrl}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(sampleValue(text, 'bhxh_outbox_depth', { status: 'pending', channel: 'telegram' })).toBe(2);
    expect(sampleValue(text, 'bhxh_outbox_depth', { status: 'pending', channel: 'zalo' })).toBe(1);
    expect(sampleValue(text, 'bhxh_outbox_depth', { status: 'failed', channel: 'telegram' })).toBe(1);
    expect(sampleValue(text, 'bhxh_outbox_depth', { status: 'sent', channel: 'telegram' })).toBeUndefined();
    expect(sampleValue(text, 'bhxh_messages_sent_total', { channel: 'telegram' })).toBe(1);
    expect(sampleValue(text, 'bhxh_inbound_handling_seconds_count', { channel: 'telegram' })).toBe(1);
    expect(sampleValue(text, 'bhxh_scheduler_tick_seconds_count')).toBeDefined();
    expect(sampleValue(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);

    // Labels are channels and statuses, never a chat; no setting appears anywhere.
    const labels = new Set(parseExposition(text).filter((s) => s.name.startsWith('bhxh_')).flatMap((s) => Object.keys(s.labels)));
    expect([...labels].sort()).toEqual(['channel', 'le', 'status']);
    for (const secret of [BOT_TOKEN, WEBHOOK_SECRET, databaseUrl]) expect(text).not.toContain(secret);
    // The chat's id as a label value (its digits may turn up inside a figure, such as CPU seconds).
    expect(parseExposition(text).filter((s) => Object.values(s.labels).includes('6101'))).toEqual([]);
  });
});
