import { localDateOf } from '../domain/calendar/local-time.js';
import { mainRanking, type PeriodCode, type ProgressSummary, type ReportFormat, type Scope } from '../domain/progress/index.js';
import type { Translate } from '../domain/text/line.js';
import { fileSlug, MIME, reportFiles, reportLabels, type ReportFile } from '../reports/files.js';
import { notReportedSheet, overdueSheet, overviewSheet, rankingSheet, type ListedAgency } from '../reports/summary-sheets.js';
import type { TableSheet } from '../reports/table-sheet.js';
import { groupingOf, type ProgressService } from './progress-service.js';

export interface SummaryFilesInput {
  progress: ProgressService;
  scope: Scope;
  /** The scope's name, in the reader's language. */
  name: string;
  period: PeriodCode;
  now: Date;
  summary: ProgressSummary;
  formats: readonly ReportFormat[];
  /** Figures over time (a sheet per metric, CSV, charts): asked for, not sent with a list cut short. */
  history: boolean;
  t: Translate;
  language: 'vi' | 'en';
}

/**
 * The files of a summary, for /baocao and `cli report` alike: the spreadsheet opens with what the
 * message says, as a table, then the period at a glance (a row per province or agency), the national ranking and the full lists of
 * who has not reported and of the overdue deadlines when the message cut them, then the figures
 * over time when asked; a national view's ranking is drawn.
 */
export async function summaryFiles(input: SummaryFilesInput): Promise<ReportFile[]> {
  const { t, summary } = input;
  const tables: TableSheet[] = [];
  if (input.formats.includes('xlsx')) {
    const found = await input.progress.tables({ scope: input.scope, period: input.period, summary, totalName: input.name });
    tables.push(overviewSheet(found.overview, t, groupingOf(input.scope) === 'province' ? 'provinces' : 'agencies'));
    if (summary.rankings.some((r) => r.ranked.length)) tables.push(rankingSheet(summary.rankings, t));
    if (found.notReported.length) tables.push(notReportedSheet(found.notReported, t));
    // The message names a few of the period's overdue deadlines; with more, the file has them all.
    if (summary.deadlines.counts.overdue > summary.deadlines.items.overdue.length) tables.push(overdueSheet(await input.progress.overdueList({ scope: input.scope, now: input.now, period: input.period }), t));
  }
  const series = input.history ? await input.progress.history({ scope: input.scope, period: input.period, now: input.now }) : [];
  const ranking = mainRanking(summary.rankings);
  return reportFiles({ series, formats: input.formats, t, scopeName: input.name, period: input.period, locale: input.language === 'en' ? 'en-GB' : 'vi-VN', summary, tables, ...(ranking ? { ranking } : {}) });
}

export interface OverdueFilesInput {
  progress: ProgressService;
  scope: Scope;
  name: string;
  now: Date;
  /** The period whose silent agencies are listed. */
  period: PeriodCode;
  noFocal: readonly ListedAgency[];
  t: Translate;
}

/** /quahan's lists in full, when the message could name only the first few: every overdue deadline, every agency without a focal point, every agency silent for the period. */
export async function overdueFile(input: OverdueFilesInput): Promise<ReportFile> {
  const { t } = input;
  const [overdue, silent] = await Promise.all([input.progress.overdueList({ scope: input.scope, now: input.now }), input.progress.silentList({ scope: input.scope, period: input.period })]);
  const tables = [overdueSheet(overdue, t), notReportedSheet(input.noFocal, t, t('progress:sheet.noFocal')), notReportedSheet(silent, t, t('progress:sheet.silent'))];
  const filename = `${fileSlug(t('progress:file.overdueBase'))}-${fileSlug(input.name)}-${localDateOf(input.now)}.xlsx`;
  // exceljs is loaded when a file is first made, as in reportFiles.
  const { buildWorkbook } = await import('../reports/xlsx.js');
  return { kind: 'document', filename, mime: MIME.xlsx, data: await buildWorkbook([], reportLabels(t, input.name), { tables }) };
}
