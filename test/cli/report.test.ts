import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { manualClock } from '../../src/services/clock.js';
import { freshDatabaseUrl } from '../support/databases.js';
import { PLANS_DIR, seedProgress } from '../support/progress-data.js';
import { SEED_PLANS, cli } from '../support/test-app.js';

describe('npm run cli -- report', () => {
  /** `npm run cli -- report …` over a database of the test's own holding Tỉnh Mẫu's reports (test/support/progress-data.ts). */
  const report = async (args: string[]) => cli(['report', ...args], await freshDatabaseUrl('sqlite', { plans: PLANS_DIR, seed: seedProgress }), { env: { PLANS_DIR } });

  test('prints the summary and writes the spreadsheet and the charts', async () => {
    const out = mkdtempSync(join(tmpdir(), 'bhxh-cli-report-'));
    const result = await report(['quý', '3/2025', '--province', 'tinh-mau', '--format', 'text,xlsx,chart', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('📊 Tỉnh Mẫu · quý 3/2025');
    expect(result.stdout).toContain('🎯 Mục tiêu 2025: ≥ 6% · 🔴 Chậm (mốc: 5,75%)');
    const written = [...result.stdout.matchAll(/^Đã ghi (.+)$/gm)].map((m) => m[1]!);
    expect(written.map((p) => p.slice(out.length + 1))).toEqual([
      'bao-cao-tinh-mau-2025-q3.xlsx',
      'bao-cao-tinh-mau-2025-q3-bhxh_coverage.png',
      'bao-cao-tinh-mau-2025-q3-voluntary_participants.png',
      'bao-cao-tinh-mau-2025-q3-voluntary_coverage.png',
      'bao-cao-tinh-mau-2025-q3-voluntary_new.png',
      'bao-cao-tinh-mau-2025-q3-pension_share.png',
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(written[0]!) as never);
    expect(workbook.worksheets[0]!.name).toBe('Tóm tắt');
    expect(workbook.getWorksheet('Tham gia BHXH tự nguyện mới')!.getRow(8).values).toEqual([undefined, 'Tỉnh Mẫu (tổng hợp)', 'quý 3/2025', 210]);
    const png = readFileSync(written[1]!);
    expect([png.subarray(1, 4).toString('ascii'), png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual(['PNG', 1000, 600]);
  });

  test('a bad period, format or scope is refused with exit code 2', async () => {
    expect((await report(['quý 9', '--province', 'tinh-mau'])).code).toBe(2);
    const format = await report(['--format', 'pdf']);
    expect([format.code, format.stderr.trim()]).toEqual([2, 'Định dạng không hợp lệ: «pdf» (text, xlsx, csv, chart).']);
    const scope = await report(['--agency', 'khong-co']);
    expect([scope.code, scope.stderr.trim()]).toEqual([2, 'Không có tỉnh hay đơn vị «khong-co»; xem các mã bằng npm run cli -- agencies list.']);
  });

  test('with no period, the last finished month, as /baocao: the current one is not over', async () => {
    const url = await freshDatabaseUrl('sqlite', { plans: PLANS_DIR, seed: seedProgress });
    const result = await cli(['report', '--province', 'tinh-mau'], url, { env: { PLANS_DIR }, clock: manualClock(atLocalTime('2026-12-01', '09:00')) });
    expect([result.code, result.stdout.split('\n')[0]]).toEqual([0, '📊 Tỉnh Mẫu · tháng 11/2026']);
  });

  test('the whole country by default, with the provinces ranked; one level of a province with --level', async () => {
    const national = await cli(['report', '2025', '--lang', 'en'], await freshDatabaseUrl('sqlite', { plans: SEED_PLANS }), {});
    expect(national.code).toBe(0);
    expect(national.stdout).toContain('📊 Whole country · 2025');
    const level = await report(['quý', '3/2025', '--province', 'tinh-mau', '--level', 'xa']);
    expect([level.code, level.stdout.split('\n').slice(0, 2)]).toEqual([0, ['📊 Tỉnh Mẫu – cấp xã · quý 3/2025', 'Đã báo cáo: 0/0 đơn vị']]);
    expect((await report(['--level', 'huyen'])).stderr.trim()).toBe('Cấp «huyen» không hợp lệ (commune, province, country).');
  });
});

describe('npm run cli -- agencies set-level / set-parent', () => {
  test('puts a commune under its province\'s People\'s Committee, with the history kept; an unknown level or a loop is refused', async () => {
    const url = await freshDatabaseUrl('sqlite', { plans: PLANS_DIR, seed: seedProgress });
    const run = (...args: string[]) => cli(['agencies', ...args], url, { env: { PLANS_DIR } });
    expect((await run('set-level', 'tinh-mau.huyen-an', 'commune')).stdout.trim()).toBe('Đã đặt cấp của tinh-mau.huyen-an: commune (lịch sử được giữ).');
    expect((await run('set-parent', 'tinh-mau.huyen-an', 'tinh-mau.so-noi-vu')).stdout.trim()).toBe('tinh-mau.huyen-an nay trực thuộc tinh-mau.so-noi-vu (Tỉnh Mẫu); lịch sử được giữ.');
    const loop = await run('set-parent', 'tinh-mau.so-noi-vu', 'tinh-mau.huyen-an');
    expect([loop.code, loop.stderr.trim()]).toEqual([2, 'Không đặt được tinh-mau.so-noi-vu trực thuộc tinh-mau.huyen-an: một đơn vị không thể trực thuộc chính nó hay đơn vị cấp dưới của nó.']);
    expect((await run('set-level', 'tinh-mau.huyen-an', 'district')).code).toBe(2);
    // The department now stands for the district under it: /baocao of it is the group's.
    const grouped = await cli(['report', 'quý', '3/2025', '--agency', 'tinh-mau.so-noi-vu'], url, { env: { PLANS_DIR } });
    expect(grouped.stdout.split('\n').slice(0, 2)).toEqual(['📊 Sở Nội vụ · quý 3/2025', 'Đã báo cáo: 1/2 đơn vị']);
  });
});
