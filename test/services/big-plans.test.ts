import { existsSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, onTestFinished, test } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import type { Db } from '../../src/db/connect.js';
import { silentLogger } from '../../src/logger.js';
import { createPlansRepo } from '../../src/repositories/plans-repo.js';
import { importPlans } from '../../src/services/plan-import.js';
import { BIG_PLAN_OWN_AGENCIES, bigPlanAgencyCode, bigPlanAgencyName, bigPlanCode, writeBigPlan, type BigPlanOptions } from '../support/big-plan.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';
import { testConfig } from '../support/test-app.js';

const COMMUNES = 10_000;
// Each test reads or writes tens of thousands of rows and parses a 2 MB file: seconds, more on a busy machine.
const TIMEOUT_MS = 180_000;
const FILE = '900-tinh-lon.yaml';

/** The plan as a folder of its own, in the run's scratch folder; the unchanged one is written once, so its database template is too. */
function planDir(changes: Omit<BigPlanOptions, 'agencies'> = {}): string {
  if (Object.keys(changes).length) return writeBigPlan(mkdtempSync(join(inject('scratchDir'), 'big-plan-')), { agencies: COMMUNES, ...changes });
  const dir = join(inject('scratchDir'), `big-plan-${COMMUNES}`);
  return existsSync(join(dir, FILE)) ? dir : writeBigPlan(dir, { agencies: COMMUNES });
}

/**
 * The plans repository over a client that notes every operation it runs, as "Model.operation": "Agency.update",
 * "Plan.findMany"; a statement in SQL by its table and verb ("TaskAgency.insert").
 */
function recordingPlans(app: App) {
  const operations: string[] = [];
  const db = app.db.$extends({
    query: {
      $allOperations({ model, operation, args, query }) {
        const statement = /^(INSERT INTO|UPDATE|DELETE FROM) "(\w+)"/.exec((args as { strings?: string[] }).strings?.[0] ?? '');
        operations.push(model ? `${model}.${operation}` : statement ? `${statement[2]}.${statement[1]!.split(' ')[0]!.toLowerCase()}` : operation);
        return query(args);
      },
    },
  });
  // Writes to the plans' own tables; a note to the scheduler that plans changed is not one.
  const writes = () => operations.filter((o) => /^(Province|Agency|AgencyEvent|Plan|Task|TaskAgency|Target)\.(create|update|upsert|delete|insert)/.test(o));
  return { plans: createPlansRepo(db as unknown as Db, { ladder: {} }), operations, writes };
}

async function snapshot(app: App) {
  const [plan, tasks, agencies, links, targets, events] = await Promise.all([
    app.db.plan.findUniqueOrThrow({ where: { code: bigPlanCode() }, omit: { contentHash: true } }),
    app.db.task.findMany({ orderBy: { id: 'asc' } }),
    app.db.agency.findMany({ orderBy: { id: 'asc' } }),
    app.db.taskAgency.findMany({ orderBy: [{ taskId: 'asc' }, { agencyId: 'asc' }, { role: 'asc' }] }),
    app.db.target.findMany({ orderBy: { id: 'asc' } }),
    app.db.agencyEvent.count(),
  ]);
  return { plan, tasks, agencies, links, targets, events };
}

const communeCodes = Array.from({ length: COMMUNES }, (_, i) => bigPlanAgencyCode(i));

describe.each(DATABASES)('plans of 10,000 agencies (%s)', (kind) => {
  const appOver = async (plans: 'none' | 'imported') => {
    const app = await createApp({ config: testConfig(await freshDatabaseUrl(kind, plans === 'imported' ? { plans: planDir() } : {})), logger: silentLogger, importPlans: false });
    onTestFinished(() => app.close());
    return app;
  };
  const idsByCode = async (app: App) => new Map((await app.db.agency.findMany({ select: { id: true, code: true } })).map((a) => [a.code, a.id]));

  test('a plan naming 10,000 communes imports whole: every agency, every assignment, the targets', async () => {
    const app = await appOver('none');
    const report = await importPlans(planDir(), app.repos.plans);
    expect(report).toEqual({ imported: [{ file: FILE, code: bigPlanCode(), outcome: 'created' }], invalid: [] });

    const agencies = await app.db.agency.findMany({ where: { provinceCode: 'tinh-lon' } });
    expect(agencies).toHaveLength(COMMUNES + BIG_PLAN_OWN_AGENCIES);
    const names = new Map(agencies.map((a) => [a.code, a.name]));
    expect(communeCodes.filter((code, i) => names.get(code) !== bigPlanAgencyName(i))).toEqual([]);
    expect(await app.db.agencyEvent.count({ where: { kind: 'created', detail: `plan ${bigPlanCode()}` } })).toBe(COMMUNES + BIG_PLAN_OWN_AGENCIES);

    const ids = await idsByCode(app);
    const communeIds = communeCodes.map((c) => ids.get(c)!).sort((a, b) => a - b);
    const tasks = await app.db.task.findMany({ include: { agencies: { select: { agencyId: true, role: true } } }, orderBy: { code: 'asc' } });
    const owing = (code: string, role: string) => tasks.find((t) => t.code === code)!.agencies.filter((a) => a.role === role).map((a) => a.agencyId).sort((a, b) => a - b);
    expect(tasks.map((t) => t.code)).toEqual(['half-year-review', 'monthly-figures', 'quarterly-report', 'yearly-results']);
    for (const code of ['monthly-figures', 'quarterly-report', 'yearly-results']) expect(owing(code, 'lead')).toEqual(communeIds);
    expect(owing('half-year-review', 'lead')).toEqual([ids.get('tinh-lon.bhxh-tinh')]);
    expect(owing('half-year-review', 'coordinating')).toEqual(communeIds);
    expect(await app.db.target.count()).toBe(4);

    const scheduled = await app.repos.plans.scheduledTasks();
    expect(scheduled.find((t) => t.title.includes('tháng'))!.agencyIds.sort((a, b) => a - b)).toEqual(communeIds);
  }, TIMEOUT_MS);

  test('importing the unchanged plan again writes nothing and reads one row per plan', async () => {
    const app = await appOver('imported');
    const before = await snapshot(app);
    const { plans, operations, writes } = recordingPlans(app);
    const report = await importPlans(planDir(), plans);
    expect(report.imported).toEqual([{ file: FILE, code: bigPlanCode(), outcome: 'unchanged' }]);
    expect(writes()).toEqual([]);
    expect(operations).toEqual(['Plan.findMany']);
    expect(await snapshot(app)).toEqual(before);
  }, TIMEOUT_MS);

  test('a name changed in the file renames that agency alone; a name a person gave stays', async () => {
    const app = await appOver('imported');
    const ids = await idsByCode(app);
    const renamedByPerson = ids.get(bigPlanAgencyCode(7))!;
    await app.repos.agencies.rename(renamedByPerson, 'UBND phường Tân Thành (đổi tên)');
    const before = await snapshot(app);
    const { plans, writes } = recordingPlans(app);

    const report = await importPlans(planDir({ names: { 1233: 'Ủy ban nhân dân phường Phú Hòa', 7: 'Ủy ban nhân dân xã Tân Thành mới' } }), plans);

    expect(report.imported).toEqual([{ file: FILE, code: bigPlanCode(), outcome: 'updated' }]);
    expect(writes()).toEqual(['Agency.update', 'AgencyEvent.insert', 'Plan.upsert']);
    const after = await snapshot(app);
    const renamed = ids.get(bigPlanAgencyCode(1233))!;
    expect(after.agencies).toEqual(before.agencies.map((a) => (a.id === renamed ? { ...a, name: 'Ủy ban nhân dân phường Phú Hòa' } : a)));
    expect({ ...after, agencies: [], events: 0 }).toEqual({ ...before, agencies: [], events: 0 });
    expect((await app.repos.agencies.history(renamed)).map((e) => [e.kind, e.detail])).toEqual([
      ['created', `plan ${bigPlanCode()}`],
      ['plan-renamed', `plan ${bigPlanCode()}: ${bigPlanAgencyName(1233)} → Ủy ban nhân dân phường Phú Hòa`],
    ]);
  }, TIMEOUT_MS);

  test('a reorganisation renaming every commune is written in a few statements, not one per agency', async () => {
    const app = await appOver('imported');
    const renamed = (i: number) => `Ủy ban nhân dân phường ${i + 1}`;
    const { plans, writes } = recordingPlans(app);

    await importPlans(planDir({ names: Object.fromEntries(communeCodes.map((_, i) => [i, renamed(i)])) }), plans);

    const names = new Map((await app.db.agency.findMany({ select: { code: true, name: true } })).map((a) => [a.code, a.name]));
    expect(communeCodes.filter((code, i) => names.get(code) !== renamed(i))).toEqual([]);
    expect(await app.db.agencyEvent.count({ where: { kind: 'plan-renamed' } })).toBe(COMMUNES);
    expect(writes().length).toBeLessThan(100);
  }, TIMEOUT_MS);

  test('assignments taken out of a task and given back are the only rows written', async () => {
    const app = await appOver('imported');
    const before = await snapshot(app);
    const ids = await idsByCode(app);
    const { plans, writes, operations } = recordingPlans(app);

    await importPlans(planDir({ notQuarterly: [0, 5000, COMMUNES - 1] }), plans);
    expect(writes()).toEqual(['Plan.upsert', 'TaskAgency.deleteMany']);
    const quarterly = before.tasks.find((t) => t.code === 'quarterly-report')!.id;
    const dropped = new Set([0, 5000, COMMUNES - 1].map((i) => ids.get(bigPlanAgencyCode(i))));
    expect((await snapshot(app)).links).toEqual(before.links.filter((l) => !(l.taskId === quarterly && dropped.has(l.agencyId))));

    operations.length = 0;
    await importPlans(planDir(), plans);
    expect(writes()).toEqual(['Plan.upsert', 'TaskAgency.insert']);
    expect(await snapshot(app)).toEqual(before);
  }, TIMEOUT_MS);
});
