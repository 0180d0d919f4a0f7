import { addDays, localDateOf, startOfLocalDay, type LocalDate } from '../domain/calendar/local-time.js';
import {
  buildOverdue,
  buildSeries,
  buildSummary,
  deadlinesAnsweredBy,
  isCorrection,
  recordsOf,
  type AgencyInfo,
  type DeadlineRecord,
  type MetricSeries,
  type OverdueReport,
  type ParsedUpdate,
  type PeriodCode,
  type ProgressMetric,
  type ProgressSummary,
  type Scope,
} from '../domain/progress/index.js';
import { nextPeriod, periodEnd, periodStart, toPeriod } from '../domain/progress/period.js';
import { historyPeriods, trimEmptyStart } from '../reports/files.js';
import type { ProgressRepo } from '../repositories/progress-repo.js';
import type { ReminderService } from './reminder-service.js';

export interface ProgressServiceDeps {
  progress: ProgressRepo;
  reminders: Pick<ReminderService, 'occurrences'>;
}

/** How far back /overdue looks for deadlines still not done. */
const OVERDUE_LOOKBACK_DAYS = 366;

export type ProgressAgency = AgencyInfo & { code: string };

/** A province is read by its code, agencies by id; with neither, everything. */
function listFilter(scope: Scope, agencyIds: number[]): { province?: string; agencyIds?: number[] } {
  if (scope.agencyIds) return { agencyIds };
  return scope.province ? { province: scope.province } : {};
}

/**
 * Reads what the progress domain needs from the database and hands it over: agencies,
 * targets, updates and the deadlines (with when each was marked done) of a scope.
 */
export function createProgressService(deps: ProgressServiceDeps) {
  async function agenciesOf(scope: Scope): Promise<ProgressAgency[]> {
    const all = await deps.progress.agencies(scope.province ? { province: scope.province } : {});
    const ids = scope.agencyIds && new Set(scope.agencyIds);
    return ids ? all.filter((a) => ids.has(a.id)) : all;
  }

  /** Each agency's occurrence of each task due between two local dates, with when it was done. */
  async function deadlines(input: { agencyIds: readonly number[]; from: LocalDate; to: LocalDate }): Promise<DeadlineRecord[]> {
    const found = await deps.reminders.occurrences(input);
    return found.map((o) => ({ key: o.key, taskTitle: o.title, agencyId: o.agencyId, dueAt: startOfLocalDay(o.dueOn), doneAt: o.state?.doneAt ?? null, ...(o.assumed ? { assumed: o.assumed } : {}) }));
  }

  // Series go back over several periods; figures from the year before the first are read for the first's change.
  async function seriesInputs(scope: Scope, periods: readonly PeriodCode[]) {
    const agencies = await agenciesOf(scope);
    const provinces = [...new Set(agencies.map((a) => a.province))];
    const [updates, targets] = await Promise.all([
      deps.progress.list({ ...listFilter(scope, agencies.map((a) => a.id)), fromYear: Math.min(...periods.map((p) => toPeriod(p).year)) - 1 }),
      provinces.length === 1 ? deps.progress.targets({ province: provinces[0]! }) : Promise.resolve([]),
    ]);
    return { agencies, updates, targets };
  }

  // A summary compares with the previous period and, for targets, the previous year: older figures are not read.
  async function inputsFor(scope: Scope, range: { from: LocalDate; to: LocalDate }, fromYear?: number) {
    const agencies = await agenciesOf(scope);
    const ids = agencies.map((a) => a.id);
    const provinces = [...new Set(agencies.map((a) => a.province))];
    const [updates, targets, due] = await Promise.all([
      deps.progress.list({ ...listFilter(scope, ids), ...(fromYear ? { fromYear } : {}) }),
      provinces.length === 1 ? deps.progress.targets({ province: provinces[0]! }) : Promise.resolve([]),
      deadlines({ agencyIds: ids, ...range }),
    ]);
    return { agencies, updates, targets, deadlines: due };
  }

  return {
    agenciesOf,
    deadlines,

    /**
     * Stores an accepted update for an agency. Earlier values stay: a correction is a newer
     * record. Returns the open deadlines this update may answer, for the sender to mark done.
     */
    async submit(input: { update: ParsedUpdate; agencyId: number; personId: number; now: Date }) {
      const existing = await deps.progress.history(input.agencyId, input.update.period);
      const records = recordsOf(input.update, { agencyId: input.agencyId, personId: input.personId, receivedAt: input.now });
      const batch = await deps.progress.save(records);
      const period = toPeriod(input.update.period);
      // The same window the domain looks in: from the period's start to the end of the next one.
      const open = await deadlines({ agencyIds: [input.agencyId], from: localDateOf(periodStart(period)), to: addDays(localDateOf(periodEnd(nextPeriod(period))), -1) });
      return { batch, corrected: isCorrection(input.update, input.agencyId, existing), answerable: deadlinesAnsweredBy({ agencyId: input.agencyId, period: input.update.period, deadlines: open, now: input.now }) };
    },

    async summary(input: { scope: Scope; period: PeriodCode; now: Date }): Promise<ProgressSummary> {
      const period = toPeriod(input.period);
      const data = await inputsFor(input.scope, { from: localDateOf(periodStart(period)), to: addDays(localDateOf(periodEnd(period)), -1) }, period.year - 1);
      return buildSummary({ scope: input.scope, period: input.period, now: input.now, ...data });
    },

    /** Only who sent nothing (for /quahan, which lists deadlines itself): no deadlines are read. */
    async silent(input: { scope: Scope; now: Date }): Promise<OverdueReport> {
      const agencies = await agenciesOf(input.scope);
      const updates = await deps.progress.list({ ...listFilter(input.scope, agencies.map((a) => a.id)), fromYear: Number(localDateOf(input.now).slice(0, 4)) - 1 });
      return buildOverdue({ scope: input.scope, now: input.now, agencies, updates, deadlines: [] });
    },

    async overdue(input: { scope: Scope; now: Date; period?: PeriodCode }): Promise<OverdueReport> {
      const today = localDateOf(input.now);
      const data = await inputsFor(input.scope, { from: addDays(today, -OVERDUE_LOOKBACK_DAYS), to: today }, Number(today.slice(0, 4)) - 1);
      return buildOverdue({ scope: input.scope, now: input.now, agencies: data.agencies, updates: data.updates, deadlines: data.deadlines, ...(input.period ? { period: input.period } : {}) });
    },

    /**
     * What a report file or chart shows: each metric over the periods of the asked kind before
     * it (historyPeriods), starting where there is data. Read once, built again if trimmed.
     */
    async history(input: { scope: Scope; period: PeriodCode; now: Date; metrics?: readonly ProgressMetric[] }): Promise<MetricSeries[]> {
      const periods = historyPeriods(input.period);
      const data = await seriesInputs(input.scope, periods);
      const build = (over: readonly PeriodCode[]) => buildSeries({ scope: input.scope, periods: over, now: input.now, ...data, ...(input.metrics ? { metrics: input.metrics } : {}) });
      const wide = build(periods);
      const kept = trimEmptyStart(wide, periods);
      return kept.length === periods.length ? wide : build(kept);
    },
  };
}

export type ProgressService = ReturnType<typeof createProgressService>;
