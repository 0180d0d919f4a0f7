import type { DeadlineItem } from '../domain/progress/deadlines.js';
import { metricDef, type ProgressMetric } from '../domain/progress/metrics.js';
import type { OverviewRow } from '../domain/progress/overview.js';
import type { Ranking } from '../domain/progress/ranking.js';
import type { Translate } from '../domain/text/line.js';
import type { TableSheet } from './table-sheet.js';

/** An agency as a list in a file names it. */
export interface ListedAgency {
  name: string;
  code: string;
  provinceName: string;
}

type Header = 'metric' | 'agency' | 'province' | 'code' | 'agencies' | 'reported' | 'rank' | 'value' | 'target' | 'targetYear' | 'mark' | 'gap' | 'status' | 'task' | 'due' | 'daysLate';
const header = (t: Translate, key: Header) => t(`progress:xlsx.${key}`);

/** The period at a glance: a row per province (national view) or agency, the total last in bold. */
export function overviewSheet(overview: { metrics: readonly ProgressMetric[]; rows: readonly OverviewRow[] }, t: Translate, units: 'provinces' | 'agencies'): TableSheet {
  return {
    name: t('progress:sheet.overview'),
    columns: [
      { header: header(t, units === 'provinces' ? 'province' : 'agency'), width: 34 },
      { header: header(t, 'code'), width: 22 },
      { header: header(t, 'agencies'), width: 12, format: 'count' },
      { header: header(t, 'reported'), width: 12, format: 'count' },
      ...overview.metrics.map((m) => ({ header: t(`progress:metric.${m}`), width: 18, format: metricDef(m).kind === 'percent' ? ('percent' as const) : ('count' as const) })),
    ],
    rows: overview.rows.map((r) => [r.name, r.code || null, r.agencies, r.reported, ...overview.metrics.map((m) => r.values[m] ?? null)]),
    bold: overview.rows.flatMap((r, i) => (r.total ? [i] : [])),
  };
}

/** Every ranked province of every target metric, best first. */
export function rankingSheet(rankings: readonly Ranking[], t: Translate): TableSheet {
  return {
    name: t('progress:sheet.ranking'),
    columns: [
      { header: header(t, 'metric'), width: 30 },
      { header: header(t, 'rank'), width: 8 },
      { header: header(t, 'province'), width: 28 },
      { header: header(t, 'value'), width: 12, format: 'percent' },
      { header: header(t, 'target'), width: 12, format: 'percent' },
      { header: header(t, 'targetYear'), width: 12 },
      { header: header(t, 'mark'), width: 14, format: 'percent' },
      { header: header(t, 'gap'), width: 14, format: 'points' },
      { header: header(t, 'status'), width: 16 },
    ],
    rows: rankings.flatMap((r) => r.ranked.map((p, i) => [t(`progress:metric.${r.metric}`), i + 1, p.name, p.value, p.target.value, p.target.year, p.mark, p.gap, t(`progress:statusName.${p.target.status}`)])),
  };
}

/** Who sent nothing for the period, every one of them. */
export function notReportedSheet(agencies: readonly ListedAgency[], t: Translate, name = t('progress:sheet.notReported')): TableSheet {
  return {
    name,
    columns: [{ header: header(t, 'agency'), width: 40 }, { header: header(t, 'code'), width: 26 }, { header: header(t, 'province'), width: 24 }],
    rows: agencies.map((a) => [a.name, a.code, a.provinceName]),
  };
}

/** Every overdue deadline, oldest first. */
export function overdueSheet(items: readonly DeadlineItem[], t: Translate): TableSheet {
  return {
    name: t('progress:sheet.overdue'),
    columns: [{ header: header(t, 'agency'), width: 40 }, { header: header(t, 'task'), width: 60 }, { header: header(t, 'due'), width: 14, format: 'day' }, { header: header(t, 'daysLate'), width: 14, format: 'count' }],
    rows: items.map((d) => [d.agencyName, d.taskTitle, d.dueAt, d.daysLate]),
  };
}
