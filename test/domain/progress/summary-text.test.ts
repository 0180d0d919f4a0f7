import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { i18n } from 'i18next';
import { createI18n } from '../../../src/i18n.js';
import { findMetric } from '../../../src/domain/progress/metrics.js';
import { parseUpdateLine, type UpdateErrorCode } from '../../../src/domain/progress/parse-update.js';
import { overdueLines, summaryLines } from '../../../src/domain/progress/summary-text.js';
import { renderLines, type TextLine } from '../../../src/domain/text/line.js';
import { errorLine, updateErrorLines, updateSavedLines } from '../../../src/domain/progress/update-text.js';
import { NOW, agencies, at, deadlines, targets, updates } from './fixture.js';
import { overdueReport, summarise } from './in-memory.js';

let i18n: i18n;
beforeAll(async () => {
  i18n = await createI18n('vi');
});
const render = (lines: TextLine[], lng: 'vi' | 'en' = 'vi') => renderLines(lines, (key, params) => i18n.t(key, { ...params, lng }));
const locale = (lng: string) => JSON.parse(readFileSync(join(import.meta.dirname, '../../../locales', lng, 'progress.json'), 'utf8'));

describe('the summary as text', () => {
  const summary = summarise({ agencies, targets, updates, deadlines }, { scope: { province: 'BP' }, period: '2024-Q3', now: NOW });

  test('Vietnamese, with Vietnamese number formats', () => {
    expect(render(summaryLines(summary, { scopeName: 'Bình Phước' }))).toBe(
      [
        '📊 Bình Phước · quý 3/2024',
        'Đã báo cáo: 4/5 đơn vị',
        '▸ Tỷ lệ tham gia BHXH: 41,5% (+1,5 điểm)',
        '   🎯 BP-2022 – mục tiêu 2024: ≥ 42% · 🟡 Đúng lộ trình (mốc: 41%)',
        '   🎯 BP-NQ – mục tiêu 2025: ≥ 55% · 🔴 Chậm (mốc: 53,44%)',
        '▸ Tỷ lệ tham gia BHTN: 33,2% (+0,4 điểm)',
        '   🎯 Mục tiêu 2024: ≥ 33% · 🟢 Đạt',
        '▸ Người tham gia BHXH tự nguyện: 4.700 (-450)',
        '▸ Tỷ lệ tham gia BHXH tự nguyện: 5,6% (+0,3 điểm)',
        '   🎯 Mục tiêu 2024: ≥ 6% · 🔴 Chậm (mốc: 5,88%)',
        '▸ Tham gia BHXH tự nguyện mới: 210 (+30)',
        '▸ Tỷ lệ hưởng lương hưu, trợ cấp: 50,4% (+2,73 điểm)',
        '   🎯 Mục tiêu 2025: ≥ 55% · 🔴 Chậm (mốc: 51,88%)',
        '▸ Mức độ hài lòng: 84,4% (+3,07 điểm)',
        '   🎯 Mục tiêu 2025: ≥ 85% · 🟡 Đúng lộ trình (mốc: 83,44%)',
        '⏳ Chưa báo cáo (1): UBND thị xã Bình Long',
        '📅 Hạn báo cáo trong kỳ: 4',
        '   ✅ Hoàn thành đúng hạn: 1',
        '   🕓 Hoàn thành quá hạn: 2',
        '   ⚠️ Quá hạn chưa hoàn thành: 1',
        '   ⏳ Trong hạn: 0',
        '• UBND thị xã Bình Long: Gửi số liệu lao động cần vận động (hạn 10/07/2024, quá 103 ngày)',
        '📝 Sở Nội vụ: Đã tổ chức hội nghị tuyên truyền BHXH tự nguyện',
      ].join('\n'),
    );
  });

  test('English', () => {
    const text = render(summaryLines(summary, { scopeName: 'Bình Phước' }), 'en');
    expect(text).toContain('📊 Bình Phước · Q3 2024');
    expect(text).toContain('▸ Voluntary SI participants: 4,700 (-450)');
    expect(text).toContain('   🎯 Target 2024: ≥ 33% · 🟢 Met');
    expect(text).toContain('   ⚠️ Overdue, not done: 1');
  });

  test('long lists are cut for a phone screen', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ id: 1000 + i, name: `Xã ${i + 1}`, province: 'BP' }));
    const s = summarise({ agencies: [...agencies, ...many], targets, updates, deadlines }, { scope: { province: 'BP' }, period: '2024-Q3', now: NOW });
    const text = render(summaryLines(s, { scopeName: 'Bình Phước', maxItems: 3 }));
    expect(text).toContain('⏳ Chưa báo cáo (31): UBND thị xã Bình Long, Xã 1, Xã 2 và 28 đơn vị khác');
  });

  test('several provinces: ranked against their own targets, and no rate where the labour force behind it is missing', () => {
    const national = summarise({ agencies, targets, updates, deadlines }, { scope: {}, period: '2024', now: at('2025-01-20') });
    const text = render(summaryLines(national, { scopeName: 'Toàn quốc' })).split('\n');
    expect(text).toContain('▸ Tỷ lệ tham gia BHXH tự nguyện: chưa tính được cho toàn phạm vi (2 đơn vị chưa có lực lượng lao động để tính tỷ lệ chung)');
    const title = text.indexOf('🏆 Xếp hạng 2 tỉnh theo Tỷ lệ tham gia BHXH tự nguyện, so với mốc lộ trình của từng tỉnh:');
    expect(text.slice(title + 1, title + 3)).toEqual(['1. 🟡 AG: 2,45% (mốc 2,4%, +0,05 điểm)', '2. 🔴 BP: 5,6% (mốc 6%, -0,4 điểm)']);
  });

  test('/overdue', () => {
    const report = overdueReport({ agencies, targets, updates, deadlines }, { scope: { province: 'BP' }, now: NOW, period: '2024-Q3' });
    expect(render(overdueLines(report, { scopeName: 'Bình Phước' }))).toBe(
      [
        '⚠️ Bình Phước: 3 hạn báo cáo quá hạn chưa hoàn thành',
        '• UBND thị xã Bình Long: Gửi số liệu lao động cần vận động (hạn 10/07/2024, quá 103 ngày)',
        '• UBND huyện Đồng Phú: Báo cáo tháng 9 (hạn 15/10/2024, quá 6 ngày)',
        '• UBND huyện Lộc Ninh: Báo cáo tháng 9 (hạn 15/10/2024, quá 6 ngày)',
        '🔕 Chưa gửi số liệu quý 3/2024 (1): UBND thị xã Bình Long',
      ].join('\n'),
    );
  });
});

describe('replies to /capnhat', () => {
  const now = at('2026-11-20');

  test('the errors name the problem, in Vietnamese', () => {
    const result = parseUpdateLine('/capnhat tunguyn=5 tyle_bhtn=120% tunguyen=-3 ky=2027', { now });
    if (result.ok) throw new Error('accepted');
    expect(render(updateErrorLines(result.errors))).toBe(
      [
        '❌ Chưa lưu gì vì có 4 lỗi:',
        '• Chỉ tiêu «tunguyn» không tồn tại. Có phải «tunguyen»? Các chỉ tiêu: bhxh, tyle_bhxh, bhtn, tyle_bhtn, tunguyen, tyle_tunguyen, moi_tunguyen, huutri, hailong, laodong, ghichu.',
        '• Tỷ lệ tham gia BHTN không thể lớn hơn 100%: «120%».',
        '• Người tham gia BHXH tự nguyện không được là số âm: «-3».',
        '• Kỳ năm 2027 chưa bắt đầu, chưa thể báo cáo.',
        'Ví dụ: /capnhat tunguyen=1250 tyle_tunguyen=4,8% ky=quý 3/2026 ghichu=…',
      ].join('\n'),
    );
  });

  test('the confirmation shows each value as understood and rates derived from counts', () => {
    const result = parseUpdateLine('/capnhat ky=10/2026 tunguyen=1.250 laodong=25.000 hailong=86,5 ghichu=đủ', { now });
    if (!result.ok) throw new Error('refused');
    expect(render(updateSavedLines(result.update, { agencyName: 'UBND xã Tân Lập', corrected: true }))).toBe(
      [
        '✏️ Đã sửa số liệu tháng 10/2026 của UBND xã Tân Lập (bản trước vẫn được lưu):',
        '• Người tham gia BHXH tự nguyện: 1.250',
        '• Tỷ lệ tham gia BHXH tự nguyện: 5% (tính từ số người tham gia / lực lượng lao động)',
        '• Mức độ hài lòng: 86,5%',
        '• Lực lượng lao động: 25.000',
        '• Ghi chú: đủ',
      ].join('\n'),
    );
  });

  test('every error code has a text in both languages, naming the value', () => {
    const codes: UpdateErrorCode[] = ['empty', 'bad_pair', 'missing_value', 'unknown_metric', 'duplicate_metric', 'bad_number', 'not_whole_number', 'unexpected_percent', 'negative_count', 'negative_rate', 'rate_over_100', 'participants_over_labour_force', 'note_too_long', 'bad_period', 'future_period', 'not_your_agency'];
    for (const lng of ['vi', 'en']) {
      const keys = Object.keys(locale(lng).error);
      expect(keys.sort()).toEqual([...codes, 'unknown_metric_suggest'].sort());
    }
    const text = render([errorLine({ code: 'not_your_agency', value: 'BHXH-AG' })]);
    expect(text).toBe('• Bạn không phải đầu mối của đơn vị «BHXH-AG».');
  });

  test('the metric names listed in the unknown-metric message are all understood', () => {
    for (const lng of ['vi', 'en']) {
      for (const name of (locale(lng).metricNames as string).split(', ')) expect([lng, name, findMetric(name) !== undefined]).toEqual([lng, name, true]);
    }
  });
});
