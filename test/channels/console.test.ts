import { PassThrough } from 'node:stream';
import { describe, expect, onTestFinished, test } from 'vitest';
import { createConsoleChannel } from '../../src/channels/console.js';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { manualClock } from '../../src/services/clock.js';
import { freshDatabaseUrl } from '../support/databases.js';
import { SEED_PLANS, startApp } from '../support/test-app.js';

/** For one test: the service on 1/6/2026 with a console chat on it; `type` and `during` return what was printed meanwhile. */
async function consoleChat() {
  const clock = manualClock(atLocalTime('2026-06-01', '09:00'));
  const running = await startApp({ databaseUrl: await freshDatabaseUrl('sqlite', { plans: SEED_PLANS }), clock });
  onTestFinished(() => running.stop());
  let output = '';
  const out = new PassThrough();
  out.on('data', (d) => (output += String(d)));
  const chat = createConsoleChannel({ conversation: running.app.conversation, people: running.app.repos.people, agencies: running.app.repos.agencies, now: () => clock.now(), input: new PassThrough(), output: out });
  running.app.addSender(chat.sender);
  const during = async (happening: () => Promise<unknown>) => {
    output = '';
    await happening();
    return output;
  };
  return { clock, running, chat, during, type: (line: string) => during(() => chat.handleLine(line)) };
}

describe('the console chat', () => {
  test('a citizen has no supervisor commands', async () => {
    const { type } = await consoleChat();
    expect(await type('/quahan')).toContain('Lệnh này chỉ dành cho cán bộ giám sát.');
  });

  test('acting as a supervisor, one sets the People\'s Council session date', async () => {
    const { type } = await consoleChat();
    expect(await type('/as supervisor binh-phuoc')).toContain('supervisor:binh-phuoc');
    const list = await type('/datngay');
    expect(list).toContain('binh-phuoc-kh-2022/socioeconomic-targets-report');
    expect(await type('/datngay binh-phuoc-kh-2022/socioeconomic-targets-report 31/02/2026')).toContain('không phải ngày hợp lệ');
    expect(await type('/datngay binh-phuoc-kh-2022/socioeconomic-targets-report 10/7/2026')).toContain('Đã đặt hạn trước ngày 10/07/2026');
    expect(await type('/datngay')).toContain('Đã đặt: 10/07/2026');
  });

  test('acting as the focal point, its reminders print as they fire and a button is pressed by its number', async () => {
    const { clock, running, during, type } = await consoleChat();
    await type('/as focal binh-phuoc.so-ldtbxh');
    clock.set(atLocalTime('2026-06-25', '08:00'));
    const output = await during(() => running.app.scheduler.runOnce());
    expect(output).toContain('🔔 [focal:binh-phuoc.so-ldtbxh] ⏰ Nhắc hạn');
    expect(output).toContain('còn 14 ngày (ngày cuối 09/07/2026)');
    expect(output).toMatch(/\[1\] ✅ Đã xong/);
    expect(await type('1')).toContain('Đã ghi nhận hoàn thành');
  });

  test('the language can be switched to English', async () => {
    const { type } = await consoleChat();
    await type('/as focal binh-phuoc.so-ldtbxh');
    expect(await type('/lang en')).toContain('Language set to English.');
    expect(await type('/help')).toContain('/deadlines');
    expect(await type('/nonsense')).toContain('There is no command /nonsense');
  });

  test('a bad /as names the problem and changes nothing', async () => {
    const { chat } = await consoleChat();
    await expect(chat.handleLine('/as focal no-such-agency')).rejects.toThrow('no agency with code no-such-agency');
  });
});
