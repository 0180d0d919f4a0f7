import { describe, expect, test } from 'vitest';
import { manualClock } from '../../src/services/clock.js';
import { CHAT_CHANNELS, harnessForTest, type ChatChannel, type ChatUser } from '../support/chat-harness.js';
import { DATABASES, type DatabaseKind } from '../support/databases.js';
import { CODES, NOW, PLANS_DIR, PROVINCE, seedProgress } from '../support/progress-data.js';
import { cli } from '../support/test-app.js';

const tokenIn = (text: string) => /start[= ]([A-Za-z0-9_-]{20,})/.exec(text)?.[1];

const RUNS = CHAT_CHANNELS.flatMap((channel) => DATABASES.map((kind) => [channel, kind] as const));

/**
 * For one test: Tỉnh Mẫu's two years of reports (test/support/progress-data.ts) on 20/10/2025, with Lan, the
 * province's supervisor, and Hùng, the focal point of Bình Sơn, once `withPeople` has invited them.
 */
async function tinhMau(channel: ChatChannel, kind: DatabaseKind) {
  const harness = await harnessForTest(channel, kind, { clock: manualClock(NOW), plans: PLANS_DIR, seed: seedProgress });
  const app = harness.running.app;
  const binh = (await app.repos.agencies.byCode(CODES.binh))!.id;
  const supervisor = harness.user(401, 'Lan');
  const focal = harness.user(402, 'Hùng');
  const accept = async (who: ChatUser, target: Parameters<typeof app.invites.create>[0]['target']) => {
    await who.say(`/start ${(await app.invites.create({ target, now: NOW })).token}`);
    await who.receive();
  };
  return {
    harness,
    supervisor,
    focal,
    stored: () => app.repos.progressUpdates.list({ agencyIds: [binh] }),
    async withPeople() {
      await accept(supervisor, { kind: 'supervisor', province: PROVINCE });
      await accept(focal, { kind: 'focal', agencyId: binh });
    },
    /** What the focal point sent in the tests below: October's figures, closing the 10/10 deadline with them. */
    async octoberSent() {
      await focal.say('/capnhat tunguyen=1.620 moi_tunguyen=40 laodong=45000 ghichu=Đã rà soát danh sách');
      const [saved] = await focal.receive();
      await focal.press(saved!.buttons[0]!.data);
      await focal.receive();
    },
    /** …and September's new participants corrected from 30 to 25, with a note. */
    async septemberCorrected() {
      await focal.say('/capnhat ky=9/2025 moi_tunguyen=25 ghichu=Bổ sung số liệu tháng 8 sau');
      await focal.receive();
    },
  };
}

describe.each(RUNS)('progress updates and reports end to end on %s (%s)', (channel, kind) => {
  test('a supervisor invited from the CLI invites the focal point of Bình Sơn', async () => {
    const { harness, supervisor, focal } = await tinhMau(channel, kind);
    const invited = await cli(['invite', 'supervisor', '--province', PROVINCE], harness.databaseUrl, { env: { PLANS_DIR } });
    await supervisor.say(`/start ${tokenIn(invited.stdout)}`);
    expect((await supervisor.receive())[0]!.text).toContain('cán bộ giám sát của Tỉnh Mẫu');
    await supervisor.say(`/moi ${CODES.binh}`);
    await focal.say(`/start ${tokenIn((await supervisor.receive(2)).map((r) => r.text).join('\n'))}`);
    expect((await focal.receive())[0]!.text).toBe('Bạn đã là đầu mối của UBND huyện Bình Sơn. Bạn sẽ nhận nhắc hạn báo cáo của đơn vị.');
  });

  test('help shows the focal point /capnhat and /baocao', async () => {
    const { focal, withPeople } = await tinhMau(channel, kind);
    await withPeople();
    await focal.say('/trogiup');
    const [help] = await focal.receive();
    expect(help!.text).toContain('/capnhat – gửi số liệu tiến độ');
    expect(help!.text).toContain('/baocao – số liệu của đơn vị so với mục tiêu');
  });

  test('a bad one-line update names every problem and stores nothing', async () => {
    const { focal, stored, withPeople } = await tinhMau(channel, kind);
    await withPeople();
    const before = (await stored()).length;
    await focal.say('/capnhat tunguyen=-5 tyle_tunguyen=120% abc=1 ky=12/2025');
    const [reply] = await focal.receive();
    expect(reply!.text.split('\n')).toEqual([
      '❌ Chưa lưu gì vì có 4 lỗi:',
      '• Người tham gia BHXH tự nguyện không được là số âm: «-5».',
      '• Tỷ lệ tham gia BHXH tự nguyện không thể lớn hơn 100%: «120%».',
      '• Chỉ tiêu «abc» không tồn tại. Các chỉ tiêu: bhxh, tyle_bhxh, bhtn, tyle_bhtn, tunguyen, tyle_tunguyen, moi_tunguyen, huutri, hailong, laodong, ghichu.',
      '• Kỳ tháng 12/2025 chưa bắt đầu, chưa thể báo cáo.',
      'Ví dụ: /capnhat tunguyen=1250 tyle_tunguyen=4,8% ky=quý 3/2026 ghichu=…',
    ]);
    await focal.say(`/capnhat donvi=${CODES.an} tunguyen=2200`);
    expect((await focal.receive())[0]!.text).toContain(`• Bạn không phải đầu mối của đơn vị «${CODES.an}».`);
    expect(await stored()).toHaveLength(before);
  });

  test('a one-line update for the current month is stored and offers to close the deadline it answers', async () => {
    const { focal, stored, withPeople } = await tinhMau(channel, kind);
    await withPeople();
    await focal.say('/capnhat tunguyen=1.620 moi_tunguyen=40 laodong=45000 ghichu=Đã rà soát danh sách');
    const [saved] = await focal.receive();
    expect(saved!.text.split('\n')).toEqual([
      '✅ Đã ghi nhận số liệu tháng 10/2025 của UBND huyện Bình Sơn:',
      '• Người tham gia BHXH tự nguyện: 1.620',
      '• Tỷ lệ tham gia BHXH tự nguyện: 3,6% (tính từ số người tham gia / lực lượng lao động)',
      '• Tham gia BHXH tự nguyện mới: 40',
      '• Lực lượng lao động: 45.000',
      '• Ghi chú: Đã rà soát danh sách',
      'Số liệu này có thể là báo cáo cho hạn dưới đây; bấm để đánh dấu đã xong:',
    ]);
    expect(saved!.buttons.map((b) => b.text)).toEqual(['✅ Xong: Báo cáo số liệu tháng (hạn 10/10/2025)', '✅ Xong: Báo cáo số liệu tháng (hạn 10/11/2025)']);
    await focal.press(saved!.buttons[0]!.data);
    expect((await focal.receive())[0]!.text).toContain('10/10/2025');
    expect((await stored()).filter((r) => r.period === '2025-10').map((r) => r.metric).sort()).toEqual(['labour_force', 'note', 'voluntary_new', 'voluntary_participants']);
  });

  test('the guided flow: period and metric by button, values typed, a bad value asked again, saving corrects September', async () => {
    const { focal, stored, withPeople } = await tinhMau(channel, kind);
    await withPeople();
    await focal.say('/capnhat');
    const [periods] = await focal.receive();
    expect(periods!.text).toContain('Cập nhật số liệu của UBND huyện Bình Sơn cho kỳ nào?');
    expect(periods!.buttons.map((b) => b.text)).toEqual(['tháng 10/2025', 'tháng 9/2025', 'quý 4/2025', 'quý 3/2025', '6 tháng cuối năm 2025', 'năm 2024', '✖️ Huỷ']);
    await focal.press(periods!.buttons[1]!.data);
    const [menu] = await focal.receive();
    expect(menu!.text.split('\n')[0]).toBe('📝 Số liệu tháng 9/2025 của UBND huyện Bình Sơn. Chọn chỉ tiêu để nhập (hoặc gõ tên chỉ tiêu), xong thì bấm «Lưu».');
    await focal.press(menu!.buttons.find((b) => b.text === 'Tham gia BHXH tự nguyện mới')!.data);
    expect((await focal.receive())[0]!.text).toBe('Nhập Tham gia BHXH tự nguyện mới (số người, ví dụ 1.250):');
    await focal.say('-3');
    expect((await focal.receive())[0]!.text.split('\n')).toEqual(['• Tham gia BHXH tự nguyện mới không được là số âm: «-3».', 'Nhập Tham gia BHXH tự nguyện mới (số người, ví dụ 1.250):']);
    await focal.say('25');
    await focal.receive();
    await focal.say('ghi chú');
    await focal.receive();
    await focal.say('Bổ sung số liệu tháng 8 sau');
    const [after] = await focal.receive();
    expect(after!.text).toContain('• Tham gia BHXH tự nguyện mới: 25\n• Ghi chú: Bổ sung số liệu tháng 8 sau');
    await focal.press(after!.buttons.find((b) => b.text === '💾 Lưu')!.data);
    const [saved] = await focal.receive();
    expect(saved!.text.split('\n')[0]).toBe('✏️ Đã sửa số liệu tháng 9/2025 của UBND huyện Bình Sơn (bản trước vẫn được lưu):');
    expect((await stored()).filter((r) => r.period === '2025-09' && r.metric === 'voluntary_new').map((r) => r.value)).toEqual([30, 25]);
  });

  test('/baocao with no period is the last finished month, as /quahan looks at, not the month under way', async () => {
    const { supervisor, withPeople, octoberSent } = await tinhMau(channel, kind);
    await withPeople();
    await octoberSent();
    await supervisor.say('/baocao');
    const [unnamed] = await supervisor.receive();
    await supervisor.say('/baocao tháng 9/2025');
    const [september] = await supervisor.receive();
    expect(unnamed!.text.split('\n')[0]).toBe('📊 Tỉnh Mẫu · tháng 9/2025');
    expect(unnamed!.text).toBe(september!.text);
  });

  test('the supervisor asks /baocao for Q3 2025: figures against targets, who is missing, deadlines', async () => {
    const { supervisor, withPeople, octoberSent, septemberCorrected } = await tinhMau(channel, kind);
    await withPeople();
    await octoberSent();
    await septemberCorrected();
    await supervisor.say('/baocao quý 3/2025');
    const [report] = await supervisor.receive();
    const lines = report!.text.split('\n');
    expect(lines.slice(0, 10)).toEqual([
      '📊 Tỉnh Mẫu · quý 3/2025',
      'Đã báo cáo: 4/5 đơn vị',
      '▸ Tỷ lệ tham gia BHXH: 43,5% (+1,5 điểm)',
      '   🎯 Mục tiêu 2025: ≥ 44% · 🟡 Đúng lộ trình (mốc: 43%)',
      '▸ Người tham gia BHXH tự nguyện: 3.700 (+300)',
      '▸ Tỷ lệ tham gia BHXH tự nguyện: 5,6% (+0,1 điểm)',
      '   🎯 Mục tiêu 2025: ≥ 6% · 🔴 Chậm (mốc: 5,75%)',
      // 210 less the 5 Bình Sơn took off its September figure (septemberCorrected).
      '▸ Tham gia BHXH tự nguyện mới: 205 (+150)',
      '▸ Tỷ lệ hưởng lương hưu, trợ cấp: 50,2% (+2,2 điểm)',
      '   🎯 Mục tiêu 2025: ≥ 50% · 🟢 Đạt',
    ]);
    expect(lines).toContain('⏳ Chưa báo cáo (1): Sở Nội vụ');
    expect(lines).toContain('   ✅ Hoàn thành đúng hạn: 5');
    expect(lines).toContain('   ⚠️ Quá hạn chưa hoàn thành: 1');
  });

  test('/quahan lists what is overdue, and the agencies that sent nothing for September', async () => {
    const { supervisor, withPeople, octoberSent } = await tinhMau(channel, kind);
    await withPeople();
    await octoberSent();
    await supervisor.say('/quahan');
    const [reply] = await supervisor.receive();
    expect(reply!.text).toContain('UBND huyện Bình Sơn');
    // Bình Sơn's 10/10 deadline was closed from its update; its August one and the quarterly report remain.
    expect(reply!.text).not.toContain('10/10/2025');
    expect(reply!.text.split('\n').at(-1)).toBe('🔕 Chưa gửi số liệu tháng 9/2025 (3): BHXH tỉnh Mẫu, Sở Lao động - Thương binh và Xã hội, Sở Nội vụ');
  });

  test('/baocao with xlsx says a file goes with it: a document on Telegram, a download link on Zalo', async () => {
    const { supervisor, withPeople } = await tinhMau(channel, kind);
    await withPeople();
    await supervisor.say('/baocao quý 3/2025 UBND huyện Bình Sơn xlsx');
    const [reply] = await supervisor.receive();
    const lines = reply!.text.split('\n');
    expect(lines[0]).toBe('📊 UBND huyện Bình Sơn · quý 3/2025');
    expect(lines).toContain('📎 Gửi kèm 1 tệp.');
    if (channel === 'zalo') expect(lines.at(-1)).toMatch(/^📎 bao-cao-ubnd-huyen-binh-son-2025-q3\.xlsx: http\S+$/);
    const [file, ...more] = await supervisor.files();
    expect([file?.filename, more]).toEqual(['bao-cao-ubnd-huyen-binh-son-2025-q3.xlsx', []]);
    // An .xlsx file is a zip archive.
    expect(file!.data.subarray(0, 2).toString()).toBe('PK');
  });

  test('a focal point cannot look at another agency, and a citizen at nothing', async () => {
    const { harness, focal, withPeople } = await tinhMau(channel, kind);
    await withPeople();
    await focal.say('/baocao quý 3/2025 Sở Nội vụ');
    expect((await focal.receive())[0]!.text).toContain('Không tìm thấy đơn vị hay tỉnh «Sở Nội vụ» trong phạm vi của bạn.');
    const citizen = harness.user(403, 'Dân');
    await citizen.say('/capnhat tunguyen=5');
    expect((await citizen.receive())[0]!.text).toContain('Lệnh này dành cho đầu mối của đơn vị.');
  });
});
