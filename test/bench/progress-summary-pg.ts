// Times the national /baocao and /quahan on PostgreSQL at the country's scale: 34 provinces of
// about 294 communes (10,000 agencies) × 5 years × 12 months = 600,000 updates, some of them
// corrected, about 1.1 million rows in all, a monthly deadline for every commune (a tenth of the
// past year's not done), on a PostgreSQL started as the tests start it (test/support/postgres-server.ts).
// Run alone: npx tsx test/bench/progress-summary-pg.ts
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { stringify } from 'yaml';
import { createConfig } from '../../src/config.js';
import { atLocalTime, startOfLocalDay } from '../../src/domain/calendar/local-time.js';
import { silentLogger } from '../../src/logger.js';
import { storedPeriod } from '../../src/repositories/progress-repo.js';
import { manualClock } from '../../src/services/clock.js';
import { startPostgres } from '../support/postgres-server.js';
import { measure, peakMemory, report, type Measured } from './summary-timings.js';

// The app migrates through Prisma's wasm schema engine, which Node 20 loads only with this flag.
if (!process.execArgv.includes('--experimental-wasm-modules')) {
  const run = spawnSync(process.execPath, [...process.execArgv, '--experimental-wasm-modules', '--no-warnings', process.argv[1]!], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}
const { createApp } = await import('../../src/app.js');

const PROVINCES = 34;
const AGENCIES = 10_000;
const YEARS = [2022, 2023, 2024, 2025, 2026];
const GOAL_MS = 2000;
const root = join(import.meta.dirname, '../..');
const now = atLocalTime('2026-12-20', '10:00');

const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'bhxh-bench-pg-'));
// As in test/support/global-setup.ts: as root the server runs as the "postgres" user, who must get in.
chmodSync(dir, 0o755);
const server = await startPostgres(dir);
const started = performance.now();
/** Where the minutes of loading go, on stderr: the figures that count come last on stdout. */
const phase = (what: string) => console.error(`[${((performance.now() - started) / 1000).toFixed(0)} s] ${what}`);
// Stopped or interrupted, the benchmark takes its server down with it.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
    process.exit(1);
  });
}
try {
  await run();
} finally {
  server.stop();
  rmSync(dir, { recursive: true, force: true });
}

async function run(): Promise<void> {
  const url = await server.createDatabase('bench');
  writePlans(join(dir, 'plans'));
  const config = createConfig({ DATABASE_URL: url, PLANS_DIR: join(dir, 'plans'), HOLIDAYS_FILE: join(root, 'data/holidays.yaml'), SUBSIDY_RULES_FILE: join(root, 'data/subsidy/rules.yaml') });
  const app = await createApp({ config, logger: silentLogger, clock: manualClock(now) });
  phase('migrated, plans imported');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = await seed(client);
    phase(`${rows} rows inserted`);
    await app.repos.progressUpdates.rebuild();
    await client.query('VACUUM ANALYZE');
    phase('current values rebuilt, tables analysed');
    const scope = {};
    const database = serverCpu();
    const results: Measured[] = [
      await measure('national summary month 2026-11', GOAL_MS, () => app.progress.summary({ scope, period: '2026-11', now }), database),
      await measure('national summary quarter 2026-Q3', GOAL_MS, () => app.progress.summary({ scope, period: '2026-Q3', now }), database),
      await measure('national summary year 2026', GOAL_MS, () => app.progress.summary({ scope, period: '2026', now }), database),
      await measure('national overdue report (366 days of deadlines, silent agencies)', GOAL_MS, () => app.progress.overdue({ scope, now }), database),
      await measure('one province, summary month 2026-11', GOAL_MS, () => app.progress.summary({ scope: { province: 'tinh-01' }, period: '2026-11', now }), database),
    ];
    report({
      data: `${PROVINCES} provinces, ${AGENCIES.toLocaleString('en')} agencies × ${YEARS.length} years × 12 months = ${(AGENCIES * YEARS.length * 12).toLocaleString('en')} updates, ${rows.toLocaleString('en')} rows in PostgreSQL`,
      results,
      memory: peakMemory(),
      memoryGoal: 'bounded: the figures above are read as a few hundred rows',
    });
  } finally {
    await client.end();
    await app.close();
  }
}

/** One plan per province, naming its communes (under the province's People's Committee) and a monthly report from each. */
function writePlans(plans: string): void {
  mkdirSync(plans);
  for (let p = 1; p <= PROVINCES; p++) {
    const code = `tinh-${String(p).padStart(2, '0')}`;
    const communes = Array.from({ length: Math.ceil((AGENCIES * p) / PROVINCES) - Math.ceil((AGENCIES * (p - 1)) / PROVINCES) }, (_, i) => ({ code: `${code}.xa-${i + 1}`, name: `UBND xã ${i + 1} tỉnh ${p}`, kind: 'people-committee', level: 'commune', parent: `${code}.ubnd` }));
    const plan = {
      code: `${code}-plan`,
      title: 'Kế hoạch đo hiệu năng',
      document: 'KH 0',
      issuedOn: '2022-01-01',
      issuer: 'bench',
      province: code,
      provinceName: `Tỉnh ${p}`,
      seed: 'bench',
      agencies: [{ code: `${code}.ubnd`, name: `UBND tỉnh ${p}`, kind: 'people-committee' }, ...communes],
      tasks: [{ code: 'monthly', title: 'Báo cáo tháng', lead: communes.map((a) => a.code), recurrence: { every: 'month', day: 10, from: '2022-01-01' }, source: 'bench' }],
      targets: [2025, 2030].flatMap((year) => [
        { metric: 'bhxh_coverage', year, value: (year === 2025 ? 20 : 30) + (p % 5) },
        { metric: 'voluntary_coverage', year, value: (year === 2025 ? 2.5 : 5) + (p % 3) / 2 },
      ]),
    };
    writeFileSync(join(plans, `${code}.yaml`), stringify(plan));
  }
}

/**
 * Loading is not what is measured: rows go in with plain multi-row INSERTs, a few hundred agencies
 * at a time so the generator holds little. Each month every commune sends its voluntary participants
 * (a tenth corrected a day later); at each quarter's end also its BHXH participants and new voluntary
 * participants, in January its labour force. One in fifty never reports. A tenth of the past year's
 * deadlines is not done.
 */
async function seed(client: pg.Client): Promise<number> {
  const agencies = (await client.query<{ id: number }>(`SELECT "id" FROM "Agency" WHERE "level" = 'commune' ORDER BY "id"`)).rows.map((r) => r.id);
  const task = new Map((await client.query<{ agencyId: number; taskId: number }>(`SELECT "agencyId", "taskId" FROM "TaskAgency"`)).rows.map((r) => [r.agencyId, r.taskId]));
  let seedValue = 42;
  const random = () => (seedValue = (seedValue * 1103515245 + 12345) % 2147483648) / 2147483648;
  let count = 0;
  for (let from = 0; from < agencies.length; from += 250) {
    const cols = { batch: [] as string[], agencyId: [] as number[], period: [] as string[], metric: [] as string[], value: [] as number[], receivedAt: [] as Date[] };
    const add = (batch: string, agencyId: number, period: string, metric: string, value: number, receivedAt: Date) => {
      cols.batch.push(batch); cols.agencyId.push(agencyId); cols.period.push(period); cols.metric.push(metric); cols.value.push(value); cols.receivedAt.push(receivedAt);
    };
    for (const agencyId of agencies.slice(from, from + 250)) {
      if (agencyId % 50 === 0) continue;
      for (const year of YEARS) {
        for (let month = 1; month <= 12; month++) {
          const period = storedPeriod(`${year}-${String(month).padStart(2, '0')}`);
          const receivedAt = new Date(Date.UTC(year, month, 3));
          const batch = `${agencyId}-${period}`;
          add(batch, agencyId, period, 'voluntary_participants', 50 + Math.floor(random() * 100), receivedAt);
          if (random() < 0.1) add(`${batch}-fix`, agencyId, period, 'voluntary_participants', 60 + Math.floor(random() * 100), new Date(receivedAt.getTime() + 86_400_000));
          if (month === 1) add(batch, agencyId, period, 'labour_force', 3000 + (agencyId % 500) * 10, receivedAt);
          if (month % 3 === 0) {
            add(batch, agencyId, period, 'bhxh_participants', 800 + Math.floor(random() * 400), receivedAt);
            add(batch, agencyId, period, 'voluntary_new', Math.floor(random() * 30), receivedAt);
          }
        }
      }
    }
    await client.query(
      `INSERT INTO "ProgressUpdate" ("batch", "agencyId", "period", "metric", "value", "personId", "receivedAt")
       SELECT b, a, p, m, v, 1, r FROM UNNEST($1::text[], $2::int[], $3::text[], $4::text[], $5::float8[], $6::timestamp(3)[]) AS t(b, a, p, m, v, r)`,
      [cols.batch, cols.agencyId, cols.period, cols.metric, cols.value, cols.receivedAt.map((d) => d.toISOString().replace('T', ' ').replace('Z', ''))],
    );
    count += cols.batch.length;
  }
  // Deadlines of the past year done the day before, but for one in ten.
  const keys = { key: [] as string[], taskId: [] as number[], agencyId: [] as number[], dueOn: [] as string[], doneAt: [] as string[] };
  for (let month = 0; month < 12; month++) {
    const dueOn = `${month === 0 ? 2025 : 2026}-${String(month === 0 ? 12 : month).padStart(2, '0')}-10`;
    const doneAt = new Date(startOfLocalDay(dueOn).getTime() - 86_400_000).toISOString().replace('T', ' ').replace('Z', '');
    for (const agencyId of agencies) {
      if (random() < 0.1) continue;
      const taskId = task.get(agencyId)!;
      keys.key.push(`${taskId}:${agencyId}:${dueOn}`); keys.taskId.push(taskId); keys.agencyId.push(agencyId); keys.dueOn.push(dueOn); keys.doneAt.push(doneAt);
    }
  }
  await client.query(
    `INSERT INTO "OccurrenceState" ("key", "taskId", "agencyId", "dueOn", "doneAt", "updatedAt")
     SELECT k, t, a, d, x, x FROM UNNEST($1::text[], $2::int[], $3::int[], $4::text[], $5::timestamp(3)[]) AS s(k, t, a, d, x)`,
    [keys.key, keys.taskId, keys.agencyId, keys.dueOn, keys.doneAt],
  );
  return count;
}

/**
 * CPU milliseconds this benchmark's PostgreSQL server (its postmaster and the backends it forked)
 * has spent so far: on a shared machine, the database's share of the work apart from the wait for
 * other work. Other servers on the machine (other test runs) are not counted.
 */
function serverCpu(): () => number {
  const data = join(dir, readdirSync(dir).find((d) => d.startsWith('bhxh-pg-'))!, 'data');
  const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const msPerTick = 10;
  return () =>
    readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .reduce((sum, pid) => {
        try {
          // Fields after the command's closing parenthesis: state, ppid, …, utime (12th), stime (13th).
          const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').pop()!.split(' ');
          return Number(pid) === postmaster || Number(fields[1]) === postmaster ? sum + (Number(fields[11]) + Number(fields[12])) * msPerTick : sum;
        } catch {
          return sum;
        }
      }, 0);
}
