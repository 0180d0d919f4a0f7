import { METRICS, type ProgressMetric } from '../domain/progress/metrics.js';
import { periodCode, periodRange, shiftPeriod, toPeriod, type PeriodCode, type PeriodKind } from '../domain/progress/period.js';
import type { Ranking } from '../domain/progress/ranking.js';
import type { MetricSeries } from '../domain/progress/series.js';
import type { ReportFormat } from '../domain/progress/summary-args.js';
import type { TargetStatus } from '../domain/progress/targets.js';
import { periodName } from '../domain/progress/text-line.js';
import { renderLine, type Translate } from '../domain/text/line.js';
import { fold } from '../domain/text/fold.js';
import { buildCsv, type CsvOptions } from './csv.js';
import type { ReportHeaders, ReportLabels } from './table.js';
import type { TableSheet } from './table-sheet.js';
import { DEADLINE_CATEGORIES } from '../domain/progress/deadlines.js';
import type { ProgressSummary } from '../domain/progress/summary.js';
import type { SummarySheetLabels } from './summary-sheet.js';

/** A report file, whatever channel or CLI carries it. */
export interface ReportFile {
  kind: 'document' | 'photo';
  filename: string;
  mime: string;
  data: Buffer;
  metric?: ProgressMetric;
}

export const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
  png: 'image/png',
} as const;

/** How many periods of the asked kind a file or chart goes back: two years of months, five years. */
const HISTORY: Record<PeriodKind, number> = { month: 24, quarter: 8, half: 6, year: 5 };
const STATUSES: TargetStatus[] = ['met', 'on_track', 'behind', 'no_data'];

/** The periods a file or chart covers: the asked one and those of its kind before it. */
export function historyPeriods(code: PeriodCode): PeriodCode[] {
  const last = toPeriod(code);
  const back = HISTORY[last.kind] - 1;
  const first = shiftPeriod(last, -back);
  return periodRange(first, last).map(periodCode);
}

/** Leading periods where nothing at all was reported or targeted are dropped: a chart should start where the data does. */
export function trimEmptyStart(series: readonly MetricSeries[], periods: readonly PeriodCode[]): PeriodCode[] {
  const used = new Set<PeriodCode>();
  for (const s of series) {
    for (const r of s.rows) used.add(r.period);
    for (const t of s.totals) if (t.value !== null) used.add(t.period);
  }
  const first = periods.findIndex((p) => used.has(p));
  return first < 0 ? periods.slice(-1) : periods.slice(first);
}

/** Headers, names and statuses in the reader's language; the rows for the whole scope are named after it. */
export function reportLabels(t: Translate, scopeName: string): ReportLabels {
  const headers = Object.fromEntries((['metric', 'agency', 'period', 'value', 'target', 'targetYear', 'expected', 'status', 'receivedAt', 'derived'] as const).map((k) => [k, t(`progress:xlsx.${k}`)])) as unknown as Omit<ReportHeaders, 'total'>;
  return {
    headers: { ...headers, total: t('progress:xlsx.total', { scope: scopeName }) },
    metricNames: Object.fromEntries(METRICS.map((m) => [m.id, t(`progress:metric.${m.id}`)])) as Record<ProgressMetric, string>,
    periodLabel: (code) => renderLine(periodName(code), t),
    statusNames: Object.fromEntries(STATUSES.map((s) => [s, t(`progress:statusName.${s}`)])) as Record<TargetStatus, string>,
  };
}

/** `Bình Phước` → `binh-phuoc`: file names survive every phone and mail client. */
export function fileSlug(text: string): string {
  return (
    fold(text)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'bao-cao'
  );
}

function summarySheetLabels(t: Translate, title: string): SummarySheetLabels {
  const word = (k: 'sheet' | 'reported' | 'change' | 'plan' | 'notReported' | 'deadlines' | 'overdue' | 'task' | 'due' | 'daysLate' | 'notes') => t(`progress:xlsx.summary.${k}`);
  return {
    title,
    sheet: word('sheet'),
    reported: word('reported'),
    change: word('change'),
    plan: word('plan'),
    notReported: word('notReported'),
    deadlines: word('deadlines'),
    deadline: Object.fromEntries(DEADLINE_CATEGORIES.map((c) => [c, t(`progress:xlsx.summary.deadline.${c}`)])) as SummarySheetLabels['deadline'],
    overdue: word('overdue'),
    task: word('task'),
    due: word('due'),
    daysLate: word('daysLate'),
    notes: word('notes'),
  };
}

export interface ReportFilesInput {
  series: readonly MetricSeries[];
  formats: readonly ReportFormat[];
  t: Translate;
  scopeName: string;
  period: PeriodCode;
  locale?: string;
  /** What /baocao said, as the spreadsheet's first sheet. */
  summary?: ProgressSummary;
  /** Sheets that follow it: an overview, the lists the message cut short. */
  tables?: readonly TableSheet[];
  /** A national view's ranking, drawn as the first chart whatever the formats. */
  ranking?: Ranking;
}

/**
 * Excel splits a CSV on the list separator of the reader's regional settings: `;` (with a decimal comma) in
 * Vietnamese ones, `,` in English ones. A `sep=` line would say it outright, but Excel then reads the file as
 * the local code page and garbles Vietnamese, the byte-order mark notwithstanding; so the report's language
 * chooses the separator and the decimal mark.
 */
const csvOptionsFor = (locale: string | undefined): CsvOptions => (locale?.startsWith('en') ? { delimiter: ',' } : { delimiter: ';', decimalComma: true });

/**
 * The spreadsheet (the summary first, when given, then `tables`), CSV and charts asked for, from series built over
 * {@link historyPeriods}. Every text comes through `t`, so a file is in the reader's language. A chart is drawn
 * only for a metric with a figure in the period asked about.
 */
export async function reportFiles(input: ReportFilesInput): Promise<ReportFile[]> {
  const { t } = input;
  const labels = reportLabels(t, input.scopeName);
  const base = `${fileSlug(t('progress:file.base'))}-${fileSlug(input.scopeName)}-${fileSlug(input.period)}`;
  const files: ReportFile[] = [];
  const numeric = input.series.filter((s) => s.kind !== 'text');
  // exceljs and echarts with resvg are loaded when a file is first made: some 100 MB that a service answering
  // questions all day never needs.
  if (input.formats.includes('xlsx')) {
    const { buildWorkbook } = await import('./xlsx.js');
    const title = t('progress:xlsx.summary.title', { scope: input.scopeName, period: labels.periodLabel!(input.period) });
    const summary = input.summary ? { summary: input.summary, labels: summarySheetLabels(t, title) } : undefined;
    files.push({ kind: 'document', filename: `${base}.xlsx`, mime: MIME.xlsx, data: await buildWorkbook(input.series, labels, { ...(summary ? { summary } : {}), ...(input.tables ? { tables: input.tables } : {}) }) });
  }
  if (input.ranking?.ranked.length) files.push(await rankingChart(input.ranking, { t, base, period: input.period, ...(input.locale ? { locale: input.locale } : {}) }));
  if (input.formats.includes('csv')) files.push({ kind: 'document', filename: `${base}.csv`, mime: MIME.csv, data: buildCsv(input.series, labels, csvOptionsFor(input.locale)) });
  if (input.formats.includes('chart')) {
    const { chartInputFromSeries, renderChartPng } = await import('./chart.js');
    const inPeriod = (s: MetricSeries) => s.totals.some((total) => total.period === input.period && total.value !== null);
    for (const s of numeric.filter(inPeriod)) {
      const metricName = labels.metricNames[s.metric];
      const chart = chartInputFromSeries(s, {
        title: t('progress:chart.title', { metric: metricName, scope: input.scopeName }),
        xLabel: t('progress:chart.period'),
        yLabel: t(s.kind === 'percent' ? 'progress:chart.percent' : 'progress:chart.count'),
        actual: t('progress:chart.actual'),
        target: t('progress:chart.target'),
        periodLabel: labels.periodLabel!,
        targetLabel: ({ year, value, comparator }) => t('progress:chart.targetLabel', { year, target: value, cmp: comparator === 'gt' ? '>' : '≥' }),
      });
      const image = renderChartPng(chart, input.locale ? { locale: input.locale } : {});
      files.push({ kind: 'photo', filename: `${base}-${s.metric}.png`, mime: MIME.png, data: image.png, metric: s.metric });
    }
  }
  return files;
}

/** How many provinces a ranking chart shows at each end; all of them up to twice that. */
const RANKING_CHART_ENDS = 10;

async function rankingChart(ranking: Ranking, options: { t: Translate; base: string; period: PeriodCode; locale?: string }): Promise<ReportFile> {
  const { t } = options;
  const { renderRankingPng } = await import('./ranking-chart.js');
  const all = ranking.ranked;
  const shown = all.length <= 2 * RANKING_CHART_ENDS ? all : [...all.slice(0, RANKING_CHART_ENDS), ...all.slice(-RANKING_CHART_ENDS)];
  const chart = renderRankingPng(
    {
      title: t('progress:chart.ranking', { metric: t(`progress:metric.${ranking.metric}`), period: renderLine(periodName(options.period), t) }),
      actual: t('progress:chart.actual'),
      mark: t('progress:chart.mark'),
      rows: shown.map((r) => ({ name: `${all.indexOf(r) + 1}. ${r.name}`, value: r.value, mark: r.mark })),
    },
    options.locale ? { locale: options.locale } : {},
  );
  return { kind: 'photo', filename: `${options.base}-${fileSlug(t('progress:file.ranking'))}-${ranking.metric}.png`, mime: MIME.png, data: chart.png };
}
