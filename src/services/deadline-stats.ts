import { addDays, localDateOf, startOfLocalDay, type LocalDate } from '../domain/calendar/local-time.js';
import { categorise, DEADLINE_CATEGORIES, summariseDeadlines, type DeadlineCategory, type DeadlineItem, type DeadlineSummary } from '../domain/progress/deadlines.js';
import type { Scope } from '../domain/progress/types.js';
import { dueDatesBetween } from '../domain/plans/recurrence.js';
import type { DeadlineRow, DeadlineStatsRepo, DueDate } from '../repositories/deadline-stats-repo.js';

export interface DeadlineStatsDeps {
  deadlineStats: DeadlineStatsRepo;
}

/** How far back /overdue and the digest look for deadlines still not done. */
export const OVERDUE_LOOKBACK_DAYS = 366;

export interface DeadlineQuery {
  scope: Scope;
  /** Local dates, both included. */
  from: LocalDate;
  to: LocalDate;
  now: Date;
}

/**
 * Deadlines counted by the Government Office's categories without computing every agency's
 * occurrence here: the due dates are worked out per task (a few dozen a year) and the database
 * does the rest, so the cost follows the number of tasks, not of agencies times dates.
 */
export function createDeadlineStats(deps: DeadlineStatsDeps) {
  async function dueDates(query: DeadlineQuery): Promise<DueDate[]> {
    // Tasks share due dates (the 10th of every month): each date's instant is worked out once.
    const dayStart = new Map<LocalDate, Date>();
    const startOf = (date: LocalDate) => dayStart.get(date) ?? dayStart.set(date, startOfLocalDay(date)).get(date)!;
    const tasks = (await deps.deadlineStats.schedules()).filter((t) => query.scope.province === undefined || t.province === query.scope.province);
    return tasks.flatMap((t) => dueDatesBetween(t.recurrence, { from: query.from, to: query.to, adhocDates: t.adhocDates }).map((dueOn) => ({ taskId: t.taskId, dueOn, dueAt: startOf(dueOn) })));
  }

  const item = (row: DeadlineRow, now: Date): DeadlineItem => ({ ...row, ...categorise(row, now) });

  return {
    /** Counts per category and, of the `listed` ones, the first `limit` by due date (then agency name). */
    async summary(query: DeadlineQuery & { limit: number; listed: readonly DeadlineCategory[] }): Promise<DeadlineSummary> {
      const due = await dueDates(query);
      if (!due.length) return summariseDeadlines([]);
      const { counts, first } = await deps.deadlineStats.counts({ scope: query.scope, due, now: query.now, limit: query.limit, listed: query.listed });
      const { items } = summariseDeadlines(first.map((r) => item(r, query.now)));
      return { counts, items: Object.fromEntries(DEADLINE_CATEGORIES.map((c) => [c, items[c].slice(0, query.limit)])) as DeadlineSummary['items'] };
    },

    /** Every deadline of one category, oldest first: for a file. */
    async list(query: DeadlineQuery & { category: DeadlineCategory }): Promise<DeadlineItem[]> {
      const due = await dueDates(query);
      if (!due.length) return [];
      return summariseDeadlines((await deps.deadlineStats.list({ scope: query.scope, due, now: query.now, category: query.category })).map((r) => item(r, query.now))).items[query.category];
    },

    /** The window /overdue and the digest look in: the past year up to today. */
    overdueWindow(now: Date): { from: LocalDate; to: LocalDate } {
      const today = localDateOf(now);
      return { from: addDays(today, -OVERDUE_LOOKBACK_DAYS), to: today };
    },
  };
}

export type DeadlineStats = ReturnType<typeof createDeadlineStats>;
