import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { confirmedRecurrence } from '../../src/domain/plans/task-day.js';
import { DEADLINE_CATEGORIES, type DeadlineCategory } from '../../src/domain/progress/deadlines.js';
import { readReorganisation } from '../../src/plans/reorganisation-file.js';
import { manualClock } from '../../src/services/clock.js';
import { applyReorganisation } from '../../src/services/reorganisation.js';
import type { DeadlineView } from '../../src/services/reminder-service.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';
import { root, startApp, type RunningApp } from '../support/test-app.js';

const PLANS_DIR = join(root, 'prisma/seed/plans');
// Nghệ An's statistics office sends its quarterly figures on a day the plan file chose ("Định kỳ hàng quý"):
// the fourth quarter's fell on 15/01/2027.
const PROVINCE = 'nghe-an';
const QUARTERLY = 'Cung cấp số liệu dân số trung bình, lực lượng lao động (quý) cho BHXH tỉnh và Sở LĐ-TB&XH';
const NOW = atLocalTime('2027-01-20', '09:00');
const scope = { province: PROVINCE };

/**
 * /overdue, the digest, /baocao's categories and the report files count deadlines in SQL (deadline-stats-repo);
 * /hanchot and the reminders decide them in the domain (reminder-service). Both must say the same of each one.
 */
describe.each(DATABASES)('deadlines counted by the database agree with the reminders (%s)', (kind) => {
  let running: RunningApp;
  const app = () => running.app;

  beforeAll(async () => {
    running = await startApp({ databaseUrl: await freshDatabaseUrl(kind, { plans: PLANS_DIR }), clock: manualClock(NOW), config: { PLANS_DIR } });
  });
  afterAll(() => running?.stop());

  /** Every deadline of the past year, by category as the database counts it. */
  async function bySql(province: string): Promise<Record<DeadlineCategory, string[]>> {
    const window = app().deadlineStats.overdueWindow(NOW);
    const lists = await Promise.all(DEADLINE_CATEGORIES.map((category) => app().deadlineStats.list({ scope: { province }, ...window, now: NOW, category })));
    return Object.fromEntries(DEADLINE_CATEGORIES.map((c, i) => [c, lists[i]!.map((d) => d.key!).sort()])) as Record<DeadlineCategory, string[]>;
  }

  async function byReminders(province: string): Promise<DeadlineView[]> {
    return app().reminders.deadlines({ province, ...app().deadlineStats.overdueWindow(NOW), now: NOW });
  }

  const keys = (views: DeadlineView[], status: DeadlineView['status']) => views.filter((v) => v.status === status).map((v) => v.key).sort();

  test('a past occurrence of a task whose day is assumed is unconfirmed, never overdue: in /overdue, its file and the summary', async () => {
    const sql = await bySql(PROVINCE);
    const domain = await byReminders(PROVINCE);
    const unconfirmed = domain.filter((d) => d.status === 'unconfirmed');
    expect(unconfirmed.map((d) => d.title)).toContain(QUARTERLY);
    // Nothing is done yet: the two paths list the same deadlines as overdue and as unconfirmed.
    expect(sql.overdue).toEqual(keys(domain, 'overdue'));
    expect(sql.unconfirmed).toEqual(keys(domain, 'unconfirmed'));

    const report = await app().progress.overdue({ scope, now: NOW, limit: 1000 });
    expect(report.overdue.map((d) => d.taskTitle)).not.toContain(QUARTERLY);
    expect(report.overdueCount).toBe(keys(domain, 'overdue').length);
    expect(report.unconfirmedCount).toBe(unconfirmed.length);
    expect((await app().progress.overdueList({ scope, now: NOW })).map((d) => d.taskTitle)).not.toContain(QUARTERLY);

    const january = await app().progress.summary({ scope, period: '2027-01', now: NOW });
    expect(january.deadlines.counts.unconfirmed).toBeGreaterThan(0);
    expect(january.deadlines.items.overdue.map((d) => d.taskTitle)).not.toContain(QUARTERLY);
  });

  test('after the 2025 reorganisation and a district\'s duties handed on, both paths owe the same deadlines to the same agencies', async () => {
    await applyReorganisation(readReorganisation(join(root, 'data/reorganisation-2025.yaml')), app().repos.agencies, NOW);
    const district = (await app().repos.agencies.byCode('nghe-an.ubnd-cap-huyen'))!;
    const committee = (await app().repos.agencies.byCode('nghe-an.ubnd-tinh'))!;
    await app().repos.agencies.reassign(district.id, [committee.id], { effectiveOn: '2025-07-01', now: NOW });
    for (const province of (await app().repos.agencies.provinces()).map((p) => p.code)) {
      const sql = await bySql(province);
      const domain = await byReminders(province);
      expect(Object.values(sql).flat().sort(), province).toEqual(domain.map((d) => d.key).sort());
      expect(sql.overdue, province).toEqual(keys(domain, 'overdue'));
      expect(sql.unconfirmed, province).toEqual(keys(domain, 'unconfirmed'));
    }
  });

  test('once a supervisor confirms the day, the same deadlines count as overdue', async () => {
    const before = await bySql(PROVINCE);
    const task = (await app().repos.plans.scheduledTasks()).find((t) => t.title === QUARTERLY)!;
    await app().repos.plans.setDay({ taskId: task.taskId, kind: 'confirmed', after: confirmedRecurrence(task.recurrence), now: NOW });
    const after = await bySql(PROVINCE);
    const moved = before.unconfirmed.filter((key) => key.startsWith(`${task.taskId}:`));
    expect(moved.length).toBeGreaterThan(0);
    expect(after.overdue).toEqual(expect.arrayContaining(moved));
    expect(after.unconfirmed).not.toEqual(expect.arrayContaining(moved));
    expect((await app().progress.overdue({ scope, now: NOW, limit: 1000 })).overdue.map((d) => d.taskTitle)).toContain(QUARTERLY);
  });
});
