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
  const chat = createConsoleChannel({ conversation: running.app.conversation, people: running.app.repos.people, agencies: running.app.repos.agencies, now: () => clock.now(), t: running.app.i18n.getFixedT('vi'), input: new PassThrough(), output: out });
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
    expect(await type('/quahan')).toContain('Lệnh này chỉ dành cho cán bộ giám sát; nếu bạn là cán bộ giám sát, hãy mở link mời bạn nhận được.');
  });

  test('acting as a supervisor, one sets the People\'s Council session date', async () => {
    const { type } = await consoleChat();
    expect(await type('/as supervisor binh-phuoc')).toContain('[giám sát Bình Phước] › ');
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

  test('the prompt says who the operator acts as, and /as says what that role can now do', async () => {
    const { type } = await consoleChat();
    const supervisor = await type('/as supervisor binh-phuoc');
    expect(supervisor).toContain('✅ Bây giờ bạn là giám sát Bình Phước.');
    expect(supervisor).toContain('Các lệnh bạn dùng được:');
    expect(supervisor).toContain('/quahan – việc quá hạn');
    expect(supervisor.endsWith('[giám sát Bình Phước] › ')).toBe(true);
    const focal = await type('/as focal binh-phuoc.so-noi-vu');
    expect(focal).toContain('✅ Bây giờ bạn là đầu mối Sở Nội vụ (Bình Phước).');
    expect(focal).toContain('/capnhat – gửi số liệu tiến độ');
    expect(focal.endsWith('[đầu mối Sở Nội vụ (Bình Phước)] › ')).toBe(true);
    const citizen = await type('/as citizen');
    expect(citizen).toContain('✅ Bây giờ bạn là công dân.');
    expect(citizen).toContain('hộ cận nghèo được hỗ trợ bao nhiêu');
    expect(citizen.endsWith('[công dân] › ')).toBe(true);
    expect((await type('/as supervisor *')).endsWith('[giám sát tất cả các tỉnh] › ')).toBe(true);
  });

  test('an /as for a province or agency that does not exist is refused with what to type, and nothing changes', async () => {
    const { running, type } = await consoleChat();
    await type('/as focal binh-phuoc.so-noi-vu');
    const province = await type('/as supervisor khong-ton-tai');
    expect(province).toContain('! Không có tỉnh mã «khong-ton-tai»; các tỉnh: an-giang, binh-phuoc, ha-noi, nghe-an, unknown-003, hoặc * cho tất cả các tỉnh.');
    expect(province.endsWith('[đầu mối Sở Nội vụ (Bình Phước)] › ')).toBe(true);
    expect(await type('/as focal no-such-agency')).toContain('! Không có đơn vị mã «no-such-agency»; xem các mã bằng npm run cli -- agencies list rồi gõ /as focal <mã>.');
    expect(await type('/as giamdoc')).toContain('! Cách đổi vai: /as citizen, /as focal <mã đơn vị>');
    // No made-up supervisor was created, so none will get a digest or an escalation.
    const people = await running.app.repos.people.listPeople();
    expect(people.some((p) => p.chats.some((c) => c.chatId === 'supervisor:khong-ton-tai'))).toBe(false);
  });
});
