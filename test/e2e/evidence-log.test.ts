import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { CHAT_CHANNELS, type ChatChannel } from '../support/chat-harness.js';
import { DATABASES, type DatabaseKind } from '../support/databases.js';
import { asOne, HALF_YEAR, MONTHLY, QUARTERLY, statisticsOffice } from '../support/same-morning.js';

const PLAN = 'tinh-mau-thong-ke-2026';
const AGENCY = 'Thống kê tỉnh';

const RUNS = CHAT_CHANNELS.flatMap((channel) => DATABASES.map((kind) => [channel, kind] as const));

/** A local time as the sheet keeps it: wall-clock figures, no zone. */
const sheetTime = (date: string, time = '00:00') => new Date(`${date}T${time}:00.000Z`);

async function readSheet(data: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as never);
  const sheet = workbook.worksheets[0]!;
  const rows: unknown[][] = [];
  // Cells left empty come back as holes, and a row ends at its last value: every row is read as all its columns.
  sheet.eachRow({ includeEmpty: false }, (row) => rows.push(Array.from({ length: sheet.columnCount }, (_, i) => row.getCell(i + 1).value ?? null)));
  return rows;
}

describe.each(RUNS)('the evidence log on %s (%s)', (channel: ChatChannel, kind: DatabaseKind) => {
  test('a reminder, its acknowledgement, snooze, extension asked and approved, and done: each a row of the downloaded xlsx, cell by cell', async () => {
    const { app, clock, focal, supervisor } = await statisticsOffice(channel, kind);

    clock.set(atLocalTime('2026-06-30', '08:00'));
    await app.scheduler.runOnce();
    const reminder = asOne(await focal.receiveAll());
    const numberOf = (title: string) => reminder.text.split('\n').find((l) => l.includes(title))!.match(/^(\d+)\. /)![1];
    const press = (label: string) => focal.press(reminder.buttons.find((b) => b.text === label)!.data);

    clock.set(atLocalTime('2026-06-30', '09:00'));
    await press(`👌 Đã nhận (${numberOf(MONTHLY)})`);
    await focal.receive();
    clock.set(atLocalTime('2026-06-30', '09:30'));
    await press(`⏳ Nhắc lại (${numberOf(QUARTERLY)})`);
    await focal.receive();
    clock.set(atLocalTime('2026-06-30', '10:00'));
    await press(`🗓 Gia hạn (${numberOf(HALF_YEAR)})`);
    await focal.receive();
    await focal.say('31/07/2026');
    await focal.receive();
    await focal.say('Chờ kết quả điều tra');
    await focal.receive();
    const [request] = await supervisor.receive();
    clock.set(atLocalTime('2026-06-30', '11:00'));
    await supervisor.press(request!.buttons.find((b) => b.text === '✅ Đồng ý gia hạn')!.data);
    await supervisor.receive();
    await focal.receive();
    clock.set(atLocalTime('2026-07-02', '14:00'));
    await press(`✅ Xong (${numberOf(MONTHLY)})`);
    await focal.receive();

    await supervisor.say('/baocao nhatky tháng 7/2026');
    const [reply] = await supervisor.receive();
    expect(reply!.text.split('\n')[0]).toBe('📎 Nhật ký nhắc hạn · Tỉnh Mẫu · hạn từ 01/07/2026 đến 31/07/2026: 8 dòng, gửi kèm bảng tính.');
    const files = await supervisor.files();
    expect(files.map((f) => f.filename)).toEqual(['nhat-ky-nhac-han-tinh-mau-2026-07.xlsx']);
    const rows = await readSheet(files[0]!.data);
    const on = channel === 'telegram' ? 'Telegram' : 'Zalo';
    const head = (task: string, extendedTo: Date | null = null) => [PLAN, task, AGENCY, sheetTime('2026-07-15'), extendedTo];
    const sent = (task: string, extendedTo: Date | null = null) => [...head(task, extendedTo), 'Nhắc hạn', sheetTime('2026-06-30', '08:00'), 'Hằng', on, 'đã gửi', sheetTime('2026-06-30', '08:00'), 'trước hạn 14 ngày'];
    expect(rows).toEqual([
      ['Kế hoạch', 'Nhiệm vụ', 'Đơn vị', 'Hạn', 'Gia hạn đến', 'Sự việc', 'Thời điểm', 'Người', 'Kênh', 'Gửi được?', 'Gửi lúc', 'Chi tiết'],
      sent(HALF_YEAR, sheetTime('2026-07-31')),
      [...head(HALF_YEAR, sheetTime('2026-07-31')), 'Xin gia hạn', sheetTime('2026-06-30', '10:00'), 'Hằng', null, null, null, 'đến trước ngày 31/07/2026; lý do: Chờ kết quả điều tra'],
      [...head(HALF_YEAR, sheetTime('2026-07-31')), 'Đồng ý gia hạn', sheetTime('2026-06-30', '11:00'), 'Lan', null, null, null, 'đến trước ngày 31/07/2026'],
      sent(QUARTERLY),
      [...head(QUARTERLY), 'Nhắc lại sau', sheetTime('2026-06-30', '09:30'), 'Hằng', on, null, null, 'nhắc lại lúc 01/07/2026 09:30'],
      sent(MONTHLY),
      [...head(MONTHLY), 'Đã nhận', sheetTime('2026-06-30', '09:00'), 'Hằng', on, null, null, null],
      [...head(MONTHLY), 'Hoàn thành', sheetTime('2026-07-02', '14:00'), 'Hằng', on, null, null, null],
    ]);

    // The focal point downloads their agency's log: the same rows.
    await focal.say('/baocao nhatky tháng 7/2026');
    await focal.receive();
    const [mine] = await focal.files();
    expect(await readSheet(mine!.data)).toEqual(rows);
  });
});
