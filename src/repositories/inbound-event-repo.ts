import type { Db } from '../db/connect.js';
import type { Channel } from '../messaging/channel.js';

/** Webhook events by platform event id: a second delivery of the same event is recognised and not processed. */
export function createInboundEventRepo(db: Db) {
  return {
    /** Records the event; false when it was already recorded (a duplicate delivery). */
    async record(channel: Channel, eventId: string, kind: string, body: string, receivedAt: Date): Promise<boolean> {
      try {
        await db.inboundEvent.create({ data: { channel, eventId, kind, body, receivedAt } });
        return true;
      } catch (e) {
        if ((e as { code?: string }).code === 'P2002') return false;
        throw e;
      }
    },
    async markProcessed(channel: Channel, eventId: string, at: Date, error?: string): Promise<void> {
      await db.inboundEvent.update({ where: { channel_eventId: { channel, eventId } }, data: { processedAt: at, error: error ?? null } });
    },
    /** Processing failed: the event stays unprocessed, with its error, for the recovery to take up again. */
    async markFailed(channel: Channel, eventId: string, error: string): Promise<void> {
      await db.inboundEvent.update({ where: { channel_eventId: { channel, eventId } }, data: { processedAt: null, error } });
    },
    /**
     * Events received between `since` and `before` and not processed: their process died between the 200 and the
     * work, or the work failed.
     */
    async orphans(channel: Channel, before: Date, since = new Date(0)): Promise<{ eventId: string; body: string }[]> {
      return db.inboundEvent.findMany({ where: { channel, processedAt: null, receivedAt: { lt: before, gte: since } }, select: { eventId: true, body: true }, orderBy: { receivedAt: 'asc' } });
    },
    /** Takes an orphan for this instance; false when another one took it first. */
    async claimOrphan(channel: Channel, eventId: string, at: Date): Promise<boolean> {
      const r = await db.inboundEvent.updateMany({ where: { channel, eventId, processedAt: null }, data: { processedAt: at, error: 'recovering' } });
      return r.count === 1;
    },
    async count(channel: Channel): Promise<number> {
      return db.inboundEvent.count({ where: { channel } });
    },
  };
}
export type InboundEventRepo = ReturnType<typeof createInboundEventRepo>;
