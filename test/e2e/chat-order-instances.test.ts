import { expect, onTestFinished, test } from 'vitest';
import { ZALO_WEBHOOK_PATH } from '../../src/channels/zalo/zalo-channel.js';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { manualClock } from '../../src/services/clock.js';
import { SECRET_HEADER } from '../../src/channels/telegram-webhook.js';
import { harnessForTest, watchZaloEvents } from '../support/chat-harness.js';
import { freshDatabaseUrl } from '../support/databases.js';
import { BOT_TOKEN, freePort, startTelegramEmulator, telegramPerson, telegramTextUpdate, type BotMessage } from '../support/telegram-emulator.js';
import { SEED_PLANS, startApp, type RunningApp } from '../support/test-app.js';

const CITIZENS = 12;
const TELEGRAM_CITIZENS = 30;

/** Where each reply stands in the guided flow ("2/4"), or its text. */
const steps = (replies: { text: string }[]) => replies.map((m) => /\d\/4/.exec(m.text)?.[0] ?? m.text);

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
    expect(steps(replies)).toEqual(['2/4', '3/4', '4/4']);
    const state = await other.app.db.chatState.findUniqueOrThrow({ where: { channel_chatId: { channel: 'zalo', chatId: citizen.chatId } } });
    expect(JSON.parse(state.data)).toMatchObject({ step: 'months', category: 'near_poor', province: 'ha-noi', income: 3_500_000 });
  }
});

test("two instances in Telegram webhook mode on one PostgreSQL take a person's quick answers one after the other, in the order written", { timeout: 180_000 }, async () => {
  const clock = manualClock(atLocalTime('2026-06-01', '09:00'));
  const databaseUrl = await freshDatabaseUrl('postgresql', { plans: SEED_PLANS });
  const emulator = await startTelegramEmulator();
  onTestFinished(() => emulator.stop());
  const ports = [await freePort(), await freePort()];
  // Both registered with one webhook address (the load balancer's, here the first's), so with one secret.
  const webhook = { TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${ports[0]}/telegram/hook`, HTTP_HOST: '127.0.0.1' };
  const instances: RunningApp[] = [];
  for (const port of ports) {
    const running = await startApp({ databaseUrl, clock, telegramApiRoot: emulator.apiURL, config: { ...webhook, HTTP_PORT: String(port) } });
    onTestFinished(() => running.stop());
    instances.push(running);
  }
  const secret = (emulator.server as unknown as { webhooks: Record<string, { secret_token: string }> }).webhooks[BOT_TOKEN]!.secret_token;
  let updateId = 0;
  const post = async (to: RunningApp, chatId: number, text: string) => {
    const response = await fetch(`${to.httpUrl}/telegram/hook`, { method: 'POST', headers: { 'content-type': 'application/json', [SECRET_HEADER]: secret }, body: JSON.stringify(telegramTextUpdate(++updateId, chatId, text, 'Dân')) });
    expect(response.status).toBe(200);
  };
  /** Resolves once the bot has sent `count` messages in all since `seen`. */
  const sent = async (seen: number, count: number) => {
    while (emulator.botMessages.seen < seen + count) await emulator.botMessages.after(emulator.botMessages.seen);
  };

  // More people than on Zalo: a Telegram update is taken in fewer steps, so an instance without the lock gets it wrong less often.
  const citizens = Array.from({ length: TELEGRAM_CITIZENS }, (_, i) => telegramPerson(emulator, 8400 + i, `Dân ${i}`));
  let seen = emulator.botMessages.seen;
  for (const citizen of citizens) await post(instances[0]!, Number(citizen.chatId), '/hotro');
  await sent(seen, 2 * citizens.length);
  for (const citizen of citizens) expect((await citizen.take()).at(-1)!.text).toContain('1/4');

  seen = emulator.botMessages.seen;
  const [first, second] = instances as [RunningApp, RunningApp];
  await Promise.all(
    citizens.map(async (citizen) => {
      for (const [to, answer] of [[first, 'hộ cận nghèo'], [second, 'Hà Nội'], [first, '3tr5']] as const) await post(to, Number(citizen.chatId), answer);
    }),
  );
  await sent(seen, 3 * citizens.length);
  for (const citizen of citizens) {
    expect(steps((await citizen.take()) as BotMessage[])).toEqual(['2/4', '3/4', '4/4']);
    const state = await second.app.db.chatState.findUniqueOrThrow({ where: { channel_chatId: { channel: 'telegram', chatId: citizen.chatId } } });
    expect(JSON.parse(state.data)).toMatchObject({ step: 'months', category: 'near_poor', province: 'ha-noi', income: 3_500_000 });
  }
});
