import { describe, expect, test } from 'vitest';
import { CHAT_CHANNELS, type ChatChannel, type ChatUser } from '../support/chat-harness.js';
import { DATABASES, type DatabaseKind } from '../support/databases.js';
import { asOne, HALF_YEAR, MONTHLY, QUARTERLY, statisticsOffice } from '../support/same-morning.js';

const RUNS = CHAT_CHANNELS.flatMap((channel) => DATABASES.map((kind) => [channel, kind] as const));

const pressNamed = async (who: ChatUser, message: { buttons: { text: string; data: string }[] }, text: string) => who.press(message.buttons.find((b) => b.text === text)!.data);

async function askingForTime(channel: ChatChannel, kind: DatabaseKind) {
  const { app, clock, focal, supervisor, morning } = await statisticsOffice(channel, kind);
  let reminder: ReturnType<typeof asOne> | undefined;
  /** The focal point asks for more time on the numbered deadline of the 30/6 reminder, until `date`, for `reason`. */
  const ask = async (n: number, date: string, reason: string) => {
    reminder ??= asOne(await morning('2026-06-30'));
    await pressNamed(focal, reminder, `🗓 Gia hạn (${n})`);
    const [question] = await focal.receive();
    await focal.say(date);
    const [why] = await focal.receive();
    await focal.say(reason);
    const [sent] = await focal.receive();
    const [request] = await supervisor.receive();
    return { question: question!, why: why!, sent: sent!, request: request! };
  };
  const on30June = async () => (reminder ??= asOne(await morning('2026-06-30')));
  return { app, clock, focal, supervisor, morning, ask, on30June };
}

describe.each(RUNS)('deadline extensions on %s (%s)', (channel, kind) => {
  test('a focal point asks for more time from the reminder; approved, its reminders count towards the new date', async () => {
    const { app, focal, supervisor, morning, ask } = await askingForTime(channel, kind);
    const { question, sent, request } = await ask(3, '31/07/2026', 'Chờ kết quả điều tra lao động quý II');
    expect(question.text).toBe(`Xin gia hạn: ${HALF_YEAR} (hạn hiện tại trước ngày 15/07/2026).\nBạn cần hạn mới là trước ngày nào? Gõ ngày dạng ngày/tháng/năm, ví dụ 29/07/2026.`);
    expect(question.buttons.map((b) => b.text)).toEqual(['✖️ Hủy']);
    expect(sent.text).toBe(`Đã gửi đề nghị gia hạn «${HALF_YEAR}» đến trước ngày 31/07/2026 tới 1 cán bộ giám sát. Bạn sẽ nhận được trả lời tại đây; cho đến khi đó, hạn vẫn là trước ngày 15/07/2026.`);
    expect(request.text).toBe(`🗓 Đề nghị gia hạn từ Hằng (Thống kê tỉnh):\n${HALF_YEAR}\nHạn hiện tại: trước ngày 15/07/2026\nĐề nghị hạn mới: trước ngày 31/07/2026\nLý do: Chờ kết quả điều tra lao động quý II`);

    await pressNamed(supervisor, request, '✅ Đồng ý gia hạn');
    expect((await supervisor.receive())[0]!.text).toBe(`Đã đồng ý gia hạn «${HALF_YEAR}» (Thống kê tỉnh) đến trước ngày 31/07/2026. Lịch nhắc đã được dời theo hạn mới.`);
    expect((await focal.receive())[0]!.text).toBe(`✅ Đề nghị gia hạn được chấp thuận: ${HALF_YEAR} — hạn mới trước ngày 31/07/2026 (hạn ban đầu 15/07/2026). Lịch nhắc đã được dời theo hạn mới.`);
    // A second answer changes nothing.
    await pressNamed(supervisor, request, '❌ Từ chối');
    expect((await supervisor.receive())[0]!.text).toBe('Đề nghị gia hạn này đã được trả lời trước đó.');

    // A week later the half-yearly figures are no longer counted down to 15/7; the others are, and get done.
    const week = asOne(await morning('2026-07-07'));
    expect(week.text).toContain('⏰ Nhắc hạn: 2 hạn báo cáo của đơn vị bạn:');
    expect(week.text).not.toContain(HALF_YEAR);
    await pressNamed(focal, week, '✅ Xong (1)');
    await focal.receive();
    await pressNamed(focal, week, '✅ Xong (2)');
    await focal.receive();
    // Neither the first date's last-day call nor its overdue notice comes, to the focal point or the supervisor.
    expect(await morning('2026-07-14')).toEqual([]);
    await focal.say('/hanchot');
    await focal.receive();
    expect(await morning('2026-07-15')).toEqual([]);
    expect(await morning('2026-07-16', supervisor)).toEqual([]);
    // Fourteen days before the new date, its own ladder starts, saying the date was moved.
    const moved = await morning('2026-07-16');
    expect(moved).toHaveLength(1);
    expect(moved[0]!.text).toContain(`⏰ Nhắc hạn: ${HALF_YEAR} — còn 14 ngày (ngày cuối 30/07/2026).`);
    expect(moved[0]!.text).toContain('Hạn: trước ngày 31/07/2026 (đã gia hạn, hạn ban đầu 15/07/2026)');
    // Lists show both dates, and the deadline is not overdue for having passed its first one.
    await focal.say('/hanchot');
    const [list] = await focal.receive();
    expect(list!.text).toContain(`• 15/07/2026 → gia hạn đến 31/07/2026 — ${HALF_YEAR} (Thống kê tỉnh)`);
    expect(list!.text).not.toContain('· quá hạn');
        const record = await app.db.extension.findFirstOrThrow();
    expect([record.originalDueOn, record.requestedDueOn, record.status]).toEqual(['2026-07-15', '2026-07-31', 'approved']);
  });

  test('a bad date is asked again; a declined request tells the focal point why and leaves the deadline where it was', async () => {
    const { focal, supervisor, morning, ask, on30June } = await askingForTime(channel, kind);
    const reminder = await on30June();
    await pressNamed(focal, reminder, '🗓 Gia hạn (1)');
    await focal.receive();
    await focal.say('10/7/2026');
    expect((await focal.receive())[0]!.text).toContain('Hạn mới phải sau hạn hiện tại (15/07/2026) và sau hôm nay.');
    await focal.say('31/12/2026');
    expect((await focal.receive())[0]!.text).toContain('Chỉ có thể xin gia hạn tối đa 60 ngày, tức là đến trước ngày 13/09/2026.');
    await focal.say('hủy');
    expect((await focal.receive())[0]!.text).toBe('Đã hủy, không có đề nghị gia hạn nào được gửi.');
    expect(await supervisor.receiveAll()).toEqual([]);

    const { request } = await ask(1, '20/7/2026', 'Thiếu cán bộ tổng hợp');
    await pressNamed(supervisor, request, '❌ Từ chối');
    expect((await supervisor.receive())[0]!.text).toBe(`Vì sao từ chối gia hạn «${MONTHLY}» (Thống kê tỉnh)? Gõ lý do; đầu mối sẽ nhận được.`);
    await supervisor.say('Số liệu tháng phải nộp đúng hạn');
    expect((await supervisor.receive())[0]!.text).toBe(`Đã từ chối gia hạn «${MONTHLY}» (Thống kê tỉnh) và báo lý do cho đầu mối.`);
    expect((await focal.receive())[0]!.text).toBe(`❌ Đề nghị gia hạn không được chấp thuận: ${MONTHLY} — hạn vẫn là trước ngày 15/07/2026.\nLý do: Số liệu tháng phải nộp đúng hạn`);
    // The monthly figures are still counted down to 15/7.
    const week = asOne(await morning('2026-07-07'));
    expect(week.text).toContain(`1. ⏰ Nhắc hạn: ${MONTHLY} — còn 7 ngày`);
    expect(week.text).toContain(QUARTERLY);
  });
});
