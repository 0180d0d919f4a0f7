import { shorten } from '../domain/text/shorten.js';

/** One column of a CLI listing: its translated header and how a row shows in it. */
export interface Column<R> {
  header: string;
  cell: (row: R) => string;
  /** Longer cells are cut on a word boundary with "…" (the full text is in `--json`). */
  max?: number;
  align?: 'left' | 'right';
}

/** What a terminal shows for a string: precomposed Vietnamese letters count one, whatever form the database kept. */
const width = (text: string): number => [...text.normalize('NFC')].length;

const cellsOf = <R>(columns: readonly Column<R>[], rows: readonly R[]): string[][] =>
  rows.map((row) => columns.map((c) => (c.max ? shorten(c.cell(row), c.max) : c.cell(row).replace(/\s+/g, ' '))));

const widthsOf = <R>(columns: readonly Column<R>[], cells: string[][]): number[] => columns.map((c, i) => Math.max(width(c.header), ...cells.map((r) => width(r[i]!))));

function lineOf<R>(columns: readonly Column<R>[], widths: number[]) {
  return (values: string[]) =>
    values
      .map((v, i) => {
        const pad = ' '.repeat(Math.max(0, widths[i]! - width(v)));
        return columns[i]!.align === 'right' ? pad + v : i === values.length - 1 ? v : v + pad;
      })
      .join('  ')
      .trimEnd();
}

const headerOf = <R>(columns: readonly Column<R>[], widths: number[], line: (values: string[]) => string) => [line(columns.map((c) => c.header)), line(widths.map((w) => '─'.repeat(w)))];

/** Rows under their headers, every column as wide as its widest cell, two spaces between columns. */
export function formatTable<R>(columns: readonly Column<R>[], rows: readonly R[]): string[] {
  const cells = cellsOf(columns, rows);
  const widths = widthsOf(columns, cells);
  const line = lineOf(columns, widths);
  return [...headerOf(columns, widths, line), ...cells.map(line)];
}

/**
 * A table printed as its rows come, for listings too long to hold: the columns are as wide as the first rows' (a
 * wider cell later pushes its own line out). Returns the lines of each batch; the header comes with the first.
 */
export function tableStream<R>(columns: readonly Column<R>[]): { rows(rows: readonly R[]): string[]; end(): string[] } {
  let line: ((values: string[]) => string) | undefined;
  const start = (cells: string[][]) => {
    const widths = widthsOf(columns, cells);
    line = lineOf(columns, widths);
    return headerOf(columns, widths, line);
  };
  return {
    rows(rows) {
      if (!rows.length) return [];
      const cells = cellsOf(columns, rows);
      return [...(line ? [] : start(cells)), ...cells.map(line!)];
    },
    end: () => (line ? [] : start([])),
  };
}
