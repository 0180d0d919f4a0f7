// The progress domain's rules applied to updates held in memory (domain/progress/figures.ts and
// parts.ts): what the database computes, built the slow and obvious way. The domain's tests
// summarise their fixtures through it, and test/repositories/progress-figures.test.ts holds the
// database's answers to it.
import { categorise, summariseDeadlines, type DeadlineItem } from '../../../src/domain/progress/deadlines.js';
import { agencyFigure, indexUpdates, windowOf } from '../../../src/domain/progress/figures.js';
import type { OverdueReport } from '../../../src/domain/progress/overdue.js';
import { silentPeriod } from '../../../src/domain/progress/overdue.js';
import { partsFromIndex } from '../../../src/domain/progress/parts.js';
import { periodEnd, periodStart, toPeriod, type PeriodCode } from '../../../src/domain/progress/period.js';
import { inScope, ref } from '../../../src/domain/progress/scope.js';
import { buildSeries, seriesPeriods, type MetricSeries } from '../../../src/domain/progress/series.js';
import { buildSummary, summaryPeriods, type ProgressSummary, type SummaryInput } from '../../../src/domain/progress/summary.js';
import type { AgencyInfo, DeadlineRecord, Scope, TargetRecord, UpdateRecord } from '../../../src/domain/progress/types.js';
import type { ProgressMetric } from '../../../src/domain/progress/metrics.js';

export interface Fixture {
  agencies: readonly AgencyInfo[];
  targets: readonly TargetRecord[];
  updates: readonly UpdateRecord[];
  deadlines: readonly DeadlineRecord[];
}

function deadlineItems(agencies: readonly AgencyInfo[], deadlines: readonly DeadlineRecord[], now: Date, from = -Infinity, to = Infinity): DeadlineItem[] {
  const names = new Map(agencies.map((a) => [a.id, a.name]));
  return deadlines.flatMap((d) => {
    const agencyName = names.get(d.agencyId);
    const due = d.dueAt.getTime();
    return agencyName === undefined || due < from || due >= to ? [] : [{ ...d, agencyName, ...categorise(d, now) }];
  });
}

export function summaryInput(fixture: Fixture, input: { scope: Scope; period: PeriodCode; now: Date }): SummaryInput {
  const agencies = inScope(fixture.agencies, input.scope);
  const index = indexUpdates(fixture.updates);
  const provinces = [...new Set(agencies.map((a) => a.province))].sort();
  const targets = fixture.targets.filter((t) => provinces.includes(t.province));
  const period = toPeriod(input.period);
  const window = windowOf(period);
  return {
    ...input,
    provinces,
    agencyCount: agencies.length,
    notReported: agencies.filter((a) => !index.reportedIn(a.id, window)).map(ref),
    parts: partsFromIndex({ index, agencies, periods: summaryPeriods(input.period, targets), grouping: 'province' }),
    targets,
    deadlines: summariseDeadlines(deadlineItems(agencies, fixture.deadlines, input.now, periodStart(period).getTime(), periodEnd(period).getTime())),
    notes: agencies.flatMap((agency) => {
      const note = agencyFigure(index, agency.id, 'note', window);
      return note && typeof note.value === 'string' ? [{ agency: ref(agency), period: note.period, text: note.value }] : [];
    }),
    provinceNames: new Map(provinces.map((p) => [p, p])),
  };
}

export const summarise = (fixture: Fixture, input: { scope: Scope; period: PeriodCode; now: Date }): ProgressSummary => buildSummary(summaryInput(fixture, input));

/** /overdue over the fixture: every overdue deadline oldest first, and who sent nothing for the period (last month by default). */
export function overdueReport(fixture: Fixture, input: { scope: Scope; now: Date; period?: PeriodCode }): OverdueReport {
  const agencies = inScope(fixture.agencies, input.scope);
  const period = input.period ?? silentPeriod(input.now);
  const index = indexUpdates(fixture.updates);
  const { items } = summariseDeadlines(deadlineItems(agencies, fixture.deadlines, input.now));
  const overdue = items.overdue;
  return { period, overdue, overdueCount: overdue.length, unconfirmedCount: items.unconfirmed.filter((d) => !d.doneAt || d.doneAt > input.now).length, silent: agencies.filter((a) => !index.reportedIn(a.id, windowOf(toPeriod(period)))).map(ref) };
}

/** Figures over time, a row per agency, as a report file shows them. */
export function seriesOf(fixture: Fixture, input: { scope: Scope; periods: readonly PeriodCode[]; now: Date; metrics?: readonly ProgressMetric[] }): MetricSeries[] {
  const agencies = inScope(fixture.agencies, input.scope);
  const index = indexUpdates(fixture.updates);
  const provinces = [...new Set(agencies.map((a) => a.province))];
  const targets = fixture.targets.filter((t) => provinces.length === 1 && t.province === provinces[0]);
  const texts = input.periods.flatMap((period) => agencies.flatMap((agency) => {
    const note = agencyFigure(index, agency.id, 'note', windowOf(toPeriod(period)));
    return note && typeof note.value === 'string' ? [{ group: String(agency.id), period, text: note.value, receivedAt: note.receivedAt }] : [];
  }));
  return buildSeries({
    ...input,
    provinces,
    units: agencies.map((a) => ({ group: String(a.id), name: a.name, agencyId: a.id })),
    parts: partsFromIndex({ index, agencies, periods: seriesPeriods(input.periods, targets), grouping: 'agency' }),
    texts,
    targets,
  });
}
