import { readInChunks } from '../db/chunks.js';
import type { Db, Provider } from '../db/connect.js';
import { jsonRows } from '../db/json-rows.js';
import type { OccurrenceState } from '../domain/reminders/due-steps.js';
import { recordKey } from '../domain/reminders/due-steps.js';
import type { Occurrence } from '../domain/reminders/occurrence.js';
import type { OutboxDraft } from './outbox-repo.js';

/** Messages written in one transaction (two statements, each with one parameter of rows). */
const CHUNK = 1000;

/** P2002 from Prisma's own queries; a raw statement reports the database's own error. */
function isUniqueViolation(e: unknown): boolean {
  const error = e as { code?: string; message?: string };
  return error.code === 'P2002' || /unique constraint|UNIQUE constraint|duplicate key/i.test(String(error.message ?? e));
}

export interface StepClaim {
  occurrenceKey: string;
  personId: number;
  step: string;
}

export function createRemindersRepo(db: Db, provider: Provider) {
  return {
    async states(keys: string[]): Promise<Map<string, OccurrenceState>> {
      const rows = await readInChunks(keys, (slice) => db.occurrenceState.findMany({ where: { key: { in: slice } } }));
      return new Map(rows.map((r) => [r.key, { acknowledgedAt: r.acknowledgedAt, snoozedUntil: r.snoozedUntil, doneAt: r.doneAt }]));
    },
    async recorded(keys: string[]): Promise<Set<string>> {
      const rows = await readInChunks(keys, (slice) => db.reminderStep.findMany({ where: { occurrenceKey: { in: slice } }, select: { occurrenceKey: true, personId: true, step: true } }));
      return new Set(rows.map((r) => recordKey(r.occurrenceKey, r.personId, r.step)));
    },
    /** Changes what people did about an occurrence and records it in its log, together. */
    async setState(occurrence: Occurrence, change: OccurrenceState & { byPersonId: number }, done: { at?: Date; channel?: string } = {}): Promise<void> {
      const data = { ...change };
      const at = done.at ?? change.doneAt ?? change.acknowledgedAt ?? new Date();
      const channel = done.channel;
      const kind = change.doneAt ? 'done' : change.acknowledgedAt ? 'acknowledged' : 'snoozed';
      await db.$transaction([
        db.occurrenceState.upsert({
          where: { key: occurrence.key },
          create: { key: occurrence.key, taskId: occurrence.taskId, agencyId: occurrence.agencyId, dueOn: occurrence.dueOn, ...data },
          update: data,
        }),
        db.deadlineEvent.create({
          data: { occurrenceKey: occurrence.key, taskId: occurrence.taskId, agencyId: occurrence.agencyId, dueOn: occurrence.dueOn, kind, at, personId: change.byPersonId, channel: channel ?? null, detail: change.snoozedUntil ? change.snoozedUntil.toISOString() : null },
        }),
      ]);
    },
    /**
     * Records the steps and queues their message together. If another instance
     * (or an earlier run) recorded any of these steps, nothing is written and
     * false is returned: the unique key on ReminderStep is the claim.
     */
    /**
     * claimAndQueue for many messages: per chunk of a few hundred, one insert of their outbox rows and one of their
     * steps (joined to the rows by dedupe key), together in one transaction. A chunk that meets a step recorded
     * meanwhile (another instance) is done again a message at a time, so that the others still go.
     * Returns how many were queued.
     */
    async claimAndQueueMany(messages: readonly { claims: StepClaim[]; message: OutboxDraft }[], now: Date): Promise<number> {
      let queued = 0;
      for (let i = 0; i < messages.length; i += CHUNK) {
        const chunk = messages.slice(i, i + CHUNK);
        const rows = jsonRows(provider, ['text', 'text', 'integer', 'text', 'text', 'text', 'timestamp'], chunk.map(({ message: m }) => [m.dedupeKey, m.kind, m.personId, m.channel, m.chatId, JSON.stringify(m.payload), m.notBefore]));
        const steps = jsonRows(provider, ['text', 'integer', 'text', 'text'], chunk.flatMap(({ claims, message }) => claims.map((c) => [c.occurrenceKey, c.personId, c.step, message.dedupeKey])));
        try {
          await db.$transaction([
            // In the order given: the outbox sends one chat's messages in the order of their ids.
            db.$executeRaw`INSERT INTO "Outbox" ("dedupeKey", "kind", "personId", "channel", "chatId", "payload", "notBefore", "createdAt")
              SELECT v.c1, v.c2, v.c3, v.c4, v.c5, v.c6, v.c7, ${now} FROM ${rows} AS v ORDER BY v.n`,
            db.$executeRaw`INSERT INTO "ReminderStep" ("occurrenceKey", "personId", "step", "outboxId", "recordedAt")
              SELECT v.c1, v.c2, v.c3, o."id", ${now} FROM ${steps} AS v JOIN "Outbox" o ON o."dedupeKey" = v.c4`,
          ]);
          queued += chunk.length;
        } catch (e) {
          if (!isUniqueViolation(e)) throw e;
          for (const m of chunk) if (await this.claimAndQueue(m.claims, m.message)) queued++;
        }
      }
      return queued;
    },
    async claimAndQueue(claims: StepClaim[], message: OutboxDraft): Promise<boolean> {
      try {
        await db.$transaction(async (tx) => {
          const row = await tx.outbox.create({ data: { ...message, payload: JSON.stringify(message.payload) } });
          for (const c of claims) await tx.reminderStep.create({ data: { ...c, outboxId: row.id } });
        });
        return true;
      } catch (e) {
        if ((e as { code?: string }).code === 'P2002') return false;
        throw e;
      }
    },
  };
}

export type RemindersRepo = ReturnType<typeof createRemindersRepo>;
