import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { silentLogger } from '../../src/logger.js';
import { manualClock } from '../../src/services/clock.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';
import { SEED_PLANS, testConfig } from '../support/test-app.js';

describe.each(DATABASES)('reminder steps claimed through the database (%s)', (kind) => {
  const clock = manualClock(atLocalTime('2026-06-15', '08:00'));
  let one: App;
  let two: App;

  beforeAll(async () => {
    const config = testConfig(await freshDatabaseUrl(kind, { plans: SEED_PLANS }));
    one = await createApp({ config, logger: silentLogger, clock });
    two = await createApp({ config, logger: silentLogger, clock });
    // A focal point for every agency, so every deadline in reach has a recipient.
    for (const agency of await one.repos.agencies.list()) {
      const p = await one.repos.people.personForChat({ channel: 'console', chatId: `focal:${agency.code}`, name: agency.code, language: 'vi', at: clock.now() });
      await one.repos.people.addRole(p.id, { kind: 'focal', agencyId: agency.id, province: null });
    }
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
  });

  // On SQLite one process serves a province; instances in one process would block each other's
  // synchronous driver, so there they tick one after the other, as a restart does.
  const together = kind === 'postgresql';

  test(`two instances ticking at the same instant${together ? '' : ', one after the other,'} record and queue each step once`, async () => {
    const ticks = [() => one.reminders.tick(clock.now()), () => two.reminders.tick(clock.now()), () => one.reminders.tick(clock.now())];
    const queued = together ? await Promise.all(ticks.map((t) => t())) : [await ticks[0]!(), await ticks[1]!(), await ticks[2]!()];
    const total = queued.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0);
    const rows = await one.db.reminderStep.findMany();
    expect(new Set(rows.map((r) => `${r.occurrenceKey}|${r.personId}|${r.step}`)).size).toBe(rows.length);
    expect(await one.db.outbox.count()).toBe(total);
    expect(await two.reminders.tick(clock.now())).toBe(0);
  });
});
