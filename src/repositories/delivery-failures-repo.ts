import type { Db } from '../db/connect.js';

/** A message the outbox gave up after its last try, and whom it was for. */
export interface FailedMessage {
  id: number;
  kind: string;
  personId: number;
  name: string;
  channel: string;
  chatId: string;
  attempts: number;
  lastError: string | null;
  failedAt: Date | null;
}

/** What an operator or a supervisor reads about messages that could not be delivered, and the operator's retry. */
export function createDeliveryFailuresRepo(db: Db) {
  return {
    /** Messages given up after their last try (failed, not blocked or outside a window), newest first. */
    async failed(options: { since?: Date; kinds?: string[]; limit?: number } = {}): Promise<FailedMessage[]> {
      const rows = await db.outbox.findMany({
        where: { status: 'failed', ...(options.since ? { failedAt: { gte: options.since } } : {}), ...(options.kinds ? { kind: { in: options.kinds } } : {}) },
        orderBy: { id: 'desc' },
        take: options.limit ?? 500,
        select: { id: true, kind: true, personId: true, channel: true, chatId: true, attempts: true, lastError: true, failedAt: true },
      });
      const people = await db.person.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.personId))] } }, select: { id: true, name: true } });
      const names = new Map(people.map((p) => [p.id, p.name]));
      return rows.map((r) => ({ ...r, name: names.get(r.personId) ?? `#${r.personId}` }));
    },
    /**
     * Sends a failed message again from its first try. 'retried', or why not: 'missing', or the status it is in
     * (only a failed message is retried: a sent one would reach the person twice).
     */
    async retry(id: number, now: Date): Promise<'retried' | 'missing' | string> {
      const r = await db.outbox.updateMany({ where: { id, status: 'failed' }, data: { status: 'pending', attempts: 0, notBefore: now, failedAt: null, lockedUntil: null } });
      if (r.count) return 'retried';
      const row = await db.outbox.findUnique({ where: { id }, select: { status: true } });
      return row?.status ?? 'missing';
    },
  };
}

export type DeliveryFailuresRepo = ReturnType<typeof createDeliveryFailuresRepo>;
