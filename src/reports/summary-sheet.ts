import type ExcelJS from 'exceljs';
import { DEADLINE_CATEGORIES, type DeadlineCategory } from '../domain/progress/deadlines.js';
import type { ProgressSummary } from '../domain/progress/summary.js';
import { wallClock, type ReportLabels } from './table.js';

/** The summary sheet's own words, translated: the `xlsx.summary` object of locales/<lng>/progress.json. */
export interface SummarySheetLabels {
  sheet: string;
  /** "Tỉnh Mẫu · quý 3/2025" */
  title: string;
  reported: string;
  change: string;
  plan: string;
  notReported: string;
  deadlines: string;
  deadline: Record<DeadlineCategory, string>;
  overdue: string;
  task: string;
  due: string;
  daysLate: string;
  notes: string;
}

const FORMAT = { count: '#,##0', percent: '0.00%', countChange: '+#,##0;-#,##0;0', percentChange: '+0.00%;-0.00%;0.00%', year: '0', date: 'dd/mm/yyyy' } as const;

/**
 * What /baocao says, as a table a supervisor can hand on: the period and who reported, each metric against its
 * target and the previous period, everyone who has not reported (the chat counts them, the file names them all),
 * the period's deadlines by category with the overdue ones, and the notes. The sheet the workbook opens on.
 */
export function addSummarySheet(workbook: ExcelJS.Workbook, summary: ProgressSummary, labels: { report: ReportLabels; sheet: SummarySheetLabels }): ExcelJS.Worksheet {
  const { report, sheet: words } = labels;
  const h = report.headers;
  const ws = workbook.addWorksheet(words.sheet);
  ws.columns = [{ width: 38 }, { width: 16 }, { width: 18 }, { width: 12 }, { width: 12 }, { width: 18 }, { width: 18 }, { width: 18 }];
  const heading = (values: ExcelJS.CellValue[]) => {
    const row = ws.addRow(values);
    row.font = { bold: true };
    return row;
  };
  ws.addRow([words.title]).font = { bold: true, size: 14 };
  ws.addRow([words.reported, `${summary.reportedCount}/${summary.agencyCount}`]);
  ws.addRow([]);

  heading([h.metric, h.value, words.change, h.target, h.targetYear, h.expected, h.status, words.plan]);
  for (const m of summary.metrics) {
    const percent = m.kind === 'percent';
    const asStored = (n: number | undefined) => (n === undefined ? null : percent ? n / 100 : n);
    const targets = m.targets.length ? m.targets : [undefined];
    for (const t of targets) {
      const row = ws.addRow([report.metricNames[m.metric], asStored(m.value), asStored(m.change), asStored(t?.value), t?.year ?? null, asStored(t?.expected), t ? (report.statusNames?.[t.status] ?? t.status) : null, t?.planCode ?? null]);
      for (const col of [2, 4, 6]) row.getCell(col).numFmt = percent ? FORMAT.percent : FORMAT.count;
      row.getCell(3).numFmt = percent ? FORMAT.percentChange : FORMAT.countChange;
      row.getCell(5).numFmt = FORMAT.year;
    }
  }
  ws.addRow([]);

  heading([words.notReported, summary.notReported.length]);
  for (const a of summary.notReported) ws.addRow([a.name]);
  ws.addRow([]);

  const { counts, items } = summary.deadlines;
  heading([words.deadlines, DEADLINE_CATEGORIES.reduce((n, c) => n + counts[c], 0)]);
  // As in the text: the fifth category only when something is in it.
  for (const c of DEADLINE_CATEGORIES) if (c !== 'unconfirmed' || counts[c] > 0) ws.addRow([words.deadline[c], counts[c]]);
  if (items.overdue.length) {
    ws.addRow([]);
    heading([words.overdue, words.task, words.due, words.daysLate]);
    for (const d of items.overdue) ws.addRow([d.agencyName, d.taskTitle, wallClock(d.dueAt), d.daysLate]).getCell(3).numFmt = FORMAT.date;
  }
  if (summary.notes.length) {
    ws.addRow([]);
    heading([words.notes]);
    for (const n of summary.notes) ws.addRow([n.agency.name, n.text]);
  }
  return ws;
}
