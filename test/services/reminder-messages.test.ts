import { beforeAll, describe, expect, test } from 'vitest';
import type { TFunction } from 'i18next';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { createI18n } from '../../src/i18n.js';
import { render } from '../../src/messaging/render.js';
import { bundledReminderPayload, escalationPayload, reminderPayload, reminderView } from '../../src/services/reminder-messages.js';

let vi: TFunction;
let en: TFunction;
beforeAll(async () => {
  const i18n = await createI18n('vi');
  vi = i18n.getFixedT('vi');
  en = i18n.getFixedT('en');
});

const info = { planCode: 'nghe-an-7337-2022', code: 'labour-force-figures-quarterly', document: 'CV 7337/UBND-VX', planTitle: 'Về việc…', issuedOn: '2022-09-26' };
const quarterly = { title: 'Số liệu dân số, lực lượng lao động (quý)', recurrence: { every: 'quarter' as const, day: 15, says: 'Định kỳ hàng quý', assumed: 'day 15 chosen' } };
const step = (s: string) => ({ occurrenceKey: '7:3:2027-01-15', personId: 1, step: s, audience: 'focal' as const, fireAt: new Date() });

describe('a reminder of an assumed day', () => {
  test('says so beside the date, in Vietnamese and English', () => {
    const view = reminderView(quarterly, info, 'Cục Thống kê tỉnh', '2027-01-15');
    const payload = reminderPayload(step('before-7'), view, atLocalTime('2027-01-07', '08:00'));
    expect(render(vi, payload).text).toContain('Hạn: trước ngày 15/01/2027 (ngày do hệ thống đặt, văn bản chỉ ghi «Định kỳ hàng quý»)');
    expect(render(vi, payload).text).toContain('Căn cứ: CV 7337/UBND-VX');
    expect(render(en, payload).text).toContain("day set by the system; the document only says «Định kỳ hàng quý»");
  });

  test('past its day it is never called "quá hạn", for the focal point or the supervisor', () => {
    const view = reminderView(quarterly, info, 'Cục Thống kê tỉnh', '2027-01-15');
    const overdue = render(vi, reminderPayload(step('overdue-3'), view, atLocalTime('2027-01-18', '08:00'))).text;
    expect(overdue).toContain('📌 Đã qua 4 ngày so với ngày do hệ thống đặt');
    expect(overdue.toLowerCase()).not.toMatch(/quá hạn \d/);
    const escalation = render(vi, escalationPayload([{ ...view, hasFocal: true }], atLocalTime('2027-01-16', '08:00'))).text;
    expect(escalation).not.toContain('đã quá hạn:');
    expect(escalation).toContain('/datngay nghe-an-7337-2022/labour-force-figures-quarterly xacnhan');
  });

  test('bundled with others, each deadline still says its day was set by the system', () => {
    const items = ['7:3:2027-01-15', '8:3:2027-01-15'].map((key, i) => ({ step: { ...step('overdue-0'), occurrenceKey: key }, view: reminderView({ ...quarterly, title: `${quarterly.title} ${i + 1}` }, info, 'Cục Thống kê tỉnh', '2027-01-15') }));
    const text = render(vi, bundledReminderPayload(items, atLocalTime('2027-01-16', '08:00'))).text;
    expect(text.match(/^\d\. 📌 Đã qua 2 ngày so với ngày do hệ thống đặt/gm)).toHaveLength(2);
    expect(text.match(/Hạn: trước ngày 15\/01\/2027 \(ngày do hệ thống đặt, văn bản chỉ ghi «Định kỳ hàng quý»\)/g)).toHaveLength(2);
  });

  test('once extended, it is due on the approved day: no longer assumed, and overdue after it like any other', () => {
    const view = reminderView(quarterly, info, 'Cục Thống kê tỉnh', '2027-02-05', '2027-01-15');
    expect(view.assumed).toBeUndefined();
    const text = render(vi, reminderPayload({ ...step('overdue-1'), occurrenceKey: '7:3:2027-01-15' }, view, atLocalTime('2027-02-06', '08:00'))).text;
    expect(text).toMatch(/^⚠️ Quá hạn 2 ngày: /);
    expect(text).toContain('Hạn: trước ngày 05/02/2027 (đã gia hạn, hạn ban đầu 15/01/2027)');
  });

  test('a day the document gives reads as before, overdue included', () => {
    const view = reminderView({ title: 'Báo cáo kết quả', recurrence: { every: 'year', due: '15/12' } }, info, 'Sở Nội vụ', '2026-12-15');
    const text = render(vi, reminderPayload(step('overdue-3'), view, atLocalTime('2026-12-18', '08:00'))).text;
    expect(text).toContain('⚠️ Quá hạn 4 ngày');
    expect(text).toContain('Hạn: trước ngày 15/12/2026\n');
  });
});

describe('a plan without a number', () => {
  test('is cited by its title and date, never by an empty "Căn cứ:"', () => {
    const view = reminderView({ title: 'Báo cáo kết quả', recurrence: { every: 'year', due: '10/12' } }, { ...info, document: '', planTitle: 'Kế hoạch xây dựng chỉ tiêu phát triển đối tượng tham gia BHXH', issuedOn: '2022-01-01' }, 'Sở Nội vụ', '2026-12-10');
    const text = render(vi, reminderPayload(step('before-7'), view, atLocalTime('2026-12-02', '08:00'))).text;
    expect(text).toContain('Căn cứ: Kế hoạch xây dựng chỉ tiêu phát triển đối tượng tham gia BHXH (văn bản không số, ngày 01/01/2022)');
    expect(text).not.toMatch(/Căn cứ: *$/m);
  });
});
