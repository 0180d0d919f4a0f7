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

  test("a plan gives its communes their level and parent; a supervisor's change of either survives a re-import", async () => {
    const app = await appOver('imported');
    const dir = mkdtempSync(join(tmpdir(), 'plans-'));
    const communes = Array.from({ length: 300 }, (_, i) => `  - { code: thu.xa-${i + 1}, name: "UBND xã ${i + 1}", kind: people-committee, level: commune, parent: thu.ubnd-tinh }`).join('\n');
    const plan = `code: thu-communes\ntitle: "Kế hoạch thử"\ndocument: ""\nissuedOn: 2026-01-02\nissuer: "UBND tỉnh Thử"\nprovince: thu\nprovinceName: "Tỉnh Thử"\nseed: none\nagencies:\n  - { code: thu.ubnd-tinh, name: "UBND tỉnh Thử", kind: people-committee }\n${communes}\ntasks:\n  - { code: monthly, title: "Báo cáo tháng", lead: [${Array.from({ length: 300 }, (_, i) => `thu.xa-${i + 1}`).join(', ')}], recurrence: { every: month, day: 10 }, source: test }\n`;
    writeFileSync(join(dir, 'thu.yaml'), plan);
    expect((await importPlans(dir, app.repos.plans)).imported).toEqual([{ file: 'thu.yaml', code: 'thu-communes', outcome: 'created' }]);
    const province = (await app.repos.agencies.byCode('thu.ubnd-tinh'))!;
    const first = (await app.repos.agencies.byCode('thu.xa-1'))!;
    expect([province.level, province.parentId, first.level, first.parentId]).toEqual(['province', null, 'commune', province.id]);
    expect(await app.db.agency.count({ where: { parentId: province.id, level: 'commune' } })).toBe(300);
    expect(await app.db.taskAgency.count({ where: { task: { plan: { code: 'thu-communes' } } } })).toBe(300);
    await app.repos.agencies.setLevel(first.id, 'province');
    await app.repos.agencies.setParent(first.id, null);
    writeFileSync(join(dir, 'thu.yaml'), plan.replace('"Kế hoạch thử"', '"Kế hoạch thử, bản sửa"'));
    expect((await importPlans(dir, app.repos.plans)).imported[0]!.outcome).toBe('updated');
    expect(await app.repos.agencies.byCode('thu.xa-1')).toMatchObject({ level: 'province', parentId: null });
    expect(await app.repos.agencies.byCode('thu.xa-2')).toMatchObject({ level: 'commune', parentId: province.id });
    expect((await app.repos.agencies.history(first.id)).map((e) => e.kind)).toEqual(['created', 'level', 'parent']);
  });
  test('a plan updated with levels gives them to the agencies it created before, and the agencies read since see them', async () => {
    const app = await appOver('imported');
    const dir = mkdtempSync(join(tmpdir(), 'plans-'));
    const agencies = (level: string) => `agencies:\n  - { code: hai.ubnd-tinh, name: "UBND tỉnh Hai", kind: people-committee }\n  - { code: hai.xa-1, name: "UBND xã Một", kind: people-committee${level} }\n`;
    const plan = (level: string) => `code: hai-communes\ntitle: "Kế hoạch hai"\ndocument: ""\nissuedOn: 2026-01-02\nissuer: "UBND tỉnh Hai"\nprovince: hai\nprovinceName: "Tỉnh Hai"\nseed: none\n${agencies(level)}tasks:\n  - { code: monthly, title: "Báo cáo tháng", lead: [hai.xa-1], recurrence: { every: month, day: 10 }, source: test }\n`;
    writeFileSync(join(dir, 'hai.yaml'), plan(''));
    await importPlans(dir, app.repos.plans);
    // Read once, so that the agencies are kept in memory before the plan changes.
    expect(await app.repos.agencies.byCode('hai.xa-1')).toMatchObject({ level: 'province', parentId: null });
    writeFileSync(join(dir, 'hai.yaml'), plan(', level: commune, parent: hai.ubnd-tinh'));
    expect((await importPlans(dir, app.repos.plans)).imported[0]!.outcome).toBe('updated');
    const committee = (await app.repos.agencies.byCode('hai.ubnd-tinh'))!;
    const commune = (await app.repos.agencies.byCode('hai.xa-1'))!;
    expect(commune).toMatchObject({ level: 'commune', parentId: committee.id });
    expect((await app.repos.agencies.history(commune.id)).map((e) => [e.kind, e.detail])).toEqual([
      ['created', 'plan hai-communes'],
      ['plan-level', 'plan hai-communes: province → commune'],
      ['plan-parent', 'plan hai-communes: – → hai.ubnd-tinh'],
    ]);
  });
});
