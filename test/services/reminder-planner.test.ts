import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { silentLogger } from '../../src/logger.js';
import { manualClock } from '../../src/services/clock.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';
import { SEED_PLANS, testConfig } from '../support/test-app.js';

const DAY = 86_400_000;
const stepsOf = async (app: App) => new Set((await app.db.reminderStep.findMany()).map((r) => `${r.occurrenceKey}|${r.personId}|${r.step}`));

describe.each(DATABASES)('reminders planned by next-fire time (%s)', (kind) => {
  const clock = manualClock(atLocalTime('2026-06-01', '07:00'));
  let app: App;

  beforeAll(async () => {
    app = await createApp({ config: testConfig(await freshDatabaseUrl(kind, { plans: SEED_PLANS })), logger: silentLogger, clock });
    // A focal point for every agency and a supervisor for every province, each with a chat.
    for (const agency of await app.repos.agencies.list()) {
      const p = await app.repos.people.personForChat({ channel: 'console', chatId: `focal:${agency.code}`, name: agency.code, language: 'vi', at: clock.now() });
      await app.repos.people.addRole(p.id, { kind: 'focal', agencyId: agency.id, province: null });
    }
    for (const province of await app.repos.agencies.provinces()) {
      const p = await app.repos.people.personForChat({ channel: 'console', chatId: `sup:${province.code}`, name: province.code, language: 'vi', at: clock.now() });
      await app.repos.people.addRole(p.id, { kind: 'supervisor', agencyId: null, province: province.code });
    }
    await app.reminders.tick(clock.now());
  });
  afterAll(() => app?.close());

  test('the scheduler sends, over six weeks, exactly the steps `reminders preview` lists for them', { timeout: 120_000 }, async () => {
    const from = new Date(clock.now().getTime() + 1);
    const to = new Date(from.getTime() + 42 * DAY);
    const preview = await app.reminders.preview(from, to);
    const expected = new Set(preview.filter((s) => s.personId !== 0).map((s) => `${s.occurrenceKey}|${s.personId}|${s.step}`));
    expect(expected.size).toBeGreaterThan(50);

    const before = await stepsOf(app);
    // The service looks only when something is due: at each instant the preview names.
    for (const at of [...new Set(preview.map((s) => s.fireAt.getTime()))].sort((a, b) => a - b)) {
      clock.set(new Date(at));
      await app.reminders.tick(clock.now());
    }
    const sent = new Set([...(await stepsOf(app))].filter((s) => !before.has(s)));
    expect([...sent].sort()).toEqual([...expected].sort());
  });

  test('a minute with nothing due reads no plan, state or step', async () => {
    clock.set(atLocalTime('2026-08-03', '07:00'));
    await app.reminders.tick(clock.now());
    clock.advance(60_000);
    const reads = [vi.spyOn(app.repos.plans, 'scheduledTasks'), vi.spyOn(app.repos.reminders, 'states'), vi.spyOn(app.repos.reminders, 'recorded'), vi.spyOn(app.repos.people, 'focalPoints')];
    try {
      expect(await app.reminders.tick(clock.now())).toBe(0);
      for (const read of reads) expect(read).not.toHaveBeenCalled();
    } finally {
      for (const read of reads) read.mockRestore();
    }
  });

  test('a new deadline date set in chat is planned at the next tick', async () => {
    const task = (await app.repos.plans.scheduledTasks()).find((t) => 'adhoc' in t.recurrence && t.agencyIds.length > 0)!;
    clock.set(atLocalTime('2026-08-04', '07:00'));
    await app.reminders.tick(clock.now());
    await app.repos.plans.setAdhocDate({ taskId: task.taskId, dueOn: '2026-08-12' });
    const planned = await app.db.plannedOccurrence.count({ where: { taskId: task.taskId, dueOn: '2026-08-12' } });
    expect(planned).toBe(0);
    await app.reminders.tick(clock.now());
    expect(await app.db.plannedOccurrence.count({ where: { taskId: task.taskId, dueOn: '2026-08-12' } })).toBe(task.agencyIds.length);
  });

  test('a focal point who joins after a step was sent gets that step at the next tick', async () => {
    const step = await app.db.reminderStep.findFirst({ where: { step: { startsWith: 'overdue' } }, orderBy: { id: 'desc' } });
    const agencyId = Number(step!.occurrenceKey.split(':')[1]);
    const newcomer = await app.repos.people.personForChat({ channel: 'console', chatId: 'newcomer', name: 'Newcomer', language: 'vi', at: clock.now() });
    await app.repos.people.addRole(newcomer.id, { kind: 'focal', agencyId, province: null });
    await app.reminders.tick(clock.now());
    const got = await app.db.reminderStep.findMany({ where: { personId: newcomer.id } });
    expect(got.map((r) => r.occurrenceKey)).toContain(step!.occurrenceKey);
  });
});
