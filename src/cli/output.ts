import type { TFunction } from 'i18next';
import type { CliIo } from './io.js';
import { formatTable, tableStream, type Column } from './table.js';

/**
 * A listing as the operator reads it (a table under translated headers, then the count) or, with `--json`, as a
 * script reads it: one JSON array of `record(row)`, with stable English field names and ISO dates.
 */
export function printRows<R>(io: Pick<CliIo, 'out'>, options: { json: boolean; t: TFunction }, columns: readonly Column<R>[], rows: readonly R[], record: (row: R) => object): void {
  if (options.json) return io.out(JSON.stringify(rows.map(record), null, 2));
  for (const line of formatTable(columns, rows)) io.out(line);
  io.out(options.t('cli:count', { count: rows.length }));
}

/** `printRows` for rows that come in batches, each printed as it comes: memory holds one batch, whatever the total. */
export async function printRowStream<R>(io: Pick<CliIo, 'out'>, options: { json: boolean; t: TFunction }, columns: readonly Column<R>[], batches: AsyncIterable<readonly R[]>, record: (row: R) => object): Promise<void> {
  let count = 0;
  const table = tableStream(columns);
  for await (const rows of batches) {
    if (options.json) {
      for (const row of rows) io.out(`${count++ ? ',' : '['}${JSON.stringify(record(row))}`);
      continue;
    }
    for (const line of table.rows(rows)) io.out(line);
    count += rows.length;
  }
  if (options.json) return io.out(count ? ']' : '[]');
  for (const line of table.end()) io.out(line);
  io.out(options.t('cli:count', { count }));
}

/** How often a long command says again how far it is. */
const REPEAT_MS = 5000;

export interface WorkNotice {
  /** How far a long loop is; a loop that keeps the process busy calls this, as no timer can fire meanwhile. */
  progress(done: number, total: number): void;
  stop(): void;
}

/**
 * Says on stderr that a command is still at work once it has taken `slowAfterMs` (a second by default), so a slow
 * import or replay does not look like a hang, and then every few seconds how far it is; stdout stays clean for
 * `--json`.
 */
export function slowWorkNotice(io: Pick<CliIo, 'err' | 'slowAfterMs'>, label: string): WorkNotice {
  const afterMs = io.slowAfterMs ?? 1000;
  const started = Date.now();
  let shownAt: number | undefined;
  let count = '';
  const show = () => {
    io.err(count ? `${label} ${count}` : label);
    shownAt = Date.now();
  };
  if (afterMs <= 0) show();
  const timer = afterMs > 0 && Number.isFinite(afterMs) ? setTimeout(show, afterMs) : undefined;
  timer?.unref();
  return {
    progress(done, total) {
      count = `${done.toLocaleString('vi-VN')}/${total.toLocaleString('vi-VN')}`;
      const now = Date.now();
      if (shownAt === undefined ? now - started >= afterMs : now - shownAt >= REPEAT_MS) show();
    },
    stop: () => clearTimeout(timer),
  };
}
