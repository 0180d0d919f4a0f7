import { DateTime } from 'luxon';
import { ZONE } from '../domain/calendar/local-time.js';
import type { MetricSeries } from '../domain/progress/series.js';
import { tableRows, type ReportLabels, type TableRow } from './table.js';

export interface CsvOptions {
  /**
   * `,` by default (RFC 4180). Excel set to Vietnamese regional settings expects `;` and a
   * decimal comma, so a caller that knows its readers use that can ask for both.
   */
  delimiter?: ',' | ';';
  decimalComma?: boolean;
}

const BOM = '\uFEFF';

/**
 * All metrics in one table, a metric column first. UTF-8 with a byte-order mark, because
 * without it Excel reads the file as the local code page and garbles Vietnamese.
 * Rates are written as percent numbers (4.8), since a CSV carries no cell format.
 */
export function buildCsv(series: readonly MetricSeries[], labels: ReportLabels, options: CsvOptions = {}): Buffer {
  const h = labels.headers;
  const header = [h.metric, h.agency, h.period, h.value, h.target, h.targetYear, h.expected, h.status, h.receivedAt, h.derived];
  const lines = [header, ...series.flatMap((s) => tableRows(s, labels).map((row) => csvCells(labels.metricNames[s.metric], row, options)))];
  const delimiter = options.delimiter ?? ',';
  return Buffer.from(BOM + lines.map((cells) => cells.map((c) => quote(c, delimiter)).join(delimiter)).join('\r\n') + '\r\n', 'utf8');
}

function csvCells(metric: string, row: TableRow, options: CsvOptions): string[] {
  const number = (n: number | null) => (n === null ? '' : options.decimalComma ? String(round(n)).replace('.', ',') : String(round(n)));
  const value = typeof row.value === 'number' ? number(row.value) : defused(row.value ?? '');
  const receivedAt = row.receivedAt ? DateTime.fromJSDate(row.receivedAt, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm') : '';
  return [metric, defused(row.agency), row.period, value, number(row.target), number(row.targetYear), number(row.expected), row.status ?? '', receivedAt, row.derived ? '✓' : ''];
}

// Averages over agencies run to 15 digits; four decimals is more than any rate or count needs.
function round(n: number): number {
  return Math.round(n * 1e4) / 1e4;
}

/**
 * A note or a name beginning with = + - @ would run as a formula when the file is opened in
 * a spreadsheet (CSV injection); a leading apostrophe makes it plain text there.
 */
function defused(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: a field with the delimiter, a quote or a line break is quoted, its quotes doubled. */
export function quote(field: string, delimiter: string): string {
  return field.includes(delimiter) || /["\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
