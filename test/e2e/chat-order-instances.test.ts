import { expect, onTestFinished, test } from 'vitest';
import { ZALO_WEBHOOK_PATH } from '../../src/channels/zalo/zalo-channel.js';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { manualClock } from '../../src/services/clock.js';
import { harnessForTest, watchZaloEvents } from '../support/chat-harness.js';
import { startApp } from '../support/test-app.js';

const CITIZENS = 12;

// Behind a load balancer one person's messages can reach two instances. Each citizen here answers a guided flow's
// three questions quickly, the second answer to the other instance as soon as the first has been taken (answered
// 200): each answer must find the state the one before it left, and the questions come back in order.
test("two instances on one PostgreSQL take a person's quick answers to a guided flow one after the other, in the order written", { timeout: 180_000 }, async () => {
  const clock = manualClock(atLocalTime('2026-06-01', '09:00'));
  const harness = await harnessForTest('zalo', 'postgresql', { clock });
  const zalo = harness.zalo!;
  const other = await startApp({ databaseUrl: harness.databaseUrl, clock, zalo });
  onTestFinished(() => other.stop());
  const otherIdle = watchZaloEvents(other.app.repos.inboundEvents);
  const [first, second] = [harness.running, other].map((s) => `${s.httpUrl}${ZALO_WEBHOOK_PATH}`);

  const citizens = Array.from({ length: CITIZENS }, (_, i) => harness.user(8300 + i, `Dân ${i}`));
  for (const citizen of citizens) {
    await citizen.say('/hotro');
    expect((await citizen.receive(2))[1]!.text).toContain('1/4');
  }
  await Promise.all(
    citizens.map(async (citizen) => {
      for (const [webhook, answer] of [[first, 'hộ cận nghèo'], [second, 'Hà Nội'], [first, '3tr5']] as const) {
        expect(await zalo.deliver(webhook!, zalo.userText(citizen.chatId, answer))).toBe(200);
      }
    }),
  );
  await otherIdle();
  await other.app.outbox.idle();
  for (const citizen of citizens) {
    const replies = await citizen.receiveAll();
    expect(replies.map((m) => /\d\/4/.exec(m.text)?.[0] ?? m.text)).toEqual(['2/4', '3/4', '4/4']);
    const state = await other.app.db.chatState.findUniqueOrThrow({ where: { channel_chatId: { channel: 'zalo', chatId: citizen.chatId } } });
    expect(JSON.parse(state.data)).toMatchObject({ step: 'months', category: 'near_poor', province: 'ha-noi', income: 3_500_000 });
  }
});
