// Plans at national scale: a plan naming every commune's People's Committee (1,000 and 10,000 agencies, four
// recurring duties each, test/support/big-plan.ts) imported into an empty database, imported again unchanged, and
// again with one agency's name changed, on SQLite and PostgreSQL; then the service started over the 10,000-agency
// plan (each start in a process of its own, as main.ts runs: its first start, which migrates and imports, and a
// restart once every commune has a focal point), with the scheduler's timer off and on. Each figure is one run.
// Run alone: npx tsx test/bench/plan-import.ts [sqlite|postgresql]
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchDatabases, focalPointsFor, median, rerunWithWasm, root, type Kind } from './lib/setup.js';

rerunWithWasm();
const { createApp } = await import('../../src/app.js');
const { createConfig } = await import('../../src/config.js');
const { silentLogger } = await import('../../src/logger.js');
const { importPlans } = await import('../../src/services/plan-import.js');
const { writeBigPlan } = await import('../support/big-plan.js');

const IMPORT_GOAL_S = 10;
const START_GOAL_S = 15;
const SIZES = [1_000, 10_000];

const configFor = (url: string, plans: string) =>
  createConfig({ DATABASE_URL: url, PLANS_DIR: plans, HOLIDAYS_FILE: join(root, 'data/holidays.yaml'), SUBSIDY_RULES_FILE: join(root, 'data/subsidy/rules.yaml'), CONSOLE: 'off', WEEKLY_DIGEST: 'off' });
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

if (process.argv[2] === '--start') {
  // A start in this process of its own: the time from calling startService to its "service started" line.
  const [, , , url, plans, timer] = process.argv;
  const { startService } = await import('../../src/service.js');
  let startedAt = 0;
  const logger = { ...silentLogger, info: (message: string) => void (message === 'service started' && (startedAt = performance.now())), child: () => logger };
  const t = performance.now();
  await startService(configFor(url!, plans!), { logger, timer: timer === 'on' });
  console.log(JSON.stringify({ ms: startedAt - t, sinceProcessStart: startedAt, rssMb: process.memoryUsage().rss / 2 ** 20 }));
  // With the timer on, the first tick is still running: what it does after "service started" is another bench's.
  process.exit(0);
}

type Start = { ms: number; sinceProcessStart: number; rssMb: number };
function startInOwnProcess(url: string, plans: string, timer: 'on' | 'off'): Start {
  const run = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, '--start', url, plans, timer], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (run.status !== 0) throw new Error(`the service did not start (exit ${run.status})`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Start;
}

const KINDS: Kind[] = process.argv[2] ? [process.argv[2] as Kind] : ['sqlite', 'postgresql'];
const databases = benchDatabases();
const lines: string[] = [];
const goals: string[] = [];
const say = (line: string) => {
  lines.push(line);
  console.error(line);
};

try {
  for (const kind of KINDS) {
    // Not timed: the process's first import over a client compiles its queries, which a plan's size does not change.
    const warm = await createApp({ config: configFor(await databases.fresh(kind), databases.dir), logger: silentLogger, importPlans: false });
    await importPlans(writeBigPlan(join(databases.dir, `plans-warm-up-${kind}`), { agencies: 100 }), warm.repos.plans);
    await warm.close();

    for (const agencies of SIZES) {
      const plans = writeBigPlan(join(databases.dir, `plans-${agencies}`), { agencies });
      const renamed = writeBigPlan(join(databases.dir, `plans-${agencies}-renamed`), { agencies, names: { [agencies >> 1]: 'Ủy ban nhân dân phường Trung Tâm' } });
      const app = await createApp({ config: configFor(await databases.fresh(kind), plans), logger: silentLogger, importPlans: false });
      const timed = async (dir: string) => {
        const t = performance.now();
        const cpu = process.cpuUsage();
        const report = await importPlans(dir, app.repos.plans);
        const used = process.cpuUsage(cpu);
        return { ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000, outcome: report.imported[0]!.outcome };
      };
      const first = await timed(plans);
      const again = await timed(plans);
      const changed = await timed(renamed);
      const scheduled: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        await app.repos.plans.scheduledTasks();
        scheduled.push(performance.now() - t);
      }
      await app.close();
      say(`${kind.padEnd(10)} ${String(agencies).padStart(6)} agencies: import ${seconds(first.ms)} (${first.outcome}; this process's CPU ${seconds(first.cpuMs)}), again unchanged ${seconds(again.ms)} (${again.outcome}), ` +
        `one name changed ${seconds(changed.ms)} (${changed.outcome}); scheduledTasks() ${median(scheduled).toFixed(0)} ms (median of 5)`);
      if (agencies === 10_000) goals.push(`${kind}: import of 10,000 agencies ${seconds(first.ms)} (goal ≤ ${IMPORT_GOAL_S} s) ${first.ms <= IMPORT_GOAL_S * 1000 ? 'met' : 'NOT met'}`);
    }

    const plans = join(databases.dir, 'plans-10000');
    for (const timer of ['off', 'on'] as const) {
      const url = await databases.fresh(kind);
      const firstStart = startInOwnProcess(url, plans, timer);
      const app = await createApp({ config: configFor(url, plans), logger: silentLogger, importPlans: false, migrate: false });
      await focalPointsFor(app, (await app.repos.agencies.list({ province: 'tinh-lon' })).map((a) => a.id));
      await app.close();
      const restart = startInOwnProcess(url, plans, timer);
      for (const [what, s] of [['first start (migrates, imports)', firstStart], ['restart (10,000 focal points)', restart]] as const) {
        say(`${kind.padEnd(10)} timer ${timer.padEnd(3)} ${what}: startService → "service started" ${seconds(s.ms)} (${seconds(s.sinceProcessStart)} from process start), RSS ${s.rssMb.toFixed(0)} MB`);
        goals.push(`${kind}: ${what}, timer ${timer}: start ${seconds(s.ms)} (goal ≤ ${START_GOAL_S} s) ${s.ms <= START_GOAL_S * 1000 ? 'met' : 'NOT met'}`);
      }
    }
  }
} finally {
  await databases.stop();
  rmSync(databases.dir, { recursive: true, force: true });
}

console.log('\nplans of 10,000 agencies: import and start (each figure one run; the machine is shared)');
for (const line of lines) console.log(line);
console.log('\ngoals');
for (const line of goals) console.log(line);
