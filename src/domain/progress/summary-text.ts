import { shortList } from '../text/short-list.js';
import type { DeadlineItem } from './deadlines.js';
import { DEADLINE_CATEGORIES } from './deadlines.js';
import type { OverdueReport } from './overdue.js';
import { mainRanking, type Ranking } from './ranking.js';
import type { MetricSummary, ProgressSummary } from './summary.js';
import type { TargetEvaluation } from './targets.js';
import type { TextLine } from '../text/line.js';
import { localDay, metricName, periodName } from './text-line.js';

export interface SummaryTextOptions {
  /** Province or agency name, already known to the caller; a translated line works too. */
  scopeName: string | TextLine;
  /** Longest list of names or deadlines before "… and N more". */
  maxItems?: number;
}

export const DEFAULT_MAX_ITEMS = 8;
/** A national ranking names the first and the last this many provinces. */
const RANKING_ENDS = 10;

/** A summary as short lines for a phone: figures and targets, who is missing, deadlines, notes. */
export function summaryLines(summary: ProgressSummary, options: SummaryTextOptions): TextLine[] {
  const max = options.maxItems ?? DEFAULT_MAX_ITEMS;
  return [
    { key: 'progress:summary.title', params: { scope: options.scopeName, period: periodName(summary.period) } },
    { key: 'progress:summary.reported', params: { reported: summary.reportedCount, total: summary.agencyCount } },
    ...metricLines(summary.metrics),
    ...rankingLines(summary.rankings),
    ...notReportedLines(summary, max),
    ...deadlineLines(summary, max),
    ...noteLines(summary, max),
  ];
}

function noteLines(summary: ProgressSummary, max: number): TextLine[] {
  const lines = summary.notes.slice(0, max).map((n): TextLine => ({ key: 'progress:summary.note', params: { agency: n.agency.name, text: n.text } }));
  return summary.noteCount > lines.length ? [...lines, { key: 'progress:summary.more', params: { count: summary.noteCount - lines.length } }] : lines;
}

function metricLines(metrics: readonly MetricSummary[]): TextLine[] {
  if (!metrics.some((m) => m.value !== undefined)) return [{ key: 'progress:summary.noFigures' }];
  return metrics.flatMap((m) => [figureLine(m), ...m.targets.map((t) => targetLine(t, m.targets.length > 1))]);
}

function figureLine(m: MetricSummary): TextLine {
  const name = metricName(m.metric);
  if (m.value === undefined && m.unweighed) return { key: 'progress:summary.unweighed', params: { name, count: m.unweighed } };
  if (m.value === undefined) return { key: 'progress:summary.noValue', params: { name } };
  const percent = m.kind === 'percent';
  if (m.change === undefined) return { key: percent ? 'progress:summary.percent' : 'progress:summary.count', params: { name, value: m.value } };
  return { key: percent ? 'progress:summary.percentChange' : 'progress:summary.countChange', params: { name, value: m.value, change: m.change } };
}

function targetLine(t: TargetEvaluation, withPlan: boolean): TextLine {
  const status: TextLine =
    t.status === 'behind' && t.expected === undefined
      ? { key: 'progress:status.behind_no_line' }
      : { key: `progress:status.${t.status}`, params: t.expected === undefined ? {} : { expected: t.expected } };
  const params = { year: t.year, cmp: t.comparator === 'gt' ? '>' : '≥', target: t.value, status, plan: t.planCode };
  return { key: withPlan ? 'progress:summary.targetPlan' : 'progress:summary.target', params };
}

/** The provinces against their targets on the metric most of them can be ranked on: all of them, or the first and last ten. */
function rankingLines(rankings: readonly Ranking[]): TextLine[] {
  const main = mainRanking(rankings);
  if (!main) return [];
  const count = main.ranked.length;
  const item = (at: number): TextLine => {
    const r = main.ranked[at]!;
    return { key: 'progress:ranking.item', params: { rank: at + 1, name: r.name, value: r.value, mark: r.mark, gap: r.gap, status: { key: `progress:ranking.status.${r.target.status}` } } };
  };
  const indices = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => item(from + i));
  const lines: TextLine[] = [{ key: 'progress:ranking.title', params: { count, metric: metricName(main.metric) } }];
  if (count <= 2 * RANKING_ENDS) lines.push(...indices(0, count));
  else lines.push({ key: 'progress:ranking.top', params: { count: RANKING_ENDS } }, ...indices(0, RANKING_ENDS), { key: 'progress:ranking.bottom', params: { count: RANKING_ENDS } }, ...indices(count - RANKING_ENDS, count));
  if (main.unranked) lines.push({ key: 'progress:ranking.unranked', params: { count: main.unranked } });
  return lines;
}

function notReportedLines(summary: ProgressSummary, max: number): TextLine[] {
  if (summary.notReported.length === 0) return [{ key: 'progress:summary.allReported' }];
  const list = shortList(summary.notReported.map((a) => a.name), max);
  const params = { count: summary.notReported.length, names: list.names, more: list.more };
  return [{ key: list.more > 0 ? 'progress:summary.notReportedMore' : 'progress:summary.notReported', params }];
}

function deadlineLines(summary: ProgressSummary, max: number): TextLine[] {
  const { counts, items } = summary.deadlines;
  const total = DEADLINE_CATEGORIES.reduce((n, c) => n + counts[c], 0);
  if (total === 0) return [{ key: 'progress:summary.noDeadlines' }];
  return [
    { key: 'progress:summary.deadlines', params: { total } },
    // The fifth category is said only when there is something in it: most plans give every day.
    ...DEADLINE_CATEGORIES.filter((c) => c !== 'unconfirmed' || counts[c] > 0).map((c): TextLine => ({ key: `progress:summary.deadline.${c}`, params: { count: counts[c] } })),
    ...overdueItemLines(items.overdue, max, counts.overdue),
  ];
}

/** The first `max` of `total` overdue deadlines; `items` may hold only the first few. */
function overdueItemLines(items: readonly DeadlineItem[], max: number, total = items.length): TextLine[] {
  const lines = items.slice(0, max).map((d): TextLine => ({ key: 'progress:summary.overdueItem', params: { agency: d.agencyName, task: d.taskTitle, due: localDay(d.dueAt), days: d.daysLate } }));
  return total > lines.length ? [...lines, { key: 'progress:summary.more', params: { count: total - lines.length } }] : lines;
}

/** /overdue: deadlines past due and not done, those past a day nobody confirmed, then agencies that sent nothing for the period. */
export function overdueLines(report: OverdueReport, options: SummaryTextOptions): TextLine[] {
  const max = options.maxItems ?? DEFAULT_MAX_ITEMS;
  const scope = options.scopeName;
  const head: TextLine = report.overdueCount === 0 ? { key: 'progress:overdue.none', params: { scope } } : { key: 'progress:overdue.title', params: { scope, count: report.overdueCount } };
  const unconfirmed: TextLine[] = report.unconfirmedCount ? [{ key: 'dates:overdue.unconfirmed', params: { count: report.unconfirmedCount } }] : [];
  return [head, ...overdueItemLines(report.overdue, max, report.overdueCount), ...unconfirmed, silentLine(report, max)];
}

/** Who sent nothing for the report's period, named up to `max`. */
export function silentLine(report: OverdueReport, max = DEFAULT_MAX_ITEMS): TextLine {
  const period = periodName(report.period);
  if (report.silent.length === 0) return { key: 'progress:overdue.noSilent', params: { period } };
  const list = shortList(report.silent.map((a) => a.name), max);
  const params = { period, count: report.silent.length, names: list.names, more: list.more };
  return { key: list.more > 0 ? 'progress:overdue.silentMore' : 'progress:overdue.silent', params };
}
