import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { manualClock } from '../../src/services/clock.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';
import { cli, SEED_PLANS } from '../support/test-app.js';

const FILE = 'data/reorganisation-2025.yaml';
const clock = () => manualClock(atLocalTime('2026-11-30', '09:00'));
type Row = { dueOn: string; status: string; province: string; agency: string; task: string };
/** Who owes each deadline between two days, as `deadlines list --json` prints them. */
const owing = async (databaseUrl: string, from: string, to: string): Promise<Row[]> => JSON.parse((await cli(['deadlines', 'list', '--from', from, '--to', to, '--json'], databaseUrl, { clock: clock() })).stdout) as Row[];
const agencyNames = (rows: Row[]) => rows.map((r) => r.agency);

describe.each(DATABASES)('the 2025 reorganisation, from the command line (%s)', (kind) => {
  test('applied as data: merged departments owe one report, the district level nothing; applied again, it changes nothing', async () => {
    const databaseUrl = await freshDatabaseUrl(kind, { plans: SEED_PLANS });
    const before = await owing(databaseUrl, '2026-12-15', '2026-12-15');
    expect(agencyNames(before)).toContain('Sở Kế hoạch và Đầu tư');
    expect(agencyNames(before)).toContain('Ủy ban nhân dân các huyện, thị xã, thành phố');

    const applied = await cli(['agencies', 'reorganise', FILE], databaseUrl, { clock: clock() });
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Đã áp dụng (hiệu lực 01/03/2025): an-giang.so-khdt → an-giang.so-tai-chinh');
    expect(applied.stdout).toContain('Đã áp dụng (hiệu lực 01/07/2025): binh-phuoc.ubnd-cap-huyen');

    const after = await owing(databaseUrl, '2026-12-15', '2026-12-15');
    expect(agencyNames(after)).not.toContain('Sở Kế hoạch và Đầu tư');
    expect(agencyNames(after).filter((n) => n.includes('Sở Lao động') || n.includes('huyện'))).toEqual([]);
    // An Giang's yearly report: one line for Sở Tài chính where there were two.
    const anGiangFinance = (rows: Row[]) => rows.filter((r) => /^Sở (Tài chính|Kế hoạch và Đầu tư)$/.test(r.agency) && r.dueOn === '2026-12-15');
    expect(anGiangFinance(before).length).toBe(anGiangFinance(after).length + 1);

    const agencies = JSON.parse((await cli(['agencies', 'list', '--province', 'binh-phuoc', '--json'], databaseUrl)).stdout) as { code: string; name: string; level: string; parent: string | null; mergedInto: string | null; endedOn: string | null }[];
    expect(agencies.find((a) => a.code === 'binh-phuoc.so-ldtbxh')).toMatchObject({ name: 'Sở Lao động - Thương binh và Xã hội', mergedInto: 'binh-phuoc.so-noi-vu' });
    expect(agencies.find((a) => a.code === 'binh-phuoc.ubnd-cap-huyen')).toMatchObject({ level: 'province', parent: null, mergedInto: null, endedOn: '2025-07-01' });
    // The table an operator reads says the same: merged into, ended on.
    const table = (await cli(['agencies', 'list', '--province', 'binh-phuoc'], databaseUrl)).stdout.split('\n');
    expect(table[0]).toMatch(/^Mã +Tỉnh +Tên +Cấp +Thuộc +Đã gộp vào +Chấm dứt từ$/);
    expect(table.find((l) => l.startsWith('binh-phuoc.ubnd-cap-huyen '))).toMatch(/ 01\/07\/2025$/);
    expect(table.find((l) => l.startsWith('binh-phuoc.so-ldtbxh '))).toMatch(/ binh-phuoc\.so-noi-vu$/);

    const again = await cli(['agencies', 'reorganise', FILE], databaseUrl, { clock: clock() });
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('Đã áp dụng');
    expect(await owing(databaseUrl, '2026-12-15', '2026-12-15')).toEqual(after);
  });

  test('a province merge the file cannot make says why, and the rest of the file is applied', async () => {
    const databaseUrl = await freshDatabaseUrl(kind, { plans: SEED_PLANS });
    await cli(['agencies', 'reorganise', FILE], databaseUrl, { clock: clock() });
    const file = join(mkdtempSync(join(tmpdir(), 'bhxh-reorganise-')), 'later.yaml');
    writeFileSync(file, [
      'changes:',
      '  - { mergeProvince: binh-phuoc, into: an-giang, name: "An Giang", on: 2025-07-01, basis: "NQ 202/2025/QH15" }',
      '  - { rename: nghe-an.cuc-thong-ke, to: "Thống kê tỉnh Nghệ An", on: 2025-03-01, basis: "QĐ 1234" }',
      '',
    ].join('\n'));
    const applied = await cli(['agencies', 'reorganise', file], databaseUrl, { clock: clock() });
    expect(applied.code).toBe(1);
    expect(applied.stderr.trim()).toBe('Không gộp được tỉnh: binh-phuoc → an-giang (An Giang). Tỉnh cũ đã được gộp vào tỉnh khác, hoặc chính là tỉnh nhận, hoặc tỉnh nhận đã được gộp vào tỉnh khác.');
    expect(applied.stdout).toContain('Đã áp dụng (hiệu lực 01/03/2025): nghe-an.cuc-thong-ke → Thống kê tỉnh Nghệ An');
    const binhPhuoc = JSON.parse((await cli(['agencies', 'list', '--province', 'binh-phuoc', '--json'], databaseUrl)).stdout) as { code: string }[];
    expect(binhPhuoc.map((a) => a.code)).toContain('binh-phuoc.so-noi-vu');
  });

  test('an ended district\'s duties go to the bodies named', async () => {
    const databaseUrl = await freshDatabaseUrl(kind, { plans: SEED_PLANS });
    await cli(['agencies', 'reorganise', FILE], databaseUrl, { clock: clock() });
    const reassigned = await cli(['agencies', 'reassign', 'nghe-an.ubnd-cap-huyen', 'nghe-an.so-ldtbxh'], databaseUrl, { clock: clock() });
    expect(reassigned.stdout).toContain('nhiệm vụ, hạn đã xong và lịch sử nhắc chuyển sang: Sở Nội vụ');
    const list = await owing(databaseUrl, '2026-11-30', '2026-11-30');
    expect(list.filter((r) => r.agency === 'Sở Nội vụ' && r.task.startsWith('Báo cáo việc xây dựng chỉ tiêu')).map((r) => `${r.dueOn} ${r.province}`)).toContain('2026-11-30 Nghệ An');
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
    const quarterly = (rows: Row[]) => rows.filter((r) => r.agency === 'Cục Thống kê tỉnh' && r.task.startsWith('Cung cấp số liệu dân số trung bình, lực lượng lao động (quý)')).map((r) => `${r.dueOn} ${r.status}`);
    // The new day is the one reminders and lists use, and a re-import of the plan file does not undo it.
    expect(quarterly(await owing(databaseUrl, '2027-01-15', '2027-01-20'))).toEqual(['2027-01-20 open']);
    await cli(['plans', 'import'], databaseUrl);
    expect(quarterly(await owing(databaseUrl, '2027-01-15', '2027-01-20'))).toEqual(['2027-01-20 open']);
  });

  test('bad input: one sentence saying what to type, exit code 2, nothing changed', async () => {
    const databaseUrl = await freshDatabaseUrl(kind, { plans: SEED_PLANS });
    const run = (args: string[]) => cli(args, databaseUrl, { clock: clock() });
    const cases: [string[], string][] = [
      [['plans', 'confirm-date', 'khong-co', 'x', 'xacnhan'], 'Không có kế hoạch «khong-co»'],
      [['plans', 'confirm-date', 'nghe-an-7337-2022', 'khong-co', 'xacnhan'], 'labour-force-figures-quarterly'],
      [['plans', 'date-history', 'nghe-an-7337-2022'], 'Cách dùng: npm run cli -- plans date-history <mã kế hoạch> <mã nhiệm vụ>'],
      [['agencies', 'reorganise', 'khong-co.yaml'], 'Không có tệp'],
      [['agencies', 'reorganise', 'package.json'], 'không phải tệp sắp xếp đơn vị'],
      [['agencies', 'reassign', 'nghe-an.ubnd-cap-huyen', 'khong-co'], 'Không có đơn vị mã «khong-co»'],
      [['agencies', 'reassign', 'nghe-an.ubnd-cap-huyen'], 'Cách dùng: npm run cli -- agencies reassign'],
    ];
    for (const [args, says] of cases) {
      const result = await run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toContain(says);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
    expect((await run(['plans', 'date-history', 'nghe-an-7337-2022', 'labour-force-figures-quarterly'])).stdout).toContain('chưa');
  });
});
