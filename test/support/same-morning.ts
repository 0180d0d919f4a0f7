import { join } from 'node:path';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { manualClock } from '../../src/services/clock.js';
import { harnessForTest, type ChatChannel, type ChatUser } from './chat-harness.js';
import type { DatabaseKind } from './databases.js';
import { root } from './test-app.js';
import type { BotMessage } from './telegram-emulator.js';

// Tỉnh Mẫu's statistics office owes its monthly, quarterly and half-yearly figures all before 15/7/2026.
export const SAME_MORNING_PLANS = join(root, 'test/fixtures/plans/same-morning');
export const MONTHLY = 'Số liệu lao động tháng';
export const QUARTERLY = 'Số liệu lao động quý';
export const HALF_YEAR = 'Số liệu lao động 6 tháng';

/** One message as the person reads it: Zalo sends five buttons a message, the rest under a marker. */
export const asOne = (messages: BotMessage[]) => ({ text: messages.map((m) => m.text).join('\n'), buttons: messages.flatMap((m) => m.buttons) });

/**
 * The statistics office's world on 26/6/2026: its focal point (Hằng) and the province's supervisor (Lan) invited,
 * and `morning`, the scheduler's 08:00 run on a date, returning what a person was sent.
 */
export async function statisticsOffice(channel: ChatChannel, kind: DatabaseKind) {
  const clock = manualClock(atLocalTime('2026-06-26', '09:00'));
  const harness = await harnessForTest(channel, kind, { clock, plans: SAME_MORNING_PLANS });
  const app = harness.running.app;
  const invited = async (who: ChatUser, target: Parameters<typeof app.invites.create>[0]['target']) => {
    const { token } = await app.invites.create({ target, now: clock.now() });
    await who.say(`/start ${token}`);
    await who.receive();
    return who;
  };
  const agency = (await app.repos.agencies.byCode('tinh-mau.thong-ke'))!;
  const focal = await invited(harness.user(202, 'Hằng'), { kind: 'focal', agencyId: agency.id });
  const supervisor = await invited(harness.user(101, 'Lan'), { kind: 'supervisor', province: 'tinh-mau' });
  const morning = async (date: string, who: ChatUser = focal) => {
    clock.set(atLocalTime(date, '08:00'));
    await app.scheduler.runOnce();
    return who.receiveAll();
  };
  return { harness, app, clock, agency, focal, supervisor, morning };
}
