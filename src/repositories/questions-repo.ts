import { sqltag as sql } from '@prisma/client/runtime/client';
import type { Db, Provider } from '../db/connect.js';
import { jsonRows, type JsonColumn } from '../db/json-rows.js';
import { batched } from '../db/batched.js';
import { createWriteBehind } from '../db/write-behind.js';
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

const COLUMNS: JsonColumn[] = ['integer', 'text', 'text', 'text', 'text', 'real', 'text', 'text', 'text', 'timestamp'];

export function createQuestionsRepo(db: Db, provider: Provider) {
  /** An insert of many questions, their rows as one JSON parameter (db/json-rows.ts): Prisma spends per parameter, and a row has ten. */
  const insert = (drafts: QuestionDraft[]) => {
    const rows = jsonRows(provider, COLUMNS, drafts.map((d) => [d.personId, d.channel, d.chatId, d.text, d.topic ?? null, d.score ?? null, d.outcome, d.answer ?? null, d.choice ?? null, d.askedAt]));
    return sql`INSERT INTO "Question" ("personId", "channel", "chatId", "text", "topic", "score", "outcome", "answer", "choice", "askedAt") SELECT v.c1, v.c2, v.c3, v.c4, v.c5, v.c6, v.c7, v.c8, v.c9, v.c10 FROM ${rows} AS v ORDER BY v.n`;
  };
  /**
   * Questions logged after the reply, many in one insert: those whose reply names no question (no hand-off or
   * clarifying buttons) need no number before it goes out. Every read below waits for what is queued.
   */
  const queued = createWriteBehind<QuestionDraft>(async (drafts) => {
    await db.$executeRaw(insert(drafts));
  }, { maxRows: 90 });
  const logged = () => queued.flush();

  /**
   * Questions whose reply names them, numbered before it goes out: a burst's in one insert. Each row comes back with
   * its chat, which pairs it with its draft whatever order the rows are returned in (one chat's questions are asked
   * one at a time, and numbered from a counter in the order they are inserted).
   */
  const numbered = batched(async (drafts: QuestionDraft[]): Promise<number[]> => {
    const rows = await db.$queryRaw<{ id: unknown; channel: string; chatId: string }[]>`${insert(drafts)} RETURNING "id", "channel", "chatId"`;
    const byChat = new Map<string, number[]>();
    for (const r of rows) byChat.set(`${r.channel}:${r.chatId}`, [...(byChat.get(`${r.channel}:${r.chatId}`) ?? []), Number(r.id)]);
    for (const ids of byChat.values()) ids.sort((a, b) => a - b);
    return drafts.map((d) => byChat.get(`${d.channel}:${d.chatId}`)!.shift()!);
  });

  return {
    /** Logs a question now and returns its number, for a reply whose buttons name it. */
    record: (d: QuestionDraft): Promise<number> => numbered(d),
    /** Logs a question after the reply; `flush` tells when it is stored. */
    log(draft: QuestionDraft): void {
      queued.add(draft);
    },
    /** Resolves once every question logged so far is stored. */
    flush: logged,
    async byId(id: number) {
      await logged();
      return db.question.findUnique({ where: { id } });
    },
    /** The reply given once the person answered a clarifying question. */
    recordOutcome: (id: number, outcome: { topic?: string; outcome: QuestionOutcome; answer?: string; choice?: string }) =>
      db.question.update({ where: { id }, data: outcome, select: { id: true } }),
    /** Logged questions for replay, oldest first. */
    async since(options: { since?: Date } = {}) {
      await logged();
      return db.question.findMany({ where: options.since ? { askedAt: { gte: options.since } } : {}, orderBy: { askedAt: 'asc' } });
    },
    /** Marks the hand-off once; false when it was already handed off. */
    async markHandedOff(id: number, at: Date): Promise<boolean> {
      const { count } = await db.question.updateMany({ where: { id, handedOffAt: null }, data: { handedOffAt: at } });
      return count === 1;
    },
    recordReply: (id: number, reply: { text: string; at: Date; by: number }) =>
      db.question.update({ where: { id }, data: { staffReply: reply.text, repliedAt: reply.at, repliedBy: reply.by } }),
    /** Questions the bot did not answer and nobody has reviewed yet, oldest first. */
    async unanswered(options: { since?: Date; includeReviewed?: boolean } = {}) {
      await logged();
      return db.question.findMany({
        where: { outcome: 'fallback', ...(options.since ? { askedAt: { gte: options.since } } : {}), ...(options.includeReviewed ? {} : { reviewedAt: null }) },
        orderBy: { askedAt: 'asc' },
      });
    },
    /** Which of these ids are logged questions. */
    async existing(ids: number[]): Promise<Set<number>> {
      await logged();
      return new Set((await db.question.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((q) => q.id));
    },
    async markReviewed(ids: number[], at: Date): Promise<number> {
      return (await db.question.updateMany({ where: { id: { in: ids }, reviewedAt: null }, data: { reviewedAt: at } })).count;
    },
  };
}

export type QuestionsRepo = ReturnType<typeof createQuestionsRepo>;
