// Planning reminders over long ranges: `reminders preview` over 1 and 10 years of the seed plans and of a plan of
// 1,000 communes, each with a focal point, and the scheduler ticking through the first days of that range (the
// planner's work per tick). The preview's time should grow with the steps it lists, nothing else.
// Run alone: npx tsx test/bench/reminder-planning.ts
import { join } from 'node:path';
import { benchDatabases, focalPointsFor, median, ms, rerunWithWasm, root } from './lib/setup.js';

rerunWithWasm();
const { createApp } = await import('../../src/app.js');
const { createConfig } = await import('../../src/config.js');
const { addDays, atLocalTime } = await import('../../src/domain/calendar/local-time.js');
const { silentLogger } = await import('../../src/logger.js');
const { manualClock } = await import('../../src/services/clock.js');
const { writeBigPlan } = await import('../support/big-plan.js');

const databases = benchDatabases();
const results: string[] = [];
const FROM = '2027-01-01';
const RUNS = 3;
const SEED_YEAR_MS = 500;
const PER_STEP_US = 40;

for (const [name, plans, agencies] of [['seed plans', join(root, 'prisma/seed/plans'), 0], ['1,000 agencies', writeBigPlan(join(databases.dir, 'plans-1000'), { agencies: 1_000 }), 1_000]] as const) {
  const url = await databases.fresh('sqlite');
  const config = createConfig({ DATABASE_URL: url, PLANS_DIR: plans, HOLIDAYS_FILE: join(root, 'data/holidays.yaml'), SUBSIDY_RULES_FILE: join(root, 'data/subsidy/rules.yaml') });
  const clock = manualClock(atLocalTime(FROM, '07:00'));
  const app = await createApp({ config, logger: silentLogger, clock });
  app.outbox.wake = () => {};
  if (agencies) await focalPointsFor(app, (await app.repos.agencies.list({ province: 'tinh-lon' })).map((a) => a.id));

  const per: { time: number; steps: number }[] = [];
  for (const years of [1, 10]) {
    const to = atLocalTime(addDays(FROM, 365 * years - 1), '23:59');
    const times: number[] = [];
    let steps = 0;
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      steps = 0;
      for await (const chunk of app.reminders.previewStream(atLocalTime(FROM, '00:00'), to)) steps += chunk.length;
      times.push(performance.now() - t);
    }
    per.push({ time: median(times), steps });
    // A year of the seed plans well under a second; at national scale, a cost per step listed.
    const goal = agencies ? (steps * PER_STEP_US) / 1000 : years * SEED_YEAR_MS;
    results.push(`${name.padEnd(15)} preview ${String(years).padStart(2)} year(s): ${ms(median(times))} for ${steps} steps (${((median(times) * 1000) / Math.max(1, steps)).toFixed(1)} µs a step; goal ≤ ${ms(goal)}) ${median(times) <= goal ? 'ok' : 'MISSED'}`);
    console.error(results.at(-1));
  }
  // Proportional to the steps: ten years cost no more per step than one (within the machine's noise).
  const ratio = per[1]!.time / per[1]!.steps / (per[0]!.time / per[0]!.steps);
  results.push(`${name.padEnd(15)} preview cost a step, 10 years ÷ 1 year: ${ratio.toFixed(2)} (goal ≤ 1.5) ${ratio <= 1.5 ? 'ok' : 'MISSED'}`);

  // The scheduler through the first 30 days at 08:00 each day: planning and queueing, per tick.
  const ticks: number[] = [];
  let queued = 0;
  for (let day = 0; day < 30; day++) {
    clock.set(atLocalTime(addDays(FROM, day), '08:00'));
    const t = performance.now();
    queued += await app.reminders.tick(clock.now());
    ticks.push(performance.now() - t);
  }
  const tickGoal = agencies ? 1000 : 100;
  results.push(`${name.padEnd(15)} tick at 08:00 for 30 days: median ${ms(median(ticks))}, slowest ${ms(Math.max(...ticks))}, ${queued} messages queued (goal median ≤ ${ms(tickGoal)}) ${median(ticks) <= tickGoal ? 'ok' : 'MISSED'}`);
  console.error(results.at(-1));
  await app.close();
}
await databases.stop();
console.log(`\nreminder planning from ${FROM} on SQLite (median of ${RUNS} previews; ticks once a day)`);
for (const line of results) console.log(line);
