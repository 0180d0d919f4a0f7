import type { Db } from '../db/connect.js';
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

export function createOutboxRepo(db: Db, instanceId: string) {
  const free = (now: Date) => ({ OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] });
  return {
    /** Queues a message unless one with the same dedupe key exists; returns whether it was queued. */
    async enqueue(draft: OutboxDraft): Promise<boolean> {
      try {
        await db.outbox.create({ data: { ...draft, payload: JSON.stringify(draft.payload) } });
        return true;
      } catch (e) {
        if ((e as { code?: string }).code === 'P2002') return false;
        throw e;
      }
    },
    /** Locks up to `limit` due messages for this instance, oldest first. */
    async claim(now: Date, limit: number, lockMs: number): Promise<OutboxItem[]> {
      const candidates = await db.outbox.findMany({ where: { status: 'pending', notBefore: { lte: now }, ...free(now) }, orderBy: { id: 'asc' }, take: limit });
      const mine: OutboxItem[] = [];
      for (const row of candidates) {
        const locked = await db.outbox.updateMany({ where: { id: row.id, status: 'pending', ...free(now) }, data: { lockedUntil: new Date(now.getTime() + lockMs), lockedBy: instanceId } });
        if (locked.count === 1) {
          mine.push(toItem(row));
        }
      }
      return mine;
    },
    markSent: (id: number, at: Date) => db.outbox.update({ where: { id }, data: { status: 'sent', sentAt: at, attempts: { increment: 1 }, lockedUntil: null, lastError: null } }),
    retryLater: (id: number, input: { notBefore: Date; error: string; countAttempt: boolean }) =>
      db.outbox.update({ where: { id }, data: { notBefore: input.notBefore, lastError: input.error, lockedUntil: null, ...(input.countAttempt ? { attempts: { increment: 1 } } : {}) } }),
    fail: (id: number, status: 'failed' | 'blocked' | 'undeliverable', error: string) => db.outbox.update({ where: { id }, data: { status, lastError: error, lockedUntil: null, attempts: { increment: 1 } } }),
    /** The last message of a kind sent to a person since a date: what a typed "done" refers to. */
    async lastSent(personId: number, kind: OutboxDraft['kind'], since: Date): Promise<OutboxItem | undefined> {
      const row = await db.outbox.findFirst({ where: { personId, kind, status: 'sent', sentAt: { gte: since } }, orderBy: { sentAt: 'desc' } });
      return row ? toItem(row) : undefined;
    },
    list: (where: { personId?: number; status?: string } = {}) => db.outbox.findMany({ where, orderBy: { id: 'asc' } }),
  };
}

export type OutboxRepo = ReturnType<typeof createOutboxRepo>;
