import { aggregateMetric } from './aggregate.js';
import { agencyFigure, indexUpdates, windowOf, type PeriodWindow } from './figures.js';
import { METRICS, TARGET_METRICS, metricDef, type MetricKind, type ProgressMetric, type TargetMetric } from './metrics.js';
import { monthPosition, toPeriod, type PeriodCode } from './period.js';
import { compareNames, inScope, targetsOfScope } from './scope.js';
import { evaluateTargets, type TargetEvaluation } from './targets.js';
import type { AgencyInfo, Scope, TargetRecord, UpdateRecord } from './types.js';

/** One agency's figure for one period, as a spreadsheet row. */
export interface SeriesRow {
  agencyId: number;
  agencyName: string;
  period: PeriodCode;
  value: number | string;
  derived: boolean;
  receivedAt: Date;
}

/** The scope's figure for one period and the first plan's target, as a chart point. */
export interface SeriesTotal {
  period: PeriodCode;
  value: number | null;
  /** The milestone that applies in the period's year. */
  target: number | null;
  targetYear: number | null;
  /** Where the figure should stand at the end of the period on the way to the milestone. */
  expected: number | null;
  targets: TargetEvaluation[];
}

export interface MetricSeries {
  metric: ProgressMetric;
  kind: MetricKind;
  /** Agency × period, agencies in name order, periods in the order asked; only figures that exist. */
  rows: SeriesRow[];
  totals: SeriesTotal[];
}

export interface SeriesInput {
  scope: Scope;
  periods: readonly PeriodCode[];
  now: Date;
  agencies: readonly AgencyInfo[];
  targets: readonly TargetRecord[];
  updates: readonly UpdateRecord[];
  /** Defaults to every metric that has a figure or a target in the periods. */
  metrics?: readonly ProgressMetric[];
}

/** Figures over time for files and charts, by the same rules as {@link buildSummary}. */
export function buildSeries(input: SeriesInput): MetricSeries[] {
  const agencies = inScope(input.agencies, input.scope);
  const index = indexUpdates(input.updates);
  const windows = input.periods.map((code) => windowOf(toPeriod(code)));
  const targets = targetsOfScope(input.targets, input.scope, [...new Set(agencies.map((a) => a.province))]);
  const position = monthPosition(input.now);
  const series = (input.metrics ?? METRICS.map((m) => m.id)).map((metric): MetricSeries => {
    const kind = metricDef(metric).kind;
    const rows = windows.flatMap((window) => agencies.flatMap((agency) => rowOf({ index, agency, metric, window })));
    const totals = kind === 'text' ? [] : windows.map((window) => totalOf({ index, agencies, metric, window, targets, position }));
    return { metric, kind, rows: rows.sort(byAgencyThenPeriod(input.periods)), totals };
  });
  return input.metrics ? series : series.filter((s) => s.rows.length > 0 || s.totals.some((t) => t.target !== null));
}

function rowOf(input: { index: ReturnType<typeof indexUpdates>; agency: AgencyInfo; metric: ProgressMetric; window: PeriodWindow }): SeriesRow[] {
  const figure = agencyFigure(input.index, input.agency.id, input.metric, input.window);
  if (!figure) return [];
  return [{ agencyId: input.agency.id, agencyName: input.agency.name, period: input.window.code, value: figure.value, derived: figure.derived === true, receivedAt: figure.receivedAt }];
}

interface TotalInput {
  index: ReturnType<typeof indexUpdates>;
  agencies: AgencyInfo[];
  metric: ProgressMetric;
  window: PeriodWindow;
  targets: readonly TargetRecord[];
  position: number;
}

function totalOf(input: TotalInput): SeriesTotal {
  const value = aggregateMetric(input)?.value ?? null;
  const targets = (TARGET_METRICS as readonly string[]).includes(input.metric) ? targetsOf(input, value) : [];
  const first = targets[0];
  return { period: input.window.code, value, target: first?.value ?? null, targetYear: first?.year ?? null, expected: first?.expected ?? null, targets };
}

function targetsOf(input: TotalInput, actual: number | null): TargetEvaluation[] {
  const year = input.window.period.year;
  return evaluateTargets({
    targets: input.targets.filter((t) => t.metric === (input.metric as TargetMetric)),
    year,
    position: Math.min(input.window.end, input.position),
    actual: actual ?? undefined,
    previousYearActual: () => aggregateMetric({ ...input, window: windowOf({ kind: 'year', year: year - 1, index: 1 }) })?.value,
  });
}

function byAgencyThenPeriod(periods: readonly PeriodCode[]): (a: SeriesRow, b: SeriesRow) => number {
  const order = new Map(periods.map((p, i) => [p, i]));
  return (a, b) => compareNames(a.agencyName, b.agencyName) || a.agencyId - b.agencyId || (order.get(a.period) ?? 0) - (order.get(b.period) ?? 0);
}
