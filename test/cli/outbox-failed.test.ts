import { describe, expect, onTestFinished, test } from 'vitest';
import { createApp } from '../../src/app.js';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { silentLogger } from '../../src/logger.js';
import { render } from '../../src/messaging/render.js';
import type { MessagePayload } from '../../src/messaging/message.js';
import { manualClock } from '../../src/services/clock.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';
import { cli, SEED_PLANS, testConfig } from '../support/test-app.js';

describe.each(DATABASES)('reminders that could not be delivered (%s)', (kind) => {
  /** Bình Phước's supervisor, and a focal point whose reminder the outbox gave up after its last try. */
  async function givenUp() {
    // A Monday after the reminders' hour: the weekly digest is due.
    const clock = manualClock(atLocalTime('2026-06-15', '09:00'));
    const databaseUrl = await freshDatabaseUrl(kind, { plans: SEED_PLANS });
    const app = await createApp({ config: testConfig(databaseUrl, { WEEKLY_DIGEST: 'on' }), logger: silentLogger, clock });
    onTestFinished(() => app.close());
    const { people } = app.repos;
    const agency = (await app.repos.agencies.list({ province: 'binh-phuoc' }))[0]!;
    const supervisor = await people.personForChat({ channel: 'telegram', chatId: '8001', name: 'Lan', language: 'vi', at: clock.now() });
    await people.addRole(supervisor.id, { kind: 'supervisor', agencyId: null, province: 'binh-phuoc' });
    const focal = await people.personForChat({ channel: 'telegram', chatId: '8002', name: 'Trần Văn Hùng', language: 'vi', at: clock.now() });
    await people.addRole(focal.id, { kind: 'focal', agencyId: agency.id, province: null });
    const row = (data: { key: string; status: string }) =>
      app.db.outbox.create({ data: { dedupeKey: data.key, kind: 'reminder', personId: focal.id, channel: 'telegram', chatId: '8002', payload: JSON.stringify({ lines: [{ text: 'Nhắc việc' }] }), notBefore: clock.now(), status: data.status, attempts: 8, lastError: 'Telegram did not answer sendMessage within 5000 ms', ...(data.status === 'failed' ? { failedAt: clock.now() } : { sentAt: clock.now() }) } });
    const failed = await row({ key: 'r-failed', status: 'failed' });
    const sent = await row({ key: 'r-sent', status: 'sent' });
    return { app, clock, databaseUrl, supervisor, failed, sent };
  }

  test('/quahan and the weekly digest name whose reminder could not be delivered, in Vietnamese and in English', async () => {
    const { app, clock, supervisor } = await givenUp();
    const ask = async () => (await app.conversation.handle({ channel: 'telegram', chatId: '8001', name: 'Lan', text: '/quahan' })).map((m) => m.text).join('\n');
    expect(await ask()).toContain('Nhắc việc không gửi được sau nhiều lần thử (1 người); hãy gọi điện cho họ: Trần Văn Hùng');
    await app.repos.people.setLanguage(supervisor.id, 'en');
    expect(await ask()).toContain('Reminders that could not be delivered after every try (1 people); please call them: Trần Văn Hùng');

    expect(await app.digest.tick(clock.now())).toBe(1);
    const digest = (await app.repos.outbox.list({ personId: supervisor.id })).find((m) => m.dedupeKey.startsWith('digest:'))!;
    const text = render(app.i18n.getFixedT('vi'), JSON.parse(digest.payload) as MessagePayload).text;
    expect(text).toContain('Nhắc việc không gửi được sau nhiều lần thử (1 người); hãy gọi điện cho họ: Trần Văn Hùng');
  });

  test('the operator lists failed messages and sends one again; a bad, unknown or not-failed id is refused with why', async () => {
    const { databaseUrl, failed, sent, clock } = await givenUp();
    const listed = await cli(['outbox', 'failed'], databaseUrl, { clock });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`#${failed.id}\t`);
    expect(listed.stdout).toContain('Trần Văn Hùng');
    expect(listed.stdout).toContain('did not answer sendMessage');
    expect(listed.stdout).not.toContain(`#${sent.id}\t`);

    for (const bad of ['abc', '0', '1.5', '#x', '99999999999']) {
      const r = await cli(['outbox', 'retry', bad], databaseUrl, { clock });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`"${bad}" không phải số của một tin`);
    }
    expect((await cli(['outbox', 'retry'], databaseUrl, { clock })).code).toBe(2);
    const unknown = await cli(['outbox', 'retry', '987654'], databaseUrl, { clock });
    expect([unknown.code, unknown.stderr.trim()]).toEqual([1, 'Không có tin số 987654.']);
    const notFailed = await cli(['outbox', 'retry', String(sent.id)], databaseUrl, { clock });
    expect(notFailed.code).toBe(1);
    expect(notFailed.stderr).toContain(`Tin số ${sent.id} đang ở trạng thái "sent"`);

    const retried = await cli(['outbox', 'retry', String(failed.id)], databaseUrl, { clock });
    expect([retried.code, retried.stdout.trim()]).toEqual([0, `Tin số ${failed.id} sẽ được gửi lại từ lần thử đầu.`]);
    const check = await createApp({ config: testConfig(databaseUrl), logger: silentLogger, clock, migrate: false, importPlans: false });
    onTestFinished(() => check.close());
    const again = (await check.db.outbox.findUnique({ where: { id: failed.id } }))!;
    expect(again).toMatchObject({ status: 'pending', attempts: 0, failedAt: null });
    expect(again.notBefore.getTime()).toBeLessThanOrEqual(clock.now().getTime());
    expect((await cli(['outbox', 'failed'], databaseUrl, { clock })).stdout).not.toContain(`#${failed.id}\t`);
  });
});
