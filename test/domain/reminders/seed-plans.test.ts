import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { atLocalTime } from '../../../src/domain/calendar/local-time.js';
import { createWorkCalendar } from '../../../src/domain/calendar/work-calendar.js';
import { dueSteps } from '../../../src/domain/reminders/due-steps.js';
import { resolveLadder } from '../../../src/domain/reminders/ladder.js';
import { occurrencesInReach, type ScheduledTask } from '../../../src/domain/reminders/occurrence.js';
import type { PlanDef } from '../../../src/domain/plans/types.js';
import { readHolidays } from '../../../src/plans/holidays-file.js';
import { readPlanFiles } from '../../../src/plans/plan-file.js';
import { root } from '../../support/test-app.js';

// The real seed plans and holiday calendar, with every agency given one focal point (its index).
const plans = readPlanFiles(join(root, 'prisma/seed/plans')).map(({ file, result }) => {
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.issues)}`);
  return result.plan;
});
const calendar = createWorkCalendar(readHolidays(join(root, 'data/holidays.yaml')));
const agencyCodes = [...new Set(plans.flatMap((p) => p.agencies.map((a) => a.code)))];
const names: string[] = [];
const tasks: ScheduledTask[] = plans.flatMap((plan: PlanDef) =>
  plan.tasks.map((t) => {
    names.push(`${plan.code}/${t.code}`);
    return { taskId: names.length - 1, title: t.title, planCode: plan.code, province: plan.province, recurrence: t.recurrence, ladder: resolveLadder(plan.ladder, t.ladder), agencyIds: t.lead.map((c) => agencyCodes.indexOf(c)), adhocDates: [] };
  }),
);
const SUPERVISOR = 10_000;

/** "plan/task agency step" for every step due at a local date and time, nothing sent before. */
function dueAt(date: string, time = '08:00'): string[] {
  const now = atLocalTime(date, time);
  const occurrences = tasks.flatMap((t) => occurrencesInReach(t, now, now).map((o) => ({ ...o, ladder: t.ladder, focalIds: [o.agencyId], supervisorIds: [SUPERVISOR] })));
  const recorded = new Set<string>();
  return dueSteps({ now, occurrences, recorded, calendar })
    .filter((s) => s.fireAt.getTime() === now.getTime())
    .map((s) => `${names[Number(s.occurrenceKey.split(':')[0])]} ${agencyCodes[Number(s.occurrenceKey.split(':')[1])]} ${s.step}${s.audience === 'supervisor' ? ' (supervisor)' : ''}`)
    .sort();
}
const tasksIn = (steps: string[]) => [...new Set(steps.map((s) => s.split(' ')[0]))];

describe('reminders over the seed plans', () => {
  test('15/6/2026: 14 days before the Bình Phước figures due before 30/6, for every lead agency', () => {
    const steps = dueAt('2026-06-15');
    expect(tasksIn(steps)).toEqual(['binh-phuoc-kh-2022/coverage-figures', 'binh-phuoc-kh-2022/coverage-figures-admin-units', 'binh-phuoc-kh-2022/coverage-figures-party-bodies']);
    expect(steps.filter((s) => s.startsWith('binh-phuoc-kh-2022/coverage-figures ')).length).toBe(plans[1]!.tasks.find((t) => t.code === 'coverage-figures')!.lead.length);
    expect(steps.every((s) => s.endsWith('before-14'))).toBe(true);
  });

  test('nothing is sent at night or on a Sunday', () => {
    expect(dueAt('2026-06-15', '03:00')).toEqual([]);
    expect(dueAt('2026-06-28')).toEqual([]);
  });

  test('9/7/2026: the last day of the potential-participants analysis due before 10/7', () => {
    expect(dueAt('2026-07-09')).toContain('binh-phuoc-kh-2022/potential-participants-analysis binh-phuoc.so-ldtbxh before-0');
  });

  test('1/7/2026: the 30/6 figures are overdue and escalated to the supervisor', () => {
    const steps = dueAt('2026-07-01');
    expect(steps).toContain('binh-phuoc-kh-2022/coverage-figures binh-phuoc.bhxh-tinh escalate-1 (supervisor)');
  });

  test('9/12/2026: the last day for the Bình Phước yearly results, due before 10/12', () => {
    expect(dueAt('2026-12-09').filter((s) => s.includes('yearly-results-report'))).toEqual(['binh-phuoc-kh-2022/yearly-results-report binh-phuoc.so-ldtbxh before-0']);
  });

  test('11/12/2026: "before 15/12" reports are reminded on Friday, as the day before the last day is a Sunday', () => {
    const steps = dueAt('2026-12-11').filter((s) => s.startsWith('an-giang-608-2019/annual-results-report'));
    expect(steps.length).toBe(plans[0]!.tasks.find((t) => t.code === 'annual-results-report')!.lead.length);
    expect(steps.every((s) => s.endsWith('before-1'))).toBe(true);
    expect(dueAt('2026-12-13')).toEqual([]);
    expect(dueAt('2026-12-14').filter((s) => s.startsWith('an-giang-608-2019/annual-results-report')).every((s) => s.endsWith('before-0'))).toBe(true);
  });

  test('a monthly task due on a Saturday: the last day is Friday, the overdue notice Monday', () => {
    // An Giang's list of new enterprises, assumed due on the 5th; 5/6/2027 is a Saturday.
    expect(dueAt('2027-06-04')).toContain('an-giang-608-2019/new-enterprises-list-monthly an-giang.so-khdt before-0');
    expect(dueAt('2027-06-07')).toContain('an-giang-608-2019/new-enterprises-list-monthly an-giang.so-khdt overdue-0');
  });

  test('a quarterly task: Nghệ An labour-force figures due on 15/10/2026', () => {
    expect(dueAt('2026-10-14').filter((s) => s.includes('labour-force-figures-quarterly'))).toEqual(['nghe-an-7337-2022/labour-force-figures-quarterly nghe-an.cuc-thong-ke before-0']);
  });

  test('near Tết 2027 the monthly report due 5/2 (in the break) is reminded before it and overdue after it', () => {
    expect(dueAt('2027-02-04')).toContain('an-giang-608-2019/new-enterprises-list-monthly an-giang.so-khdt before-0');
    expect(dueAt('2027-02-05')).toEqual([]);
    // The break (5–11/2) pushes overdue-0, -3 and -7 and both escalations to Friday 12/2: one message each, the latest.
    expect(dueAt('2027-02-12').filter((s) => s.includes('new-enterprises'))).toEqual(['an-giang-608-2019/new-enterprises-list-monthly an-giang.so-khdt escalate-7 (supervisor)', 'an-giang-608-2019/new-enterprises-list-monthly an-giang.so-khdt overdue-7']);
  });
});
