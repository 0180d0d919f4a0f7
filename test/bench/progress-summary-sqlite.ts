// Times a /baocao summary read from SQLite: 60,000 updates (1,000 agencies × 5 years × 12
// months, four values each, 5% corrected once) and a monthly deadline for every agency, all
// going through the same repository and service the bot uses.
// Run alone: npx tsx test/bench/progress-summary-sqlite.ts
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { stringify } from 'yaml';
import { createConfig } from '../../src/config.js';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { silentLogger } from '../../src/logger.js';
import { storedPeriod } from '../../src/repositories/progress-repo.js';
import { manualClock } from '../../src/services/clock.js';

// The app migrates through Prisma's wasm schema engine, which Node 20 loads only with this flag:
// run again with it, so that plain `npx tsx` works as the other benchmarks do.
if (!process.execArgv.includes('--experimental-wasm-modules')) {
  const run = spawnSync(process.execPath, [...process.execArgv, '--experimental-wasm-modules', '--no-warnings', process.argv[1]!], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}
const { createApp } = await import('../../src/app.js');

const AGENCIES = 1000;
const YEARS = [2022, 2023, 2024, 2025, 2026];
const RUNS = 5;
const root = join(import.meta.dirname, '../..');

const dir = mkdtempSync(join(tmpdir(), 'bhxh-bench-'));
mkdirPlans();
const config = createConfig({ DATABASE_URL: `file:${join(dir, 'bench.db')}`, PLANS_DIR: join(dir, 'plans'), HOLIDAYS_FILE: join(root, 'data/holidays.yaml'), SUBSIDY_RULES_FILE: join(root, 'data/subsidy/rules.yaml') });
const now = atLocalTime('2026-12-20', '10:00');
const app = await createApp({ config, logger: silentLogger, clock: manualClock(now) });

function mkdirPlans(): void {
  const plans = join(dir, 'plans');
  mkdirSync(plans);
  const agencies = Array.from({ length: AGENCIES }, (_, i) => ({ code: `bench.xa-${i + 1}`, name: `UBND xã ${i + 1}`, kind: 'people-committee' }));
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

async function seed(): Promise<number> {
  const agencies = await app.repos.agencies.list({ province: 'bench' });
  let seedValue = 42;
  const random = () => (seedValue = (seedValue * 1103515245 + 12345) % 2147483648) / 2147483648;
  const rows: { batch: string; agencyId: number; period: string; metric: string; value: number; personId: number; receivedAt: Date }[] = [];
  for (const agency of agencies) {
    for (const year of YEARS) {
      for (let month = 1; month <= 12; month++) {
        const period = storedPeriod(`${year}-${String(month).padStart(2, '0')}`);
        const receivedAt = new Date(Date.UTC(year, month, 3));
        const batch = `${agency.id}-${period}`;
        const values: [string, number][] = [
          ['labour_force', 5000 + agency.id],
          ['bhxh_participants', 800 + Math.floor(random() * 400)],
          ['voluntary_participants', 50 + Math.floor(random() * 100)],
          ['voluntary_new', Math.floor(random() * 10)],
        ];
        for (const [metric, value] of values) rows.push({ batch, agencyId: agency.id, period, metric, value, personId: 1, receivedAt });
        if (random() < 0.05) rows.push({ batch: `${batch}-fix`, agencyId: agency.id, period, metric: 'bhxh_participants', value: 900, personId: 1, receivedAt: new Date(receivedAt.getTime() + 86_400_000) });
      }
    }
  }
  // Loading is not what is measured: plain bulk inserts rather than 60,000 single updates.
  for (let i = 0; i < rows.length; i += 5000) await app.db.progressUpdate.createMany({ data: rows.slice(i, i + 5000) });
  return rows.length;
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

async function time(label: string, run: () => Promise<unknown>): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  console.log(`${label}: median ${median(times).toFixed(0)} ms, min ${Math.min(...times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms (${RUNS} runs)`);
}

const records = await seed();
console.log(`data: ${AGENCIES} agencies × ${YEARS.length} years × 12 months = ${(AGENCIES * YEARS.length * 12).toLocaleString('en')} updates, ${records.toLocaleString('en')} rows in SQLite`);
const scope = { province: 'bench' };
await time('reading the updates of the province', () => app.repos.progressUpdates.list({ province: 'bench' }));
await time('summary month 2026-11 (read + deadlines + build)', () => app.progress.summary({ scope, period: '2026-11', now }));
await time('summary quarter 2026-Q3 (read + deadlines + build)', () => app.progress.summary({ scope, period: '2026-Q3', now }));
await time('summary year 2026 (read + deadlines + build)', () => app.progress.summary({ scope, period: '2026', now }));
await time('overdue report (read + 366 days of deadlines + build)', () => app.progress.overdue({ scope, now }));
await app.close();
