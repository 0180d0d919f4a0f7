import { describe, expect, test } from 'vitest';
import { CHAT_CHANNELS } from '../support/chat-harness.js';
import { DATABASES } from '../support/databases.js';
import { asOne, HALF_YEAR, MONTHLY, QUARTERLY, statisticsOffice } from '../support/same-morning.js';

const RUNS = CHAT_CHANNELS.flatMap((channel) => DATABASES.map((kind) => [channel, kind] as const));

describe.each(RUNS)('one morning, one reminder per person, on %s (%s)', (channel, kind) => {
  test('three deadlines due the same morning come as one numbered reminder, each with its own buttons', async () => {
    const { app, morning } = await statisticsOffice(channel, kind);
    const reminder = asOne(await morning('2026-06-30'));
    expect(reminder.text).toContain('⏰ Nhắc hạn: 3 hạn báo cáo của đơn vị bạn:');
    // Numbered in the order the plan lists them, each with its own countdown and details.
    expect(reminder.text).toContain(`1. ⏰ Nhắc hạn: ${MONTHLY} — còn 14 ngày (ngày cuối 14/07/2026).`);
    expect(reminder.text).toContain(`2. ⏰ Nhắc hạn: ${QUARTERLY} — còn 14 ngày`);
    expect(reminder.text).toContain(`3. ⏰ Nhắc hạn: ${HALF_YEAR} — còn 14 ngày`);
    expect(reminder.text.match(/Hạn: trước ngày 15\/07\/2026/g)).toHaveLength(3);
    expect(reminder.text).toContain('«xong 1», «đã nhận 2» hoặc «nhắc lại 1»');
    expect(reminder.buttons.map((b) => b.text)).toEqual([1, 2, 3].flatMap((n) => [`✅ Xong (${n})`, `👌 Đã nhận (${n})`, `⏳ Nhắc lại (${n})`, `🗓 Gia hạn (${n})`]));
    // The digest and reports count deadlines: each keeps its own recorded step, all three under the one message.
    const steps = await app.db.reminderStep.findMany({ where: { step: 'before-14' } });
    expect(steps).toHaveLength(3);
    expect(new Set(steps.map((s) => s.outboxId)).size).toBe(1);
    expect(new Set(steps.map((s) => s.occurrenceKey)).size).toBe(3);
  });

  test('each deadline is answered on its own, by button or by its number typed, and the next morning follows', async () => {
    const { focal, morning } = await statisticsOffice(channel, kind);
    const reminder = asOne(await morning('2026-06-30'));
    await focal.press(reminder.buttons.find((b) => b.text === '✅ Xong (2)')!.data);
    expect((await focal.receive())[0]!.text).toBe(`Đã ghi nhận hoàn thành: ${QUARTERLY} (hạn 15/07/2026). Sẽ không nhắc nữa.`);
    await focal.say('xong');
    expect((await focal.receive())[0]!.text).toBe('Tin nhắc gần nhất có 3 hạn báo cáo. Hãy ghi kèm số thứ tự của hạn (1–3), ví dụ «xong 1».');
    await focal.say('đã nhận 1');
    expect((await focal.receive())[0]!.text).toBe(`Đã ghi nhận: ${MONTHLY} (hạn 15/07/2026). Bạn vẫn sẽ được nhắc vào ngày cuối.`);
    await focal.say('xong 7');
    expect((await focal.receive())[0]!.text).toBe('Tin nhắc gần nhất không có hạn số 7: chỉ có từ 1 đến 3.');

    // A week later only the half-yearly figures are still counted down: done and acknowledged ones are quiet.
    const next = await morning('2026-07-07');
    expect(next).toHaveLength(1);
    expect(next[0]!.text).toContain(`⏰ Nhắc hạn: ${HALF_YEAR} — còn 7 ngày`);
    expect(next[0]!.text).not.toContain(MONTHLY);
    expect(next[0]!.buttons.map((b) => b.text)).toEqual(['✅ Đã xong', '👌 Đã nhận', '⏳ Nhắc lại sau 1 ngày', '🗓 Xin gia hạn']);
    // (Zalo lets the OA write only to people who wrote in the last 7 days: the focal point looks at the list.)
    await focal.say('/hanchot');
    await focal.receive();
    // On the last day the acknowledged one is called again, with the half-yearly one: one message again.
    const lastDay = asOne(await morning('2026-07-14'));
    expect(lastDay.text).toContain('⏰ Nhắc hạn: 2 hạn báo cáo của đơn vị bạn:');
    expect(lastDay.text).toContain(`1. ⏰ Hôm nay (14/07/2026) là ngày cuối: ${MONTHLY}.`);
    expect(lastDay.text).toContain(`2. ⏰ Hôm nay (14/07/2026) là ngày cuối: ${HALF_YEAR}.`);
    expect(lastDay.text).not.toContain(QUARTERLY);
  });
});
