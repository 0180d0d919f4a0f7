import { describe, expect, onTestFinished, test } from 'vitest';
import { addDays, atLocalTime } from '../../src/domain/calendar/local-time.js';
import { manualClock } from '../../src/services/clock.js';
import type { Channel } from '../../src/messaging/channel.js';
import type { RoleInfo } from '../../src/repositories/people-repo.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';
import { SEED_PLANS, startApp } from '../support/test-app.js';

const SUPERVISORS_ONLY = 'Lệnh này chỉ dành cho cán bộ giám sát; nếu bạn là cán bộ giám sát, hãy mở link mời bạn nhận được.';
/** The same words whether the question does not exist or is not this supervisor's: a number reveals nothing. */
const noQuestion = (id: number | string) => `Không có câu hỏi số ${id}. Số câu hỏi ở đầu tin được chuyển tới, ví dụ /traloi 12 <nội dung trả lời>.`;

/** The holes an attacker found in who may do what (issue 10), each closed on the object acted on, not only the command. */
describe.each(DATABASES)('authority on the object (%s)', (kind) => {
  const start = async () => {
    const clock = manualClock(atLocalTime('2026-11-23', '09:00'));
    const databaseUrl = await freshDatabaseUrl(kind, { plans: SEED_PLANS });
    const running = await startApp({ databaseUrl, clock, config: { STAFF_CHAT: 'console:staff' } });
    onTestFinished(() => running.stop());
    const { people, agencies } = running.app.repos;
    const { conversation } = running.app;
    const person = async (chatId: string, roles: RoleInfo[] = [], channel: Channel = 'console') => {
      const p = await people.personForChat({ channel, chatId, name: chatId, language: 'vi', at: clock.now() });
      for (const role of roles) await people.addRole(p.id, role);
      return p;
    };
    const reply = async (incoming: { chatId: string; channel?: Channel; text?: string; data?: string }) =>
      (await conversation.handle({ channel: 'console', name: incoming.chatId, ...incoming })).map((m) => m.text).join('\n');
    const say = (chatId: string, text: string, channel: Channel = 'console') => reply({ chatId, channel, text });
    const press = (chatId: string, data: string, channel: Channel = 'console') => reply({ chatId, channel, data });
    /** The confirm button the latest /lienket code's owner was sent. */
    const confirmation = async () => {
      const notice = await running.app.db.outbox.findFirstOrThrow({ where: { dedupeKey: { startsWith: 'link:' } }, orderBy: { id: 'desc' } });
      const { buttons } = JSON.parse(notice.payload) as { buttons: { data: string }[][] };
      return { data: buttons[0]![0]!.data, text: running.app.i18n.getFixedT('vi')('common:link.confirmButton') };
    };
    const supervisor = (province: string): RoleInfo => ({ kind: 'supervisor', agencyId: null, province });
    return { running, clock, people, agencies, person, say, press, supervisor, confirmation };
  };

  describe('/lienket (hole 3)', () => {
    for (const [kept, typed] of [['telegram', 'zalo'], ['zalo', 'telegram']] as const) {
      test(`a citizen's code typed by a supervisor moves nothing (code on ${kept}, typed on ${typed})`, async () => {
        const { person, say, people, supervisor } = await start();
        const citizen = await person('c1', [], kept);
        const lan = await person('s1', [supervisor('binh-phuoc')], typed);
        const code = /: ([A-Z0-9]{8}) /.exec(await say('c1', '/lienket', kept))![1]!;
        expect(await say('s1', `/lienket ${code}`, typed)).toContain('Kênh này đã có vai trò');
        // The supervisor's chat and roles stay theirs; the citizen gained nothing and still cannot invite.
        expect((await people.chat(typed, 's1'))!.personId).toBe(lan.id);
        expect((await people.person(citizen.id))!.roles).toEqual([]);
        expect((await people.person(lan.id))!.roles).toEqual([supervisor('binh-phuoc')]);
        expect(await say('c1', '/moi giamsat', kept)).toBe(SUPERVISORS_ONLY);
      });

      test(`the supervisor's own code, typed on a new chat, joins it once confirmed on the first (code on ${kept}, typed on ${typed})`, async () => {
        const { person, say, press, people, supervisor, confirmation } = await start();
        const lan = await person('s1', [supervisor('binh-phuoc')], kept);
        const code = /: ([A-Z0-9]{8}) /.exec(await say('s1', '/lienket', kept))![1]!;
        expect(await say('s2', `/lienket ${code}`, typed)).toContain('Gần xong');
        // Not joined until the chat that made the code says so.
        expect(await say('s2', '/moi giamsat', typed)).toBe(SUPERVISORS_ONLY);
        const button = await confirmation();
        expect(button.text).toBe('✅ Xác nhận liên kết');
        // Nobody else can press it for them.
        expect(await press('s2', button.data, typed)).toBe('Nút này không còn dùng được. Gõ /trogiup để xem các lệnh.');
        expect(await press('s1', button.data, kept)).toContain(`Đã liên kết kênh ${typed} với s1`);
        expect((await people.chat(typed, 's2'))!.personId).toBe(lan.id);
        expect(await say('s2', '/moi giamsat', typed)).toContain('/start ');
        expect(await press('s1', button.data, kept)).toContain('đã được dùng');
      });

      test(`a supervisor's code talked out of them and typed by a stranger joins nothing unconfirmed (code on ${kept}, typed on ${typed})`, async () => {
        const { person, say, people, supervisor } = await start();
        const lan = await person('s1', [supervisor('binh-phuoc')], kept);
        const stranger = await person('x1', [], typed);
        const code = /: ([A-Z0-9]{8}) /.exec(await say('s1', '/lienket', kept))![1]!;
        expect(await say('x1', `/lienket ${code}`, typed)).toContain('Gần xong');
        expect((await people.chat(typed, 'x1'))!.personId).toBe(stranger.id);
        expect(await say('x1', '/moi giamsat', typed)).toBe(SUPERVISORS_ONLY);
        // The code is taken: typing it again elsewhere does not reach the supervisor a second time.
        expect(await say('x2', `/lienket ${code}`, typed)).toContain('đã được dùng');
        expect((await people.person(lan.id))!.roles).toEqual([supervisor('binh-phuoc')]);
      });
    }
  });

  describe('/traloi (hole 4)', () => {
    /** A citizen's question about `text`, logged, and handed off when `handOff`. */
    const question = async (app: Awaited<ReturnType<typeof start>>, text: string, handOff: boolean) => {
      const citizen = await app.person('citizen');
      const id = await app.running.app.repos.questions.record({ personId: citizen.id, channel: 'console', chatId: 'citizen', text, outcome: 'fallback', askedAt: app.clock.now() });
      if (handOff) await app.running.app.repos.questions.markHandedOff(id, app.clock.now());
      return id;
    };

    test('a question not handed off is answered by nobody, not even the staff chat', async () => {
      const app = await start();
      const id = await question(app, 'ở Nghệ An đóng bao nhiêu', false);
      await app.person('staff');
      expect(await app.say('staff', `/traloi ${id} Chào chị`)).toContain('chưa được người hỏi chuyển cho cán bộ');
      expect((await app.running.app.repos.questions.byId(id))!.staffReply).toBeNull();
    });

    test("a supervisor answers only their province's citizens; every province's and the staff chat answer all", async () => {
      const app = await start();
      const nghean = await question(app, 'ở Nghệ An đóng bao nhiêu', true);
      const unknown = await question(app, 'giá vàng hôm nay', true);
      await app.person('bp', [app.supervisor('binh-phuoc')]);
      await app.person('na', [app.supervisor('nghe-an')]);
      await app.person('all', [app.supervisor('*')]);
      await app.person('staff');
      expect(await app.say('bp', `/traloi ${nghean} Chào chị`)).toBe(noQuestion(nghean));
      expect(await app.say('na', `/traloi ${unknown} Chào chị`)).toBe(noQuestion(unknown));
      expect((await app.running.app.repos.questions.byId(nghean))!.staffReply).toBeNull();
      expect(await app.say('na', `/traloi ${nghean} Chào chị`)).toContain(`câu hỏi số ${nghean}`);
      expect(await app.say('all', `/traloi ${unknown} Chào anh`)).toContain(`câu hỏi số ${unknown}`);
      expect(await app.say('staff', `/traloi ${unknown} Thêm nữa`)).toContain(`câu hỏi số ${unknown}`);
      expect((await app.running.app.repos.questions.byId(unknown))!.staffReply).toBe('Chào anh\n\nThêm nữa');
    });
  });

  describe('a cross-province merge (hole 5)', () => {
    test("after a * supervisor merges a Bình Phước agency into a Nghệ An one, Bình Phước's supervisor cannot act for it", async () => {
      const app = await start();
      const { agencies, running } = app;
      await app.person('all', [app.supervisor('*')]);
      await app.person('bp', [app.supervisor('binh-phuoc')]);
      // A Bình Phước agency that owes something in the next weeks, and a Nghệ An one.
      const today = '2026-11-23';
      const owed = await running.app.reminders.occurrences({ province: 'binh-phuoc', from: today, to: addDays(today, 60) });
      const from = (await agencies.byIds([owed[0]!.agencyId])).get(owed[0]!.agencyId)!;
      const into = (await agencies.list({ province: 'nghe-an' })).find((a) => !a.mergedIntoId)!;
      expect(await app.say('all', `/donvi gop ${from.code} ${into.code}`)).toContain('Đã gộp');

      expect(await app.say('bp', `/moi ${from.code}`)).toContain('không thuộc tỉnh bạn giám sát');
      expect(await app.press('bp', `i:${from.id}`)).toContain('không thuộc tỉnh bạn giám sát');
      expect(await app.say('bp', `/donvi doiten ${from.code} Tên mới`)).toContain(`Không có đơn vị mã «${from.code}»`);
      // The Bình Phước plan's work of that agency is now the Nghệ An agency's: its buttons are not Bình Phước's to press.
      const moved = (await running.app.reminders.occurrences({ province: 'binh-phuoc', agencyIds: [into.id], from: today, to: addDays(today, 60) }))[0]!;
      expect(await app.press('bp', `r:d:${moved.key}`)).toContain('không thuộc đơn vị của bạn');
      expect((await running.app.repos.reminders.states([moved.key])).get(moved.key)?.doneAt).toBeFalsy();
      // The * supervisor still can.
      expect(await app.press('all', `r:a:${moved.key}`)).toContain('Đã ghi nhận');
    });
  });

  describe('ids that name nothing (hole 8)', () => {
    const BAD = ['s:h:abc', 'q:h:abc', 'q:h:99999999999', 'q:h:2147483648', 'i:abc', 'i:99999999999999', 'u:a:abc', 'u:a:2147483648', 'q:c:9999999999999:poor', 'q:p:abc:ha-noi'];
    test.each(BAD)('%s pressed or typed gets "button no longer valid" or a plain answer, never a failure', async (data) => {
      const app = await start();
      await app.person('bp', [app.supervisor('binh-phuoc')]);
      await app.person('citizen');
      expect(await app.press('citizen', data)).toBe('Nút này không còn dùng được. Gõ /trogiup để xem các lệnh.');
      expect(await app.press('bp', data)).toBe('Nút này không còn dùng được. Gõ /trogiup để xem các lệnh.');
      expect(await app.say('bp', `/moi ${data}`)).toMatch(/Không tìm thấy đơn vị|Nút này không còn/);
      expect(await app.say('citizen', data)).not.toBe('');
    });

    test('/traloi with a number larger than any question says how to use it', async () => {
      const app = await start();
      await app.person('staff');
      expect(await app.say('staff', '/traloi 99999999999 Chào')).toBe('Cách dùng: /traloi <số câu hỏi> <nội dung trả lời>');
      expect(await app.say('staff', '/traloi 2147483648 Chào')).toBe('Cách dùng: /traloi <số câu hỏi> <nội dung trả lời>');
    });
  });
});
