// Times /baocao's summaries and /quahan's overdue report on SQLite: 60,000 updates (1,000 agencies
// × 5 years × 12 months, four values each, 5% corrected once) and a monthly deadline for every
// agency, all going through the same repositories and services the bot uses.
// Run alone: npx tsx test/bench/progress-summary-sqlite.ts
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { stringify } from 'yaml';
import { createConfig } from '../../src/config.js';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { silentLogger } from '../../src/logger.js';
import { storedPeriod } from '../../src/repositories/progress-repo.js';
import { manualClock } from '../../src/services/clock.js';
import { measure, peakMemory, report, type Measured } from './summary-timings.js';

// The app migrates through Prisma's wasm schema engine, which Node 20 loads only with this flag:
// run again with it, so that plain `npx tsx` works as the other benchmarks do.
if (!process.execArgv.includes('--experimental-wasm-modules')) {
  const run = spawnSync(process.execPath, [...process.execArgv, '--experimental-wasm-modules', '--no-warnings', process.argv[1]!], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}
const { createApp } = await import('../../src/app.js');

const AGENCIES = 1000;
const YEARS = [2022, 2023, 2024, 2025, 2026];
const root = join(import.meta.dirname, '../..');

const dir = mkdtempSync(join(tmpdir(), 'bhxh-bench-'));
mkdirPlans();
const config = createConfig({ DATABASE_URL: `file:${join(dir, 'bench.db')}`, PLANS_DIR: join(dir, 'plans'), HOLIDAYS_FILE: join(root, 'data/holidays.yaml'), SUBSIDY_RULES_FILE: join(root, 'data/subsidy/rules.yaml') });
const now = atLocalTime('2026-12-20', '10:00');
const app = await createApp({ config, logger: silentLogger, clock: manualClock(now) });

function mkdirPlans(): void {
  const plans = join(dir, 'plans');
  mkdirSync(plans);
  const agencies = Array.from({ length: AGENCIES }, (_, i) => ({ code: `bench.xa-${i + 1}`, name: `UBND xã ${i + 1}`, kind: 'people-committee', level: 'commune' }));
  const plan = {
    code: 'bench-plan',
    title: 'Kế hoạch đo hiệu năng',
    document: 'KH 0',
    issuedOn: '2022-01-01',
    issuer: 'bench',
    province: 'bench',
    provinceName: 'Tỉnh đo hiệu năng',
    seed: 'bench',
    agencies,
    tasks: [{ code: 'monthly', title: 'Báo cáo tháng', lead: agencies.map((a) => a.code), recurrence: { every: 'month', day: 10, from: '2022-01-01' }, source: 'bench' }],
    targets: [2025, 2030].flatMap((year) => [
      { metric: 'bhxh_coverage', year, value: year === 2025 ? 20 : 30 },
      { metric: 'voluntary_coverage', year, value: year === 2025 ? 2.5 : 5 },
    ]),
  };
  writeFileSync(join(plans, '001-bench.yaml'), stringify(plan));
}

// Loading is not what is measured: rows go straight in through SQLite, a hundred agencies at a time
// in one transaction each, then the current values and figures are rebuilt in the database, rather
// than 60,000 single updates through the app (which would also leave the process's peak memory to
// the loading rather than the summaries).
async function seed(): Promise<number> {
  const agencies = await app.repos.agencies.list({ province: 'bench' });
  let seedValue = 42;
  const random = () => (seedValue = (seedValue * 1103515245 + 12345) % 2147483648) / 2147483648;
  const sqlite = new Database(join(dir, 'bench.db'));
  // Stored as the app stores instants on SQLite: milliseconds since 1970.
  const insert = sqlite.prepare('INSERT INTO "ProgressUpdate" ("batch", "agencyId", "period", "metric", "value", "personId", "receivedAt") VALUES (?, ?, ?, ?, ?, 1, ?)');
  let count = 0;
  const load = sqlite.transaction((some: typeof agencies) => {
    for (const agency of some) {
      for (const year of YEARS) {
        for (let month = 1; month <= 12; month++) {
          const period = storedPeriod(`${year}-${String(month).padStart(2, '0')}`);
          const receivedAt = Date.UTC(year, month, 3);
          const batch = `${agency.id}-${period}`;
          const values: [string, number][] = [
            ['labour_force', 5000 + agency.id],
            ['bhxh_participants', 800 + Math.floor(random() * 400)],
            ['voluntary_participants', 50 + Math.floor(random() * 100)],
            ['voluntary_new', Math.floor(random() * 10)],
          ];
          for (const [metric, value] of values) insert.run(batch, agency.id, period, metric, value, receivedAt);
          count += values.length;
          if (random() < 0.05) {
            insert.run(`${batch}-fix`, agency.id, period, 'bhxh_participants', 900, receivedAt + 86_400_000);
            count++;
          }
        }
      }
    }
  });
  for (let from = 0; from < agencies.length; from += 100) load(agencies.slice(from, from + 100));
  sqlite.close();
  await app.repos.progressUpdates.rebuild();
  return count;
}

const records = await seed();
const scope = { province: 'bench' };
const GOALS = { month: 300, quarter: 400, year: 500, overdue: 300 };
const results: Measured[] = [
  await measure('summary month 2026-11', GOALS.month, () => app.progress.summary({ scope, period: '2026-11', now })),
  await measure('summary quarter 2026-Q3', GOALS.quarter, () => app.progress.summary({ scope, period: '2026-Q3', now })),
  await measure('summary year 2026', GOALS.year, () => app.progress.summary({ scope, period: '2026', now })),
  await measure('overdue report (366 days of deadlines, silent agencies)', GOALS.overdue, () => app.progress.overdue({ scope, now })),
];
await app.close();
rmSync(dir, { recursive: true, force: true });
report({ data: `${AGENCIES} agencies × ${YEARS.length} years × 12 months = ${(AGENCIES * YEARS.length * 12).toLocaleString('en')} updates, ${records.toLocaleString('en')} rows in SQLite`, results, memory: peakMemory() });
