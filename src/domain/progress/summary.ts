import type { DeadlineSummary } from './deadlines.js';
import { METRICS, metricDef, type MetricKind, type ProgressMetric, type TargetMetric, TARGET_METRICS } from './metrics.js';
import { rollUp, type Aggregate, type FigurePart } from './parts.js';
import { monthPosition, monthSpan, periodCode, previousPeriod, toPeriod, type PeriodCode } from './period.js';
import { rankProvinces, type Ranking } from './ranking.js';
import { evaluateTargets, type TargetEvaluation } from './targets.js';
import { targetsOfScope, type AgencyRef } from './scope.js';
import type { Scope, TargetRecord } from './types.js';

export type { AgencyRef };

export interface MetricSummary {
  metric: ProgressMetric;
  kind: MetricKind;
  value?: number;
  /** Agencies whose figures make up `value`. */
  reporters: number;
  /** A rate with no value because this many reporters' labour force is unknown (rates are never averaged). */
  unweighed?: number;
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
  reportedCount: number;
  /** Every agency in scope that sent nothing for the period, in name order: the text names a few, the file all. */
  notReported: AgencyRef[];
  /** Catalogue order; metrics with neither a figure nor a target are left out. */
  metrics: MetricSummary[];
  /** Across several provinces: each target metric's provinces, best first against their own targets. */
  rankings: Ranking[];
  /** Deadlines falling due within the period. */
  deadlines: DeadlineSummary;
  /** The newest notes of the period, and how many there are in all. */
  notes: AgencyNote[];
  noteCount: number;
}

export interface SummaryInput {
  scope: Scope;
  period: PeriodCode;
  now: Date;
  /** Provinces of the agencies in scope. */
  provinces: readonly string[];
  agencyCount: number;
  notReported: readonly AgencyRef[];
  /** Grouped by province, for the periods {@link summaryPeriods} names. */
  parts: readonly FigurePart[];
  targets: readonly TargetRecord[];
  deadlines: DeadlineSummary;
  notes: readonly AgencyNote[];
  noteCount?: number;
  /** Province names for the rankings; the code when missing. */
  provinceNames?: ReadonlyMap<string, string>;
}

/**
 * The periods whose figures a summary compares: the period, the one before it, and the year
 * before when a plan has no earlier target to draw its line from (see evaluateTargets).
 */
export function summaryPeriods(period: PeriodCode, targets: readonly TargetRecord[]): PeriodCode[] {
  const p = toPeriod(period);
  const out = [period, periodCode(previousPeriod(p))];
  if (needsPreviousYear(targets, p.year)) out.push(String(p.year - 1));
  return [...new Set(out)];
}

/** True when some plan's milestone for `year` has no earlier target, so its line starts from last year's actual figure. */
export function needsPreviousYear(targets: readonly TargetRecord[], year: number): boolean {
  const plans = new Map<string, TargetRecord[]>();
  for (const t of targets) plans.set(`${t.planCode}|${t.metric}`, [...(plans.get(`${t.planCode}|${t.metric}`) ?? []), t]);
  return [...plans.values()].some((plan) => {
    const milestone = plan.filter((t) => t.year >= year).sort((a, b) => a.year - b.year)[0];
    return milestone !== undefined && !plan.some((t) => t.year < milestone.year);
  });
}

/**
 * Where the agencies in scope stand for a period: each metric's figure against the plans'
 * targets and the previous period, who has not reported, the deadlines that fell due in the
 * period by the Government Office's categories and, across provinces, how each province
 * stands against its own targets. Every agency in scope is expected to report.
 */
export function buildSummary(input: SummaryInput): ProgressSummary {
  const period = toPeriod(input.period);
  const previous = periodCode(previousPeriod(period));
  const provinces = [...input.provinces].sort();
  const targets = targetsOfScope(input.targets, input.scope, provinces);
  const context: MetricContext = { parts: input.parts, period: input.period, previous, year: period.year, position: Math.min(monthSpan(period).end, monthPosition(input.now)), targets };
  return {
    period: input.period,
    previousPeriod: previous,
    now: input.now,
    provinces,
    agencyCount: input.agencyCount,
    reportedCount: input.agencyCount - input.notReported.length,
    notReported: [...input.notReported],
    metrics: METRICS.filter((m) => m.kind !== 'text').flatMap((m) => summariseMetric(context, m.id)),
    rankings: provinces.length > 1 ? rankProvinces({ parts: input.parts, period: input.period, targets: input.targets, provinces, names: input.provinceNames, now: input.now }) : [],
    deadlines: input.deadlines,
    notes: [...input.notes],
    noteCount: input.noteCount ?? input.notes.length,
  };
}

interface MetricContext {
  parts: readonly FigurePart[];
  period: PeriodCode;
  previous: PeriodCode;
  year: number;
  position: number;
  targets: readonly TargetRecord[];
}

function summariseMetric(context: MetricContext, metric: ProgressMetric): MetricSummary[] {
  const current = aggregate(context.parts, metric, context.period);
  const targets = isTargetMetric(metric) ? targetsFor(context, metric, current?.value) : [];
  if (!current && targets.length === 0) return [];
  const summary: MetricSummary = { metric, kind: metricDef(metric).kind, reporters: current?.reporters ?? 0, targets };
  if (!current) return [summary];
  if (current.value === undefined) return [{ ...summary, unweighed: current.unweighed, receivedAt: current.receivedAt }];
  const previous = aggregate(context.parts, metric, context.previous)?.value;
  Object.assign(summary, { value: current.value, receivedAt: current.receivedAt });
  if (previous !== undefined) Object.assign(summary, { previous, change: current.value - previous });
  return [summary];
}

/** One metric's figure for one period over the parts given. */
export function aggregate(parts: readonly FigurePart[], metric: ProgressMetric, period: PeriodCode): Aggregate | undefined {
  return rollUp(parts.filter((p) => p.metric === metric && p.period === period), metricDef(metric).kind);
}

export function isTargetMetric(metric: ProgressMetric): metric is TargetMetric {
  return (TARGET_METRICS as readonly string[]).includes(metric);
}

function targetsFor(context: MetricContext, metric: TargetMetric, actual: number | undefined): TargetEvaluation[] {
  const targets = context.targets.filter((t) => t.metric === metric);
  if (targets.length === 0) return [];
  return evaluateTargets({ targets, year: context.year, position: context.position, actual, previousYearActual: () => aggregate(context.parts, metric, String(context.year - 1))?.value });
}
