import { addDays, localDateOf, type LocalDate } from '../calendar/local-time.js';
import { dueDatesBetween, type Recurrence } from '../plans/recurrence.js';
import { ladderReach, type Ladder } from './ladder.js';

/** A task as the reminder engine needs it. */
export interface ScheduledTask {
  taskId: number;
  title: string;
  planCode: string;
  province: string;
  recurrence: Recurrence;
  ladder: Ladder;
  /** Agencies that each owe the report. */
  agencyIds: number[];
  /**
   * Agencies that owe only the occurrences due within a window: a body that ended (the district level on 1/7/2025)
   * those due before its end, the bodies that took over its duties those due from then on.
   */
  bounded?: { agencyId: number; from?: LocalDate; until?: LocalDate }[];
  adhocDates: LocalDate[];
}

/** One agency's deadline for one task: the unit that is reminded, acknowledged and done. */
export interface Occurrence {
  key: string;
  taskId: number;
  agencyId: number;
  dueOn: LocalDate;
}

export function occurrenceKey(taskId: number, agencyId: number, dueOn: LocalDate): string {
  return `${taskId}:${agencyId}:${dueOn}`;
}

export function parseOccurrenceKey(key: string): Occurrence | undefined {
  const m = /^(\d+):(\d+):(\d{4}-\d{2}-\d{2})$/.exec(key);
  return m ? { key, taskId: Number(m[1]), agencyId: Number(m[2]), dueOn: m[3]! } : undefined;
}

/** The agencies that owe the task's occurrence due on a date. */
export function ownersOn(task: ScheduledTask, dueOn: LocalDate): number[] {
  if (!task.bounded?.length) return task.agencyIds;
  const owners = new Set(task.agencyIds);
  for (const b of task.bounded) if ((!b.from || dueOn >= b.from) && (!b.until || dueOn < b.until)) owners.add(b.agencyId);
  return [...owners];
}

/** The day the agency ended, when it owes the task only what fell due before then (see `bounded`). */
export function endedFor(task: ScheduledTask, agencyId: number): LocalDate | undefined {
  // Most tasks have no ended agency: the list of owners, long for a national plan, is looked at only when one has.
  const until = task.bounded?.find((b) => b.agencyId === agencyId && b.until)?.until;
  return until && !task.agencyIds.includes(agencyId) ? until : undefined;
}

export function occurrencesBetween(task: ScheduledTask, from: LocalDate, to: LocalDate): Occurrence[] {
  const dates = dueDatesBetween(task.recurrence, { from, to, adhocDates: task.adhocDates });
  return dates.flatMap((dueOn) => ownersOn(task, dueOn).map((agencyId) => ({ key: occurrenceKey(task.taskId, agencyId, dueOn), taskId: task.taskId, agencyId, dueOn })));
}

/** Occurrences whose ladder can have a step due between `from` and `to`. */
export function occurrencesInReach(task: ScheduledTask, from: Date, to: Date): Occurrence[] {
  const reach = ladderReach(task.ladder);
  return occurrencesBetween(task, addDays(localDateOf(from), -reach.daysAfter), addDays(localDateOf(to), reach.daysBefore));
}
