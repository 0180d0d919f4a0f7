import { createHash } from 'node:crypto';
import type { Logger } from '../logger.js';
import { providerOf } from './connect.js';

/** Holds one chat's turn (or another named turn, such as the start's plan import) against every instance on the database while `work` runs. */
export interface ChatLock {
  hold<T>(name: string, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// Connections for held turns, apart from Prisma's pool: the work under a turn queries through that pool, and a turn
// holding one of its connections while waiting for another would starve it.
const LOCK_CONNECTIONS = 8;

/** A turn's advisory-lock key: a signed 64-bit integer from its name, written as a literal (nothing to escape). */
export function lockKey(name: string): string {
  return createHash('sha256').update(name).digest().readBigInt64BE(0).toString();
}

/** The start's work on shared data (plan import, the reorganisation file): two instances starting at once take turns. */
export const START_TURN = 'start: plans and reorganisation';

/**
 * One chat's messages handled one at a time across instances. Behind a load balancer two messages of one chat can
 * reach two instances; on PostgreSQL each takes a transaction-scoped advisory lock keyed by the chat before it is
 * recorded and holds it while it is handled, so the second waits for the first, and the lock goes with the
 * transaction however the work ends (or the process dies). Other chats take other keys: nothing waits across chats.
 * One round trip a message before its work (the lock) and one after it that nothing waits for (the commit), whatever
 * the number of people. SQLite has one process: its in-process
 * queue is enough, and the lock is no lock.
 */
export async function openChatLock(url: string, logger: Logger): Promise<ChatLock> {
  if (providerOf(url) !== 'postgresql') return { hold: (_name, work) => work(), close: async () => {} };
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: LOCK_CONNECTIONS });
  let ended: Promise<void> | undefined;
  pool.on('error', (e) => logger.warn('chat lock connection lost', { error: String(e) }));
  return {
    async hold(name, work) {
      const client = await pool.connect();
      const release = () => {
        // The turn is over once its work is: the lock goes when the server has the COMMIT, and whoever waits for it
        // (here or in another instance) waits at the server until then. The caller does not wait for the answer.
        void client.query('COMMIT').then(() => client.release(), (e: Error) => client.release(e));
      };
      try {
        await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${lockKey(name)})`);
      } catch (e) {
        client.release(e as Error);
        throw e;
      }
      try {
        return await work();
      } finally {
        release();
      }
    },
    // An app may be closed twice (a stop after a close): the pool ends once.
    close: () => (ended ??= pool.end()),
  };
}
