import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { manualClock } from '../../src/services/clock.js';
import { CHAT_CHANNELS, harnessForTest, type ChatChannel, type ChatUser } from '../support/chat-harness.js';
import { DATABASES, type DatabaseKind } from '../support/databases.js';
import { root } from '../support/test-app.js';

// Bình Phước's plan, whose tasks have long titles ("Tổng hợp và cung cấp thông tin xác định chỉ tiêu đối tượng …").
const plan = parse(readFileSync(join(root, 'prisma/seed/plans/001-binh-phuoc.yaml'), 'utf8')) as { tasks: { title: string; lead: string[]; recurrence: { every?: string; due?: string } }[] };
const june30 = plan.tasks.find((t) => t.recurrence.every === 'year' && t.recurrence.due?.replace(/^0/, '') === '30/06')!;
const TITLES = plan.tasks.map((t) => t.title);

const RUNS = CHAT_CHANNELS.flatMap((channel) => DATABASES.map((kind) => [channel, kind] as const));

/** The service on 1/6/2026 over the seed plans, with a supervisor of every province and the focal point of the 30/6 report's agency. */
async function june2026(channel: ChatChannel, kind: DatabaseKind) {
  const clock = manualClock(atLocalTime('2026-06-01', '09:00'));
  const harness = await harnessForTest(channel, kind, { clock });
  const app = harness.running.app;
  const accept = async (who: ChatUser, target: Parameters<typeof app.invites.create>[0]['target']) => {
    await who.say(`/start ${(await app.invites.create({ target, now: clock.now() })).token}`);
    await who.receive();
    return who;
  };
  return {
    harness,
    everywhere: () => accept(harness.user(301, 'Lan'), { kind: 'supervisor', province: '*' }),
    focal: async () => accept(harness.user(302, 'Minh'), { kind: 'focal', agencyId: (await app.repos.agencies.byCode(june30.lead[0]!))!.id }),
  };
}

describe.each(RUNS)('what people read in the chat, on %s (%s)', (channel, kind) => {
  test('headings open with a capital, and a month that does not exist is a wrong period, not an unknown agency', async () => {
    const { everywhere } = await june2026(channel, kind);
    const supervisor = await everywhere();
    await supervisor.say('/quahan');
    const [overdue] = await supervisor.receive();
    expect(overdue!.text).toMatch(/^(⚠️|✅) Tất cả các tỉnh: /);
    await supervisor.say('/hanchot');
    expect((await supervisor.receive())[0]!.text.split('\n')[0]).toBe('📅 Hạn báo cáo của tất cả các tỉnh: mọi hạn đã quá mà chưa xong (dù cũ đến đâu), rồi các hạn trong 60 ngày tới:');
    await supervisor.say('/baocao tháng 13/2026');
    expect((await supervisor.receive())[0]!.text).toBe(
      'Không hiểu kỳ báo cáo «tháng 13/2026»: tháng từ 1 đến 12, quý từ 1 đến 4. Ví dụ: /baocao tháng 10/2026, /baocao quý 3/2026, /baocao 6 tháng đầu năm 2026, /baocao năm 2026.',
    );
    await supervisor.say('/baocao Sở Không Có');
    expect((await supervisor.receive())[0]!.text).toContain('Không tìm thấy đơn vị hay tỉnh «Sở Không Có»');
  });

  test('buttons cut long task titles after a whole word', async () => {
    const { focal } = await june2026(channel, kind);
    const minh = await focal();
    await minh.say('/hanchot');
    const [list] = await minh.receive();
    const labels = list!.buttons.map((b) => b.text);
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) {
      const title = /^✅ Xong: \d{2}\/\d{2}\/\d{4} (.+)$/.exec(label)![1]!;
      const whole = TITLES.find((t) => t === title || (title.endsWith('…') && t.startsWith(title.slice(0, -1))));
      expect(whole, label).toBeDefined();
      // Cut where a word ends: what follows in the whole title is a space.
      if (title.endsWith('…')) expect([...title].length <= 32 && /^[\s,;:]/.test(whole!.slice(title.length - 1))).toBe(true);
    }
    expect(labels.some((l) => l.endsWith('…'))).toBe(true);
  });

  test('the guided draft shows a rate with its %, and the example of a one-line update is written with its diacritics', async () => {
    const { focal } = await june2026(channel, kind);
    const minh = await focal();
    await minh.say('/capnhat');
    const [periods] = await minh.receive();
    await minh.press(periods!.buttons[0]!.data);
    const [menu] = await minh.receive();
    await minh.press(menu!.buttons.find((b) => b.text === 'Tỷ lệ tham gia BHXH tự nguyện')!.data);
    await minh.receive();
    await minh.say('5,2');
    const [draft] = await minh.receive();
    expect(draft!.text.split('\n')).toContain('• Tỷ lệ tham gia BHXH tự nguyện: 5,2%');
    await minh.say('huỷ');
    await minh.receive();
    await minh.say('/capnhat tunguyen=abc');
    expect((await minh.receive())[0]!.text.split('\n').at(-1)).toBe('Ví dụ: /capnhat tunguyen=1250 tyle_tunguyen=4,8% ky=quý 3/2026 ghichu=…');
  });

  test('in English, problems are counted in words that agree with the number', async () => {
    const { focal } = await june2026(channel, kind);
    const minh = await focal();
    await minh.say('/lang en');
    await minh.receive();
    await minh.say('/update voluntary=-5 abc=1');
    expect((await minh.receive())[0]!.text.split('\n')[0]).toBe('❌ Nothing was saved: 2 problems:');
    await minh.say('/update voluntary=-5');
    expect((await minh.receive())[0]!.text.split('\n')[0]).toBe('❌ Nothing was saved: 1 problem:');
  });

  test('an English message off the topic in a Vietnamese chat is answered in English', async () => {
    const { harness } = await june2026(channel, kind);
    const visitor = harness.user(303, 'Mark');
    await visitor.say('Can you recommend a restaurant near Hoan Kiem lake?');
    const [reply] = await visitor.receive();
    expect(reply!.text).toContain('Sorry, I am not sure I understood the question');
    expect(reply!.buttons.map((b) => b.text)).toContain('Pass my question to social insurance staff');
  });
});
