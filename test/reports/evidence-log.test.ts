import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, test } from 'vitest';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import type { LogEntry, LoggedDeadline } from '../../src/domain/reminders/evidence.js';
import type { Translate } from '../../src/domain/text/line.js';
import { createI18n } from '../../src/i18n.js';
import { translateWith } from '../../src/messaging/render.js';
import { evidenceHeaders, evidenceRows, writeEvidenceWorkbook } from '../../src/reports/evidence-log.js';

let vi: Translate;
let en: Translate;
beforeAll(async () => {
  const i18n = await createI18n('vi');
  vi = translateWith(i18n.getFixedT('vi'));
  en = translateWith(i18n.getFixedT('en'));
});

const deadline: LoggedDeadline = { key: '7:3:2026-07-15', plan: 'tinh-mau-2026', task: 'Số liệu quý', agency: 'Thống kê tỉnh', dueOn: '2026-07-15' };
const at = (date: string, time: string) => atLocalTime(date, time);
/** A sheet's local time: the wall-clock figures of Asia/Ho_Chi_Minh, no zone. */
const wall = (date: string, time: string) => new Date(`${date}T${time}:00.000Z`);
const base = { occurrenceKey: deadline.key, channel: 'zalo' };

describe('the rows of a deadline in the evidence log', () => {
  test('one per entry, in the order things happened, whatever order they were read in; local times, the deadline named on each', () => {
    const entries: LogEntry[] = [
      { ...base, kind: 'done', at: at('2026-07-10', '16:20'), person: 'Hằng' },
      { ...base, kind: 'reminder', at: at('2026-07-01', '08:00'), person: 'Hằng', delivery: { status: 'failed', at: at('2026-07-01', '08:03') }, step: 'before-10' },
      { ...base, kind: 'reminder', at: at('2026-07-08', '08:00'), person: 'Hằng', delivery: { status: 'sent', at: at('2026-07-08', '08:00') }, step: 'before-5@2026-07-31' },
      { ...base, kind: 'snoozed', at: at('2026-07-08', '09:15'), person: 'Hằng', snoozedUntil: at('2026-07-09', '09:15') },
      { ...base, channel: null, kind: 'extension_declined', at: at('2026-07-09', '10:00'), person: null, extension: { to: '2026-07-31', reason: 'Không đủ căn cứ' } },
    ];
    const head = ['tinh-mau-2026', 'Số liệu quý', 'Thống kê tỉnh', wall('2026-07-15', '00:00'), null];
    expect(evidenceRows(deadline, entries, vi)).toEqual([
      [...head, 'Nhắc hạn', wall('2026-07-01', '08:00'), 'Hằng', 'Zalo', 'không gửi được', wall('2026-07-01', '08:03'), 'trước hạn 10 ngày'],
      [...head, 'Nhắc hạn', wall('2026-07-08', '08:00'), 'Hằng', 'Zalo', 'đã gửi', wall('2026-07-08', '08:00'), 'trước hạn 5 ngày'],
      [...head, 'Nhắc lại sau', wall('2026-07-08', '09:15'), 'Hằng', 'Zalo', null, null, 'nhắc lại lúc 09/07/2026 09:15'],
      [...head, 'Từ chối gia hạn', wall('2026-07-09', '10:00'), '(đã xóa theo yêu cầu)', null, null, null, 'đề nghị đến trước ngày 31/07/2026; lý do từ chối: Không đủ căn cứ'],
      [...head, 'Hoàn thành', wall('2026-07-10', '16:20'), 'Hằng', 'Zalo', null, null, null],
    ]);
  });

  test('an extended deadline carries its new date on every row; a request at the same instant as its approval comes first', () => {
    const same = at('2026-07-02', '10:00');
    const rows = evidenceRows({ ...deadline, extendedTo: '2026-07-31' }, [
      { ...base, channel: null, kind: 'extension_approved', at: same, person: 'Lan', extension: { to: '2026-07-31', reason: '' } },
      { ...base, channel: null, kind: 'extension_requested', at: same, person: 'Hằng', extension: { to: '2026-07-31', reason: 'Chờ điều tra' } },
    ], en);
    expect(rows.map((r) => [r[4], r[5], r[11]])).toEqual([
      [wall('2026-07-31', '00:00'), 'Extension requested', 'to before 31/07/2026; reason: Chờ điều tra'],
      [wall('2026-07-31', '00:00'), 'Extension approved', 'to before 31/07/2026'],
    ]);
  });

  test('headers in the reader\'s language', () => {
    expect(evidenceHeaders(vi)).toEqual(['Kế hoạch', 'Nhiệm vụ', 'Đơn vị', 'Hạn', 'Gia hạn đến', 'Sự việc', 'Thời điểm', 'Người', 'Kênh', 'Gửi được?', 'Gửi lúc', 'Chi tiết']);
    expect(evidenceHeaders(en)[9]).toBe('Delivered?');
  });

  test('the workbook is written page by page and reads back with its dates as dates', async () => {
    async function* pages() {
      for (let p = 0; p < 3; p++) yield evidenceRows({ ...deadline, key: `7:3:${p}` }, [{ ...base, kind: 'done', at: at('2026-07-10', '16:20'), person: `Người ${p}` }], vi);
    }
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    expect(await writeEvidenceWorkbook(stream, 'Nhật ký', evidenceHeaders(vi), pages())).toBe(3);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as never);
    const sheet = workbook.getWorksheet('Nhật ký')!;
    expect(sheet.rowCount).toBe(4);
    expect([sheet.getCell('H4').value, sheet.getCell('G4').value, sheet.getCell('G4').numFmt, sheet.getCell('D2').numFmt]).toEqual(['Người 2', wall('2026-07-10', '16:20'), 'dd/mm/yyyy hh:mm', 'dd/mm/yyyy']);
  });
});
