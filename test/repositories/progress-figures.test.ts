import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, onTestFinished, test } from 'vitest';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { indexUpdates, windowOf } from '../../src/domain/progress/figures.js';
import type { ProgressMetric } from '../../src/domain/progress/metrics.js';
import { partsFromIndex, type FigurePart, type Grouping } from '../../src/domain/progress/parts.js';
import { toPeriod, type PeriodCode } from '../../src/domain/progress/period.js';
import { inScope } from '../../src/domain/progress/scope.js';
import type { Scope, UpdateRecord } from '../../src/domain/progress/types.js';
import { REBUILD_CURRENT_SQL } from '../../src/repositories/progress-repo.js';
import { manualClock } from '../../src/services/clock.js';
import { DATABASES, freshDatabaseUrl, type DatabaseKind } from '../support/databases.js';
import { NOW, PLANS_DIR, PROVINCE, agencyIds, seedProgress } from '../support/progress-data.js';
import { root, startApp, type RunningApp } from '../support/test-app.js';

/** Every window a report may ask for in 2024–2025: months, quarters, halves and years. */
const PERIODS: PeriodCode[] = ['2024', '2025', '2024-H2', '2025-H1', '2025-H2', '2024-Q4', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2024-12', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10'];

const key = (p: FigurePart) => `${p.period} ${p.group} ${p.wide ? 'wide' : 'local'} ${p.metric}`;
const sorted = (parts: FigurePart[]) => [...parts].sort((a, b) => key(a).localeCompare(key(b)));

/** The database's parts side by side with the domain's, figures to 9 digits (the two add in different orders). */
function expectSameParts(fromDb: FigurePart[], reference: FigurePart[]): void {
  expect(sorted(fromDb).map(key)).toEqual(sorted(reference).map(key));
  const round = (p: FigurePart) => ({ ...p, total: p.total.toPrecision(9), labourForce: p.labourForce.toPrecision(9), weighted: p.weighted.toPrecision(9) });
  expect(sorted(fromDb).map(round)).toEqual(sorted(reference).map(round));
}

async function started(kind: DatabaseKind, seed?: (app: RunningApp['app']) => Promise<unknown>): Promise<RunningApp> {
  const running = await startApp({ databaseUrl: await freshDatabaseUrl(kind, { plans: PLANS_DIR, ...(seed ? { seed } : {}) }), clock: manualClock(NOW), config: { PLANS_DIR } });
  onTestFinished(() => running.stop());
  return running;
}

/** What the domain computes from every stored update, for the same agencies. */
async function reference(running: RunningApp, scope: Scope, periods: readonly PeriodCode[], grouping: Grouping) {
  const app = running.app;
  const agencies = inScope(await app.progress.agenciesOf({}), scope);
  const updates = await app.repos.progressUpdates.list({ agencyIds: agencies.map((a) => a.id) });
  return { agencies, updates, parts: partsFromIndex({ index: indexUpdates(updates), agencies, periods, grouping }) };
}

describe.each(DATABASES)('figures aggregated by the database follow the domain\'s rules (%s)', (kind) => {
  test("Tỉnh Mẫu's two years: every window, by province and by agency, corrections and late figures included", async () => {
    const running = await started(kind, seedProgress);
    for (const grouping of ['province', 'agency'] as const) {
      const scope = { province: PROVINCE };
      const fromDb = await running.app.repos.progressFigures.parts({ scope, periods: PERIODS, grouping });
      expectSameParts(fromDb, (await reference(running, scope, PERIODS, grouping)).parts);
    }
  });

  test('who reported and who did not, per window', async () => {
    const running = await started(kind, seedProgress);
    const { agencies, updates } = await reference(running, { province: PROVINCE }, [], 'province');
    const index = indexUpdates(updates);
    for (const period of PERIODS) {
      const silent = agencies.filter((a) => !index.reportedIn(a.id, windowOf(toPeriod(period)))).map((a) => a.id).sort();
      const fromDb = await running.app.repos.progressFigures.notReported({ scope: { province: PROVINCE }, period });
      expect([period, fromDb.map((a) => a.id).sort()]).toEqual([period, silent]);
      const [counts] = await running.app.repos.progressFigures.reporting({ scope: { province: PROVINCE }, period, grouping: 'province' });
      expect([period, counts!.agencies, counts!.reported]).toEqual([period, agencies.length, agencies.length - silent.length]);
    }
  });

  test('random histories: levels, flows, given and derived rates, corrections sent late or at the same instant', async () => {
    const running = await started(kind, seedProgress);
    const ids = Object.values(await agencyIds(running.app));
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const metrics: ProgressMetric[] = ['labour_force', 'bhxh_participants', 'voluntary_participants', 'voluntary_coverage', 'voluntary_new', 'pension_share'];
    const periods: PeriodCode[] = ['2026', '2026-H1', '2026-H2', '2026-Q1', '2026-Q2', '2026-Q3', '2026-01', '2026-02', '2026-03', '2026-05', '2026-06', '2026-09', '2027-01'];
    const at = (day: number) => atLocalTime(`2027-02-${String(day).padStart(2, '0')}`, '09:00');
    // A hundred updates of one to three values each, as focal points send them.
    for (let i = 0; i < 100; i++) {
      const [agencyId, period, receivedAt] = [pick(ids), pick(periods), at(1 + Math.floor(random() * 20))];
      const chosen = [...new Set([pick(metrics), pick(metrics), pick(metrics)].slice(0, 1 + Math.floor(random() * 3)))];
      const records = chosen.map((metric): UpdateRecord => {
        const value = metric === 'labour_force' ? 1000 + Math.floor(random() * 9000) : metric.endsWith('coverage') || metric === 'pension_share' ? Math.round(random() * 6000) / 100 : Math.floor(random() * 500);
        return { agencyId, period, metric, value, personId: 1, receivedAt };
      });
      await running.app.repos.progressUpdates.save(records);
    }
    const windows: PeriodCode[] = ['2026', '2026-H1', '2026-H2', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2026-03', '2026-06', '2026-09', '2027', '2027-01'];
    for (const grouping of ['province', 'agency'] as const) {
      const fromDb = await running.app.repos.progressFigures.parts({ scope: {}, periods: windows, grouping });
      expectSameParts(fromDb, (await reference(running, {}, windows, grouping)).parts);
    }
  });

  test('the current values and figures kept on each save are what rebuilding them from the history gives', async () => {
    const running = await started(kind, seedProgress);
    const { db } = running.app;
    const current = () => db.progressCurrent.findMany({ orderBy: [{ agencyId: 'asc' }, { period: 'asc' }, { metric: 'asc' }] });
    const figures = () => db.progressFigure.findMany({ orderBy: [{ agencyId: 'asc' }, { window: 'asc' }, { metric: 'asc' }] });
    const [keptCurrent, keptFigures] = [await current(), await figures()];
    expect(keptCurrent.find((c) => c.period === '2025-Q3' && c.metric === 'voluntary_coverage')).toMatchObject({ value: 5.6, versions: 2, kind: 'quarter', firstMonth: 2025 * 12 + 6, endMonth: 2025 * 12 + 9 });
    // Bình Sơn's new participants: September's 30 and July's 20 make its third quarter; nothing came for August.
    const binh = (await agencyIds(running.app)).binh;
    expect(keptFigures.filter((f) => f.agencyId === binh && f.metric === 'voluntary_new' && f.window.startsWith('2025-')).map((f) => [f.window, f.value, f.period])).toEqual([
      ['2025-H1', 25, '2025-H1'], ['2025-H2', 50, '2025-H2'], ['2025-M06', 25, '2025-M06'], ['2025-M07', 20, '2025-M07'], ['2025-M09', 30, '2025-M09'], ['2025-Q2', 25, '2025-Q2'], ['2025-Q3', 50, '2025-Q3'], ['2025-Y', 75, '2025-Y'],
    ]);
    await running.app.repos.progressUpdates.rebuild();
    expect(await current()).toEqual(keptCurrent);
    expect(await figures()).toEqual(keptFigures);
  });

  test('a start over a history kept before figures were computes them once', async () => {
    const running = await started(kind, seedProgress);
    const { db, repos } = running.app;
    const figures = await db.progressFigure.count();
    await db.progressFigure.deleteMany();
    expect(await repos.progressUpdates.ensureFigures()).toBe(true);
    expect(await db.progressFigure.count()).toBe(figures);
    expect(await repos.progressUpdates.ensureFigures()).toBe(false);
  });
});

test('the migration that created the current values filled them with the same statement the repository rebuilds them with', () => {
  const squash = (sql: string) => sql.replace(/\s+/g, ' ').trim();
  for (const dir of ['prisma/migrations', 'prisma/postgres/migrations']) {
    const [migration] = readdirSync(join(root, dir)).filter((d) => d.endsWith('_agency_levels_progress_figures'));
    expect(squash(readFileSync(join(root, dir, migration!, 'migration.sql'), 'utf8'))).toContain(squash(REBUILD_CURRENT_SQL));
  }
});
