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

/** Rows under their headers, every column as wide as its widest cell, two spaces between columns. */
export function formatTable<R>(columns: readonly Column<R>[], rows: readonly R[]): string[] {
  const cells = rows.map((row) => columns.map((c) => (c.max ? shorten(c.cell(row), c.max) : c.cell(row).replace(/\s+/g, ' '))));
  const widths = columns.map((c, i) => Math.max(width(c.header), ...cells.map((r) => width(r[i]!))));
  const line = (values: string[]) =>
    values
      .map((v, i) => {
        const pad = ' '.repeat(widths[i]! - width(v));
        return columns[i]!.align === 'right' ? pad + v : i === values.length - 1 ? v : v + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '─'.repeat(w))), ...cells.map(line)];
}
