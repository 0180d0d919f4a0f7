import type { Db } from '../db/connect.js';
import type { Channel } from '../messaging/channel.js';

export type QuestionOutcome = 'answered' | 'error' | 'fallback';

export interface QuestionDraft {
  personId: number;
  channel: Channel;
  chatId: string;
  text: string;
  topic?: string;
  score?: number;
  outcome: QuestionOutcome;
  askedAt: Date;
}

export function createQuestionsRepo(db: Db) {
  return {
    async record(draft: QuestionDraft): Promise<number> {
      return (await db.question.create({ data: draft, select: { id: true } })).id;
    },
    byId: (id: number) => db.question.findUnique({ where: { id } }),
    /** Marks the hand-off once; false when it was already handed off. */
    async markHandedOff(id: number, at: Date): Promise<boolean> {
      const { count } = await db.question.updateMany({ where: { id, handedOffAt: null }, data: { handedOffAt: at } });
      return count === 1;
    },
    recordReply: (id: number, reply: { text: string; at: Date; by: number }) =>
      db.question.update({ where: { id }, data: { staffReply: reply.text, repliedAt: reply.at, repliedBy: reply.by } }),
    /** Questions the bot did not answer and nobody has reviewed yet, oldest first. */
    unanswered: (options: { since?: Date; includeReviewed?: boolean } = {}) =>
      db.question.findMany({
        where: { outcome: 'fallback', ...(options.since ? { askedAt: { gte: options.since } } : {}), ...(options.includeReviewed ? {} : { reviewedAt: null }) },
        orderBy: { askedAt: 'asc' },
      }),
    async markReviewed(ids: number[], at: Date): Promise<number> {
      return (await db.question.updateMany({ where: { id: { in: ids }, reviewedAt: null }, data: { reviewedAt: at } })).count;
    },
  };
}

export type QuestionsRepo = ReturnType<typeof createQuestionsRepo>;
