import { PassThrough } from 'node:stream';
import { describe, expect, onTestFinished, test } from 'vitest';
import { createConsoleChannel } from '../../src/channels/console.js';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { render } from '../../src/messaging/render.js';
import type { MessagePayload } from '../../src/messaging/message.js';
import { manualClock } from '../../src/services/clock.js';
import { DATABASES, freshDatabaseUrl, type DatabaseKind } from '../support/databases.js';
import { agencyIds, PLANS_DIR, PROVINCE, seedProgress } from '../support/progress-data.js';
import { startApp, type RunningApp } from '../support/test-app.js';

/**
 * For one test: Tỉnh Mẫu's reports (test/support/progress-data.ts) on Sunday 26/10/2025, with its supervisor and
 * An Phú's focal point in the console chat, and An Phú's October figure sent on Wednesday 22/10.
 */
async function sundayBeforeTheDigest(kind: DatabaseKind) {
  const clock = manualClock(atLocalTime('2025-10-26', '09:00'));
  const databaseUrl = await freshDatabaseUrl(kind, { plans: PLANS_DIR, seed: seedProgress });
  let running: RunningApp;
  const start = async () => {
    running = await startApp({ databaseUrl, clock, config: { PLANS_DIR, WEEKLY_DIGEST: 'on' } });
    const out = new PassThrough();
    out.on('data', (d) => (story.output += String(d)));
    const chat = createConsoleChannel({ conversation: running.app.conversation, people: running.app.repos.people, agencies: running.app.repos.agencies, now: () => clock.now(), t: running.app.i18n.getFixedT('vi'), input: new PassThrough(), output: out });
    running.app.addSender(chat.sender);
  };
  const story = {
    /** What the console chat printed. */
    output: '',
    supervisorId: 0,
    app: () => running.app,
    digests: async () => (await running.app.repos.outbox.list()).filter((m) => m.dedupeKey.startsWith('digest:')),
    async at(date: string, time: string) {
      clock.set(atLocalTime(date, time));
      await running.app.scheduler.runOnce();
    },
    async restart() {
      await running.stop();
      await start();
    },
  };
  await start();
  onTestFinished(() => running.stop());
  const ids = await agencyIds(running!.app);
  const people = running!.app.repos.people;
  const supervisor = await people.personForChat({ channel: 'console', chatId: 'supervisor:tinh-mau', name: 'Lan', language: 'vi', at: clock.now() });
  await people.addRole(supervisor.id, { kind: 'supervisor', agencyId: null, province: PROVINCE });
  story.supervisorId = supervisor.id;
  const focal = await people.personForChat({ channel: 'console', chatId: 'focal:an', name: 'Minh', language: 'vi', at: clock.now() });
  await people.addRole(focal.id, { kind: 'focal', agencyId: ids.an, province: null });
  await running!.app.repos.progressUpdates.save([{ agencyId: ids.an, period: '2025-10', metric: 'voluntary_participants', value: 2150, personId: focal.id, receivedAt: atLocalTime('2025-10-22', '15:00') }]);
  return story;
}

describe.each(DATABASES)('the weekly digest to supervisors (%s)', (kind) => {
  test('nothing on Sunday or before 08:00 on Monday', async () => {
    const { at, digests } = await sundayBeforeTheDigest(kind);
    await at('2025-10-26', '20:00');
    await at('2025-10-27', '07:59');
    expect(await digests()).toEqual([]);
  });

  test('at 08:00 on Monday, one digest for the supervisor, none for the focal point, delivered through the outbox', async () => {
    const story = await sundayBeforeTheDigest(kind);
    const { at, digests, supervisorId } = story;
    await at('2025-10-27', '08:00');
    const queued = await digests();
    expect(queued.map((m) => [m.personId, m.dedupeKey, m.status])).toEqual([[supervisorId, `digest:${supervisorId}:${PROVINCE}:2025-W44`, 'sent']]);
    expect(story.output).toContain('🔔 [supervisor:tinh-mau] 🗓️ Tổng hợp đầu tuần – Tỉnh Mẫu (27/10/2025)');
  });

  test('its content: due in 14 days, overdue with days late, the week\'s updates, silent agencies for September', async () => {
    const { app, at, digests } = await sundayBeforeTheDigest(kind);
    await at('2025-10-27', '08:00');
    const [row] = await digests();
    const text = render(app().i18n.getFixedT('vi'), JSON.parse(row!.payload) as MessagePayload).text;
    expect(text.split('\n')).toEqual([
      '🗓️ Tổng hợp đầu tuần – Tỉnh Mẫu (27/10/2025)',
      '📅 Hạn trong 14 ngày tới (2):',
      '• 10/11/2025 – UBND huyện An Phú: Báo cáo số liệu tháng',
      '• 10/11/2025 – UBND huyện Bình Sơn: Báo cáo số liệu tháng',
      '⚠️ Quá hạn chưa hoàn thành (3):',
      '• UBND huyện Bình Sơn: Báo cáo số liệu tháng (hạn 10/08/2025, quá 79 ngày)',
      '• UBND huyện Bình Sơn: Báo cáo số liệu tháng (hạn 10/10/2025, quá 18 ngày)',
      '• BHXH tỉnh Mẫu: Báo cáo kết quả phát triển người tham gia BHXH quý (hạn 15/10/2025, quá 13 ngày)',
      '📥 Cập nhật số liệu trong 7 ngày qua: 1 lần, từ 1 đơn vị (UBND huyện An Phú).',
      '🔕 Chưa gửi số liệu tháng 9/2025 (3): BHXH tỉnh Mẫu, Sở Lao động - Thương binh và Xã hội, Sở Nội vụ',
    ]);
  });

  test('in English for a supervisor who chose English, when sent', async () => {
    const { app, at, digests } = await sundayBeforeTheDigest(kind);
    await at('2025-10-27', '08:00');
    const [row] = await digests();
    const text = render(app().i18n.getFixedT('en'), JSON.parse(row!.payload) as MessagePayload).text;
    expect(text).toContain('Weekly digest – Tỉnh Mẫu (27/10/2025)');
    expect(text).toContain('No figures for 9/2025 (3)');
  });

  test('later ticks that Monday, a restart, and Tuesday add nothing', async () => {
    const { at, digests, restart } = await sundayBeforeTheDigest(kind);
    await at('2025-10-27', '08:00');
    await at('2025-10-27', '08:01');
    await restart();
    await at('2025-10-27', '09:30');
    await at('2025-10-28', '08:00');
    expect(await digests()).toHaveLength(1);
  });

  test('next Monday brings the next one', async () => {
    const { at, digests, supervisorId } = await sundayBeforeTheDigest(kind);
    await at('2025-10-27', '08:00');
    await at('2025-11-03', '08:00');
    expect((await digests()).map((m) => m.dedupeKey)).toEqual([`digest:${supervisorId}:${PROVINCE}:2025-W44`, `digest:${supervisorId}:${PROVINCE}:2025-W45`]);
  });
});
