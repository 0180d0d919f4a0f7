import { describe, expect, test } from 'vitest';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { manualClock } from '../../src/services/clock.js';
import { harnessForTest, type ChatUser } from '../support/chat-harness.js';
import { DATABASES } from '../support/databases.js';

const PLAN = 'binh-phuoc-kh-2022';
const text = (messages: { text: string }[]) => messages.map((m) => m.text).join('\n');
/** The summary's lines about the plan's targets (🎯 Mục tiêu 2025: ≥ 45% …), whatever the scope's name in its header. */
const targetLines = (summary: string) => summary.split('\n').filter((l) => l.includes('🎯'));

describe.each(DATABASES)('Bình Phước merged into Đồng Nai (NQ 202/2025/QH15), end to end on Telegram (%s)', (kind) => {
  test('a national supervisor merges the provinces in chat; Đồng Nai\'s supervisor and Bình Phước\'s former one both ask for the Bình Phước plan by its code, targets intact', async () => {
    const clock = manualClock(atLocalTime('2026-01-10', '09:00'));
    const harness = await harnessForTest('telegram', kind, { clock });
    const app = harness.running.app;
    const invite = async (who: ChatUser, province: string) => {
      const { token } = await app.invites.create({ target: { kind: 'supervisor', province }, now: clock.now() });
      await who.say(`/start ${token}`);
      await who.receive();
      return who;
    };
    const focal = harness.user(301, 'Minh');
    const { token } = await app.invites.create({ target: { kind: 'focal', agencyId: (await app.repos.agencies.byCode('binh-phuoc.so-noi-vu'))!.id }, now: clock.now() });
    await focal.say(`/start ${token}`);
    await focal.receive();
    await focal.say('/capnhat thang 12/2025 tyle_bhxh=41,5% tyle_bhtn=30%');
    await focal.receive();

    const lan = await invite(harness.user(101, 'Lan'), 'binh-phuoc');
    await lan.say('/baocao');
    const before = text(await lan.receive());
    expect(before).toContain('📊 Bình Phước · tháng 12/2025');
    // Bình Phước's plan: 45% covered by social insurance and 35% by unemployment insurance by the end of 2025.
    expect(targetLines(before).join('\n')).toMatch(/Mục tiêu 2025: ≥ 45%[\s\S]*Mục tiêu 2025: ≥ 35%/);

    const ha = await invite(harness.user(102, 'Hà'), '*');
    await ha.say('/donvi goptinh binh-phuoc dong-nai Đồng Nai; NQ 202/2025/QH15');
    expect(text(await ha.receive())).toContain('Đã gộp tỉnh binh-phuoc vào dong-nai (Đồng Nai)');
    // Again: nothing changes, nothing is recorded twice.
    await ha.say('/donvi goptinh binh-phuoc dong-nai Đồng Nai; NQ 202/2025/QH15');
    expect(text(await ha.receive())).toContain('đã được gộp vào dong-nai (Đồng Nai), không thay đổi gì');
    const history = await app.repos.agencies.history((await app.repos.agencies.byCode('binh-phuoc.so-noi-vu'))!.id);
    expect(history.filter((e) => e.kind === 'province-merged').map((e) => e.detail)).toEqual(['binh-phuoc → dong-nai (NQ 202/2025/QH15)']);

    const hoa = await invite(harness.user(103, 'Hoa'), 'dong-nai');
    await hoa.say(`/baocao ${PLAN}`);
    const byPlan = text(await hoa.receive());
    expect(byPlan).toContain(`📊 Kế hoạch ${PLAN} (Đồng Nai) · tháng 12/2025`);
    expect(targetLines(byPlan)).toEqual(targetLines(before));
    // The province as it is now holds the old province's plan, its figures and targets.
    await hoa.say('/baocao');
    const province = text(await hoa.receive());
    expect(province).toContain('📊 Đồng Nai · tháng 12/2025');
    expect(targetLines(province)).toEqual(targetLines(before));

    // The old province's name stands for the province that holds its agencies now.
    await hoa.say('/baocao Bình Phước');
    expect(text(await hoa.receive())).toContain('📊 Đồng Nai · tháng 12/2025');

    // Lan supervised Bình Phước: she now supervises Đồng Nai, and asks for the old plan by its code too.
    await lan.say(`/baocao ${PLAN}`);
    const lanByPlan = text(await lan.receive());
    expect(lanByPlan).toContain(`📊 Kế hoạch ${PLAN} (Đồng Nai) · tháng 12/2025`);
    expect(targetLines(lanByPlan)).toEqual(targetLines(before));
    await lan.say('/hanchot');
    expect(text(await lan.receive())).toContain('Hạn báo cáo của Đồng Nai');

    // A supervisor of one province cannot merge provinces.
    await hoa.say('/donvi goptinh kien-giang an-giang An Giang');
    expect(text(await hoa.receive())).toContain('Chỉ cán bộ giám sát toàn quốc mới gộp được tỉnh.');
  });
});
