import type ExcelJS from 'exceljs';
import { wallClock } from './table.js';

export type CellFormat = 'text' | 'count' | 'percent' | 'points' | 'date' | 'day';

export interface TableColumn {
  header: string;
  width: number;
  format?: CellFormat;
}

/** A plain table as a sheet: a list that did not fit a message, or a report's overview. */
export interface TableSheet {
  name: string;
  columns: TableColumn[];
  /** Rates are given in percent (4.8); they are stored as fractions with a percent format. */
  rows: (string | number | Date | null)[][];
  /** Rows (0-based, among `rows`) to set in bold: totals. */
  bold?: readonly number[];
}

const FORMATS: Record<CellFormat, string | undefined> = { text: undefined, count: '#,##0', percent: '0.00%', points: '+0.00;-0.00;0', date: 'dd/mm/yyyy hh:mm', day: 'dd/mm/yyyy' };

export function addTableSheet(workbook: ExcelJS.Workbook, sheet: TableSheet, name: string): void {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = sheet.columns.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  const bold = new Set(sheet.bold ?? []);
  sheet.rows.forEach((cells, i) => {
    const row = ws.addRow(cells.map((value, c) => stored(value, sheet.columns[c]?.format)));
    sheet.columns.forEach((column, c) => {
      const format = column.format && FORMATS[column.format];
      if (format) row.getCell(c + 1).numFmt = format;
    });
    if (bold.has(i)) row.font = { bold: true };
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
}

function stored(value: string | number | Date | null, format: CellFormat | undefined): ExcelJS.CellValue {
  if (value instanceof Date) return wallClock(value);
  if (typeof value === 'number' && format === 'percent') return value / 100;
  return value;
}
