import { describe, expect, onTestFinished, test } from 'vitest';
import { createApp } from '../../src/app.js';
import { createTelegramChannel } from '../../src/channels/telegram.js';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { silentLogger } from '../../src/logger.js';
import { manualClock } from '../../src/services/clock.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';
import { sampleValue } from '../support/prometheus.js';
import { blocked, startScriptedBotApi, tooMany } from '../support/scripted-bot-api.js';
import { BOT_TOKEN } from '../support/telegram-emulator.js';
import { SEED_PLANS, testConfig } from '../support/test-app.js';

describe.each(DATABASES)('replies, as the metrics count them (%s)', (kind) => {
  test('a reply taken is sent, one answered 429 is rate-limited and queued (not failed), one refused for good is failed', async () => {
    const api = await startScriptedBotApi();
    const clock = manualClock(atLocalTime('2026-06-15', '08:00'));
    const app = await createApp({ config: testConfig(await freshDatabaseUrl(kind, { plans: SEED_PLANS })), logger: silentLogger, clock });
    onTestFinished(async () => {
      await app.close();
      await api.stop();
    });
    const telegram = createTelegramChannel({ token: BOT_TOKEN, apiRoot: api.apiRoot, conversation: app.conversation, logger: silentLogger });
    for (const chatId of ['7001', '7002', '7003']) await app.repos.people.personForChat({ channel: 'telegram', chatId, name: `p${chatId}`, language: 'vi', at: clock.now() });
    api.script('7002', [tooMany(5)]);
    api.script('7003', [blocked()]);
    const reply = { text: 'Đã nhận câu hỏi.' };

    await app.replies(telegram.sender, '7001', [reply, reply]);
    await app.replies(telegram.sender, '7002', [reply]);
    await app.replies(telegram.sender, '7003', [reply]);

    const text = await app.metrics.registry.metrics();
    expect(sampleValue(text, 'bhxh_messages_sent_total', { channel: 'telegram' })).toBe(2);
    expect(sampleValue(text, 'bhxh_messages_rate_limited_total', { channel: 'telegram' })).toBe(1);
    expect(sampleValue(text, 'bhxh_messages_failed_total', { channel: 'telegram' })).toBe(1);
    expect((await app.repos.outbox.list()).map((m) => [m.chatId, m.status])).toEqual([['7002', 'pending']]);
  });
});
