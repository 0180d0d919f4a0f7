import type { Db } from '../db/connect.js';
import type { Channel } from '../messaging/channel.js';

export type QuestionOutcome = 'answered' | 'error' | 'fallback' | 'clarify';

export interface QuestionDraft {
  personId: number;
  channel: Channel;
  chatId: string;
  text: string;
  topic?: string;
  score?: number;
  outcome: QuestionOutcome;
  askedAt: Date;
  /** What the bot replied, as JSON (see conversation/citizen/answer-digest.ts). */
  answer?: string;
  /** The reading chosen after a clarifying question, as JSON. */
  choice?: string;
}

export function createQuestionsRepo(db: Db) {
  return {
    async record(draft: QuestionDraft): Promise<number> {
      return (await db.question.create({ data: draft, select: { id: true } })).id;
    },
    byId: (id: number) => db.question.findUnique({ where: { id } }),
    /** The reply given once the person answered a clarifying question. */
    recordOutcome: (id: number, outcome: { topic?: string; outcome: QuestionOutcome; answer?: string; choice?: string }) =>
      db.question.update({ where: { id }, data: outcome, select: { id: true } }),
    /** Logged questions for replay, oldest first. */
    since: (options: { since?: Date } = {}) => db.question.findMany({ where: options.since ? { askedAt: { gte: options.since } } : {}, orderBy: { askedAt: 'asc' } }),
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
    /** Which of these ids are logged questions. */
    async existing(ids: number[]): Promise<Set<number>> {
      return new Set((await db.question.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((q) => q.id));
    },
    async markReviewed(ids: number[], at: Date): Promise<number> {
      return (await db.question.updateMany({ where: { id: { in: ids }, reviewedAt: null }, data: { reviewedAt: at } })).count;
    },
  };
}

export type QuestionsRepo = ReturnType<typeof createQuestionsRepo>;
