import type { ProgressMetric } from './metrics.js';
import type { FigurePart } from './parts.js';
import type { PeriodCode } from './period.js';
import { compareNames } from './scope.js';
import { aggregate, type ProgressSummary } from './summary.js';

/** One line of a report's overview: a province of the country, or an agency of a province. */
export interface OverviewRow {
  name: string;
  code: string;
  agencies: number;
  reported: number;
  values: Partial<Record<ProgressMetric, number>>;
  /** The scope as a whole, last. */
  total: boolean;
}

export interface OverviewInput {
  period: PeriodCode;
  summary: ProgressSummary;
  units: readonly { group: string; name: string; code: string }[];
  reporting: readonly { group: string; agencies: number; reported: number }[];
  /** Grouped by the units, for `period` (and any others). */
  parts: readonly FigurePart[];
  totalName: string;
}

/**
 * The period at a glance, one row per unit in name order and the scope's total last: how many
 * agencies reported and each metric's figure, by the same roll-up as the summary. The columns
 * are the summary's metrics.
 */
export function buildOverview(input: OverviewInput): { metrics: ProgressMetric[]; rows: OverviewRow[] } {
  const metrics = input.summary.metrics.map((m) => m.metric);
  const reporting = new Map(input.reporting.map((r) => [r.group, r]));
  const byGroup = new Map<string, FigurePart[]>();
  for (const p of input.parts) if (p.period === input.period) byGroup.set(p.group, [...(byGroup.get(p.group) ?? []), p]);
  const valuesOf = (parts: readonly FigurePart[]) => Object.fromEntries(metrics.flatMap((m) => {
    const value = aggregate(parts, m, input.period)?.value;
    return value === undefined ? [] : [[m, value]];
  }));
  const rows = input.units
    .filter((u) => reporting.has(u.group))
    .map((u): OverviewRow => ({ name: u.name, code: u.code, agencies: reporting.get(u.group)!.agencies, reported: reporting.get(u.group)!.reported, values: valuesOf(byGroup.get(u.group) ?? []), total: false }))
    .sort((a, b) => compareNames(a.name, b.name));
  const totals = Object.fromEntries(input.summary.metrics.flatMap((m) => (m.value === undefined ? [] : [[m.metric, m.value]])));
  return { metrics, rows: [...rows, { name: input.totalName, code: '', agencies: input.summary.agencyCount, reported: input.summary.reportedCount, values: totals, total: true }] };
}
