import { describe, expect, test } from 'vitest';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { manualClock } from '../../src/services/clock.js';
import { harnessForTest } from '../support/chat-harness.js';
import { DATABASES } from '../support/databases.js';

const POOR = 'hộ nghèo được hỗ trợ bao nhiêu';
const NEAR_POOR = 'hộ cận nghèo được hỗ trợ bao nhiêu';

describe.each(DATABASES)('new people whose first messages arrive together (%s)', (kind) => {
  const onFirstJune = () => manualClock(atLocalTime('2026-06-01', '09:00'));

  test('on Zalo, 40 new users each following and writing at once get both answers, and one person each', async () => {
    const harness = await harnessForTest('zalo', kind, { clock: onFirstJune() });
    const zalo = harness.zalo!;
    const webhook = `${harness.running.httpUrl}/zalo/webhook`;
    const users = Array.from({ length: 40 }, (_, i) => harness.user(7000 + i, `Dân ${i}`));
    const statuses = await Promise.all(users.flatMap((u) => [zalo.deliver(webhook, zalo.followEvent(u.chatId)), zalo.deliver(webhook, zalo.userText(u.chatId, POOR))]));
    expect(statuses.every((s) => s === 200)).toBe(true);
    for (const user of users) {
      const replies = await user.receive(2);
      expect(replies.filter((m) => m.text.includes('165.000'))).toHaveLength(1);
    }
    const chats = await harness.running.app.db.chat.findMany({ where: { channel: 'zalo', chatId: { in: users.map((u) => u.chatId) } } });
    expect(chats).toHaveLength(40);
    expect(new Set(chats.map((c) => c.personId)).size).toBe(40);
    expect(await harness.running.app.db.inboundEvent.count({ where: { channel: 'zalo', OR: [{ processedAt: null }, { error: { not: null } }] } })).toBe(0);
  });

  test('on Telegram, five messages from a new chat sent at once are all answered, in the order they were written', async () => {
    const harness = await harnessForTest('telegram', kind, { clock: onFirstJune() });
    const citizen = harness.user(7100, 'Hoa');
    for (const text of [POOR, NEAR_POOR, POOR, NEAR_POOR, POOR]) await citizen.say(text);
    const replies = await citizen.receive(5);
    expect(replies.map((m) => (m.text.includes('165.000') ? 'poor' : m.text.includes('132.000') ? 'near-poor' : m.text))).toEqual(['poor', 'near-poor', 'poor', 'near-poor', 'poor']);
    expect(await harness.running.app.db.chat.count({ where: { chatId: citizen.chatId } })).toBe(1);
  });
});
