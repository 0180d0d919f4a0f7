// Two years of a small province's progress reports (test/fixtures/progress/plans), stored
// through the real repositories: the provincial office's quarterly rates with one correction,
// two districts' monthly counts (one late, one month missing), a department's labour force
// and note, a department that never reports, and deadlines done on time, late or not at all.
import { join } from 'node:path';
import { atLocalTime, addDays, type LocalDate } from '../../src/domain/calendar/local-time.js';
import type { MetricValues, ProgressMetric } from '../../src/domain/progress/metrics.js';
import { occurrenceKey } from '../../src/domain/reminders/occurrence.js';
import type { App } from '../../src/app.js';
import { root } from './test-app.js';

export const PLANS_DIR = join(root, 'test/fixtures/progress/plans');
export const PLAN = 'tinh-mau-2024';
export const PROVINCE = 'tinh-mau';
export const CODES = {
  bhxh: 'tinh-mau.bhxh-tinh',
  an: 'tinh-mau.huyen-an',
  binh: 'tinh-mau.huyen-binh',
  ld: 'tinh-mau.so-ldtbxh',
  noiVu: 'tinh-mau.so-noi-vu',
} as const;

/** When the supervisor asks: Monday 20/10/2025, 10:00 in Vietnam. */
export const NOW = atLocalTime('2025-10-20', '10:00');
const at = (date: LocalDate, time = '09:00') => atLocalTime(date, time);

type Row = [keyof typeof CODES, string, MetricValues, LocalDate];

export const UPDATES: Row[] = [
  ['bhxh', '2024-Q1', { bhxh_coverage: 37, voluntary_coverage: 4.2 }, '2024-04-10'],
  ['bhxh', '2024-Q2', { bhxh_coverage: 38, voluntary_coverage: 4.5 }, '2024-07-10'],
  ['bhxh', '2024-Q3', { bhxh_coverage: 39, voluntary_coverage: 4.8 }, '2024-10-10'],
  ['bhxh', '2024-Q4', { bhxh_coverage: 40.5, voluntary_coverage: 5.1, pension_share: 47 }, '2025-01-10'],
  ['bhxh', '2025-Q1', { bhxh_coverage: 41, voluntary_coverage: 5.2 }, '2025-04-10'],
  ['bhxh', '2025-Q2', { bhxh_coverage: 42, voluntary_coverage: 5.5, pension_share: 48 }, '2025-07-10'],
  ['bhxh', '2025-Q3', { bhxh_coverage: 43.5, voluntary_coverage: 5.9, pension_share: 50.2 }, '2025-10-08'],
  // Corrected four days later: 5.6 is the figure that counts, 5.9 stays in the history.
  ['bhxh', '2025-Q3', { voluntary_coverage: 5.6 }, '2025-10-12'],
  ['an', '2024-12', { voluntary_participants: 1800, voluntary_new: 35 }, '2025-01-05'],
  ['an', '2025-06', { voluntary_participants: 1950, voluntary_new: 30 }, '2025-07-05'],
  ['an', '2025-07', { voluntary_participants: 2000, voluntary_new: 40 }, '2025-08-05'],
  ['an', '2025-08', { voluntary_participants: 2050, voluntary_new: 50 }, '2025-09-05'],
  ['an', '2025-09', { voluntary_participants: 2120, voluntary_new: 70 }, '2025-10-05'],
  ['binh', '2025-06', { voluntary_participants: 1450, voluntary_new: 25 }, '2025-07-05'],
  ['binh', '2025-07', { voluntary_participants: 1500, voluntary_new: 20 }, '2025-08-05'],
  // August never came; September came late.
  ['binh', '2025-09', { voluntary_participants: 1580, voluntary_new: 30 }, '2025-10-18'],
  ['ld', '2025', { labour_force: 200_000 }, '2025-03-01'],
  ['ld', '2025-Q3', { note: 'Đã tổ chức hội nghị tuyên truyền BHXH tự nguyện' }, '2025-10-03'],
];

/** Deadlines from July 2025 with what became of them; every earlier one was done the day before. */
const DONE: [task: string, agency: keyof typeof CODES, due: LocalDate, done: LocalDate | null][] = [
  ['labour-figures', 'ld', '2025-06-30', '2025-07-05'],
  ['quarterly-results', 'bhxh', '2025-07-15', '2025-07-14'],
  ['monthly-figures', 'an', '2025-07-10', '2025-07-09'],
  ['monthly-figures', 'an', '2025-08-10', '2025-08-08'],
  ['monthly-figures', 'an', '2025-09-10', '2025-09-09'],
  ['monthly-figures', 'an', '2025-10-10', '2025-10-08'],
  ['monthly-figures', 'binh', '2025-07-10', '2025-07-09'],
  ['monthly-figures', 'binh', '2025-08-10', null],
  ['monthly-figures', 'binh', '2025-09-10', '2025-09-12'],
  ['monthly-figures', 'binh', '2025-10-10', null],
  ['quarterly-results', 'bhxh', '2025-10-15', null],
];

export async function agencyIds(app: App): Promise<Record<keyof typeof CODES, number>> {
  const out = {} as Record<keyof typeof CODES, number>;
  for (const [k, code] of Object.entries(CODES) as [keyof typeof CODES, string][]) out[k] = (await app.repos.agencies.byCode(code))!.id;
  return out;
}

export async function seedProgress(app: App, personId = 1): Promise<Record<keyof typeof CODES, number>> {
  const ids = await agencyIds(app);
  for (const [agency, period, values, day] of UPDATES) {
    await app.repos.progressUpdates.save(
      Object.entries(values).map(([metric, value]) => ({ agencyId: ids[agency], period, metric: metric as ProgressMetric, value: value!, personId, receivedAt: at(day) })),
    );
  }
  const tasks = new Map<string, number>();
  for (const code of ['quarterly-results', 'monthly-figures', 'labour-figures']) tasks.set(code, (await app.repos.plans.findTask(PLAN, code))!.id);
  const early = await app.progress.deadlines({ agencyIds: Object.values(ids), from: '2024-01-01', to: '2025-06-29' });
  for (const d of early) {
    const [taskId, agencyId, dueOn] = d.key!.split(':');
    await app.repos.reminders.setState({ key: d.key!, taskId: Number(taskId), agencyId: Number(agencyId), dueOn: dueOn! }, { doneAt: at(addDays(dueOn!, -1)), byPersonId: personId });
  }
  for (const [task, agency, dueOn, done] of DONE) {
    if (!done) continue;
    const taskId = tasks.get(task)!;
    await app.repos.reminders.setState({ key: occurrenceKey(taskId, ids[agency], dueOn), taskId, agencyId: ids[agency], dueOn }, { doneAt: at(done), byPersonId: personId });
  }
  return ids;
}
