import { describe, expect, test } from 'vitest';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { manualClock } from '../../src/services/clock.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';
import { cli, SEED_PLANS } from '../support/test-app.js';

const FILE = 'data/reorganisation-2025.yaml';
const clock = () => manualClock(atLocalTime('2026-11-30', '09:00'));
/** Who owes each deadline of the 15/12/2026 reports, as `deadlines list` prints them. */
const owing = async (databaseUrl: string, from: string, to: string) => (await cli(['deadlines', 'list', '--from', from, '--to', to], databaseUrl, { clock: clock() })).stdout;

describe.each(DATABASES)('the 2025 reorganisation, from the command line (%s)', (kind) => {
  test('applied as data: merged departments owe one report, the district level nothing; applied again, it changes nothing', async () => {
    const databaseUrl = await freshDatabaseUrl(kind, { plans: SEED_PLANS });
    const before = await owing(databaseUrl, '2026-12-15', '2026-12-15');
    expect(before).toContain('\tSở Kế hoạch và Đầu tư\t');
    expect(before).toContain('\tỦy ban nhân dân các huyện, thị xã, thành phố\t');

    const applied = await cli(['agencies', 'reorganise', FILE], databaseUrl, { clock: clock() });
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Đã áp dụng (hiệu lực 01/03/2025): an-giang.so-khdt → an-giang.so-tai-chinh');
    expect(applied.stdout).toContain('Đã áp dụng (hiệu lực 01/07/2025): binh-phuoc.ubnd-cap-huyen');

    const after = await owing(databaseUrl, '2026-12-15', '2026-12-15');
    expect(after).not.toContain('Sở Kế hoạch và Đầu tư');
    expect(after).not.toContain('Sở Lao động');
    expect(after).not.toContain('huyện');
    // An Giang's yearly report: one line for Sở Tài chính where there were two.
    const anGiangFinance = (text: string) => text.split('\n').filter((l) => /\tSở (Tài chính|Kế hoạch và Đầu tư)\t/.test(l) && l.startsWith('2026-12-15'));
    expect(anGiangFinance(before).length).toBe(anGiangFinance(after).length + 1);

    const agencies = (await cli(['agencies', 'list', '--province', 'binh-phuoc'], databaseUrl)).stdout;
    expect(agencies).toContain('binh-phuoc.so-ldtbxh\tbinh-phuoc\tSở Lao động - Thương binh và Xã hội\t(merged →');

    const again = await cli(['agencies', 'reorganise', FILE], databaseUrl, { clock: clock() });
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('Đã áp dụng');
    expect(await owing(databaseUrl, '2026-12-15', '2026-12-15')).toBe(after);
  });

  test('an ended district\'s duties go to the bodies named', async () => {
    const databaseUrl = await freshDatabaseUrl(kind, { plans: SEED_PLANS });
    await cli(['agencies', 'reorganise', FILE], databaseUrl, { clock: clock() });
    const reassigned = await cli(['agencies', 'reassign', 'nghe-an.ubnd-cap-huyen', 'nghe-an.so-ldtbxh'], databaseUrl, { clock: clock() });
    expect(reassigned.stdout).toContain('nhiệm vụ, hạn đã xong và lịch sử nhắc chuyển sang: Sở Nội vụ');
    const list = await owing(databaseUrl, '2026-11-30', '2026-11-30');
    expect(list).toMatch(/^2026-11-30\t\w+\tSở Nội vụ\tBáo cáo việc xây dựng chỉ tiêu/m);
  });

  test('a supervisor\'s day confirmed and changed from the CLI, with its history', async () => {
    const databaseUrl = await freshDatabaseUrl(kind, { plans: SEED_PLANS });
    const task = ['nghe-an-7337-2022', 'labour-force-figures-quarterly'];
    const bad = await cli(['plans', 'confirm-date', ...task, '20/01'], databaseUrl, { clock: clock() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('«20/01» không hợp với lịch');
    const confirmed = await cli(['plans', 'confirm-date', ...task, 'xacnhan'], databaseUrl, { clock: clock() });
    expect(confirmed.stdout).toContain('Đã xác nhận ngày');
    const changed = await cli(['plans', 'confirm-date', ...task, '20'], databaseUrl, { clock: clock() });
    expect(changed.stdout).toContain('hằng quý, trước ngày 15 của tháng đầu quý sau → hằng quý, trước ngày 20 của tháng đầu quý sau');
    const history = (await cli(['plans', 'date-history', ...task], databaseUrl)).stdout.trim().split('\n');
    expect(history).toEqual([
      expect.stringContaining('(hiện tại: hằng quý, trước ngày 20 của tháng đầu quý sau)'),
      '• 30/11/2026 — (dòng lệnh) xác nhận: hằng quý, trước ngày 15 của tháng đầu quý sau → hằng quý, trước ngày 15 của tháng đầu quý sau',
      '• 30/11/2026 — (dòng lệnh) đổi ngày: hằng quý, trước ngày 15 của tháng đầu quý sau → hằng quý, trước ngày 20 của tháng đầu quý sau',
    ]);
    // The new day is the one reminders and lists use, and a re-import of the plan file does not undo it.
    expect(await owing(databaseUrl, '2027-01-15', '2027-01-20')).toMatch(/^2027-01-20\topen\tCục Thống kê tỉnh\tCung cấp số liệu dân số trung bình, lực lượng lao động \(quý\)/m);
    await cli(['plans', 'import'], databaseUrl);
    expect(await owing(databaseUrl, '2027-01-15', '2027-01-20')).toMatch(/^2027-01-20\topen\tCục Thống kê tỉnh\tCung cấp số liệu dân số trung bình, lực lượng lao động \(quý\)/m);
  });
});
