import type { Logger } from '../logger.js';
import { providerOf } from './connect.js';

const CHANNEL = 'bhxh_outbox';

export interface OutboxSignal {
  /** A message was queued here: wake this instance, and tell the others. */
  queued(): void;
  close(): Promise<void>;
}

/**
 * Wakes the outbox when any instance queues a message: in this process directly, and across instances with
 * PostgreSQL's LISTEN/NOTIFY on a connection of its own. SQLite has one process, so the first is enough.
 * Notices are coalesced: a burst of replies costs one NOTIFY per turn of the event loop.
 */
export async function listenForOutbox(url: string, instanceId: string, wake: () => void, logger: Logger): Promise<OutboxSignal> {
  if (providerOf(url) !== 'postgresql') return { queued: () => queueMicrotask(wake), close: async () => {} };
  // pg is loaded only on PostgreSQL: a SQLite service never needs it.
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  client.on('notification', (n) => {
    if (n.channel === CHANNEL && n.payload !== instanceId) wake();
  });
  // A lost connection loses only wake-ups: the minute timer still drains the outbox.
  client.on('error', (e) => logger.warn('outbox notifications lost', { error: String(e) }));
  await client.query(`LISTEN ${CHANNEL}`);
  let pending = false;
  let closed = false;
  return {
    queued() {
      queueMicrotask(wake);
      if (pending || closed) return;
      pending = true;
      setImmediate(() => {
        pending = false;
        if (!closed) client.query('SELECT pg_notify($1, $2)', [CHANNEL, instanceId]).catch((e: unknown) => logger.warn('outbox notice not sent', { error: String(e) }));
      });
    },
    async close() {
      closed = true;
      await client.end().catch(() => undefined);
    },
  };
}
