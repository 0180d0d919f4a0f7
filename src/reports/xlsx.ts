import ExcelJS from 'exceljs';
import type { MetricSeries } from '../domain/progress/series.js';
import type { ProgressSummary } from '../domain/progress/summary.js';
import { addSummarySheet, type SummarySheetLabels } from './summary-sheet.js';
import { tableRows, wallClock, type ReportLabels, type TableRow } from './table.js';
import { addTableSheet, type TableSheet } from './table-sheet.js';

// Excel's own percent format shows 0.048 as 4.80%, so rates are stored as fractions and stay usable in formulas.
const FORMAT = { count: '#,##0', percent: '0.00%', date: 'dd/mm/yyyy hh:mm', year: '0' } as const;
const COLUMNS = ['agency', 'period', 'value', 'target', 'targetYear', 'expected', 'status', 'receivedAt', 'derived'] as const;
const WIDTHS: Record<(typeof COLUMNS)[number], number> = { agency: 34, period: 16, value: 14, target: 12, targetYear: 12, expected: 16, status: 18, receivedAt: 18, derived: 12 };
const DERIVED_MARK = '✓';

/**
/**
 * The summary first when given (what /baocao says, as a table), then `tables` (an overview, the full lists a message
 * cut short), then one sheet per metric: the scope's figure against the target for each period, then each agency's
 * figure for each period. Numbers are numbers, with formats, never text.
 */
export async function buildWorkbook(series: readonly MetricSeries[], labels: ReportLabels, extra: { summary?: { summary: ProgressSummary; labels: SummarySheetLabels }; tables?: readonly TableSheet[] } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'bhxh-bot';
  const used = new Set<string>();
  if (extra.summary) used.add(addSummarySheet(workbook, extra.summary.summary, { report: labels, sheet: extra.summary.labels }).name.toLowerCase());
  for (const table of extra.tables ?? []) addTableSheet(workbook, table, sheetName(table.name, used));
  for (const s of series) addSheet(workbook, s, { labels, name: sheetName(labels.metricNames[s.metric], used) });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addSheet(workbook: ExcelJS.Workbook, series: MetricSeries, options: { labels: ReportLabels; name: string }): void {
  const sheet = workbook.addWorksheet(options.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((key) => ({ header: options.labels.headers[key], key, width: WIDTHS[key] }));
  sheet.getRow(1).font = { bold: true };
  for (const row of tableRows(series, options.labels)) {
    const added = sheet.addRow(cells(row, series.kind));
    formatRow(added, series.kind);
    if (row.isTotal) added.font = { bold: true };
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
}

function cells(row: TableRow, kind: MetricSeries['kind']): Record<(typeof COLUMNS)[number], ExcelJS.CellValue> {
  const asStored = (n: number | null) => (n === null ? null : kind === 'percent' ? n / 100 : n);
  return {
    agency: row.agency,
    period: row.period,
    value: typeof row.value === 'number' ? asStored(row.value) : row.value,
    target: asStored(row.target),
    targetYear: row.targetYear,
    expected: asStored(row.expected),
    status: row.status,
    receivedAt: row.receivedAt && wallClock(row.receivedAt),
    derived: row.derived ? DERIVED_MARK : null,
  };
}

function formatRow(row: ExcelJS.Row, kind: MetricSeries['kind']): void {
  const number = kind === 'percent' ? FORMAT.percent : FORMAT.count;
  for (const key of ['value', 'target', 'expected'] as const) row.getCell(key).numFmt = number;
  row.getCell('targetYear').numFmt = FORMAT.year;
  row.getCell('receivedAt').numFmt = FORMAT.date;
}

/** Excel refuses sheet names over 31 characters, with []:*?/\ or repeated. */
function sheetName(wanted: string, used: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 31).trim() || 'Sheet';
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1).trim()} ${n}`;
  used.add(name.toLowerCase());
  return name;
}
