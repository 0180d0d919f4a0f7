import type { Db } from '../db/connect.js';

/** Statuses a message stays in; sent ones are history, not depth. */
const WAITING_OR_GIVEN_UP = ['pending', 'failed', 'blocked', 'undeliverable', 'skipped'];
const GIVEN_UP = ['failed', 'blocked', 'undeliverable'];
/** The scheduler setting in which the planner notes when it last ran (an ISO time). */
export const LAST_RUN_SETTING = 'lastRun';

const byChannel = (rows: { channel: string; _count: { _all: number } }[]) => Object.fromEntries(rows.map((r) => [r.channel, r._count._all]));

/**
 * What an operator reads about the service's work (GET /metrics, `cli status`): grouped COUNTs over the outbox,
 * never its rows, and the scheduler's last run. The same for every instance: it is all in the database.
 */
export function createOperationsRepo(db: Db) {
  return {
    /** Messages by status and channel, sent ones left out: one grouped COUNT over the (status, channel) index. */
    async depth(): Promise<{ status: string; channel: string; count: number }[]> {
      const rows = await db.outbox.groupBy({ by: ['status', 'channel'], where: { status: { in: WAITING_OR_GIVEN_UP } }, _count: { _all: true } });
      return rows.map((r) => ({ status: r.status, channel: r.channel, count: r._count._all }));
    },
    /** Messages sent since a time, by channel. */
    async sentSince(since: Date): Promise<Record<string, number>> {
      const rows = await db.outbox.groupBy({ by: ['channel'], where: { status: 'sent', sentAt: { gte: since } }, _count: { _all: true } });
      return byChannel(rows);
    },
    /** Messages given up since a time, by channel. */
    async failedSince(since: Date): Promise<Record<string, number>> {
      const rows = await db.outbox.groupBy({ by: ['channel'], where: { status: { in: GIVEN_UP }, failedAt: { gte: since } }, _count: { _all: true } });
      return byChannel(rows);
    },
    /** When the planner last ran, on any instance; undefined until one records it. */
    async lastSchedulerRun(): Promise<Date | undefined> {
      const value = (await db.schedulerSetting.findUnique({ where: { name: LAST_RUN_SETTING } }))?.value;
      const at = value ? new Date(value) : undefined;
      return at && !Number.isNaN(at.getTime()) ? at : undefined;
    },
  };
}

export type OperationsRepo = ReturnType<typeof createOperationsRepo>;
