import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { manualClock } from '../../src/services/clock.js';
import { CHAT_CHANNELS, harnessForTest, type ChatChannel } from '../support/chat-harness.js';
import { root } from '../support/test-app.js';

// Bình Phước's yearly report due before 30/6, as in the reminders test.
const plan = parse(readFileSync(join(root, 'prisma/seed/plans/001-binh-phuoc.yaml'), 'utf8')) as { tasks: { title: string; lead: string[]; recurrence: { every?: string; due?: string } }[] };
const june30 = plan.tasks.find((t) => t.recurrence.every === 'year' && t.recurrence.due?.replace(/^0/, '') === '30/06')!;

const title = june30.title;
const aboutDeadline = (texts: { text: string }[], task: string) => texts.filter((m) => m.text.includes(task) && m.text.includes('30/06/2026'));

/** For one test: the service on 19/6/2026, where Quân has just become the focal point of the agency leading the 30/6 report. */
async function focalOn19June(channel: ChatChannel) {
  const clock = manualClock(atLocalTime('2026-06-19', '09:00'));
  const harness = await harnessForTest(channel, 'sqlite', { clock });
  const app = harness.running.app;
  const agency = (await app.repos.agencies.byCode(june30.lead[0]!))!;
  const { token } = await app.invites.create({ target: { kind: 'focal', agencyId: agency.id }, now: clock.now() });
  const focal = harness.user(6101, 'Quân');
  await focal.say(`/start ${token}`);
  await focal.receive(2);
  const moveTo = async (date: string, time = '08:00') => {
    clock.set(atLocalTime(date, time));
    await app.scheduler.runOnce();
  };
  return { clock, focal, moveTo };
}

// Where buttons cannot be pressed (or people would rather write), a reminder is answered in words.
describe.each(CHAT_CHANNELS)('typed answers to reminders, and /lienket, on %s', (channel) => {
  test('with no reminder to answer, "xong" says so instead of guessing', async () => {
    const { focal } = await focalOn19June(channel);
    await focal.say('xong');
    expect((await focal.receive())[0]!.text).toBe('Không có nhắc hạn nào trong 7 ngày qua để trả lời. Gõ /hanchot để xem các hạn báo cáo.');
  });

  test('the reminder says what can be typed; "nhắc lại" snoozes it for a day', async () => {
    const { clock, focal, moveTo } = await focalOn19June(channel);
    await moveTo('2026-06-22');
    const [reminder] = aboutDeadline(await focal.receive(), title);
    expect(reminder!.text).toContain('Hoặc trả lời bằng chữ: «xong», «đã nhận» hoặc «nhắc lại».');
    clock.set(atLocalTime('2026-06-22', '10:00'));
    await focal.say('Nhắc lại');
    expect((await focal.receive())[0]!.text).toContain('Sẽ nhắc lại sau 1 ngày');
    // The snooze ends a day after it was asked for: one reminder then.
    await moveTo('2026-06-23', '09:59');
    expect(aboutDeadline(await focal.receiveAll(), title)).toEqual([]);
    await moveTo('2026-06-23', '10:00');
    expect(aboutDeadline(await focal.receive(), title)).toHaveLength(1);
  });

  test('"Xong rồi!" marks it done; nothing more comes', async () => {
    const { clock, focal, moveTo } = await focalOn19June(channel);
    // The 7-day reminder came on 22/6.
    await moveTo('2026-06-22');
    await focal.receive();
    clock.set(atLocalTime('2026-06-23', '11:00'));
    await focal.say('Xong rồi!');
    expect((await focal.receive())[0]!.text).toContain(`Đã ghi nhận hoàn thành: ${title}`);
    for (const day of ['2026-06-26', '2026-06-29']) await moveTo(day);
    expect(aboutDeadline(await focal.receiveAll(), title)).toEqual([]);
  });

  test('/lienket gives a code for the other channel, and refuses it here or mistyped', async () => {
    const { clock, focal } = await focalOn19June(channel);
    clock.set(atLocalTime('2026-06-29', '09:00'));
    await focal.say('/lienket');
    const [offer] = await focal.receive();
    const code = /Mã liên kết của bạn: ([A-Z0-9]{8}) \(hết hạn sau 15 phút\)/.exec(offer!.text)![1]!;
    await focal.say(`/lienket ${code}`);
    expect((await focal.receive())[0]!.text).toContain('Mã này được tạo ngay trong kênh này');
    await focal.say('/lienket ABCDEFGH');
    expect((await focal.receive())[0]!.text).toContain('Mã liên kết không đúng');
  });
});
