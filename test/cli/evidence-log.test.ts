import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, onTestFinished, test } from 'vitest';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { manualClock } from '../../src/services/clock.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';
import { cli, root, startApp } from '../support/test-app.js';

// Tỉnh Mẫu's statistics office owes its monthly, quarterly and half-yearly figures all before 15/7/2026.
const PLANS = join(root, 'test/fixtures/plans/same-morning');

async function readSheet(path: string): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(path) as never);
  const sheet = workbook.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push(Array.from({ length: sheet.columnCount }, (_, i) => row.getCell(i + 1).value ?? null)));
  return rows;
}

describe.each(DATABASES)('cli report --format log (%s)', (kind) => {
  test('writes the log of a province\'s deadlines; an agency merged since has its log under the survivor', async () => {
    const databaseUrl = await freshDatabaseUrl(kind, { plans: PLANS });
    const clock = manualClock(atLocalTime('2026-06-30', '08:00'));
    const running = await startApp({ databaseUrl, clock, config: { PLANS_DIR: PLANS } });
    onTestFinished(() => running.stop());
    const { app } = running;
    const office = (await app.repos.agencies.byCode('tinh-mau.thong-ke'))!;
    const committee = (await app.repos.agencies.byCode('tinh-mau.ubnd-tinh'))!;
    const hang = await app.repos.people.personForChat({ channel: 'console', chatId: 'hang', name: 'Hằng', language: 'vi', at: clock.now() });
    await app.repos.people.addRole(hang.id, { kind: 'focal', agencyId: office.id, province: null });
    // The morning's reminders are queued; with no console chat open they wait to be sent.
    await app.scheduler.runOnce();
    const [first] = (await app.reminders.occurrences({ agencyIds: [office.id], from: '2026-07-15', to: '2026-07-15' })).sort((a, b) => a.key.localeCompare(b.key));
    clock.set(atLocalTime('2026-06-30', '09:00'));
    expect(await app.reminders.act({ key: first!.key, action: 'ack', personId: hang.id, now: clock.now(), channel: 'console' })).toMatchObject({ ok: true });
    await app.repos.agencies.merge(office.id, committee.id);

    const out = mkdtempSync(join(tmpdir(), 'bhxh-cli-log-'));
    const result = await cli(['report', '--format', 'log', '--province', 'tinh-mau', '--from', '2026-07-01', '--to', '2026-07-31', '--out', out], databaseUrl, { clock, env: { PLANS_DIR: PLANS } });
    expect([result.code, result.stderr]).toEqual([0, '']);
    const path = join(out, 'nhat-ky-nhac-han-tinh-mau-2026-07-01-2026-07-31.xlsx');
    expect(result.stdout.trim()).toBe(`Đã ghi nhật ký nhắc hạn (4 dòng): ${path}`);
    const [header, ...rows] = await readSheet(path);
    expect(header).toEqual(['Kế hoạch', 'Nhiệm vụ', 'Đơn vị', 'Hạn', 'Gia hạn đến', 'Sự việc', 'Thời điểm', 'Người', 'Kênh', 'Gửi được?', 'Gửi lúc', 'Chi tiết']);
    // Three reminders (one bundled message, not sent yet) and the acknowledgement, all under the agency that is left.
    expect(rows.map((r) => [r[2], r[5], r[7], r[8], r[9]])).toEqual(expect.arrayContaining([
      ['Ủy ban nhân dân tỉnh', 'Nhắc hạn', 'Hằng', 'Console', 'đang chờ gửi'],
      ['Ủy ban nhân dân tỉnh', 'Đã nhận', 'Hằng', 'Console', null],
    ]));
    expect(rows.map((r) => r[2])).toEqual(Array(4).fill('Ủy ban nhân dân tỉnh'));
    expect(rows.filter((r) => r[5] === 'Nhắc hạn')).toHaveLength(3);

    // In English, and the dates must come as a pair.
    const english = await cli(['report', '--format', 'log', '--lang', 'en', '2026-07', '--out', out], databaseUrl, { clock, env: { PLANS_DIR: PLANS } });
    expect(english.stdout).toContain('Wrote the reminder log (4 rows)');
    const half = await cli(['report', '--format', 'log', '--from', '2026-07-01'], databaseUrl, { clock, env: { PLANS_DIR: PLANS } });
    expect([half.code, half.stderr.trim()]).toEqual([2, '--to phải là một ngày dạng YYYY-MM-DD, ví dụ --to 2026-07-01 (nhận được «»).']);
  });

  test('one plan\'s part with --plan: only its deadlines, where the province has another plan for the same office', async () => {
    const plans = mkdtempSync(join(tmpdir(), 'bhxh-two-plans-'));
    for (const file of readdirSync(PLANS)) copyFileSync(join(PLANS, file), join(plans, file));
    writeFileSync(join(plans, '101-tinh-mau-bhxh.yaml'), [
      'code: tinh-mau-bhxh-2026',
      'title: "Kế hoạch phát triển người tham gia BHXH năm 2026"',
      'document: "KH 20/KH-UBND"',
      'issuedOn: "2026-05-10"',
      'issuer: "UBND tỉnh Mẫu"',
      'province: tinh-mau',
      'provinceName: "Tỉnh Mẫu"',
      'seed: generated',
      'agencies:',
      '  - { code: tinh-mau.ubnd-tinh, name: "Ủy ban nhân dân tỉnh", kind: people-committee }',
      '  - { code: tinh-mau.thong-ke, name: "Thống kê tỉnh", kind: statistics }',
      'tasks:',
      '  - code: insured-figures',
      '    title: "Số người tham gia BHXH tháng"',
      '    lead: [tinh-mau.thong-ke]',
      '    reportTo: [tinh-mau.ubnd-tinh]',
      '    recurrence: { every: month, day: 15, from: "2026-07-01", until: "2026-12-31" }',
      '    source: "Mục II"',
      'targets: []',
      '',
    ].join('\n'));
    const databaseUrl = await freshDatabaseUrl(kind, { plans });
    const clock = manualClock(atLocalTime('2026-06-30', '08:00'));
    const running = await startApp({ databaseUrl, clock, config: { PLANS_DIR: plans } });
    onTestFinished(() => running.stop());
    const { app } = running;
    const office = (await app.repos.agencies.byCode('tinh-mau.thong-ke'))!;
    const hang = await app.repos.people.personForChat({ channel: 'console', chatId: 'hang', name: 'Hằng', language: 'vi', at: clock.now() });
    await app.repos.people.addRole(hang.id, { kind: 'focal', agencyId: office.id, province: null });
    await app.scheduler.runOnce();

    const out = mkdtempSync(join(tmpdir(), 'bhxh-cli-log-'));
    const log = async (...scope: string[]) => {
      const result = await cli(['report', '--format', 'log', ...scope, '--from', '2026-07-01', '--to', '2026-07-31', '--out', out], databaseUrl, { clock, env: { PLANS_DIR: plans } });
      expect([result.code, result.stderr]).toEqual([0, '']);
      const [, ...rows] = await readSheet(/: (.+\.xlsx)$/.exec(result.stdout.trim())![1]!);
      return rows.map((r) => `${String(r[1])} · ${String(r[5])}`).sort();
    };
    expect(await log('--province', 'tinh-mau')).toEqual(['Số liệu lao động 6 tháng · Nhắc hạn', 'Số liệu lao động quý · Nhắc hạn', 'Số liệu lao động tháng · Nhắc hạn', 'Số người tham gia BHXH tháng · Nhắc hạn']);
    expect(await log('--plan', 'tinh-mau-bhxh-2026')).toEqual(['Số người tham gia BHXH tháng · Nhắc hạn']);

    const summary = await cli(['report', '7/2026', '--plan', 'tinh-mau-bhxh-2026'], databaseUrl, { clock, env: { PLANS_DIR: plans } });
    expect([summary.code, summary.stderr]).toEqual([0, '']);
    expect(summary.stdout.split('\n')[0]).toContain('tinh-mau-bhxh-2026');
    expect(summary.stdout).toContain('tháng 7/2026');
    const unknown = await cli(['report', '--plan', 'khong-co'], databaseUrl, { clock, env: { PLANS_DIR: plans } });
    expect([unknown.code, unknown.stderr.trim()]).toEqual([2, 'Không có kế hoạch «khong-co»; xem các mã bằng npm run cli -- plans list.']);
  });
});
