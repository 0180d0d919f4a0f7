import { addDays, localDateOf, startOfLocalDay, type LocalDate } from '../domain/calendar/local-time.js';
import { categorise, DEADLINE_CATEGORIES, summariseDeadlines, type DeadlineCategory, type DeadlineItem, type DeadlineSummary } from '../domain/progress/deadlines.js';
import type { Scope } from '../domain/progress/types.js';
import { dueDatesBetween } from '../domain/plans/recurrence.js';
import { assumedDay, type AssumedDay } from '../domain/plans/task-day.js';
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
  /** The due dates in the range, and the document's words for each task whose day is assumed (for the lines that say so). */
  async function dueDates(query: DeadlineQuery): Promise<{ due: DueDate[]; assumedDays: Map<number, AssumedDay> }> {
    // Tasks share due dates (the 10th of every month): each date's instant is worked out once.
    const dayStart = new Map<LocalDate, Date>();
    const startOf = (date: LocalDate) => dayStart.get(date) ?? dayStart.set(date, startOfLocalDay(date)).get(date)!;
    const tasks = (await deps.deadlineStats.schedules()).filter((t) => query.scope.province === undefined || t.province === query.scope.province);
    const assumedDays = new Map<number, AssumedDay>();
    const due = tasks.flatMap((t) => {
      const assumed = assumedDay(t.recurrence);
      if (assumed) assumedDays.set(t.taskId, assumed);
      return dueDatesBetween(t.recurrence, { from: query.from, to: query.to, adhocDates: t.adhocDates }).map((dueOn) => ({ taskId: t.taskId, dueOn, dueAt: startOf(dueOn), assumed: !!assumed }));
    });
    return { due, assumedDays };
  }

  const item = (row: DeadlineRow, now: Date, assumedDays: Map<number, AssumedDay>): DeadlineItem => {
    const assumed = assumedDays.get(row.taskId);
    const record = assumed ? { ...row, assumed } : row;
    return { ...record, ...categorise(record, now) };
  };

  return {
    /** Counts per category (and of the unconfirmed, those not done) and, of the `listed` ones, the first `limit` by due date (then agency name). */
    async summary(query: DeadlineQuery & { limit: number; listed: readonly DeadlineCategory[] }): Promise<DeadlineSummary & { openUnconfirmed: number }> {
      const { due, assumedDays } = await dueDates(query);
      if (!due.length) return { ...summariseDeadlines([]), openUnconfirmed: 0 };
      const { counts, openUnconfirmed, first } = await deps.deadlineStats.counts({ scope: query.scope, due, now: query.now, limit: query.limit, listed: query.listed });
      const { items } = summariseDeadlines(first.map((r) => item(r, query.now, assumedDays)));
      return { counts, openUnconfirmed, items: Object.fromEntries(DEADLINE_CATEGORIES.map((c) => [c, items[c].slice(0, query.limit)])) as DeadlineSummary['items'] };
    },

    /** Every deadline of one category, oldest first: for a file. */
    async list(query: DeadlineQuery & { category: DeadlineCategory }): Promise<DeadlineItem[]> {
      const { due, assumedDays } = await dueDates(query);
      if (!due.length) return [];
      return summariseDeadlines((await deps.deadlineStats.list({ scope: query.scope, due, now: query.now, category: query.category })).map((r) => item(r, query.now, assumedDays))).items[query.category];
    },

    /** The window /overdue and the digest look in: the past year up to today. */
    overdueWindow(now: Date): { from: LocalDate; to: LocalDate } {
      const today = localDateOf(now);
      return { from: addDays(today, -OVERDUE_LOOKBACK_DAYS), to: today };
    },
  };
}

export type DeadlineStats = ReturnType<typeof createDeadlineStats>;
