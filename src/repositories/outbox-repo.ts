import type { Db, Provider } from '../db/connect.js';
import type { MessagePayload } from '../messaging/message.js';
import type { Channel } from '../messaging/channel.js';

export interface OutboxDraft {
  dedupeKey: string;
  kind: 'reminder' | 'escalation' | 'blocked' | 'notice';
  personId: number;
  channel: Channel;
  chatId: string;
  payload: MessagePayload;
  notBefore: Date;
}

export interface OutboxItem extends OutboxDraft {
  id: number;
  attempts: number;
}

// Rows keep the payload as JSON text, and kind and channel as plain strings.
type OutboxRow = { id: number; dedupeKey: string; kind: string; personId: number; channel: string; chatId: string; payload: string; notBefore: Date; attempts: number };
const toItem = (row: OutboxRow): OutboxItem => ({ id: row.id, dedupeKey: row.dedupeKey, kind: row.kind as OutboxDraft['kind'], personId: row.personId, channel: row.channel as Channel, chatId: row.chatId, payload: JSON.parse(row.payload) as MessagePayload, notBefore: row.notBefore, attempts: row.attempts });

type ClaimedRow = Omit<OutboxRow, 'notBefore'> & { notBefore: Date | string | number };

/**
 * `onQueued` hears of every message queued through this repository (after its commit): the outbox worker wakes
 * up for it instead of waiting for the next minute.
 */
export function createOutboxRepo(db: Db, instanceId: string, options: { provider?: Provider; onQueued?: () => void } = {}) {
  const pg = options.provider === 'postgresql';
  const queued = () => options.onQueued?.();
  return {
    /** Queues a message unless one with the same dedupe key exists; returns whether it was queued. */
    async enqueue(draft: OutboxDraft): Promise<boolean> {
      try {
        await db.outbox.create({ data: { ...draft, payload: JSON.stringify(draft.payload) } });
        queued();
        return true;
      } catch (e) {
        if ((e as { code?: string }).code === 'P2002') return false;
        throw e;
      }
    },
    /** Tells the worker (and, through it, other instances) that messages were queued by someone else's statement. */
    queued,
    /**
     * Locks up to `limit` due messages for this instance, oldest first, in one statement. On PostgreSQL rows another
     * instance is locking are skipped rather than waited for; SQLite runs one writer at a time anyway.
     */
    async claim(now: Date, limit: number, lockMs: number): Promise<OutboxItem[]> {
      const until = new Date(now.getTime() + lockMs);
      const rows = pg
        ? await db.$queryRaw<ClaimedRow[]>`UPDATE "Outbox" SET "lockedUntil" = ${until}, "lockedBy" = ${instanceId} WHERE "id" IN (
             SELECT "id" FROM "Outbox" WHERE "status" = 'pending' AND "notBefore" <= ${now} AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now})
             ORDER BY "id" LIMIT ${limit} FOR UPDATE SKIP LOCKED)
           RETURNING "id", "dedupeKey", "kind", "personId", "channel", "chatId", "payload", "notBefore", "attempts"`
        : await db.$queryRaw<ClaimedRow[]>`UPDATE "Outbox" SET "lockedUntil" = ${until}, "lockedBy" = ${instanceId} WHERE "id" IN (
             SELECT "id" FROM "Outbox" WHERE "status" = 'pending' AND "notBefore" <= ${now} AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now})
             ORDER BY "id" LIMIT ${limit})
           RETURNING "id", "dedupeKey", "kind", "personId", "channel", "chatId", "payload", "notBefore", "attempts"`;
      return rows.map((r) => toItem({ ...r, id: Number(r.id), personId: Number(r.personId), attempts: Number(r.attempts), notBefore: new Date(r.notBefore) })).sort((a, b) => a.id - b.id);
    },
    /**
     * When the next pending message becomes claimable after `now`: its retry comes due or a claim on it (a stopped
     * instance's) runs out. Undefined when none will.
     */
    async nextDue(now: Date): Promise<Date | undefined> {
      const [retry, claim] = await Promise.all([
        db.outbox.aggregate({ where: { status: 'pending', notBefore: { gt: now } }, _min: { notBefore: true } }),
        db.outbox.aggregate({ where: { status: 'pending', lockedUntil: { gt: now } }, _min: { lockedUntil: true } }),
      ]);
      const times = [retry._min.notBefore, claim._min.lockedUntil].filter((d): d is Date => !!d).map((d) => d.getTime());
      return times.length ? new Date(Math.min(...times)) : undefined;
    },
    /** Keeps this instance's claim on messages it still holds. */
    renew: (ids: readonly number[], until: Date) => db.outbox.updateMany({ where: { id: { in: [...ids] }, lockedBy: instanceId, status: 'pending' }, data: { lockedUntil: until } }),
    /** Marks many messages sent in one statement. */
    async markSentMany(ids: readonly number[], at: Date): Promise<void> {
      for (let i = 0; i < ids.length; i += 500) {
        await db.outbox.updateMany({ where: { id: { in: ids.slice(i, i + 500) } }, data: { status: 'sent', sentAt: at, attempts: { increment: 1 }, lockedUntil: null, lastError: null } });
      }
    },
    markSent: (id: number, at: Date) => db.outbox.update({ where: { id }, data: { status: 'sent', sentAt: at, attempts: { increment: 1 }, lockedUntil: null, lastError: null } }),
    retryLater: (id: number, input: { notBefore: Date; error: string; countAttempt: boolean }) =>
      db.outbox.update({ where: { id }, data: { notBefore: input.notBefore, lastError: input.error, lockedUntil: null, ...(input.countAttempt ? { attempts: { increment: 1 } } : {}) } }),
    fail: (id: number, status: 'failed' | 'blocked' | 'undeliverable', error: string, at: Date) => db.outbox.update({ where: { id }, data: { status, lastError: error, lockedUntil: null, failedAt: at, attempts: { increment: 1 } } }),
    /** The last message of a kind sent to a person since a date: what a typed "done" refers to. */
    async lastSent(personId: number, kind: OutboxDraft['kind'], since: Date): Promise<OutboxItem | undefined> {
      const row = await db.outbox.findFirst({ where: { personId, kind, status: 'sent', sentAt: { gte: since } }, orderBy: { sentAt: 'desc' } });
      return row ? toItem(row) : undefined;
    },
    list: (where: { personId?: number; status?: string } = {}) => db.outbox.findMany({ where, orderBy: { id: 'asc' } }),
  };
}

export type OutboxRepo = ReturnType<typeof createOutboxRepo>;
