import { METRICS, TARGET_METRICS, metricDef, type MetricKind, type ProgressMetric, type TargetMetric } from './metrics.js';
import type { FigurePart } from './parts.js';
import { monthPosition, monthSpan, toPeriod, type PeriodCode } from './period.js';
import { compareNames, targetsOfScope } from './scope.js';
import { aggregate, needsPreviousYear } from './summary.js';
import { evaluateTargets, type TargetEvaluation } from './targets.js';
import type { Scope, TargetRecord } from './types.js';

/** One unit's figure for one period, as a spreadsheet row: an agency's, or a province's in a national view. */
export interface SeriesRow {
  /** Set when the unit is an agency. */
  agencyId?: number;
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
  /** Unit × period, units in name order, periods in the order asked; only figures that exist. */
  rows: SeriesRow[];
  totals: SeriesTotal[];
}

/** What the rows of a series stand for: the `group` of the parts given. */
export interface SeriesUnit {
  group: string;
  name: string;
  agencyId?: number;
}

/** A note an agency gave for a period. */
export interface SeriesText {
  group: string;
  period: PeriodCode;
  text: string;
  receivedAt: Date;
}

export interface SeriesInput {
  scope: Scope;
  periods: readonly PeriodCode[];
  now: Date;
  /** Provinces of the agencies in scope. */
  provinces: readonly string[];
  units: readonly SeriesUnit[];
  /** Grouped by unit, for the periods and, where a target needs it, the years before them. */
  parts: readonly FigurePart[];
  texts?: readonly SeriesText[];
  targets: readonly TargetRecord[];
  /** Defaults to every metric that has a figure or a target in the periods. */
  metrics?: readonly ProgressMetric[];
}

/** Figures over time for files and charts, by the same rules as {@link buildSummary}. */
export function buildSeries(input: SeriesInput): MetricSeries[] {
  const targets = targetsOfScope(input.targets, input.scope, input.provinces);
  const position = monthPosition(input.now);
  const units = [...input.units].sort((a, b) => compareNames(a.name, b.name) || a.group.localeCompare(b.group));
  const byGroup = new Map<string, FigurePart[]>();
  for (const p of input.parts) byGroup.set(p.group, [...(byGroup.get(p.group) ?? []), p]);
  const series = (input.metrics ?? METRICS.map((m) => m.id)).map((metric): MetricSeries => {
    const kind = metricDef(metric).kind;
    if (kind === 'text') return { metric, kind, rows: textRows(input, units, metric), totals: [] };
    const rows = units.flatMap((unit) => input.periods.flatMap((period) => rowOf(unit, byGroup.get(unit.group) ?? [], metric, period)));
    const totals = input.periods.map((period) => totalOf({ parts: input.parts, metric, period, targets, position }));
    return { metric, kind, rows, totals };
  });
  return input.metrics ? series : series.filter((s) => s.rows.length > 0 || s.totals.some((t) => t.target !== null));
}

function rowOf(unit: SeriesUnit, parts: readonly FigurePart[], metric: ProgressMetric, period: PeriodCode): SeriesRow[] {
  const figure = aggregate(parts, metric, period);
  if (figure?.value === undefined) return [];
  const row: SeriesRow = { agencyName: unit.name, period, value: figure.value, derived: figure.derived > 0 && figure.derived === figure.reporters, receivedAt: figure.receivedAt };
  return [unit.agencyId === undefined ? row : { agencyId: unit.agencyId, ...row }];
}

// Notes are an agency's own words: listed per agency, never rolled up.
function textRows(input: SeriesInput, units: readonly SeriesUnit[], metric: ProgressMetric): SeriesRow[] {
  if (metric !== 'note' || !input.texts?.length) return [];
  const order = new Map(input.periods.map((p, i) => [p, i]));
  const texts = new Map<string, SeriesText[]>();
  for (const t of input.texts) texts.set(t.group, [...(texts.get(t.group) ?? []), t]);
  return units.flatMap((unit) =>
    (texts.get(unit.group) ?? [])
      .filter((t) => order.has(t.period))
      .sort((a, b) => order.get(a.period)! - order.get(b.period)!)
      .map((t): SeriesRow => ({ ...(unit.agencyId === undefined ? {} : { agencyId: unit.agencyId }), agencyName: unit.name, period: t.period, value: t.text, derived: false, receivedAt: t.receivedAt })),
  );
}

interface TotalInput {
  parts: readonly FigurePart[];
  metric: ProgressMetric;
  period: PeriodCode;
  targets: readonly TargetRecord[];
  position: number;
}

function totalOf(input: TotalInput): SeriesTotal {
  const value = aggregate(input.parts, input.metric, input.period)?.value ?? null;
  const targets = (TARGET_METRICS as readonly string[]).includes(input.metric) ? targetsOf(input, value) : [];
  const first = targets[0];
  return { period: input.period, value, target: first?.value ?? null, targetYear: first?.year ?? null, expected: first?.expected ?? null, targets };
}

function targetsOf(input: TotalInput, actual: number | null): TargetEvaluation[] {
  const period = toPeriod(input.period);
  return evaluateTargets({
    targets: input.targets.filter((t) => t.metric === (input.metric as TargetMetric)),
    year: period.year,
    position: Math.min(monthSpan(period).end, input.position),
    actual: actual ?? undefined,
    previousYearActual: () => aggregate(input.parts, input.metric, String(period.year - 1))?.value,
  });
}

/** The periods a series reads: its own and, where a plan's line starts from last year's figure, the years before them. */
export function seriesPeriods(periods: readonly PeriodCode[], targets: readonly TargetRecord[]): PeriodCode[] {
  const years = [...new Set(periods.map((p) => toPeriod(p).year))].filter((year) => needsPreviousYear(targets, year)).map((year) => String(year - 1));
  return [...new Set([...periods, ...years])];
}
