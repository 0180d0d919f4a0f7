import { describe, expect, onTestFinished, test } from 'vitest';
import { openDb, type Db } from '../../src/db/connect.js';
import { createPeopleRepo } from '../../src/repositories/people-repo.js';
import { createQuestionsRepo, type QuestionDraft } from '../../src/repositories/questions-repo.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';
import { SEED_PLANS } from '../support/test-app.js';

describe.each(DATABASES)('questions numbered before their reply (%s)', (kind) => {
  test('a burst of questions that need their number is inserted in one statement, each with its own number', async () => {
    const databaseUrl = await freshDatabaseUrl(kind, { plans: SEED_PLANS });
    const db = await openDb(databaseUrl);
    onTestFinished(() => db.$disconnect());
    const person = await createPeopleRepo(db, kind).personForChat({ channel: 'telegram', chatId: '901', name: 'Công dân', language: 'vi' });
    const asked = new Date('2026-03-02T02:00:00Z');
    // Every column, with the texts people type (quotes, a backslash, a new line) and numbers with fractions.
    const drafts: QuestionDraft[] = Array.from({ length: 25 }, (_, i) => ({
      personId: person.id, channel: 'telegram', chatId: '901', text: `câu hỏi số ${i}: "hộ nghèo" \\ đóng\nbao nhiêu?`, outcome: i % 2 ? 'fallback' : 'clarify', askedAt: new Date(asked.getTime() + i),
      ...(i % 3 ? { topic: 'monthly_payment', score: i / 7, answer: JSON.stringify({ key: 'x', n: i }), choice: JSON.stringify({ category: 'poor' }) } : {}),
    }));

    let queries = 0;
    const counted = (await openDb(databaseUrl)).$extends({ query: { async $queryRaw({ args, query }) { queries++; return query(args); } } });
    onTestFinished(() => counted.$disconnect());
    const repo = createQuestionsRepo(counted as unknown as Db, kind);
    const ids = await Promise.all(drafts.map((d) => repo.record(d)));
    expect(queries).toBe(1);
    expect(new Set(ids).size).toBe(drafts.length);
    const stored = await Promise.all(ids.map((id) => repo.byId(id)));
    expect(stored.map((q) => [q?.text, q?.outcome, q?.topic, q?.score, q?.answer, q?.choice, q?.askedAt])).toEqual(drafts.map((d) => [d.text, d.outcome, d.topic ?? null, d.score ?? null, d.answer ?? null, d.choice ?? null, d.askedAt]));
  });
});
