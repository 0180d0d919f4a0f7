import { isProgressMetric } from './metrics.js';
import type { ParsedUpdate } from './parse-update.js';
import { nextPeriod, periodEnd, periodStart, toPeriod, type PeriodCode } from './period.js';
import type { DeadlineRecord, UpdateRecord } from './types.js';

/** The records to store for an accepted update: one per value, appended, never overwriting. */
export function recordsOf(update: ParsedUpdate, by: { agencyId: number; personId: number; receivedAt: Date }): UpdateRecord[] {
  return Object.entries(update.values).flatMap(([metric, value]) =>
    isProgressMetric(metric) && value !== undefined ? [{ agencyId: by.agencyId, period: update.period, metric, value, receivedAt: by.receivedAt, personId: by.personId }] : [],
  );
}

/** True when the agency already has a value for this period, so the new one is a correction. */
export function isCorrection(update: ParsedUpdate, agencyId: number, existing: readonly UpdateRecord[]): boolean {
  return existing.some((r) => r.agencyId === agencyId && r.period === update.period && r.metric in update.values);
}

/**
 * Open deadlines of the agency that an update for `period` may answer, soonest first: due
 * from the start of the period to the end of the period after it, since figures for a month
 * or a quarter are usually due early in the next one. The caller offers to mark them done.
 */
export function deadlinesAnsweredBy(input: { agencyId: number; period: PeriodCode; deadlines: readonly DeadlineRecord[]; now: Date }): DeadlineRecord[] {
  const period = toPeriod(input.period);
  const from = periodStart(period).getTime();
  const to = periodEnd(nextPeriod(period)).getTime();
  return input.deadlines
    .filter((d) => d.agencyId === input.agencyId && (d.doneAt === null || d.doneAt > input.now) && d.dueAt.getTime() >= from && d.dueAt.getTime() < to)
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}
