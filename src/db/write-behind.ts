import { setTimeout as sleep } from 'node:timers/promises';

export interface WriteBehind<T> {
  /** Queues a row; it is written with the others queued in the same turn of the event loop. */
  add(item: T): void;
  /** Resolves once every row added before the call is stored; rejects if their write failed (they are retried). */
  flush(): Promise<void>;
  /** Rows queued and not yet stored. */
  readonly pending: number;
}

/** How long a failed write waits before it is tried again with what was queued since. */
const RETRY_MS = 1000;

/**
 * Rows written after the reply instead of before it, many in one statement: everything added while the event loop
 * is busy goes in the next write, and what is added while a write is under way waits for the one after (a group
 * commit). Under a burst a thousand log rows become a few inserts; a lone row is written at once, not after a timer.
 * Nothing is dropped: a failed write keeps its rows at the head of the queue and is tried again.
 */
export function createWriteBehind<T>(write: (items: T[]) => Promise<void>, options: { maxRows?: number; onError?: (error: unknown, rows: number) => void } = {}): WriteBehind<T> {
  const maxRows = options.maxRows ?? 500;
  let queue: T[] = [];
  /** The write that will take the rows queued now, once the one under way is done. */
  let next: Promise<void> | undefined;
  /** The write under way (settled, never rejecting: it only orders writes). */
  let current: Promise<void> = Promise.resolve();

  function schedule(delay?: number): Promise<void> {
    const run = current
      .then(() => (delay ? sleep(delay, undefined, { ref: false }) : new Promise<void>((resolve) => setImmediate(resolve))))
      .then(async () => {
        next = undefined;
        const batch = queue;
        queue = [];
        for (let i = 0; i < batch.length; i += maxRows) {
          try {
            await write(batch.slice(i, i + maxRows));
          } catch (e) {
            queue = [...batch.slice(i), ...queue];
            options.onError?.(e, batch.length - i);
            next ??= schedule(RETRY_MS);
            throw e;
          }
        }
      });
    current = run.catch(() => undefined);
    return run;
  }

  return {
    add(item) {
      queue.push(item);
      next ??= schedule();
    },
    flush() {
      return next ?? current;
    },
    get pending() {
      return queue.length;
    },
  };
}
