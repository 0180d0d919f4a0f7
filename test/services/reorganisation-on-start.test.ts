import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, onTestFinished, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { createLogger } from '../../src/logger.js';
import { startService } from '../../src/service.js';
import { manualClock } from '../../src/services/clock.js';
import { importPlans } from '../../src/services/plan-import.js';
import { keepReorganised } from '../../src/services/reorganisation.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';
import { root, SEED_PLANS, testConfig } from '../support/test-app.js';

const FILE = join(root, 'data/reorganisation-2025.yaml');
const NOW = atLocalTime('2026-11-30', '09:00');

/** The service started as main.ts starts it, with the 2025 reorganisation configured; what it logged, as parsed lines. */
async function start(databaseUrl: string, reorganisation = FILE) {
  const logged: { message: string; changes?: string[] }[] = [];
  const logger = createLogger({ level: 'info', write: (line) => logged.push(JSON.parse(line) as { message: string }) });
  const service = await startService(testConfig(databaseUrl, { REORGANISATION_FILE: reorganisation }), { logger, clock: manualClock(NOW), timer: false });
  onTestFinished(() => service.stop());
  return { service, app: service.app, logged };
}

describe.each(DATABASES)('the 2025 reorganisation applied on start (%s)', (kind) => {
  test('the first start applies it and says what changed, once; the second changes nothing and writes no history', async () => {
    const databaseUrl = await freshDatabaseUrl(kind, { plans: SEED_PLANS });
    // A supervisor of Bình Phước, invited before the service knew of NQ 202/2025/QH15.
    const before = await start(databaseUrl, '');
    const people = before.app.repos.people;
    const lan = await people.personForChat({ channel: 'console', chatId: 'supervisor:lan', name: 'Lan', language: 'vi', at: NOW });
    await people.addRole(lan.id, { kind: 'supervisor', agencyId: null, province: 'binh-phuoc' });
    const targetsBefore = (await before.app.repos.plans.listPlans()).find((p) => p.code === 'binh-phuoc-kh-2022')!._count.targets;
    await before.service.stop();

    const first = await start(databaseUrl);
    const applied = first.logged.filter((l) => l.message === 'reorganisation applied');
    expect(applied.length).toBe(1);
    expect(applied[0]!.changes).toEqual(expect.arrayContaining(['binh-phuoc → dong-nai (Đồng Nai)', 'kien-giang → an-giang (An Giang)', 'binh-phuoc.so-ldtbxh → binh-phuoc.so-noi-vu', 'nghe-an.ubnd-cap-huyen']));
    const agencies = first.app.repos.agencies;
    expect(await agencies.province('binh-phuoc')).toEqual({ code: 'binh-phuoc', name: 'Bình Phước', mergedInto: 'dong-nai' });
    expect(await agencies.province('kien-giang')).toEqual({ code: 'kien-giang', name: 'Kiên Giang', mergedInto: 'an-giang' });
    expect((await agencies.province('an-giang'))?.name).toBe('An Giang');
    // Codes, plans and targets kept; agencies, the plan and the supervisor now Đồng Nai's.
    expect((await agencies.byCode('binh-phuoc.so-noi-vu'))?.province).toBe('dong-nai');
    expect((await agencies.list({ province: 'binh-phuoc' })).length).toBe(0);
    const plan = (await first.app.repos.plans.listPlans()).find((p) => p.code === 'binh-phuoc-kh-2022')!;
    expect(plan.provinceCode).toBe('dong-nai');
    expect(plan._count.targets).toBe(targetsBefore);
    expect((await first.app.repos.people.person(lan.id))?.roles).toEqual([expect.objectContaining({ kind: 'supervisor', province: 'dong-nai' })]);
    const history = await agencies.history((await agencies.byCode('binh-phuoc.cuc-thong-ke'))!.id);
    expect(history.filter((e) => e.kind === 'province-merged').map((e) => [e.detail, e.effectiveOn])).toEqual([['binh-phuoc → dong-nai (NQ 202/2025/QH15)', '2025-07-01']]);
    const events = await first.app.db.agencyEvent.count();
    await first.service.stop();

    const second = await start(databaseUrl);
    expect(second.logged.filter((l) => l.message === 'reorganisation applied')).toEqual([]);
    expect(await second.app.db.agencyEvent.count()).toBe(events);
    // In place: the check, one query, is all it does.
    const calls: string[] = [];
    const agenciesRepo = second.app.repos.agencies;
    const counted = new Proxy(agenciesRepo, {
      get: (target, key) => {
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? (...args: unknown[]) => (calls.push(String(key)), (value as (...a: unknown[]) => unknown).apply(target, args)) : value;
      },
    });
    expect(await keepReorganised({ file: FILE, agencies: counted, logger: createLogger({ level: 'error' }), now: NOW })).toEqual([]);
    expect(calls).toEqual(['reorganisationState']);

    // A supervisor names the department as they want it: the file, checked again at the next start since agencies
    // changed, does not undo it.
    const department = (await agenciesRepo.byCode('nghe-an.so-ldtbxh'))!;
    await agenciesRepo.rename(department.id, 'Sở Nội vụ tỉnh Nghệ An', lan.id);
    await second.service.stop();
    const third = await start(databaseUrl);
    expect(third.logged.filter((l) => l.message === 'reorganisation applied')).toEqual([]);
    expect((await third.app.repos.agencies.byCode('nghe-an.so-ldtbxh'))?.name).toBe('Sở Nội vụ tỉnh Nghệ An');
  });

  test('a plan file of the old province imported after the merge lands in the province as it is now', async () => {
    const databaseUrl = await freshDatabaseUrl(kind, { plans: SEED_PLANS });
    const { app } = await start(databaseUrl);
    const dir = mkdtempSync(join(tmpdir(), 'bhxh-plans-'));
    const plan = parse(readFileSync(join(SEED_PLANS, '001-binh-phuoc.yaml'), 'utf8')) as { title: string; agencies: { code: string; name: string; kind: string }[] };
    plan.title += ' (sửa đổi)';
    plan.agencies.push({ code: 'binh-phuoc.so-y-te', name: 'Sở Y tế', kind: 'department' });
    writeFileSync(join(dir, '001-binh-phuoc.yaml'), stringify(plan));
    const report = await importPlans(dir, app.repos.plans);
    expect(report.invalid).toEqual([]);
    expect(report.imported.map((p) => p.outcome)).toEqual(['updated']);
    expect((await app.repos.plans.listPlans()).find((p) => p.code === 'binh-phuoc-kh-2022')?.provinceCode).toBe('dong-nai');
    expect((await app.repos.agencies.byCode('binh-phuoc.so-y-te'))?.province).toBe('dong-nai');
  });
});

// Several instances on one PostgreSQL (README): started together, they take turns at the plans and the file.
describe('instances started together on one PostgreSQL', () => {
  test('apply the reorganisation once between them, with no error and no history written twice', async () => {
    const alone = await start(await freshDatabaseUrl('postgresql', { plans: SEED_PLANS }));
    const events = await alone.app.db.agencyEvent.count();
    await alone.service.stop();

    const databaseUrl = await freshDatabaseUrl('postgresql', { plans: SEED_PLANS });
    const together = await Promise.all([start(databaseUrl), start(databaseUrl), start(databaseUrl)]);
    const lines = together.flatMap((t) => t.logged);
    expect(lines.filter((l) => l.message === 'reorganisation applied').length).toBe(1);
    expect(lines.filter((l) => l.message === 'reorganisation file not applied')).toEqual([]);
    expect(await together[0]!.app.db.agencyEvent.count()).toBe(events);
  });
});
