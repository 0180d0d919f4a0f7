import { describe, expect, onTestFinished, test } from 'vitest';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { manualClock } from '../../src/services/clock.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';
import { SEED_PLANS, startApp } from '../support/test-app.js';

const TELEGRAM_LIMIT = 4096;

describe.each(DATABASES)('/hanchot for a supervisor of every province, years after the plans began (%s)', (kind) => {
  test('the oldest past deadlines come first with their buttons, in messages a chat takes, and the rest are counted', async () => {
    const clock = manualClock(atLocalTime('2027-06-01', '09:00'));
    const running = await startApp({ databaseUrl: await freshDatabaseUrl(kind, { plans: SEED_PLANS }), clock });
    onTestFinished(() => running.stop());
    const { people } = running.app.repos;
    const supervisor = await people.personForChat({ channel: 'console', chatId: 'sup', name: 'Lan', language: 'vi', at: clock.now() });
    await people.addRole(supervisor.id, { kind: 'supervisor', agencyId: null, province: '*' });
    const replies = await running.app.conversation.handle({ channel: 'console', chatId: 'sup', name: 'Lan', text: '/hanchot' });

    expect(replies.length).toBeGreaterThan(1);
    for (const r of replies) expect(r.text.length).toBeLessThanOrEqual(TELEGRAM_LIMIT);
    const text = replies.map((r) => r.text).join('\n');
    const past = text.split('\n').filter((l) => l.startsWith('• ⚠️') || l.startsWith('• 📌'));
    expect(past).toHaveLength(40);
    const dates = past.map((l) => /(\d\d)\/(\d\d)\/(\d{4})/.exec(l)!.slice(1).reverse().join('-'));
    expect(dates).toEqual([...dates].sort());
    expect(text).toMatch(/… và \d+ hạn đã quá khác chưa xong/);
    expect(replies.flatMap((r) => r.buttons?.flat() ?? []).length).toBeGreaterThanOrEqual(40);
  });
});
