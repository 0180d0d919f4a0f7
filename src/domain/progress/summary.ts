import { aggregateMetric, type Aggregate } from './aggregate.js';
import { categorise, summariseDeadlines, type DeadlineItem, type DeadlineSummary } from './deadlines.js';
import { agencyFigure, indexUpdates, windowOf, type FigureIndex, type PeriodWindow } from './figures.js';
import { METRICS, metricDef, type MetricKind, type ProgressMetric, type TargetMetric, TARGET_METRICS } from './metrics.js';
import { monthPosition, periodEnd, periodStart, previousPeriod, toPeriod, type PeriodCode } from './period.js';
import { evaluateTargets, type TargetEvaluation } from './targets.js';
import { inScope, ref, targetsOfScope, type AgencyRef } from './scope.js';
import type { AgencyInfo, DeadlineRecord, Scope, TargetRecord, UpdateRecord } from './types.js';

export type { AgencyRef };

export interface MetricSummary {
  metric: ProgressMetric;
  kind: MetricKind;
  value?: number;
  /** Agencies whose figures make up `value`. */
  reporters: number;
  receivedAt?: Date;
  previous?: number;
  /** value − previous: people for counts, percentage points for rates. */
  change?: number;
  /** One per plan with a target for this metric in the scope's province. */
  targets: TargetEvaluation[];
}

export interface AgencyNote {
  agency: AgencyRef;
  period: PeriodCode;
  text: string;
}

export interface ProgressSummary {
  period: PeriodCode;
  previousPeriod: PeriodCode;
  now: Date;
  /** Provinces of the agencies in scope; targets are compared only for one province. */
  provinces: string[];
  agencyCount: number;
  /** Catalogue order; metrics with neither a figure nor a target are left out. */
  metrics: MetricSummary[];
  reported: AgencyRef[];
  notReported: AgencyRef[];
  /** Deadlines falling due within the period. */
  deadlines: DeadlineSummary;
  notes: AgencyNote[];
}

export interface SummaryInput {
  scope: Scope;
  period: PeriodCode;
  now: Date;
  agencies: readonly AgencyInfo[];
  targets: readonly TargetRecord[];
  updates: readonly UpdateRecord[];
  deadlines: readonly DeadlineRecord[];
  /** An index built earlier over the same updates, to summarise several periods without re-reading them. */
  index?: FigureIndex;
}

/**
 * Where the agencies in scope stand for a period: each metric's latest figure against the
 * plans' targets and the previous period, who has not reported, and the deadlines that fell
 * due in the period by the Government Office's categories. Every agency in scope is expected
 * to report; the caller passes only the agencies that should.
 */
export function buildSummary(input: SummaryInput): ProgressSummary {
  const agencies = inScope(input.agencies, input.scope);
  const index = input.index ?? indexUpdates(input.updates);
  const window = windowOf(toPeriod(input.period));
  const previous = windowOf(previousPeriod(window.period));
  const provinces = [...new Set(agencies.map((a) => a.province))].sort();
  const targets = targetsOfScope(input.targets, input.scope, provinces);
  const context: MetricContext = { index, agencies, window, previous, now: input.now, targets };
  const [reported, notReported] = partition(agencies, (a) => index.reportedIn(a.id, window));
  return {
    period: window.code,
    previousPeriod: previous.code,
    now: input.now,
    provinces,
    agencyCount: agencies.length,
    metrics: METRICS.filter((m) => m.kind !== 'text').flatMap((m) => summariseMetric(context, m.id)),
    reported: reported.map(ref),
    notReported: notReported.map(ref),
    deadlines: summariseDeadlines(deadlineItems({ agencies, deadlines: input.deadlines, window, now: input.now })),
    notes: notesOf(index, agencies, window),
  };
}

interface MetricContext {
  index: FigureIndex;
  agencies: AgencyInfo[];
  window: PeriodWindow;
  previous: PeriodWindow;
  now: Date;
  targets: readonly TargetRecord[];
}

function summariseMetric(context: MetricContext, metric: ProgressMetric): MetricSummary[] {
  const current = aggregate(context, metric, context.window);
  const targets = isTargetMetric(metric) ? targetsFor(context, metric, current?.value) : [];
  if (!current && targets.length === 0) return [];
  const summary: MetricSummary = { metric, kind: metricDef(metric).kind, reporters: current?.reporters ?? 0, targets };
  if (!current) return [summary];
  const previous = aggregate(context, metric, context.previous);
  Object.assign(summary, { value: current.value, receivedAt: current.receivedAt });
  if (previous) Object.assign(summary, { previous: previous.value, change: current.value - previous.value });
  return [summary];
}

function aggregate(context: MetricContext, metric: ProgressMetric, window: PeriodWindow): Aggregate | undefined {
  return aggregateMetric({ index: context.index, agencies: context.agencies, metric, window });
}

function isTargetMetric(metric: ProgressMetric): metric is TargetMetric {
  return (TARGET_METRICS as readonly string[]).includes(metric);
}

function targetsFor(context: MetricContext, metric: TargetMetric, actual: number | undefined): TargetEvaluation[] {
  const targets = context.targets.filter((t) => t.metric === metric);
  if (targets.length === 0) return [];
  const year = context.window.period.year;
  return evaluateTargets({
    targets,
    year,
    position: Math.min(context.window.end, monthPosition(context.now)),
    actual,
    previousYearActual: () => aggregate(context, metric, windowOf({ kind: 'year', year: year - 1, index: 1 }))?.value,
  });
}

function deadlineItems(input: { agencies: AgencyInfo[]; deadlines: readonly DeadlineRecord[]; window: PeriodWindow; now: Date }): DeadlineItem[] {
  const names = new Map(input.agencies.map((a) => [a.id, a.name]));
  const from = periodStart(input.window.period).getTime();
  const to = periodEnd(input.window.period).getTime();
  return input.deadlines.flatMap((d) => {
    const agencyName = names.get(d.agencyId);
    const due = d.dueAt.getTime();
    return agencyName === undefined || due < from || due >= to ? [] : [{ ...d, agencyName, ...categorise(d, input.now) }];
  });
}

function notesOf(index: FigureIndex, agencies: AgencyInfo[], window: PeriodWindow): AgencyNote[] {
  return agencies.flatMap((agency) => {
    const note = agencyFigure(index, agency.id, 'note', window);
    return note && typeof note.value === 'string' ? [{ agency: ref(agency), period: note.period, text: note.value }] : [];
  });
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}
