import type { Db } from '../db/connect.js';
import type { Channel } from '../messaging/channel.js';

/** What one purge removed (or emptied, for messages sent). */
export interface PurgeCounts {
  questions: number;
  chatStates: number;
  webhookEvents: number;
  sentPayloads: number;
}

/** A sent message's content once purged: the row stays, so its dedupe key still stops a second sending. */
const PURGED_PAYLOAD = '{"lines":[]}';
const RETENTION_SETTING = 'retention.lastDay';

/** Webhook events that came from one of these chats: their bodies name the sender (Zalo's sender or follower id, Telegram's chat id). */
const eventsOf = (chats: { channel: string; chatId: string }[]) =>
  chats.map((c) => ({ channel: c.channel, OR: [{ body: { contains: `"id":"${c.chatId}"` } }, { body: { contains: `"id":${c.chatId},` } }, { body: { contains: `"id":${c.chatId}}` } }] }));

/** Personal data: keeping it no longer than needed, and a person's right to see and erase what is stored about them. */
export function createPrivacyRepo(db: Db) {
  return {
    /** Removes citizens' questions, chat states and processed webhook events older than `before`, and empties the contents of messages sent or given up before it. */
    async purge(before: Date): Promise<PurgeCounts> {
      const [questions, chatStates, webhookEvents, sentPayloads] = await db.$transaction([
        db.question.deleteMany({ where: { askedAt: { lt: before } } }),
        db.chatState.deleteMany({ where: { updatedAt: { lt: before } } }),
        db.inboundEvent.deleteMany({ where: { processedAt: { lt: before } } }),
        db.outbox.updateMany({
          where: { status: { not: 'pending' }, payload: { not: PURGED_PAYLOAD }, OR: [{ sentAt: { lt: before } }, { failedAt: { lt: before } }, { sentAt: null, failedAt: null, notBefore: { lt: before } }] },
          data: { payload: PURGED_PAYLOAD, lastError: null },
        }),
      ]);
      return { questions: questions.count, chatStates: chatStates.count, webhookEvents: webhookEvents.count, sentPayloads: sentPayloads.count };
    },

    /** Takes the day's purge for this instance: true for the first to ask on `day` (a local date). */
    async claimDay(day: string): Promise<boolean> {
      const row = await db.schedulerSetting.findUnique({ where: { name: RETENTION_SETTING } });
      if (!row) {
        try {
          await db.schedulerSetting.create({ data: { name: RETENTION_SETTING, value: day } });
          return true;
        } catch {
          return false;
        }
      }
      if (row.value >= day) return false;
      return (await db.schedulerSetting.updateMany({ where: { name: RETENTION_SETTING, value: row.value }, data: { value: day } })).count === 1;
    },

    /** A person by number, or by the chat they write from (`telegram:12345`, `zalo:8642…`). */
    async find(ref: string): Promise<number | undefined> {
      if (/^\d{1,10}$/.test(ref)) return (await db.person.findUnique({ where: { id: Number(ref) }, select: { id: true } }))?.id;
      const colon = ref.indexOf(':');
      if (colon < 1) return undefined;
      const chat = await db.chat.findUnique({ where: { channel_chatId: { channel: ref.slice(0, colon), chatId: ref.slice(colon + 1) } }, select: { personId: true } });
      return chat?.personId;
    },

    /** Everything stored about a person, as it is stored (tokens and other people's data aside). */
    async export(personId: number) {
      const person = await db.person.findUnique({ where: { id: personId }, include: { chats: true, roles: true } });
      if (!person) return undefined;
      const chats = person.chats.map((c) => ({ channel: c.channel as Channel, chatId: c.chatId }));
      const [questions, chatStates, messages, updates, deadlines, invites, webhookEvents] = await Promise.all([
        db.question.findMany({ where: { personId }, orderBy: { id: 'asc' } }),
        chats.length ? db.chatState.findMany({ where: { OR: chats } }) : [],
        db.outbox.findMany({ where: { personId }, orderBy: { id: 'asc' }, select: { id: true, kind: true, channel: true, chatId: true, payload: true, status: true, createdAt: true, sentAt: true } }),
        db.progressUpdate.findMany({ where: { personId }, orderBy: { id: 'asc' } }),
        db.occurrenceState.findMany({ where: { byPersonId: personId } }),
        db.invite.findMany({ where: { OR: [{ usedBy: personId }, { createdBy: personId }] }, select: { id: true, kind: true, agencyId: true, provinceCode: true, createdAt: true, usedAt: true, usedBy: true, createdBy: true } }),
        chats.length ? db.inboundEvent.findMany({ where: { OR: eventsOf(chats) }, orderBy: { receivedAt: 'asc' } }) : [],
      ]);
      return {
        person: { id: person.id, name: person.name, language: person.language, createdAt: person.createdAt },
        chats: person.chats,
        roles: person.roles,
        questions,
        chatStates,
        messages: messages.map((m) => ({ ...m, payload: JSON.parse(m.payload) as unknown })),
        progressUpdates: updates,
        deadlineActions: deadlines,
        invites,
        webhookEvents: webhookEvents.map((e) => ({ ...e, body: JSON.parse(e.body) as unknown })),
      };
    },

    /**
     * Erases a person: their chats, roles, questions, chat states, messages and the webhook events their chats sent.
     * What they reported for their agency stays (it is the agency's record), no longer linked to a name: the person
     * row goes. Returns false when there is no such person.
     */
    async forget(personId: number): Promise<boolean> {
      const person = await db.person.findUnique({ where: { id: personId }, include: { chats: true } });
      if (!person) return false;
      const chats = person.chats.map((c) => ({ channel: c.channel, chatId: c.chatId }));
      await db.$transaction([
        db.question.deleteMany({ where: { personId } }),
        ...(chats.length ? [db.chatState.deleteMany({ where: { OR: chats } }), db.inboundEvent.deleteMany({ where: { OR: eventsOf(chats) } })] : []),
        db.reminderStep.deleteMany({ where: { personId } }),
        db.outbox.deleteMany({ where: { personId } }),
        db.invite.updateMany({ where: { usedBy: personId }, data: { usedBy: null } }),
        db.invite.updateMany({ where: { createdBy: personId }, data: { createdBy: null } }),
        db.occurrenceState.updateMany({ where: { byPersonId: personId }, data: { byPersonId: null } }),
        db.deadlineEvent.updateMany({ where: { personId }, data: { personId: null } }),
        db.role.deleteMany({ where: { personId } }),
        db.chat.deleteMany({ where: { personId } }),
        db.person.delete({ where: { id: personId } }),
      ]);
      return true;
    },
  };
}

export type PrivacyRepo = ReturnType<typeof createPrivacyRepo>;
