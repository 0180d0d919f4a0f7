import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { manualClock } from '../../src/services/clock.js';
import { CHAT_CHANNELS, harnessForTest, type ChatChannel, type ChatUser } from '../support/chat-harness.js';
import { DATABASES, type DatabaseKind } from '../support/databases.js';
import { cli, root } from '../support/test-app.js';
import type { BotMessage } from '../support/telegram-emulator.js';

type PlanFile = { code: string; province: string; tasks: { code: string; title: string; lead: string[]; recurrence: { every?: string; due?: string } }[] };
const planFile = (name: string) => parse(readFileSync(join(root, 'prisma/seed/plans', name), 'utf8')) as PlanFile;
const ngheAn = planFile('002-nghe-an.yaml');
const binhPhuoc = planFile('001-binh-phuoc.yaml');
const taskOf = (plan: PlanFile, code: string) => plan.tasks.find((t) => t.code === code)!;
// Nghệ An's statistics office: "Định kỳ hàng quý" in the document, day 15 chosen by the plan file.
const quarterly = taskOf(ngheAn, 'labour-force-figures-quarterly');
const halfYearly = taskOf(ngheAn, 'labour-force-figures-half-yearly');
const quarterlyRef = `${ngheAn.code}/${quarterly.code}`;
// Bình Phước's Sở LĐ-TB&XH reports the plan's results before 10/12 each year, a day the document gives.
const yearlyResults = taskOf(binhPhuoc, 'yearly-results-report');
const targets = taskOf(binhPhuoc, 'socioeconomic-targets-report');
// Bình Phước's agencies send their figures before 30/6 each year.
const june30 = binhPhuoc.tasks.find((t) => t.recurrence.due === '30/06' && !('assumed' in t.recurrence))!;

const RUNS = CHAT_CHANNELS.flatMap((channel) => DATABASES.map((kind) => [channel, kind] as const));
const about = (title: string, messages: BotMessage[]) => messages.filter((m) => m.text.includes(title));

/** The service at `start`, with people invited as a province's supervisor or an agency's focal point. */
async function serviceAt(channel: ChatChannel, kind: DatabaseKind, start: string) {
  const clock = manualClock(atLocalTime(start, '09:00'));
  const harness = await harnessForTest(channel, kind, { clock });
  const app = () => harness.running.app;
  const invite = async (who: ChatUser, target: { province: string } | { agency: string }) => {
    const invited = 'province' in target
      ? { kind: 'supervisor' as const, province: target.province }
      : { kind: 'focal' as const, agencyId: (await app().repos.agencies.byCode(target.agency))!.id };
    const { token } = await app().invites.create({ target: invited, now: clock.now() });
    await who.say(`/start ${token}`);
    await who.receive();
    return who;
  };
  return {
    harness,
    clock,
    app,
    supervisor: (province: string) => invite(harness.user(101, 'Lan'), { province }),
    focal: (id: number, name: string, agency: string) => invite(harness.user(id, name), { agency }),
    /** The scheduler's minute at `time` on `date`: what it queues is sent. */
    async moveTo(date: string, time = '08:00') {
      clock.set(atLocalTime(date, time));
      await app().scheduler.runOnce();
    },
    /** Someone writes on `date` (Zalo lets the OA write only to people who wrote in the last 7 days): /hanchot. */
    async lookAtDeadlines(who: ChatUser, date: string): Promise<BotMessage> {
      clock.set(atLocalTime(date, '09:00'));
      await who.say('/hanchot');
      // A long list comes in parts (Telegram's 4,096 characters, Zalo's groups of five buttons).
      const parts = await who.receive();
      expect(parts[0]!.text).toMatch(/^📅/);
      return { text: parts.map((m) => m.text).join('\n'), buttons: parts.flatMap((m) => m.buttons) };
    },
  };
}

/** The line of a (possibly bundled) reminder that names a task. */
const lineAbout = (title: string, text: string) => text.split('\n').find((l) => l.includes(title));

describe.each(RUNS)('honest dates and agencies as they are, end to end on %s (%s)', (channel, kind) => {
  test('an assumed day is said in the reminder and the list, is not overdue until the supervisor confirms it, then is', async () => {
    const s = await serviceAt(channel, kind, '2027-01-06');
    const lan = await s.supervisor(ngheAn.province);
    const focal = await s.focal(202, 'Minh', quarterly.lead[0]!);
    const list = await s.lookAtDeadlines(focal, '2027-01-06');
    const lines = list.text.split('\n');
    const item = lines.findIndex((l) => l.includes(quarterly.title) && l.includes('15/01/2027'));
    expect(lines[item + 1]).toBe('   ↳ ngày do hệ thống đặt, văn bản chỉ ghi «Định kỳ hàng quý»');

    await s.moveTo('2027-01-07');
    const [reminder] = about(quarterly.title, await focal.receiveAll());
    expect(reminder!.text).toContain('⏰ Nhắc hạn');
    expect(reminder!.text).toContain('Hạn: trước ngày 15/01/2027 (ngày do hệ thống đặt, văn bản chỉ ghi «Định kỳ hàng quý»)');
    expect(reminder!.text).toContain('Căn cứ: CV 7337/UBND-VX');

    await s.lookAtDeadlines(focal, '2027-01-14');
    await s.moveTo('2027-01-15');
    const [pastDay] = about(quarterly.title, await focal.receiveAll());
    // The morning's three assumed days come as one bundled reminder, each numbered: the wording holds there too.
    expect(lineAbout(quarterly.title, pastDay!.text)).toMatch(/^(\d+\. )?📌 Đã qua 1 ngày so với ngày do hệ thống đặt/);
    expect(pastDay!.text).not.toContain('Quá hạn');

    // The supervisor has heard of earlier assumed days past (December's), none of them called overdue.
    const earlier = (await lan.receiveAll()).map((m) => m.text).join('\n');
    expect(earlier).toContain('📌');
    expect(earlier).not.toContain('đã quá hạn');
    s.clock.set(atLocalTime('2027-01-15', '09:00'));
    await lan.say('/quahan');
    const overdue = (await lan.receive(2)).map((m) => m.text);
    expect(overdue[0]).toContain('⚠️ Chưa có lịch nghỉ lễ năm 2028');
    expect(overdue[1]).not.toContain(quarterly.title);
    expect(overdue[1]).toMatch(/📌 Ngoài ra \d+ hạn có ngày do hệ thống đặt đã qua/);

    await lan.say(`/datngay ${quarterlyRef} xacnhan`);
    expect((await lan.receive())[0]!.text).toBe(`Đã xác nhận ngày của «${quarterly.title}»: hằng quý, trước ngày 15 của tháng đầu quý sau. Từ nay hạn này được tính như mọi hạn khác.`);
    await lan.say(`/datngay ${quarterlyRef} lichsu`);
    expect((await lan.receive())[0]!.text).toContain('• 15/01/2027 — Lan xác nhận: hằng quý, trước ngày 15 của tháng đầu quý sau → hằng quý, trước ngày 15 của tháng đầu quý sau');

    // Confirmed, it is overdue like any other; the half-yearly one, still assumed, is not.
    await s.moveTo('2027-01-18');
    const [late] = about(quarterly.title, await focal.receiveAll());
    expect(lineAbout(quarterly.title, late!.text)).toMatch(/^(\d+\. )?⚠️ Quá hạn \d+ ngày: /);
    const escalation = (await lan.receiveAll()).map((m) => m.text).join('\n').split('\n');
    expect(escalation.find((l) => l.includes(quarterly.title))).toMatch(/ — quá \d+ ngày \(hạn 15\/01\/2027\)$/);
    expect(escalation.find((l) => l.includes(halfYearly.title))).toContain('ngày do hệ thống đặt, văn bản chỉ ghi «Định kỳ 6 tháng»');
  });

  test('a merge in the middle of a ladder reopens nothing and repeats nothing', async () => {
    const s = await serviceAt(channel, kind, '2026-11-20');
    const lan = await s.supervisor(binhPhuoc.province);
    const minh = await s.focal(202, 'Minh', yearlyResults.lead[0]!);
    const hoa = await s.focal(203, 'Hoa', 'binh-phuoc.so-noi-vu');
    await lan.say(`/datngay ${binhPhuoc.code}/${targets.code} 15/12/2026`);
    await lan.receive();

    // 10/12 is done on its first reminder; 15/12 is acknowledged on its first.
    await s.lookAtDeadlines(minh, '2026-11-24');
    await s.moveTo('2026-11-25');
    const [results] = about(yearlyResults.title, await minh.receiveAll());
    expect(results!.text).toContain('còn 14 ngày');
    await minh.press(results!.buttons.find((b) => b.text === '✅ Đã xong')!.data);
    await minh.receive();
    await s.moveTo('2026-11-30');
    const [target] = about(targets.title, await minh.receiveAll());
    expect(target!.text).toContain('còn 14 ngày');
    await minh.press(target!.buttons.find((b) => b.text === '👌 Đã nhận')!.data);
    await minh.receive();

    await s.lookAtDeadlines(hoa, '2026-11-30');
    s.clock.set(atLocalTime('2026-12-01', '09:00'));
    await lan.say(`/donvi gop ${yearlyResults.lead[0]} binh-phuoc.so-noi-vu`);
    expect((await lan.receive())[0]!.text).toContain('Đã gộp');
    await s.app().scheduler.runOnce();

    const seen = { minh: [] as BotMessage[], hoa: [] as BotMessage[] };
    const collect = async () => {
      seen.minh.push(...(await minh.receiveAll()));
      seen.hoa.push(...(await hoa.receiveAll()));
    };
    await collect();
    for (const day of ['2026-12-02', '2026-12-04', '2026-12-07']) await s.moveTo(day);
    await collect();
    const list = await s.lookAtDeadlines(minh, '2026-12-07');
    expect(list.text).toContain(`10/12/2026 — ${yearlyResults.title} (Sở Nội vụ) · ✅ xong`);
    await s.lookAtDeadlines(hoa, '2026-12-07');
    for (const day of ['2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-14']) await s.moveTo(day);
    await collect();

    // The finished deadline stays finished: nobody hears of it again.
    expect(about(yearlyResults.title, [...seen.minh, ...seen.hoa])).toEqual([]);
    // Minh acknowledged 15/12 and had its 14-day reminder: only the last-day call comes, once. Hoa, new to the
    // deadline, gets the step that had fired when it became her agency's, then the same call; the countdown the
    // acknowledgement silenced stays silent for both.
    expect(about(targets.title, seen.minh).map((m) => m.text.split('\n')[0])).toEqual([`⏰ Hôm nay (14/12/2026) là ngày cuối: ${targets.title}.`]);
    expect(about(targets.title, seen.hoa).map((m) => m.text.split('\n')[0])).toEqual([
      `⏰ Nhắc hạn: ${targets.title} — còn 13 ngày (ngày cuối 14/12/2026).`,
      `⏰ Hôm nay (14/12/2026) là ngày cuối: ${targets.title}.`,
    ]);
    // The buttons of a reminder sent before the merge still work: they close the merged agency's deadline.
    s.clock.set(atLocalTime('2026-12-14', '10:00'));
    await minh.press(target!.buttons.find((b) => b.text === '✅ Đã xong')!.data);
    expect((await minh.receive())[0]!.text).toContain('Đã ghi nhận hoàn thành');
    expect((await s.lookAtDeadlines(hoa, '2026-12-14')).text).toContain(`15/12/2026 — ${targets.title} (Sở Nội vụ) · ✅ xong`);
  });

  test('/hanchot lists a 200-day-old overdue deadline with its button, and it is closed from chat', async () => {
    const s = await serviceAt(channel, kind, '2027-01-16');
    const focal = await s.focal(202, 'Minh', june30.lead[0]!);
    const list = await s.lookAtDeadlines(focal, '2027-01-16');
    expect(list.text.split('\n')[0]).toBe('📅 Hạn báo cáo của đơn vị: mọi hạn đã quá mà chưa xong (dù cũ đến đâu), rồi các hạn trong 60 ngày tới:');
    expect(list.text).toContain(`• ⚠️ 30/06/2026 — ${june30.title}`);
    const button = list.buttons.find((b) => b.text.startsWith('✅ Xong: 30/06/2026'))!;
    expect(button).toBeDefined();
    await focal.press(button.data);
    expect((await focal.receive())[0]!.text).toContain('Đã ghi nhận hoàn thành');
    const after = await s.lookAtDeadlines(focal, '2027-01-16');
    expect(after.text).not.toContain(`• ⚠️ 30/06/2026 — ${june30.title}`);
    const done = await cli(['deadlines', 'list', '--from', '2026-06-30', '--to', '2026-06-30', '--agency', june30.lead[0]!, '--json'], s.harness.databaseUrl);
    expect((JSON.parse(done.stdout) as { dueOn: string; status: string; task: string }[]).map((d) => `${d.dueOn} ${d.status} ${d.task}`)).toEqual([`2026-06-30 done ${june30.title}`]);
  });
});
