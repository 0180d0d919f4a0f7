import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { manualClock } from '../../src/services/clock.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';
import { root, startApp, type RunningApp } from '../support/test-app.js';

const PLANS_DIR = join(root, 'prisma/seed/plans');
const PROVINCE = 'binh-phuoc';
const DISTRICT = 'binh-phuoc.ubnd-cap-huyen';
const DISTRICT_NAME = 'UBND các huyện, thị xã, thành phố';
// Bình Phước's coverage figures are due on 30/6 every year from every body the plan names, the districts among them.
const FIGURES = 'Tổng hợp và cung cấp thông tin xác định chỉ tiêu đối tượng tham gia BHXH, BHTN, BHXH tự nguyện về Sở LĐ-TB&XH';
const NOW = atLocalTime('2026-07-15', '09:00');
const RANGE = { from: '2025-01-01', to: '2026-07-15', now: NOW };
const scope = { province: PROVINCE };

/**
 * The district level ended on 1/7/2025. Its 30/6/2025 figures, never sent, are still overdue, under its name; from
 * its end on, it owes nothing: not in "Đã báo cáo x/y", the overdue lists, the silent list or /hanchot.
 */
describe.each(DATABASES)('an ended agency is not "not reported" for what falls due after its end (%s)', (kind) => {
  let running: RunningApp;
  const app = () => running.app;

  beforeAll(async () => {
    running = await startApp({ databaseUrl: await freshDatabaseUrl(kind, { plans: PLANS_DIR }), clock: manualClock(NOW), config: { PLANS_DIR } });
    const district = (await app().repos.agencies.byCode(DISTRICT))!;
    await app().repos.agencies.reassign(district.id, [], { effectiveOn: '2025-07-01', now: NOW });
  });
  afterAll(() => running?.stop());

  /** The figures' due dates each agency is listed under, as the database counts them (/quahan, digest, files). */
  async function overdueBySql(): Promise<string[]> {
    const rows = await app().deadlineStats.list({ scope, ...RANGE, category: 'overdue' });
    return rows.filter((r) => r.taskTitle === FIGURES).map((r) => `${r.agencyName} ${r.dueAt.toISOString().slice(0, 10)}`);
  }

  /** The same, as /hanchot and the reminders see them. */
  async function overdueByReminders(): Promise<string[]> {
    const views = await app().reminders.deadlines({ province: PROVINCE, ...RANGE });
    return views.filter((v) => v.title === FIGURES && v.status === 'overdue').map((v) => `${v.agency} ${v.dueOn}`);
  }

  test('its deadline due before its end still shows as overdue; the ones after it are nobody\'s', async () => {
    const sql = await overdueBySql();
    const reminders = await overdueByReminders();
    const district = (list: string[]) => list.filter((l) => l.startsWith(DISTRICT_NAME)).map((l) => l.slice(DISTRICT_NAME.length + 1));
    // Instants at local midnight are the previous day in UTC.
    expect(district(sql)).toEqual(['2025-06-29']);
    expect(district(reminders)).toEqual(['2025-06-30']);
    expect(sql.length).toBe(reminders.length);
    const summary = await app().deadlineStats.summary({ scope, ...RANGE, limit: 1000, listed: ['overdue'] });
    expect(summary.counts.overdue).toBe((await app().reminders.deadlines({ province: PROVINCE, ...RANGE })).filter((v) => v.status === 'overdue').length);
  });

  test('a successor named later owes what falls due from the end on, and the district keeps what fell due before', async () => {
    const district = (await app().repos.agencies.byCode(DISTRICT))!;
    const committee = (await app().repos.agencies.byCode('binh-phuoc.ubnd-tinh'))!;
    await app().repos.agencies.reassign(district.id, [committee.id], { effectiveOn: '2025-07-01', now: NOW });
    const expected = [`${DISTRICT_NAME} 2025-06-30`, `${committee.name} 2026-06-30`];
    const reminders = await overdueByReminders();
    expect(reminders.filter((l) => l.startsWith(DISTRICT_NAME) || l.startsWith(committee.name))).toEqual(expected);
    const sql = await overdueBySql();
    expect(sql.filter((l) => l.startsWith(DISTRICT_NAME) || l.startsWith(committee.name)).sort()).toEqual([`${DISTRICT_NAME} 2025-06-29`, `${committee.name} 2026-06-29`]);
    // Done on the district's old deadline from its button: the key still names it, and it counts as done.
    const old = (await app().reminders.deadlines({ province: PROVINCE, ...RANGE })).find((v) => v.title === FIGURES && v.agency === DISTRICT_NAME)!;
    const supervisor = await app().repos.people.personForChat({ channel: 'console', chatId: 'supervisor:ended', name: 'Lan', language: 'vi', at: NOW });
    await app().repos.people.addRole(supervisor.id, { kind: 'supervisor', agencyId: null, province: PROVINCE });
    expect((await app().reminders.act({ key: old.key, action: 'done', personId: supervisor.id, now: NOW })).ok).toBe(true);
    expect((await overdueBySql()).filter((l) => l.startsWith(DISTRICT_NAME))).toEqual([]);
  });

  test('"Đã báo cáo x/y" and the silent list leave it out of periods after its end, not before', async () => {
    const may2025 = await app().progress.summary({ scope, period: '2025-05', now: NOW });
    const june2026 = await app().progress.summary({ scope, period: '2026-06', now: NOW });
    expect(june2026.agencyCount).toBe(may2025.agencyCount - 1);
    expect(may2025.notReported.map((a) => a.name)).toContain(DISTRICT_NAME);
    expect(june2026.notReported.map((a) => a.name)).not.toContain(DISTRICT_NAME);
    const silent = (await app().progress.overdue({ scope, now: NOW, limit: 1000 })).silent.map((a) => a.name);
    expect(silent.length).toBeGreaterThan(0);
    expect(silent).not.toContain(DISTRICT_NAME);
  });
});
