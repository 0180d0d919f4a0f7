import { addDays, atLocalTime, startOfLocalDay, type LocalDate } from '../calendar/local-time.js';
import type { WorkCalendar } from '../calendar/work-calendar.js';

/**
 * When to remind about one deadline. `before` counts back from the last day on
 * which the report is still on time (the day before the due date: "trước ngày
 * 30/6" leaves 29/6 as the last day), `overdue` and `escalate` count forward
 * from the due date. Steps fall at `hour`, local time, on working days.
 */
export interface Ladder {
  before: number[];
  overdue: number[];
  escalate: number[];
  hour: string;
}

export const DEFAULT_LADDER: Ladder = { before: [14, 7, 3, 1, 0], overdue: [0, 3, 7, 14, 30], escalate: [1, 7], hour: '08:00' };

export type Audience = 'focal' | 'supervisor';

export interface Step {
  id: string;
  audience: Audience;
  fireAt: Date;
  /** Before-steps are pointless once the deadline has passed. */
  expiresAt?: Date;
}

export function resolveLadder(...layers: (Partial<Ladder> | undefined)[]): Ladder {
  return Object.assign({}, DEFAULT_LADDER, ...layers.filter(Boolean)) as Ladder;
}

/** The ladder's steps for a deadline on `dueOn`, in the order they fire. */
export function stepsFor(dueOn: LocalDate, ladder: Ladder, calendar: WorkCalendar): Step[] {
  const due = startOfLocalDay(dueOn);
  const lastDay = addDays(dueOn, -1);
  // A non-working day moves a reminder earlier before the deadline (so it still
  // helps) and later after it (an overdue notice on a holiday helps nobody).
  const before = [...ladder.before].sort((a, b) => b - a).map((n) => ({
    id: `before-${n}`,
    audience: 'focal' as const,
    fireAt: atLocalTime(calendar.onOrBeforeWorkingDay(addDays(lastDay, -n)), ladder.hour),
    expiresAt: due,
  }));
  const after = (prefix: string, audience: Audience, days: number[]) =>
    [...days].sort((a, b) => a - b).map((n) => ({
      id: `${prefix}-${n}`,
      audience,
      fireAt: atLocalTime(calendar.onOrAfterWorkingDay(addDays(dueOn, n)), ladder.hour),
    }));
  return [...before, ...after('overdue', 'focal', ladder.overdue), ...after('escalate', 'supervisor', ladder.escalate)];
}

/**
 * The ladder towards a date a deadline was extended to. Its steps are named after that date, so that they are
 * recorded (and sent) apart from the first ladder's steps of the same name.
 */
export function extendedSteps(dueOn: LocalDate, ladder: Ladder, calendar: WorkCalendar): Step[] {
  return stepsFor(dueOn, ladder, calendar).map((s) => ({ ...s, id: `${s.id}@${dueOn}` }));
}

/** A step's place in the ladder, whichever date it counts towards: `before-0@2026-07-31` is `before-0`. */
export const stepKind = (id: string) => id.split('@')[0]!;

/** How far around `now` occurrences can still have a step to send. */
export function ladderReach(ladder: Ladder): { daysBefore: number; daysAfter: number } {
  // A working-day shift can move a step by the length of a Tết break.
  const slack = 14;
  return { daysBefore: Math.max(0, ...ladder.before) + 1 + slack, daysAfter: Math.max(0, ...ladder.overdue, ...ladder.escalate) + slack };
}
