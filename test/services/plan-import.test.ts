import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, onTestFinished, test } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { silentLogger } from '../../src/logger.js';
import { importPlans } from '../../src/services/plan-import.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';
import { SEED_PLANS, testConfig } from '../support/test-app.js';

async function snapshot(app: App) {
  const [plans, tasks, links, targets, agencies] = await Promise.all([
    app.db.plan.findMany({ orderBy: { id: 'asc' } }),
    app.db.task.findMany({ orderBy: { id: 'asc' } }),
    app.db.taskAgency.count(),
    app.db.target.count(),
    app.db.agency.findMany({ orderBy: { id: 'asc' } }),
  ]);
  return { plans, tasks, links, targets, agencies };
}

describe.each(DATABASES)('importing plan files (%s)', (kind) => {
  const plansDir = SEED_PLANS;
  /** The app over a database of the test's own: migrated and empty, or holding the seed plans already imported. */
  const appOver = async (plans: 'none' | 'imported') => {
    const app = await createApp({ config: testConfig(await freshDatabaseUrl(kind, plans === 'imported' ? { plans: plansDir } : {})), logger: silentLogger, importPlans: false });
    onTestFinished(() => app.close());
    return app;
  };

  test('imports all five seeds with their tasks and targets', async () => {
    const app = await appOver('none');
    const report = await importPlans(plansDir, app.repos.plans);
    expect(report.invalid).toEqual([]);
    expect(report.imported.map((p) => p.outcome)).toEqual(['created', 'created', 'created', 'created', 'created']);
    expect(await app.db.target.count()).toBe(46);
    expect(await app.db.province.count()).toBe(5);
  });

  test('importing twice changes nothing', async () => {
    const app = await appOver('imported');
    const before = await snapshot(app);
    const report = await importPlans(plansDir, app.repos.plans);
    expect(report.imported.every((p) => p.outcome === 'unchanged')).toBe(true);
    expect(await snapshot(app)).toEqual(before);
  });

  test('a malformed file is refused whole, with file and line, and the others still import', async () => {
    const app = await appOver('imported');
    const dir = mkdtempSync(join(tmpdir(), 'plans-'));
    cpSync(join(plansDir, '004-ha-noi.yaml'), join(dir, '004-ha-noi.yaml'));
    writeFileSync(join(dir, '005-broken.yaml'), 'code: broken\ntitle: "x"\ndocument: ""\nissuedOn: 2026-02-30\nissuer: "x"\nprovince: broken\nprovinceName: "x"\nseed: none\nagencies: []\ntasks: []\n');
    const before = await snapshot(app);
    const report = await importPlans(dir, app.repos.plans);
    expect(report.imported).toEqual([{ file: '004-ha-noi.yaml', code: 'ha-noi-56-2022', outcome: 'unchanged' }]);
    expect(report.invalid.map((i) => `${i.file}:${i.line} ${i.field}`)).toEqual(['005-broken.yaml:4 issuedOn', '005-broken.yaml:9 agencies', '005-broken.yaml:10 tasks']);
    expect(await snapshot(app)).toEqual(before);
  });

  test('a supervisor\'s rename survives a re-import, and a merge keeps history and moves the duties', async () => {
    const app = await appOver('imported');
    const old = (await app.repos.agencies.byCode('an-giang.so-khdt'))!;
    const into = (await app.repos.agencies.byCode('an-giang.so-tai-chinh'))!;
    await app.repos.agencies.rename(old.id, 'Sở Kế hoạch và Đầu tư (cũ)');
    await app.repos.agencies.merge(old.id, into.id);
    await app.db.plan.updateMany({ data: { contentHash: 'stale' } });
    await importPlans(plansDir, app.repos.plans);
    expect((await app.repos.agencies.byCode('an-giang.so-khdt'))!.name).toBe('Sở Kế hoạch và Đầu tư (cũ)');
    expect((await app.repos.agencies.history(old.id)).map((e) => e.kind)).toEqual(['created', 'renamed', 'merged']);
    const monthly = (await app.repos.plans.scheduledTasks()).find((t) => t.planCode === 'an-giang-608-2019' && 'every' in t.recurrence && t.recurrence.every === 'month')!;
    expect(monthly.agencyIds).toEqual([into.id]);
  });
});
