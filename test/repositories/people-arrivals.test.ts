import { describe, expect, onTestFinished, test } from 'vitest';
import { openDb, type Db } from '../../src/db/connect.js';
import { createChatStateRepo } from '../../src/repositories/chat-state-repo.js';
import { createPeopleRepo } from '../../src/repositories/people-repo.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';
import { SEED_PLANS } from '../support/test-app.js';

describe.each(DATABASES)('who wrote, read on arrival (%s)', (kind) => {
  test('returning chats writing at once are read in one query, each with its own person, roles and flow', async () => {
    const databaseUrl = await freshDatabaseUrl(kind, { plans: SEED_PLANS });
    const db = await openDb(databaseUrl);
    onTestFinished(() => db.$disconnect());
    const setup = createPeopleRepo(db, kind);
    const chats = Array.from({ length: 30 }, (_, i) => ({ channel: 'telegram' as const, chatId: `80${i}`, name: `Cán bộ ${i}`, language: 'vi' as const }));
    const people = [];
    for (const chat of chats) people.push(await setup.personForChat(chat));
    await setup.addRole(people[3]!.id, { kind: 'focal', agencyId: 1, province: null });
    await setup.addRole(people[3]!.id, { kind: 'supervisor', agencyId: null, province: '*' });
    await setup.addRole(people[7]!.id, { kind: 'supervisor', agencyId: null, province: '79' });
    await createChatStateRepo(db).set({ channel: 'telegram', chatId: '807' }, { flow: 'update', data: { step: 2 } });

    let queries = 0;
    const counted = (await openDb(databaseUrl)).$extends({ query: { async $queryRaw({ args, query }) { queries++; return query(args); } } });
    onTestFinished(() => counted.$disconnect());
    const repo = createPeopleRepo(counted as unknown as Db, kind);
    const arrivals = await Promise.all(chats.map((chat) => repo.arrive(chat)));
    expect(queries).toBe(1);
    expect(arrivals.map((a) => a.person.id)).toEqual(people.map((p) => p.id));
    expect(arrivals[3]!.person.roles).toEqual([{ kind: 'focal', agencyId: 1, province: null }, { kind: 'supervisor', agencyId: null, province: '*' }]);
    expect(arrivals[7]).toMatchObject({ person: { roles: [{ kind: 'supervisor', agencyId: null, province: '79' }] }, flow: { flow: 'update', data: { step: 2 } } });
    expect(arrivals.filter((a) => a.person.roles.length).length).toBe(2);
    expect(arrivals.filter((a) => a.flow).length).toBe(1);
  });

  test('first contacts of a burst are created together, each chat with a person of its own (PostgreSQL: in one statement)', async () => {
    const databaseUrl = await freshDatabaseUrl(kind, { plans: SEED_PLANS });
    let queries = 0;
    const counted = (await openDb(databaseUrl)).$extends({ query: { async $queryRaw({ args, query }) { queries++; return query(args); } } });
    onTestFinished(() => counted.$disconnect());
    const repo = createPeopleRepo(counted as unknown as Db, kind);
    const at = new Date('2026-03-02T02:00:00Z');
    const chats = Array.from({ length: 40 }, (_, i) => ({ channel: 'telegram' as const, chatId: `91${i}`, name: `Công dân ${i}`, language: 'vi' as const, at }));
    const arrivals = await Promise.all(chats.map((chat) => repo.arrive(chat)));
    // One read that finds none of them, then the inserts: both tables in one statement on PostgreSQL.
    expect(queries).toBe(kind === 'postgresql' ? 2 : 3);
    expect(new Set(arrivals.map((a) => a.person.id)).size).toBe(chats.length);
    expect(arrivals.map((a) => a.person.name)).toEqual(chats.map((c) => c.name));
    const stored = await Promise.all(chats.map((c) => repo.chat(c.channel, c.chatId)));
    expect(stored.map((c) => [c?.personId, c?.lastInboundAt?.toISOString()])).toEqual(arrivals.map((a) => [a.person.id, at.toISOString()]));
    const people = await Promise.all(arrivals.map((a) => repo.person(a.person.id)));
    expect(people.map((p) => p?.name)).toEqual(chats.map((c) => c.name));
  });
});
