import { DateTime } from 'luxon';
import { ZONE } from '../domain/calendar/local-time.js';
import type { ProgressMetric } from '../domain/progress/metrics.js';
import type { MetricSeries } from '../domain/progress/series.js';
import type { TargetStatus } from '../domain/progress/targets.js';

/** Column titles and the scope row's label, already translated: the `xlsx` object of locales/<lng>/progress.json. */
export interface ReportHeaders {
  metric: string;
  agency: string;
  period: string;
  value: string;
  target: string;
  targetYear: string;
  expected: string;
  status: string;
  receivedAt: string;
  derived: string;
  /** The agency column of the rows for the whole scope. */
  total: string;
}

export interface ReportLabels {
  headers: ReportHeaders;
  /** Metric names, used as sheet names and in the CSV's metric column. */
  metricNames: Readonly<Record<ProgressMetric, string>>;
  /** How a period code is shown; the code itself (`2026-Q3`) by default. */
  periodLabel?: (code: string) => string;
  statusNames?: Readonly<Record<TargetStatus, string>>;
}

/** One line of the table both the XLSX and the CSV are made of. */
export interface TableRow {
  agency: string;
  period: string;
  value: number | string | null;
  target: number | null;
  targetYear: number | null;
  expected: number | null;
  status: string | null;
  receivedAt: Date | null;
  derived: boolean;
  isTotal: boolean;
}

/** The scope's rows first, one per period with the target; then every agency × period. */
export function tableRows(series: MetricSeries, labels: ReportLabels): TableRow[] {
  const period = labels.periodLabel ?? ((code: string) => code);
  const totals = series.totals.map((t): TableRow => {
    const status = t.targets[0]?.status;
    return {
      agency: labels.headers.total,
      period: period(t.period),
      value: t.value,
      target: t.target,
      targetYear: t.targetYear,
      expected: t.expected,
      status: status === undefined ? null : (labels.statusNames?.[status] ?? status),
      receivedAt: null,
      derived: false,
      isTotal: true,
    };
  });
  const rows = series.rows.map((r): TableRow => ({ agency: r.agencyName, period: period(r.period), value: r.value, target: null, targetYear: null, expected: null, status: null, receivedAt: r.receivedAt, derived: r.derived, isTotal: false }));
  return [...totals, ...rows];
}

/**
 * The Vietnamese wall-clock time of an instant as a zone-less date: spreadsheets have no
 * time zones and show a date cell's UTC fields, which would put every update 7 hours early.
 */
export function wallClock(instant: Date): Date {
  const local = DateTime.fromJSDate(instant, { zone: ZONE });
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second));
}
