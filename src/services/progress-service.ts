import { addDays, localDateOf, startOfLocalDay, type LocalDate } from '../domain/calendar/local-time.js';
import {
  buildSeries,
  buildSummary,
  compareNames,
  deadlinesAnsweredBy,
  isCorrection,
  isNational,
  recordsOf,
  seriesPeriods,
  silentPeriod,
  summaryPeriods,
  type AgencyInfo,
  type AgencyRef,
  type DeadlineRecord,
  type Grouping,
  type MetricSeries,
  type OverdueReport,
  type ParsedUpdate,
  type PeriodCode,
  type ProgressMetric,
  type ProgressSummary,
  type Scope,
} from '../domain/progress/index.js';
import { buildOverview, type OverviewRow } from '../domain/progress/overview.js';
import { nextPeriod, periodEnd, periodStart, toPeriod } from '../domain/progress/period.js';
import { targetsOfScope } from '../domain/progress/scope.js';
import { DEFAULT_MAX_ITEMS } from '../domain/progress/summary-text.js';
import type { DeadlineItem } from '../domain/progress/deadlines.js';
import { historyPeriods, trimEmptyStart } from '../reports/files.js';
import type { AgenciesRepo } from '../repositories/agencies-repo.js';
import type { ProgressFiguresRepo } from '../repositories/progress-figures-repo.js';
import type { ProgressRepo } from '../repositories/progress-repo.js';
import type { DeadlineStats } from './deadline-stats.js';
import type { ReminderService } from './reminder-service.js';

export interface ProgressServiceDeps {
  progress: ProgressRepo;
  figures: ProgressFiguresRepo;
  deadlines: DeadlineStats;
  agencies: Pick<AgenciesRepo, 'provinces'>;
  reminders: Pick<ReminderService, 'occurrences'>;
}

export type ProgressAgency = AgencyInfo & { code: string };

/** An agency that sent nothing, as a file lists it. */
export interface SilentAgency extends AgencyRef {
  code: string;
  provinceName: string;
}

/** What the spreadsheet of a summary holds besides the figures over time. */
export interface SummaryTables {
  overview: { metrics: ProgressMetric[]; rows: OverviewRow[] };
  notReported: SilentAgency[];
}

/** A national view's rows are provinces; anything smaller is shown agency by agency. */
export const groupingOf = (scope: Scope): Grouping => (isNational(scope) ? 'province' : 'agency');

const byName = <T extends { name: string }>(items: T[]) => items.sort((a, b) => compareNames(a.name, b.name));

/**
 * Summaries, overdue lists and report files over the database: the figures are aggregated by
 * the database (ProgressFiguresRepo) and the deadlines counted there (DeadlineStats), and the
 * domain turns the few rows that come back into a summary. Nothing here reads the history.
 */
export function createProgressService(deps: ProgressServiceDeps) {
  async function agenciesOf(scope: Scope): Promise<ProgressAgency[]> {
    const all = await deps.progress.agencies(scope.province ? { province: scope.province } : {});
    const ids = scope.agencyIds && new Set(scope.agencyIds);
    return ids ? all.filter((a) => ids.has(a.id)) : all;
  }

  /** One agency's occurrences of each task due between two local dates, with when each was done: for the few an update may answer. */
  async function deadlines(input: { agencyIds: readonly number[]; from: LocalDate; to: LocalDate }): Promise<DeadlineRecord[]> {
    const found = await deps.reminders.occurrences(input);
    return found.map((o) => ({ key: o.key, taskTitle: o.title, agencyId: o.agencyId, dueAt: startOfLocalDay(o.dueOn), doneAt: o.state?.doneAt ?? null, ...(o.assumed ? { assumed: o.assumed } : {}) }));
  }

  /** The plans' targets that concern the scope: its province's, or every province's for a ranking. */
  async function targetsFor(provinces: readonly string[]) {
    if (provinces.length === 1) return deps.progress.targets({ province: provinces[0]! });
    const wanted = new Set(provinces);
    return (await deps.progress.targets()).filter((t) => wanted.has(t.province));
  }

  async function provinceNames(): Promise<Map<string, string>> {
    return new Map((await deps.agencies.provinces()).map((p) => [p.code, p.name]));
  }

  /** Agencies as a file lists them, with their province's name, in name order. */
  async function listed(agencies: readonly { id: number; name: string; code: string; province: string }[]): Promise<SilentAgency[]> {
    const names = await provinceNames();
    return byName(agencies.map((a) => ({ id: a.id, name: a.name, code: a.code, provinceName: names.get(a.province) ?? a.province })));
  }

  const silentOf = async (scope: Scope, period: PeriodCode): Promise<AgencyRef[]> => byName((await deps.figures.notReported({ scope, period })).map((a) => ({ id: a.id, name: a.name })));

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
      const { scope, period, now } = input;
      const p = toPeriod(period);
      const [reporting, notReported, notes, deadlineSummary] = await Promise.all([
        deps.figures.reporting({ scope, period, grouping: 'province' }),
        silentOf(scope, period),
        deps.figures.notes({ scope, periods: [period], limit: DEFAULT_MAX_ITEMS }),
        // A summary names the deadlines done late and those still overdue; the others it counts.
        deps.deadlines.summary({ scope, from: localDateOf(periodStart(p)), to: addDays(localDateOf(periodEnd(p)), -1), now, limit: DEFAULT_MAX_ITEMS, listed: ['done_late', 'overdue'] }),
      ]);
      const provinces = reporting.map((r) => r.province).sort();
      const targets = await targetsFor(provinces);
      const [parts, names] = await Promise.all([deps.figures.parts({ scope, periods: summaryPeriods(period, targets), grouping: 'province' }), provinces.length > 1 ? provinceNames() : undefined]);
      return buildSummary({
        scope, period, now, provinces, parts, targets, notReported,
        agencyCount: reporting.reduce((n, r) => n + r.agencies, 0),
        deadlines: deadlineSummary,
        notes: byName(notes.notes.map((n) => ({ ...n, name: n.agency.name }))).map(({ agency, period: of, text }) => ({ agency, period: of, text })),
        noteCount: notes.count,
        ...(names ? { provinceNames: names } : {}),
      });
    },

    /** Every agency that sent nothing for the period, as a file lists them. */
    async silentList(input: { scope: Scope; period: PeriodCode }): Promise<SilentAgency[]> {
      return listed(await deps.figures.notReported(input));
    },

    /** /overdue: the oldest `limit` deadlines past due and not done in the past year, how many there are, and who sent nothing for the period. */
    async overdue(input: { scope: Scope; now: Date; period?: PeriodCode; limit?: number }): Promise<OverdueReport> {
      const period = input.period ?? silentPeriod(input.now);
      const [found, silent] = await Promise.all([
        deps.deadlines.summary({ scope: input.scope, ...deps.deadlines.overdueWindow(input.now), now: input.now, limit: input.limit ?? DEFAULT_MAX_ITEMS, listed: ['overdue'] }),
        silentOf(input.scope, period),
      ]);
      return { period, overdue: found.items.overdue, overdueCount: found.counts.overdue, unconfirmedCount: found.openUnconfirmed, silent };
    },

    /**
     * Every deadline still overdue, oldest first: of the past year, or falling due in `period`
     * (a summary's). The list a file carries when the message could not.
     */
    async overdueList(input: { scope: Scope; now: Date; period?: PeriodCode }): Promise<DeadlineItem[]> {
      const p = input.period === undefined ? undefined : toPeriod(input.period);
      const range = p ? { from: localDateOf(periodStart(p)), to: addDays(localDateOf(periodEnd(p)), -1) } : deps.deadlines.overdueWindow(input.now);
      return deps.deadlines.list({ scope: input.scope, ...range, now: input.now, category: 'overdue' });
    },

    /**
     * What a report file or chart shows: each metric over the periods of the asked kind before
     * it (historyPeriods), starting where there is data, a row per province in a national view
     * and per agency otherwise.
     */
    async history(input: { scope: Scope; period: PeriodCode; now: Date; metrics?: readonly ProgressMetric[] }): Promise<MetricSeries[]> {
      const { scope } = input;
      const grouping = groupingOf(scope);
      const periods = historyPeriods(input.period);
      const units = await deps.figures.units({ scope, grouping });
      const provinces = [...new Set(units.map((u) => u.province))];
      const targets = targetsOfScope(await targetsFor(provinces), scope, provinces);
      const [parts, texts] = await Promise.all([
        deps.figures.parts({ scope, periods: seriesPeriods(periods, targets), grouping }),
        grouping === 'agency' ? deps.figures.texts({ scope, periods }) : Promise.resolve([]),
      ]);
      const build = (over: readonly PeriodCode[]) => buildSeries({ scope, periods: over, now: input.now, provinces, units, parts, texts, targets, ...(input.metrics ? { metrics: input.metrics } : {}) });
      const wide = build(periods);
      const kept = trimEmptyStart(wide, periods);
      return kept.length === periods.length ? wide : build(kept);
    },

    listed,

    /** The spreadsheet's overview of the period (a row per province or agency) and the full list of who has not reported. */
    async tables(input: { scope: Scope; period: PeriodCode; summary: ProgressSummary; totalName: string }): Promise<SummaryTables> {
      const { scope, period } = input;
      const grouping = groupingOf(scope);
      const [units, reporting, parts, notReported] = await Promise.all([
        deps.figures.units({ scope, grouping }),
        deps.figures.reporting({ scope, period, grouping }),
        deps.figures.parts({ scope, periods: [period], grouping }),
        deps.figures.notReported({ scope, period }).then(listed),
      ]);
      return { overview: buildOverview({ period, summary: input.summary, units, reporting, parts, totalName: input.totalName }), notReported };
    },
  };
}

export type ProgressService = ReturnType<typeof createProgressService>;
