import { readInChunks } from '../db/chunks.js';
import type { Db } from '../db/connect.js';
import { deliveryOf, type LogEntry } from '../domain/reminders/evidence.js';

/**
 * A deadline's evidence, read for a page of occurrences at a time: the reminders sent (each step recorded with its
 * outbox row: to whom, on which channel, delivered or not), what people did (DeadlineEvent: every acknowledgement,
 * snooze and done, not only the latest) and the extensions asked and answered.
 */
export function createDeadlineLogRepo(db: Db) {
  return {
    async forKeys(keys: readonly string[]): Promise<LogEntry[]> {
      if (!keys.length) return [];
      const [steps, events, extensions] = await Promise.all([
        readInChunks(keys, (slice) => db.reminderStep.findMany({ where: { occurrenceKey: { in: [...slice] } }, select: { occurrenceKey: true, personId: true, step: true, outboxId: true, recordedAt: true } })),
        readInChunks(keys, (slice) => db.deadlineEvent.findMany({ where: { occurrenceKey: { in: [...slice] } } })),
        readInChunks(keys, (slice) => db.extension.findMany({ where: { occurrenceKey: { in: [...slice] } } })),
      ]);
      const outbox = new Map(
        (await readInChunks([...new Set(steps.map((s) => s.outboxId))], (ids) => db.outbox.findMany({ where: { id: { in: ids } }, select: { id: true, kind: true, channel: true, status: true, sentAt: true, failedAt: true } }))).map((o) => [o.id, o]),
      );
      const personIds = new Set<number>([...steps.map((s) => s.personId), ...events.flatMap((e) => (e.personId === null ? [] : [e.personId])), ...extensions.flatMap((x) => [x.requestedById, ...(x.decidedById === null ? [] : [x.decidedById])])]);
      const names = new Map((await readInChunks([...personIds], (ids) => db.person.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }))).map((p) => [p.id, p.name]));
      const name = (id: number | null) => (id === null ? null : (names.get(id) ?? null));
      const entries: LogEntry[] = [];
      for (const s of steps) {
        const o = outbox.get(s.outboxId);
        entries.push({
          occurrenceKey: s.occurrenceKey,
          kind: o?.kind === 'escalation' ? 'escalation' : 'reminder',
          at: s.recordedAt,
          person: name(s.personId),
          channel: o?.channel ?? null,
          // A person's messages are erased with them (cli privacy forget): their steps go too, so `o` is there.
          delivery: { status: deliveryOf(o?.status ?? 'failed'), at: o?.sentAt ?? o?.failedAt ?? null },
          step: s.step,
        });
      }
      for (const e of events) {
        const kind = e.kind === 'done' || e.kind === 'acknowledged' ? e.kind : 'snoozed';
        entries.push({ occurrenceKey: e.occurrenceKey, kind, at: e.at, person: name(e.personId), channel: e.channel, ...(e.kind === 'snoozed' && e.detail ? { snoozedUntil: new Date(e.detail) } : {}) });
      }
      for (const x of extensions) {
        const extension = { to: x.requestedDueOn, reason: x.reason };
        entries.push({ occurrenceKey: x.occurrenceKey, kind: 'extension_requested', at: x.requestedAt, person: name(x.requestedById), channel: null, extension });
        if (x.decidedAt && (x.status === 'approved' || x.status === 'declined')) {
          entries.push({ occurrenceKey: x.occurrenceKey, kind: x.status === 'approved' ? 'extension_approved' : 'extension_declined', at: x.decidedAt, person: name(x.decidedById), channel: null, extension: { to: x.requestedDueOn, reason: x.declineReason ?? '' } });
        }
      }
      return entries;
    },
  };
}

export type DeadlineLogRepo = ReturnType<typeof createDeadlineLogRepo>;
