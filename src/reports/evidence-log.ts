import type { Writable } from 'node:stream';
import { atLocalTime, formatLocalDate, formatLocalDateTime } from '../domain/calendar/local-time.js';
import { stepKind } from '../domain/reminders/ladder.js';
import { inLogOrder, type LogEntry, type LoggedDeadline } from '../domain/reminders/evidence.js';
import type { Translate } from '../domain/text/line.js';
import { wallClock } from './table.js';

/** A ladder step as people say it: `before-3` is "3 days before", `escalate-7` goes to the supervisor. */
export function stepName(step: string, t: Translate): string {
  const [kind, n] = stepKind(step).split('-');
  const days = Number(n);
  if (kind === 'before') return days === 0 ? t('cli:step.beforeLast') : t('cli:step.before', { days });
  if (kind === 'overdue') return days === 0 ? t('cli:step.overdueDue') : t('cli:step.overdue', { days });
  if (kind === 'escalate') return t('cli:step.escalate', { days });
  return step;
}

const COLUMNS = ['plan', 'task', 'agency', 'dueOn', 'extendedTo', 'event', 'at', 'person', 'channel', 'delivery', 'deliveredAt', 'detail'] as const;
type Column = (typeof COLUMNS)[number];
const WIDTHS: Record<Column, number> = { plan: 22, task: 48, agency: 30, dueOn: 12, extendedTo: 12, event: 22, at: 17, person: 20, channel: 10, delivery: 16, deliveredAt: 17, detail: 40 };
/** Dates as Excel dates, in Vietnam's local time (a sheet has no zone): a day, or a day and a time. */
const FORMAT: Partial<Record<Column, string>> = { dueOn: 'dd/mm/yyyy', extendedTo: 'dd/mm/yyyy', at: 'dd/mm/yyyy hh:mm', deliveredAt: 'dd/mm/yyyy hh:mm' };

/** Platforms by their own names, in every language. */
const CHANNEL_NAMES: Record<string, string> = { telegram: 'Telegram', zalo: 'Zalo', console: 'Console' };

export type LogCell = string | Date | null;

/** A local date as the sheet stores it: that day at midnight, wall-clock. */
const day = (date: string): Date => wallClock(atLocalTime(date, '00:00'));

/** What a log row says after its event: the step a reminder was, a snooze's end, an extension's date and reason. */
function detail(entry: LogEntry, t: Translate): string | null {
  if (entry.step) return stepName(entry.step, t);
  if (entry.snoozedUntil) return t('reminders:log.snoozedUntil', { until: formatLocalDateTime(entry.snoozedUntil) });
  if (entry.extension) {
    const to = formatLocalDate(entry.extension.to);
    if (entry.kind === 'extension_approved') return t('reminders:log.approvedTo', { to });
    return entry.kind === 'extension_declined' ? t('reminders:log.declinedBecause', { to, reason: entry.extension.reason }) : t('reminders:log.extensionTo', { to, reason: entry.extension.reason });
  }
  return null;
}

/** The rows of one deadline, one per entry in the order they happened, each naming the deadline in full (a sheet is filtered and sorted). */
export function evidenceRows(deadline: LoggedDeadline, entries: readonly LogEntry[], t: Translate): LogCell[][] {
  return inLogOrder(entries).map((e) => [
    deadline.plan,
    deadline.task,
    deadline.agency,
    day(deadline.dueOn),
    deadline.extendedTo ? day(deadline.extendedTo) : null,
    t(`reminders:log.kind.${e.kind}`),
    wallClock(e.at),
    e.person ?? t('reminders:log.erased'),
    e.channel ? (CHANNEL_NAMES[e.channel] ?? e.channel) : null,
    e.delivery ? t(`reminders:log.delivery.${e.delivery.status}`) : null,
    e.delivery?.at ? wallClock(e.delivery.at) : null,
    detail(e, t),
  ]);
}

export const evidenceHeaders = (t: Translate): string[] => COLUMNS.map((c) => t(`reminders:log.column.${c}`));

/**
 * Writes the log as an xlsx to `stream` as its rows come, page by page: exceljs's streaming writer keeps no row once
 * it is committed, so memory holds one page of rows whatever the history. Returns how many rows were written.
 */
export async function writeEvidenceWorkbook(stream: Writable, sheetName: string, headers: readonly string[], pages: AsyncIterable<readonly LogCell[][]>): Promise<number> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = 'bhxh-bot';
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((key, i) => ({ header: headers[i], key, width: WIDTHS[key] }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let count = 0;
  for await (const rows of pages) {
    for (const cells of rows) {
      const row = sheet.addRow(cells);
      COLUMNS.forEach((c, i) => {
        const format = FORMAT[c];
        if (format) row.getCell(i + 1).numFmt = format;
      });
      row.commit();
      count++;
    }
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  sheet.commit();
  await workbook.commit();
  return count;
}
