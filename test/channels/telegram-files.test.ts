import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTelegramChannel } from '../../src/channels/telegram.js';
import { silentLogger } from '../../src/logger.js';
import { manualClock } from '../../src/services/clock.js';
import { freshDatabaseUrl } from '../support/databases.js';
import { NOW, PLANS_DIR, PROVINCE, seedProgress } from '../support/progress-data.js';
import { startScriptedBotApi } from '../support/scripted-bot-api.js';
import { BOT_TOKEN } from '../support/telegram-emulator.js';
import { startApp, type RunningApp } from '../support/test-app.js';

// telegram-test-api has no sendDocument or sendPhoto, so the files go to a Bot API server that records uploads.
describe('report files sent over Telegram as documents and photos', () => {
  let running: RunningApp;
  let api: Awaited<ReturnType<typeof startScriptedBotApi>>;
  const rowValues = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as ExcelJS.CellValue[]).slice(1);

  beforeAll(async () => {
    // One report sent; every test reads what the Bot API server received.
    running = await startApp({ databaseUrl: await freshDatabaseUrl('sqlite', { plans: PLANS_DIR, seed: seedProgress }), clock: manualClock(NOW), config: { PLANS_DIR } });
    const supervisor = await running.app.repos.people.personForChat({ channel: 'telegram', chatId: '777', name: 'Lan', language: 'vi', at: NOW });
    await running.app.repos.people.addRole(supervisor.id, { kind: 'supervisor', agencyId: null, province: PROVINCE });
    api = await startScriptedBotApi();
    const telegram = createTelegramChannel({ token: BOT_TOKEN, apiRoot: api.apiRoot, conversation: running.app.conversation, logger: silentLogger });
    const replies = await running.app.conversation.handle({ channel: 'telegram', chatId: '777', name: 'Lan', text: '/baocao quý 3/2025 xlsx bieudo' });
    for (const reply of replies) await telegram.sender.send('777', reply);
  });
  afterAll(async () => {
    await api?.stop();
    await running?.stop();
  });

  test('the summary text first, then the spreadsheet as a document and one chart per metric as a photo', () => {
    expect(api.calls.map((c) => c.text.split('\n')[0])).toEqual(['📊 Tỉnh Mẫu · quý 3/2025']);
    expect(api.calls[0]!.text).toContain('📎 Gửi kèm 6 tệp.');
    expect(api.uploads.map((u) => [u.method, u.field, u.chatId, u.filename])).toEqual([
      ['sendDocument', 'document', '777', 'bao-cao-tinh-mau-2025-q3.xlsx'],
      ['sendPhoto', 'photo', '777', 'bao-cao-tinh-mau-2025-q3-bhxh_coverage.png'],
      ['sendPhoto', 'photo', '777', 'bao-cao-tinh-mau-2025-q3-voluntary_participants.png'],
      ['sendPhoto', 'photo', '777', 'bao-cao-tinh-mau-2025-q3-voluntary_coverage.png'],
      ['sendPhoto', 'photo', '777', 'bao-cao-tinh-mau-2025-q3-voluntary_new.png'],
      ['sendPhoto', 'photo', '777', 'bao-cao-tinh-mau-2025-q3-pension_share.png'],
    ]);
    expect(api.uploads.every((u) => u.data.length > 1000)).toBe(true);
  });

  test('each photo is a PNG of 1000 × 600', () => {
    for (const photo of api.uploads.filter((u) => u.field === 'photo')) {
      expect(photo.data.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect([photo.data.readUInt32BE(16), photo.data.readUInt32BE(20)]).toEqual([1000, 600]);
    }
  });

  test('the spreadsheet as received, read back cell by cell', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(api.uploads[0]!.data as never);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Tóm tắt',
      'Tổng hợp',
      'Chưa báo cáo',
      'Tỷ lệ tham gia BHXH',
      'Người tham gia BHXH tự nguyện',
      'Tỷ lệ tham gia BHXH tự nguyện',
      'Tham gia BHXH tự nguyện mới',
      'Tỷ lệ hưởng lương hưu, trợ cấp',
      'Ghi chú',
    ]);
    // The quarter at a glance: a row per agency, the province last; rates as fractions.
    const overview = workbook.getWorksheet('Tổng hợp')!;
    expect(rowValues(overview, 1)).toEqual(['Đơn vị', 'Mã', 'Số đơn vị', 'Đã báo cáo', 'Tỷ lệ tham gia BHXH', 'Người tham gia BHXH tự nguyện', 'Tỷ lệ tham gia BHXH tự nguyện', 'Tham gia BHXH tự nguyện mới', 'Tỷ lệ hưởng lương hưu, trợ cấp']);
    expect(rowValues(overview, 6)).toEqual(['UBND huyện Bình Sơn', 'tinh-mau.huyen-binh', 1, 1, undefined, 1580, undefined, 20 + 30]);
    expect(rowValues(overview, 7)).toEqual(['Tỉnh Mẫu', undefined, 5, 4, 0.435, 3700, expect.closeTo(0.056, 12), 210, 0.502]);
    expect(rowValues(workbook.getWorksheet('Chưa báo cáo')!, 2)).toEqual(['Sở Nội vụ', 'tinh-mau.so-noi-vu', 'Tỉnh Mẫu']);
    const ws = workbook.getWorksheet('Tỷ lệ tham gia BHXH')!;
    expect(rowValues(ws, 1)).toEqual(['Đơn vị', 'Kỳ báo cáo', 'Giá trị', 'Mục tiêu', 'Năm mục tiêu', 'Mốc theo lộ trình', 'Đánh giá', 'Ngày cập nhật', 'Tính từ số tham gia']);
    // From the first quarter with data (2024) to the one asked for: 2024 has no earlier target, so no line and "behind" until met.
    expect(rowValues(ws, 2)).toEqual(['Tỉnh Mẫu (tổng hợp)', 'quý 1/2024', 0.37, 0.4, 2024, undefined, 'Chậm']);
    expect(rowValues(ws, 5)).toEqual(['Tỉnh Mẫu (tổng hợp)', 'quý 4/2024', 0.405, 0.4, 2024, undefined, 'Đạt']);
    expect(rowValues(ws, 6)).toEqual(['Tỉnh Mẫu (tổng hợp)', 'quý 1/2025', 0.41, 0.44, 2025, 0.41, 'Đúng lộ trình']);
    expect(rowValues(ws, 8)[2]).toBeCloseTo(0.435, 12);
    expect(rowValues(ws, 8)[5]).toBeCloseTo(0.43, 12);
    expect(rowValues(ws, 8)[6]).toBe('Đúng lộ trình');
    expect(rowValues(ws, 9)).toEqual(['BHXH tỉnh Mẫu', 'quý 1/2024', 0.37, undefined, undefined, undefined, undefined, new Date(Date.UTC(2024, 3, 10, 9, 0))]);
    expect(ws.getRow(2).getCell(3).numFmt).toBe('0.00%');
    const people = workbook.getWorksheet('Người tham gia BHXH tự nguyện')!;
    const q3 = [...Array(people.rowCount).keys()].map((i) => rowValues(people, i + 1)).find((r) => r[0] === 'Tỉnh Mẫu (tổng hợp)' && r[1] === 'quý 3/2025');
    expect(q3?.slice(0, 3)).toEqual(['Tỉnh Mẫu (tổng hợp)', 'quý 3/2025', 3700]);
    expect(people.getRow(2).getCell(3).numFmt).toBe('#,##0');
  });
});
