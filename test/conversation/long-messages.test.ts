import { describe, expect, onTestFinished, test } from 'vitest';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { manualClock } from '../../src/services/clock.js';
import { MAX_MESSAGE_CHARS } from '../../src/conversation/core.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';
import { SEED_PLANS, startApp } from '../support/test-app.js';

// Telegram takes no message longer than 4,096 characters from a person; Zalo's webhook takes what anyone signs.
describe.each(DATABASES)('a message longer than any platform sends (%s)', (kind) => {
  test.each([20_000, 100_000])('of %i characters is answered "too long", unread, unlogged and not echoed', async (size) => {
    const clock = manualClock(atLocalTime('2026-11-23', '09:00'));
    const running = await startApp({ databaseUrl: await freshDatabaseUrl(kind, { plans: SEED_PLANS }), clock });
    onTestFinished(() => running.stop());
    const text = 'hộ nghèo đóng bao nhiêu '.repeat(Math.ceil(size / 24)).slice(0, size);
    const [reply, ...more] = await running.app.conversation.handle({ channel: 'console', chatId: 'c1', name: 'Hoa', text });
    expect(more).toEqual([]);
    expect(reply!.text).toBe(`Tin nhắn quá dài (${size} ký tự), tôi chưa đọc. Hãy gửi ngắn hơn ${MAX_MESSAGE_CHARS} ký tự, mỗi câu hỏi một tin.`);
    await running.app.conversation.written();
    expect(await running.app.repos.questions.since()).toEqual([]);
    // A message at the limit is read as any other.
    const [answer] = await running.app.conversation.handle({ channel: 'console', chatId: 'c1', name: 'Hoa', text: text.slice(0, MAX_MESSAGE_CHARS) });
    expect(answer!.text).toContain('165.000 đ');
  });
});
