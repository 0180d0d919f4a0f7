import { describe, expect, onTestFinished, test } from 'vitest';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { manualClock } from '../../src/services/clock.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';
import { cli, SEED_PLANS, startApp } from '../support/test-app.js';

const DAY = 86_400_000;

describe.each(DATABASES)('personal data is kept RETENTION_DAYS, and a person can see and erase theirs (%s)', (kind) => {
  /** A service whose citizen Hoa (console chat "hoa") asked a question, is in the calculator's flow, had a message sent and a webhook event stored. */
  const start = async (config: Record<string, string> = {}) => {
    const clock = manualClock(atLocalTime('2026-11-23', '09:00'));
    const databaseUrl = await freshDatabaseUrl(kind, { plans: SEED_PLANS });
    const running = await startApp({ databaseUrl, clock, config });
    onTestFinished(() => running.stop());
    const { app } = running;
    const ask = async (chatId: string, text: string) => (await app.conversation.handle({ channel: 'console', chatId, name: chatId, text })).map((m) => m.text).join('\n');
    await ask('hoa', 'hộ nghèo đóng bao nhiêu');
    await ask('hoa', '/hotro');
    await app.conversation.written();
    // Stamped by the database with the real time, not the test's clock: dated to the clock, as in service.
    await app.db.chatState.updateMany({ data: { updatedAt: clock.now() } });
    const hoa = (await app.repos.privacy.find('console:hoa'))!;
    await app.repos.outbox.enqueue({ dedupeKey: 'notice:hoa', kind: 'notice', personId: hoa, channel: 'console', chatId: 'hoa', payload: { lines: [{ key: 'citizen:staff.replyToCitizen', params: { question: 'hộ nghèo', reply: 'Chào chị Hoa' } }] }, notBefore: clock.now() });
    const [row] = await app.db.outbox.findMany({ where: { dedupeKey: 'notice:hoa' } });
    await app.repos.outbox.markSent(row!.id, clock.now());
    await app.repos.inboundEvents.record('zalo', 'msg-1', 'user_send_text', JSON.stringify({ event_name: 'user_send_text', sender: { id: '8642' }, message: { text: 'Chào' } }), clock.now());
    await app.repos.inboundEvents.markProcessed('zalo', 'msg-1', clock.now());
    const counts = async () => ({
      questions: await app.db.question.count(),
      chatStates: await app.db.chatState.count(),
      events: await app.db.inboundEvent.count(),
      payload: (await app.db.outbox.findUniqueOrThrow({ where: { dedupeKey: 'notice:hoa' } })).payload,
    });
    return { clock, running, app, databaseUrl, ask, hoa, counts };
  };

  test('the daily job removes what is older than 180 days, once a day, and keeps what is younger', async () => {
    const { clock, app, ask, counts } = await start();
    const before = await counts();
    expect(before).toMatchObject({ questions: 1, chatStates: 1, events: 1 });
    expect(before.payload).toContain('Chào chị Hoa');

    clock.advance(179 * DAY);
    await app.scheduler.runOnce();
    await app.retention.idle();
    expect(await counts()).toEqual(before);

    clock.advance(2 * DAY);
    await ask('lan', 'cận nghèo đóng bao nhiêu');
    await app.conversation.written();
    await app.scheduler.runOnce();
    await app.retention.idle();
    const after = await counts();
    expect(after).toMatchObject({ questions: 1, chatStates: 0, events: 0 });
    expect(after.payload).not.toContain('Hoa');
    expect((await app.repos.questions.since()).map((q) => q.chatId)).toEqual(['lan']);
    // Once a day: an old row that turns up later that day waits for the next day's purge.
    const late = await app.repos.questions.record({ personId: 1, channel: 'console', chatId: 'hoa', text: 'cũ', outcome: 'fallback', askedAt: new Date(clock.now().getTime() - 200 * DAY) });
    await app.scheduler.runOnce();
    await app.retention.idle();
    expect(await app.repos.questions.byId(late)).not.toBeNull();
    clock.advance(DAY);
    await app.scheduler.runOnce();
    await app.retention.idle();
    expect(await app.repos.questions.byId(late)).toBeNull();
    // Sent once: its dedupe key still stops the same notice being queued again.
    expect(await app.repos.outbox.enqueue({ dedupeKey: 'notice:hoa', kind: 'notice', personId: 1, channel: 'console', chatId: 'hoa', payload: { lines: [] }, notBefore: clock.now() })).toBe(false);
  });

  test('cli privacy purge applies RETENTION_DAYS at once', async () => {
    const { clock, databaseUrl, counts } = await start();
    clock.advance(31 * DAY);
    const kept = await cli(['privacy', 'purge'], databaseUrl, { clock });
    expect(kept.stdout).toContain('0 câu hỏi');
    expect((await counts()).questions).toBe(1);
    const purged = await cli(['privacy', 'purge'], databaseUrl, { clock, env: { RETENTION_DAYS: '30' } });
    expect(purged.code).toBe(0);
    expect(purged.stdout).toContain('Đã xóa dữ liệu cũ hơn 30 ngày: 1 câu hỏi, 1 trạng thái hội thoại, 1 sự kiện webhook; đã xóa nội dung 1 tin đã gửi.');
    expect(await counts()).toMatchObject({ questions: 0, chatStates: 0, events: 0 });
  });

  test('cli privacy export prints everything about a person; forget erases it and leaves others alone', async () => {
    const { databaseUrl, app, ask, hoa } = await start();
    await ask('lan', 'cận nghèo đóng bao nhiêu');
    await app.conversation.written();
    const exported = await cli(['privacy', 'export', 'console:hoa'], databaseUrl);
    expect(exported.code).toBe(0);
    const data = JSON.parse(exported.stdout) as { person: { id: number }; chats: unknown[]; questions: { text: string }[]; chatStates: unknown[]; messages: unknown[] };
    expect(data.person.id).toBe(hoa);
    expect(data.questions.map((q) => q.text)).toEqual(['hộ nghèo đóng bao nhiêu']);
    expect(data.chats).toHaveLength(1);
    expect(data.chatStates).toHaveLength(1);
    expect(JSON.stringify(data.messages)).toContain('Chào chị Hoa');
    expect(exported.stdout).not.toContain('cận nghèo');

    expect((await cli(['privacy', 'export', 'console:nobody'], databaseUrl)).code).toBe(2);
    const forgot = await cli(['privacy', 'forget', String(hoa)], databaseUrl);
    expect(forgot.code).toBe(0);
    expect(await app.repos.privacy.find('console:hoa')).toBeUndefined();
    expect(await app.db.question.findMany({ where: { personId: hoa } })).toEqual([]);
    expect(await app.db.outbox.findMany({ where: { personId: hoa } })).toEqual([]);
    expect(await app.db.chatState.findMany({ where: { chatId: 'hoa' } })).toEqual([]);
    expect((await app.repos.questions.since()).map((q) => q.chatId)).toEqual(['lan']);
  });
});
