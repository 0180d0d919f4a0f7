import type { DeadlineItem } from './deadlines.js';
import { currentPeriod, periodCode, previousPeriod, type PeriodCode } from './period.js';
import type { AgencyRef } from './scope.js';

export interface OverdueReport {
  /** The period whose silent agencies are listed. */
  period: PeriodCode;
  /** Not done and past due, whatever period they fell in; the oldest first, as many as asked for. */
  overdue: DeadlineItem[];
  /** How many there are in all. */
  overdueCount: number;
  /** Not done and past a day the system chose that no supervisor has confirmed: not overdue, counted apart. */
  unconfirmedCount: number;
  /** Every agency in scope that sent nothing for `period`, in name order. */
  silent: AgencyRef[];
}

/**
 * The period /overdue asks everyone's figures for: the last finished month. Early in a month
 * nobody has reported for it yet, so calling everyone silent for the current month would be noise.
 */
export function silentPeriod(now: Date): PeriodCode {
  return periodCode(previousPeriod(currentPeriod(now)));
}
