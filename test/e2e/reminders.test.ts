import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { manualClock } from '../../src/services/clock.js';
import { CHAT_CHANNELS, harnessForTest, type ChatChannel, type ChatUser } from '../support/chat-harness.js';
import { DATABASES, type DatabaseKind } from '../support/databases.js';
import { cli, root } from '../support/test-app.js';

// Bình Phước's plan: agencies send their figures on workers to Sở LĐ-TB&XH before 30/6 every year.
const plan = parse(readFileSync(join(root, 'prisma/seed/plans/001-binh-phuoc.yaml'), 'utf8')) as { province: string; agencies: { code: string; name: string }[]; tasks: { code: string; title: string; lead: string[]; recurrence: { every?: string; due?: string } }[] };
const june30 = plan.tasks.find((t) => t.recurrence.every === 'year' && t.recurrence.due?.replace(/^0/, '') === '30/06')!;
const agencyCode = june30.lead[0]!;
const agencyName = plan.agencies.find((a) => a.code === agencyCode)!.name;
const tokenIn = (text: string) => /start[= ]([A-Za-z0-9_-]{20,})/.exec(text)?.[1];

const RUNS = CHAT_CHANNELS.flatMap((channel) => DATABASES.map((kind) => [channel, kind] as const));

const aboutJune30 = <T extends { text: string }>(texts: T[]): T[] => texts.filter((m) => m.text.includes(june30.title) && m.text.includes('30/06/2026'));

/** The service on 1/6/2026 at 09:00, for one test, with the steps its tests take and the people they start from. */
async function june2026(channel: ChatChannel, kind: DatabaseKind) {
  const clock = manualClock(atLocalTime('2026-06-01', '09:00'));
  const harness = await harnessForTest(channel, kind, { clock });
  const app = () => harness.running.app;
  /** Someone who accepts an invite now, as the province's supervisor or as the focal point of the agency leading the 30/6 report. */
  const invited = async (who: ChatUser, role: 'supervisor' | 'focal') => {
    const target = role === 'supervisor' ? { kind: 'supervisor' as const, province: plan.province } : { kind: 'focal' as const, agencyId: (await app().repos.agencies.byCode(agencyCode))!.id };
    const { token } = await app().invites.create({ target, now: clock.now() });
    await who.say(`/start ${token}`);
    await who.receive();
    return who;
  };
  return {
    harness,
    clock,
    person: (id: number, name: string) => harness.user(id, name),
    supervisor: () => invited(harness.user(101, 'Lan'), 'supervisor'),
    focal: () => invited(harness.user(202, 'Minh'), 'focal'),
    async moveTo(date: string, time = '08:00') {
      clock.set(atLocalTime(date, time));
      await app().scheduler.runOnce();
    },
    /** Someone looks at /hanchot; returns what had arrived for them before, for the test to look at. */
    async checkDeadlines(who: ChatUser, date: string) {
      clock.set(atLocalTime(date, '09:00'));
      const earlier = await who.receiveAll();
      await who.say('/hanchot');
      const [list] = await who.receive();
      expect(list!.text).toContain('📅 Hạn báo cáo');
      return earlier;
    },
  };
}

// Zalo lets the OA write only to people who wrote in the last 7 days; the people here use the bot often
// enough for that on both channels (test/e2e/zalo.test.ts follows someone who does not).
describe.each(RUNS)('deadline reminders end to end on %s (%s)', (channel, kind) => {
  test('the first supervisor is invited from the CLI and accepts with /start', async () => {
    const { harness, person } = await june2026(channel, kind);
    const invited = await cli(['invite', 'supervisor', '--province', plan.province], harness.databaseUrl);
    expect(invited.code).toBe(0);
    const token = tokenIn(invited.stdout)!;
    expect(token).toBeDefined();
    const supervisor = person(101, 'Lan');
    await supervisor.say(`/start ${token}`);
    const [accepted] = await supervisor.receive();
    expect(accepted!.text).toContain('cán bộ giám sát của Bình Phước');
  });

  test('a reused invite is refused, in Vietnamese, and grants nothing', async () => {
    const { harness, person } = await june2026(channel, kind);
    const stranger = person(303, 'Khách');
    const token = tokenIn((await cli(['invite', 'focal', '--agency', agencyCode], harness.databaseUrl)).stdout)!;
    await stranger.say(`/start ${token}`);
    await stranger.receive();
    const other = person(304, 'Khách 2');
    await other.say(`/start ${token}`);
    const [refused] = await other.receive();
    expect(refused!.text).toContain('đã được dùng');
    await other.say('/hanchot');
    expect((await other.receive())[0]!.text).toContain('dành cho đầu mối');
  });

  test('a citizen cannot use supervisor commands', async () => {
    const { person } = await june2026(channel, kind);
    const citizen = person(305, 'Dân');
    await citizen.say('/quahan');
    expect((await citizen.receive())[0]!.text).toBe('Lệnh này chỉ dành cho cán bộ giám sát; nếu bạn là cán bộ giám sát, hãy mở link mời bạn nhận được.');
    await citizen.say('/khonglenh');
    expect((await citizen.receive())[0]!.text).toContain('Không có lệnh /khonglenh');
  });

  test('the supervisor invites the focal point, who accepts', async () => {
    const { supervisor: lan, person } = await june2026(channel, kind);
    const supervisor = await lan();
    const focal = person(202, 'Minh');
    await supervisor.say(`/moi ${agencyCode}`);
    const replies = await supervisor.receive(2);
    const token = tokenIn(replies.map((r) => r.text).join('\n'))!;
    expect(token).toBeDefined();
    await focal.say(`/start ${token}`);
    const [accepted] = await focal.receive();
    expect(accepted!.text).toMatch(/^Bạn đã là đầu mối của /);
  });

  test('an expired invite is refused', async () => {
    const { supervisor: lan, person, clock } = await june2026(channel, kind);
    const supervisor = await lan();
    await supervisor.say(`/moi ${agencyCode}`);
    const token = tokenIn((await supervisor.receive(2)).map((r) => r.text).join('\n'))!;
    clock.advance(73 * 3_600_000);
    const late = person(306, 'Muộn');
    await late.say(`/start ${token}`);
    expect((await late.receive())[0]!.text).toContain('đã hết hạn');
  });

  test('on 12/6 the focal point looks at the agency\'s deadlines', async () => {
    const { focal, checkDeadlines } = await june2026(channel, kind);
    await checkDeadlines(await focal(), '2026-06-12');
  });

  test('the 14-day reminder arrives in Vietnamese at 08:00 on 15/6, with buttons', async () => {
    const { focal: minh, checkDeadlines, moveTo } = await june2026(channel, kind);
    const focal = await minh();
    await checkDeadlines(focal, '2026-06-12');
    await moveTo('2026-06-15', '07:59');
    expect(aboutJune30(await focal.receiveAll())).toEqual([]);
    await moveTo('2026-06-15');
    const reminder = aboutJune30(await focal.receive(1))[0]!;
    expect(reminder.text).toContain('⏰ Nhắc hạn');
    expect(reminder.text).toContain('ngày cuối 29/06/2026');
    expect(reminder.buttons.map((b) => b.text)).toEqual(['✅ Đã xong', '👌 Đã nhận', '⏳ Nhắc lại sau 1 ngày', '🗓 Xin gia hạn']);
  });

  test('a restart in the middle sends nothing twice', async () => {
    const { harness, focal: minh, checkDeadlines, moveTo } = await june2026(channel, kind);
    const focal = await minh();
    // The 14-day reminder went out on 15/6.
    await checkDeadlines(focal, '2026-06-12');
    await moveTo('2026-06-15');
    await focal.receive();
    await harness.restart();
    await harness.running.app.scheduler.runOnce();
    expect(aboutJune30(await focal.receiveAll())).toEqual([]);
  });

  test('the 7-day reminder follows; "done" stops the ladder', async () => {
    const { supervisor: lan, focal: minh, checkDeadlines, moveTo } = await june2026(channel, kind);
    const supervisor = await lan();
    const focal = await minh();
    await checkDeadlines(focal, '2026-06-19');
    await moveTo('2026-06-22');
    const reminder = aboutJune30(await focal.receive(1))[0]!;
    expect(reminder.text).toContain('còn 7 ngày');
    await focal.press(reminder.buttons.find((b) => b.text === '✅ Đã xong')!.data);
    const [ack] = await focal.receive();
    expect(ack!.text).toContain('Đã ghi nhận hoàn thành');
    for (const day of ['2026-06-26', '2026-06-29']) await moveTo(day);
    const toSupervisor = await checkDeadlines(supervisor, '2026-06-29');
    for (const day of ['2026-06-30', '2026-07-01']) await moveTo(day);
    toSupervisor.push(...(await checkDeadlines(supervisor, '2026-07-02')));
    await moveTo('2026-07-07');
    expect(aboutJune30(await focal.receiveAll())).toEqual([]);
    // The supervisor hears of the agencies that did not report, not of this one.
    const escalations = aboutJune30([...toSupervisor, ...(await supervisor.receiveAll())]);
    expect(escalations.map((m) => m.text.split('\n')[0])).toEqual([expect.stringMatching(/^🚨 \d+ hạn báo cáo đã quá hạn:$/), expect.stringMatching(/^🚨 \d+ hạn báo cáo đã quá hạn:$/)]);
    const lines = escalations.flatMap((m) => m.text.split('\n').slice(1));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.startsWith(`• ${agencyName}:`) || l.startsWith(`• ${agencyName} (`))).toEqual([]);
  });

  test('/hanchot shows the deadline as done', async () => {
    const { clock, focal: minh, checkDeadlines, moveTo } = await june2026(channel, kind);
    const focal = await minh();
    // The focal point answered the 7-day reminder with "done" on 22/6.
    await checkDeadlines(focal, '2026-06-19');
    await moveTo('2026-06-22');
    const [reminder] = aboutJune30(await focal.receive());
    await focal.press(reminder!.buttons.find((b) => b.text === '✅ Đã xong')!.data);
    await focal.receive();
    clock.set(atLocalTime('2026-06-23', '09:00'));
    await focal.say('/hanchot');
    const [list] = await focal.receive();
    expect(list!.text).toContain('📅 Hạn báo cáo của đơn vị');
  });
});
