import { byDueThenAgency, categorise, type DeadlineItem } from './deadlines.js';
import { indexUpdates, windowOf } from './figures.js';
import { currentPeriod, previousPeriod, periodCode, toPeriod, type PeriodCode } from './period.js';
import { inScope, ref, type AgencyRef } from './scope.js';
import type { AgencyInfo, DeadlineRecord, Scope, UpdateRecord } from './types.js';

export interface OverdueReport {
  /** The period whose silent agencies are listed. */
  period: PeriodCode;
  /** Not done and past due, whatever period they fell in; oldest first. */
  overdue: DeadlineItem[];
  /** Agencies in scope that sent nothing for `period`. */
  silent: AgencyRef[];
}

export interface OverdueInput {
  scope: Scope;
  now: Date;
  agencies: readonly AgencyInfo[];
  updates: readonly UpdateRecord[];
  deadlines: readonly DeadlineRecord[];
  /**
   * Defaults to the last finished month: early in a month nobody has reported for it yet,
   * so calling everyone silent for the current month would be noise.
   */
  period?: PeriodCode;
}

export function buildOverdue(input: OverdueInput): OverdueReport {
  const agencies = inScope(input.agencies, input.scope);
  const period = input.period ?? periodCode(previousPeriod(currentPeriod(input.now)));
  const window = windowOf(toPeriod(period));
  const index = indexUpdates(input.updates);
  const names = new Map(agencies.map((a) => [a.id, a.name]));
  const overdue = input.deadlines.flatMap((d) => {
    const agencyName = names.get(d.agencyId);
    if (agencyName === undefined) return [];
    const state = categorise(d, input.now);
    return state.category === 'overdue' ? [{ ...d, agencyName, ...state }] : [];
  });
  return { period, overdue: overdue.sort(byDueThenAgency), silent: agencies.filter((a) => !index.reportedIn(a.id, window)).map(ref) };
}
