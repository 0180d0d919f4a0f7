import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { MetricSummary, ProgressSummary } from '../../src/domain/progress/index.js';
import { domainPeriod, storedPeriod } from '../../src/repositories/progress-repo.js';
import { manualClock } from '../../src/services/clock.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';
import { agencyIds, NOW, PLANS_DIR, PROVINCE, seedProgress, type CODES } from '../support/progress-data.js';
import { startApp, type RunningApp } from '../support/test-app.js';

const metric = (s: ProgressSummary, id: MetricSummary['metric']) => s.metrics.find((m) => m.metric === id)!;
const statuses = (m: MetricSummary) => m.targets.map((t) => `${t.year}: ${t.status}`);

test('periods are stored as 2026-M06, 2026-Q2, 2026-H1, 2026-Y and read back as the domain writes them', () => {
  expect(['2026-06', '2026-Q2', '2026-H1', '2026'].map(storedPeriod)).toEqual(['2026-M06', '2026-Q2', '2026-H1', '2026-Y']);
  expect(['2026-M06', '2026-Q2', '2026-H1', '2026-Y', '2026-06', 'junk'].map(domainPeriod)).toEqual(['2026-06', '2026-Q2', '2026-H1', '2026', undefined, undefined]);
});

describe.each(DATABASES)('progress summaries over the database (%s)', (kind) => {
  let running: RunningApp;
  let ids: Record<keyof typeof CODES, number>;
  const scope = { province: PROVINCE };

  beforeAll(async () => {
    // The tests only read the seeded reports (a refused update stores nothing), so they share one database.
    running = await startApp({ databaseUrl: await freshDatabaseUrl(kind, { plans: PLANS_DIR, seed: seedProgress }), clock: manualClock(NOW), config: { PLANS_DIR } });
    ids = await agencyIds(running.app);
  });
  afterAll(() => running?.stop());

  test('a correction is a new row: both versions are kept, the newer counts', async () => {
    const history = await running.app.repos.progressUpdates.history(ids.bhxh, '2025-Q3');
    expect(history.filter((r) => r.metric === 'voluntary_coverage').map((r) => r.value)).toEqual([5.9, 5.6]);
    expect(new Set(history.map((r) => r.batch)).size).toBe(2);
  });

  test('an update with a value the database refuses stores none of its values', async () => {
    const before = (await running.app.repos.progressUpdates.list({ agencyIds: [ids.noiVu] })).length;
    const bad = [
      { agencyId: ids.noiVu, period: '2025-09', metric: 'voluntary_new' as const, value: 5, personId: 1, receivedAt: NOW },
      { agencyId: 999_999, period: '2025-09', metric: 'voluntary_new' as const, value: 5, personId: 1, receivedAt: NOW },
    ];
    await expect(running.app.repos.progressUpdates.save(bad)).rejects.toThrow();
    expect(await running.app.repos.progressUpdates.list({ agencyIds: [ids.noiVu] })).toHaveLength(before);
  });

  test('the plan\'s targets and the agencies come from the imported plan; the provincial office stands for the province', async () => {
    expect((await running.app.repos.progressUpdates.targets({ province: PROVINCE })).map((t) => `${t.metric} ${t.year} ${t.value}`)).toEqual([
      'bhxh_coverage 2024 40', 'bhxh_coverage 2025 44', 'pension_share 2025 50', 'voluntary_coverage 2024 5', 'voluntary_coverage 2025 6',
    ]);
    expect((await running.app.progress.agenciesOf(scope)).find((a) => a.id === ids.bhxh)?.kind).toBe('province');
  });

  describe('Q3 2025, asked on 20/10/2025', () => {
    let q3: ProgressSummary;
    beforeAll(async () => {
      q3 = await running.app.progress.summary({ scope, period: '2025-Q3', now: NOW });
    });

    test('the metrics with a figure or a target', () => {
      expect(q3.metrics.map((m) => m.metric)).toEqual(['bhxh_coverage', 'voluntary_participants', 'voluntary_coverage', 'voluntary_new', 'pension_share']);
    });

    test('BHXH coverage 43.5%: on track (40 + 4 × 9/12 = 43), not yet the 44% of 2025; +1.5 points on Q2', () => {
      const m = metric(q3, 'bhxh_coverage');
      expect(m).toMatchObject({ value: 43.5, previous: 42, change: 1.5 });
      expect(statuses(m)).toEqual(['2025: on_track']);
      expect(m.targets[0]!.expected).toBeCloseTo(43, 9);
    });

    test('voluntary coverage: the correction to 5.6% counts and is behind 5 + 1 × 9/12 = 5.75 (5.9 would have been on track)', () => {
      const m = metric(q3, 'voluntary_coverage');
      expect(m.value).toBe(5.6);
      expect(m.change).toBeCloseTo(0.1, 9);
      expect(statuses(m)).toEqual(['2025: behind']);
      expect(m.targets[0]!.expected).toBeCloseTo(5.75, 9);
    });

    test('pension share 50.2% meets 50%; with no 2024 target the line starts from 2024\'s actual 47%', () => {
      const m = metric(q3, 'pension_share');
      expect(m.value).toBe(50.2);
      expect(statuses(m)).toEqual(['2025: met']);
      expect(m.targets[0]!.baseline).toEqual({ value: 47, year: 2024, source: 'actual' });
    });

    test('participants add up over the districts (2,120 + 1,580), new participants over the months (40 + 50 + 70 + 20 + 30)', () => {
      expect(metric(q3, 'voluntary_participants')).toMatchObject({ value: 3700, reporters: 2, previous: 1950 + 1450, change: 300, targets: [] });
      expect(metric(q3, 'voluntary_new')).toMatchObject({ value: 210, previous: 55, change: 155 });
    });

    test('only Sở Nội vụ has not reported; the department\'s note counts as reporting', () => {
      expect(q3.agencyCount).toBe(5);
      expect(q3.notReported.map((a) => a.name)).toEqual(['Sở Nội vụ']);
      expect(q3.notes.map((n) => n.text)).toEqual(['Đã tổ chức hội nghị tuyên truyền BHXH tự nguyện']);
    });

    test("deadlines due in Q3 by the Government Office's categories", () => {
      // 15/07 quarterly and five of the six monthly ones done on time; Bình Sơn's 10/09 three days late, its 10/08 never.
      expect(q3.deadlines.counts).toEqual({ done_on_time: 5, done_late: 1, overdue: 1, in_time: 0, unconfirmed: 0 });
      expect(q3.deadlines.items.done_late.map((d) => [d.agencyName, d.daysLate])).toEqual([['UBND huyện Bình Sơn', 3]]);
      expect(q3.deadlines.items.overdue.map((d) => [d.agencyName, d.taskTitle, d.daysLate])).toEqual([['UBND huyện Bình Sơn', 'Báo cáo số liệu tháng', 72]]);
    });
  });

  test('Q2 2025: both rates exactly on the line (42 and 5.5 at mid-year), pension 48 behind 47 + 3 × 6/12 = 48.5', async () => {
    const q2 = await running.app.progress.summary({ scope, period: '2025-Q2', now: NOW });
    expect(statuses(metric(q2, 'bhxh_coverage'))).toEqual(['2025: on_track']);
    expect(statuses(metric(q2, 'voluntary_coverage'))).toEqual(['2025: on_track']);
    expect(statuses(metric(q2, 'pension_share'))).toEqual(['2025: behind']);
    expect(q2.deadlines.counts).toEqual({ done_on_time: 3 * 2 + 1, done_late: 1, overdue: 0, in_time: 0, unconfirmed: 0 });
  });

  test('2024: BHXH coverage 40.5% met 40%, voluntary 5.1% met 5%', async () => {
    const y = await running.app.progress.summary({ scope, period: '2024', now: NOW });
    expect(statuses(metric(y, 'bhxh_coverage'))).toEqual(['2024: met']);
    expect(statuses(metric(y, 'voluntary_coverage'))).toEqual(['2024: met']);
    expect(y.notReported.map((a) => a.name)).toEqual(['Sở Lao động - Thương binh và Xã hội', 'Sở Nội vụ', 'UBND huyện Bình Sơn']);
  });

  test('Q4 2025 so far: two overdue (the quarterly report of 15/10, Bình Sơn\'s 10/10), four monthly ones still in time', async () => {
    const q4 = await running.app.progress.summary({ scope, period: '2025-Q4', now: NOW });
    expect(q4.deadlines.counts).toEqual({ done_on_time: 1, done_late: 0, overdue: 2, in_time: 4, unconfirmed: 0 });
    expect(q4.metrics.every((m) => m.value === undefined)).toBe(true);
  });

  test('/overdue: the three deadlines not done, oldest first, and the agencies silent for September', async () => {
    const report = await running.app.progress.overdue({ scope, now: NOW });
    expect(report.period).toBe('2025-09');
    expect(report.overdue.map((d) => `${d.agencyName} ${d.dueAt.toISOString()}`)).toEqual([
      'UBND huyện Bình Sơn 2025-08-09T17:00:00.000Z',
      'UBND huyện Bình Sơn 2025-10-09T17:00:00.000Z',
      'BHXH tỉnh Mẫu 2025-10-14T17:00:00.000Z',
    ]);
    // The provincial office reports by quarter and the department sent a quarterly note: neither sent anything for the month.
    expect(report.silent.map((a) => a.name)).toEqual(['BHXH tỉnh Mẫu', 'Sở Lao động - Thương binh và Xã hội', 'Sở Nội vụ']);
  });

  test('an agency scope: one district against the province\'s targets', async () => {
    const s = await running.app.progress.summary({ scope: { agencyIds: [ids.an] }, period: '2025-09', now: NOW });
    expect(metric(s, 'voluntary_participants')).toMatchObject({ value: 2120, previous: 2050, change: 70 });
    expect(s.notReported).toEqual([]);
  });
});
