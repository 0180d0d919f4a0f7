// The scheduler's minute, at national scale: a commune-level plan of 1,000 / 3,000 / 10,000 agencies, each with a
// focal point, on SQLite and PostgreSQL. Times the first tick (which plans every deadline in reach and sends what
// is due), an idle tick (nothing due: the cost paid every minute) and a due tick (a step for every commune).
// Run alone: npx tsx test/bench/scheduler-tick.ts [sqlite|postgresql]
import { join } from 'node:path';
import { benchDatabases, focalPointsFor, median, ms, rerunWithWasm, root, type Kind } from './lib/setup.js';

rerunWithWasm();
const { createApp } = await import('../../src/app.js');
const { createConfig } = await import('../../src/config.js');
const { atLocalTime } = await import('../../src/domain/calendar/local-time.js');
const { silentLogger } = await import('../../src/logger.js');
const { manualClock } = await import('../../src/services/clock.js');
const { writeBigPlan } = await import('../support/big-plan.js');

const SIZES = [1_000, 3_000, 10_000];
const KINDS: Kind[] = process.argv[2] ? [process.argv[2] as Kind] : ['sqlite', 'postgresql'];
const databases = benchDatabases();
const results: string[] = [];

const cpuMs = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
};

for (const kind of KINDS) {
  for (const agencies of SIZES) {
    const url = await databases.fresh(kind);
    const plans = writeBigPlan(join(databases.dir, `plans-${kind}-${agencies}`), { agencies });
    const config = createConfig({ DATABASE_URL: url, PLANS_DIR: plans, HOLIDAYS_FILE: join(root, 'data/holidays.yaml'), SUBSIDY_RULES_FILE: join(root, 'data/subsidy/rules.yaml') });
    const clock = manualClock(atLocalTime('2026-06-22', '07:00'));
    const app = await createApp({ config, logger: silentLogger, clock });
    // No channel runs here, so the outbox is not woken: sending is pipeline.ts's and fanout.ts's to measure.
    app.outbox.wake = () => {};
    const communes = (await app.repos.agencies.list({ province: 'tinh-lon' })).map((a) => a.id);
    await focalPointsFor(app, communes);

    let t = performance.now();
    const firstQueued = await app.reminders.tick(clock.now());
    const first = performance.now() - t;

    const idle: number[] = [];
    const idleCpu: number[] = [];
    for (let i = 0; i < 7; i++) {
      clock.advance(60_000);
      const cpu = process.cpuUsage();
      t = performance.now();
      const queued = await app.reminders.tick(clock.now());
      idle.push(performance.now() - t);
      idleCpu.push(cpuMs(cpu));
      if (queued) throw new Error(`an idle minute queued ${queued} messages`);
    }

    // The busiest instant ahead: a step for every commune's monthly report.
    const [busiest] = await app.db.plannedOccurrence.groupBy({ by: ['nextFireAt'], where: { nextFireAt: { gt: clock.now() } }, _count: { _all: true }, orderBy: { _count: { key: 'desc' } }, take: 1 });
    clock.set(busiest!.nextFireAt!);
    const cpu = process.cpuUsage();
    t = performance.now();
    const dueQueued = await app.reminders.tick(clock.now());
    const due = performance.now() - t;
    const dueCpu = cpuMs(cpu);
    await app.close();

    const idleGoal = 50;
    const dueGoal = (agencies / 10_000) * 3000;
    results.push(
      `${kind.padEnd(10)} ${String(agencies).padStart(6)} agencies  first tick ${ms(first)} (${firstQueued} queued)  ` +
      `idle tick ${ms(median(idle))} (cpu ${ms(median(idleCpu))}; goal ≤ ${idleGoal} ms at 10,000) ${agencies < 10_000 || median(idle) <= idleGoal ? 'ok' : 'MISSED'}  ` +
      `due tick ${ms(due)} (cpu ${ms(dueCpu)}) for ${dueQueued} messages (goal ≤ ${ms(dueGoal)}) ${due <= dueGoal ? 'ok' : 'MISSED'}`,
    );
    console.error(results.at(-1));
  }
}
await databases.stop();
console.log('\nscheduler tick (median of 7 idle ticks; one due tick)');
for (const line of results) console.log(line);
