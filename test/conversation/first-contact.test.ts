import { describe, expect, onTestFinished, test } from 'vitest';
import { openDb } from '../../src/db/connect.js';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { createPeopleRepo } from '../../src/repositories/people-repo.js';
import { manualClock } from '../../src/services/clock.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';
import { SEED_PLANS, startApp } from '../support/test-app.js';

describe.each(DATABASES)('a citizen writing for the first time (%s)', (kind) => {
  const service = async () => {
    const clock = manualClock(atLocalTime('2026-03-15', '09:00'));
    const databaseUrl = await freshDatabaseUrl(kind, { plans: SEED_PLANS });
    const running = await startApp({ databaseUrl, clock });
    onTestFinished(() => running.stop());
    const ask = (chatId: string, text: string) => running.app.conversation.handle({ channel: 'telegram', chatId, name: 'Lan', text });
    return { running, clock, databaseUrl, ask };
  };

  test('two messages from a new chat at once are both answered, and one person is made of them', async () => {
    const { running, ask } = await service();
    const [nearPoor, poor] = await Promise.all([ask('4242', 'hộ cận nghèo được hỗ trợ bao nhiêu'), ask('4242', 'ho ngheo duoc ho tro bao nhieu phan tram')]);
    expect(nearPoor[0]!.text).toContain('132.000');
    expect(poor[0]!.text).toContain('165.000');
    await running.app.conversation.written();
    const chats = await running.app.db.chat.findMany({ where: { chatId: '4242' } });
    expect(chats).toHaveLength(1);
    expect(await running.app.db.person.count({ where: { id: chats[0]!.personId } })).toBe(1);
    expect(await running.app.db.question.count({ where: { chatId: '4242', personId: chats[0]!.personId } })).toBe(2);
  });

  test('two processes meeting the same new chat at once make one person of it, and both get that person', async () => {
    const { databaseUrl } = await service();
    // Two clients of one database, each with its own people repository: as two instances of the service are.
    const [dbA, dbB] = await Promise.all([openDb(databaseUrl), openDb(databaseUrl)]);
    onTestFinished(() => Promise.all([dbA.$disconnect(), dbB.$disconnect()]).then(() => undefined));
    const first = { channel: 'zalo' as const, chatId: 'u-77', name: 'Minh', language: 'vi' as const, at: new Date() };
    const [a, b] = await Promise.all([createPeopleRepo(dbA, kind).personForChat(first), createPeopleRepo(dbB, kind).personForChat(first)]);
    expect(a.id).toBe(b.id);
    expect(await dbA.chat.count({ where: { chatId: 'u-77' } })).toBe(1);
    expect(await dbA.person.count({ where: { name: 'Minh' } })).toBe(1);
  });

  test('a burst of first contacts from many chats gives each chat its own person', async () => {
    const { running } = await service();
    const { people } = running.app.repos;
    const names = Array.from({ length: 40 }, (_, i) => `Công dân ${i}`);
    const made = await Promise.all(names.map((name, i) => people.personForChat({ channel: 'telegram', chatId: `70${i}`, name, language: i % 2 ? 'en' : 'vi', at: new Date() })));
    expect(new Set(made.map((p) => p.id)).size).toBe(names.length);
    for (const [i, person] of made.entries()) {
      expect(person).toMatchObject({ name: names[i], language: i % 2 ? 'en' : 'vi', roles: [] });
      expect((await people.chat('telegram', `70${i}`))!.personId).toBe(person.id);
      expect(await people.person(person.id)).toMatchObject({ name: names[i] });
    }
  });

  test('what a turn writes after its reply is stored once the conversation says so, and by a clean stop', async () => {
    const { running, ask, databaseUrl } = await service();
    await ask('5151', 'mức đóng bhxh tự nguyện thấp nhất là bao nhiêu');
    await running.app.conversation.written();
    expect(await running.app.db.question.count({ where: { chatId: '5151' } })).toBe(1);
    // Asked and stopped at once: the stop stores what was still queued.
    await ask('5152', 'hộ cận nghèo được hỗ trợ bao nhiêu');
    await running.stop();
    const db = await openDb(databaseUrl);
    onTestFinished(() => db.$disconnect());
    expect(await db.question.count({ where: { chatId: '5152' } })).toBe(1);
  });

  test("a person's message stores when they wrote and unblocks the chat, before anything reads or blocks it again", async () => {
    const { running, clock, ask } = await service();
    const { people } = running.app.repos;
    await ask('6161', 'hộ cận nghèo được hỗ trợ bao nhiêu');
    await people.markBlocked('telegram', '6161', clock.now());
    expect((await people.chat('telegram', '6161'))!.blocked).toBe(true);

    clock.advance(60_000);
    const wrote = clock.now();
    await ask('6161', 'ho ngheo duoc ho tro bao nhieu');
    // Read at once, without waiting for the conversation: the read waits for the queued write.
    const chat = await people.chat('telegram', '6161');
    expect(chat).toMatchObject({ blocked: false, lastInboundAt: wrote });

    // A block after the message stands: the message's write went first.
    await ask('6161', 'mức đóng thấp nhất');
    await people.markBlocked('telegram', '6161', clock.now());
    await running.app.conversation.written();
    expect((await people.chat('telegram', '6161'))!.blocked).toBe(true);
  });
});
