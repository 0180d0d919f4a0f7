import { readInChunks } from '../db/chunks.js';
import type { Db } from '../db/connect.js';
import type { OccurrenceState } from '../domain/reminders/due-steps.js';
import { recordKey } from '../domain/reminders/due-steps.js';
import type { Occurrence } from '../domain/reminders/occurrence.js';
import type { OutboxDraft } from './outbox-repo.js';

export interface StepClaim {
  occurrenceKey: string;
  personId: number;
  step: string;
}

export function createRemindersRepo(db: Db) {
  return {
    async states(keys: string[]): Promise<Map<string, OccurrenceState>> {
      const rows = await readInChunks(keys, (slice) => db.occurrenceState.findMany({ where: { key: { in: slice } } }));
      return new Map(rows.map((r) => [r.key, { acknowledgedAt: r.acknowledgedAt, snoozedUntil: r.snoozedUntil, doneAt: r.doneAt }]));
    },
    async recorded(keys: string[]): Promise<Set<string>> {
      const rows = await readInChunks(keys, (slice) => db.reminderStep.findMany({ where: { occurrenceKey: { in: slice } }, select: { occurrenceKey: true, personId: true, step: true } }));
      return new Set(rows.map((r) => recordKey(r.occurrenceKey, r.personId, r.step)));
    },
    async setState(occurrence: Occurrence, change: OccurrenceState & { byPersonId: number }): Promise<void> {
      const data = { ...change };
      await db.occurrenceState.upsert({
        where: { key: occurrence.key },
        create: { key: occurrence.key, taskId: occurrence.taskId, agencyId: occurrence.agencyId, dueOn: occurrence.dueOn, ...data },
        update: data,
      });
    },
    /**
     * Records the steps and queues their message together. If another instance
     * (or an earlier run) recorded any of these steps, nothing is written and
     * false is returned: the unique key on ReminderStep is the claim.
     */
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
