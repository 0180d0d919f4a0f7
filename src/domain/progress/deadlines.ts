import type { DeadlineRecord } from './types.js';

/**
 * The four states the Government Office's task-tracking reports use: done on time
 * (đúng hạn), done late (quá hạn đã hoàn thành), not done and overdue (quá hạn chưa hoàn
 * thành), not done and not yet due (trong hạn). A fifth holds deadlines past a day the system chose (the document
 * gives none) that no supervisor has confirmed: calling them late, done or not, would be a judgement the document
 * does not support.
 */
export const DEADLINE_CATEGORIES = ['done_on_time', 'done_late', 'overdue', 'in_time', 'unconfirmed'] as const;
export type DeadlineCategory = (typeof DEADLINE_CATEGORIES)[number];

export interface DeadlineItem extends DeadlineRecord {
  agencyName: string;
  category: DeadlineCategory;
  /** Started days past the due instant: when it was done, or now if it is not. 0 when not late. */
  daysLate: number;
}

export interface DeadlineSummary {
  counts: Record<DeadlineCategory, number>;
  items: Record<DeadlineCategory, DeadlineItem[]>;
}

const DAY_MS = 86_400_000;
const collator = new Intl.Collator('vi', { numeric: true });

/**
 * A deadline falls due at its instant (the start of the local day for "before 30/6"), so
 * done before that instant is on time. A completion stamped after `now` is not yet counted,
 * so a summary for a past instant reads as it would have then.
 */
export function categorise(deadline: DeadlineRecord, now: Date): { category: DeadlineCategory; daysLate: number } {
  const due = deadline.dueAt.getTime();
  const done = deadline.doneAt && deadline.doneAt.getTime() <= now.getTime() ? deadline.doneAt.getTime() : undefined;
  const lateBy = (at: number) => Math.max(0, Math.ceil((at - due) / DAY_MS));
  if (deadline.assumed && (done ?? now.getTime()) >= due) return { category: 'unconfirmed', daysLate: 0 };
  if (done !== undefined) return done < due ? { category: 'done_on_time', daysLate: 0 } : { category: 'done_late', daysLate: Math.max(1, lateBy(done)) };
  return now.getTime() >= due ? { category: 'overdue', daysLate: Math.max(1, lateBy(now.getTime())) } : { category: 'in_time', daysLate: 0 };
}

export function summariseDeadlines(items: readonly DeadlineItem[]): DeadlineSummary {
  const summary: DeadlineSummary = {
    counts: { done_on_time: 0, done_late: 0, overdue: 0, in_time: 0, unconfirmed: 0 },
    items: { done_on_time: [], done_late: [], overdue: [], in_time: [], unconfirmed: [] },
  };
  for (const item of [...items].sort(byDueThenAgency)) {
    summary.counts[item.category]++;
    summary.items[item.category].push(item);
  }
  return summary;
}

export function byDueThenAgency(a: DeadlineItem, b: DeadlineItem): number {
  return a.dueAt.getTime() - b.dueAt.getTime() || collator.compare(a.agencyName, b.agencyName) || collator.compare(a.taskTitle, b.taskTitle);
}
