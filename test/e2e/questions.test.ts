import { describe, expect, test } from 'vitest';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { manualClock } from '../../src/services/clock.js';
import { CHAT_CHANNELS, harnessForTest } from '../support/chat-harness.js';
import { DATABASES } from '../support/databases.js';
import type { BotMessage } from '../support/telegram-emulator.js';
import { cli } from '../support/test-app.js';

const STAFF_ID = 7001;
const button = (message: BotMessage | undefined, label: string | RegExp) => {
  const found = message?.buttons.find((b) => (typeof label === 'string' ? b.text === label : label.test(b.text)));
  if (!found) throw new Error(`no button ${label} in ${JSON.stringify(message)}`);
  return found.data;
};

const RUNS = CHAT_CHANNELS.flatMap((channel) => DATABASES.map((kind) => [channel, kind] as const));

describe.each(RUNS)("citizens' questions end to end on %s (%s)", (channel, kind) => {
  /** The service on 23/11/2026 with its staff chat, for one test. */
  const start = async () => {
    const harness = await harnessForTest(channel, kind, { clock: manualClock(atLocalTime('2026-11-23', '09:00')), config: { STAFF_CHAT: `${channel}:${STAFF_ID}` } });
    return {
      harness,
      deliver: () => harness.running.app.scheduler.runOnce(),
      person: (id: number, name: string) => harness.user(id, name),
    };
  };

  test('a question without diacritics gets the exact figure, dated, with its legal basis', async () => {
    const { person } = await start();
    const citizen = person(501, 'Hoa');
    await citizen.say('ho ngheo dong bhxh tu nguyen bao nhieu 1 thang');
    const [reply] = await citizen.receive();
    // 22% of the 1.500.000 đ poverty line is 330.000 đ; poor households get 50% of it from the State.
    expect(reply!.text).toContain('330.000 đ');
    expect(reply!.text).toContain('165.000 đ');
    expect(reply!.text).toContain('23/11/2026');
    expect(reply!.text).toContain('NĐ 159/2025/NĐ-CP');
  });

  test('a question about 2024 is answered with the rules then in force (30 / 25 / 10%)', async () => {
    const { person } = await start();
    const citizen = person(502, 'Tùng');
    await citizen.say('năm 2024 tôi được nhà nước hỗ trợ mấy phần trăm');
    const [reply] = await citizen.receive();
    expect(reply!.text).toMatch(/30%[\s\S]*25%[\s\S]*10%/);
    expect(reply!.text).toContain('NĐ 134/2015/NĐ-CP');
    expect(reply!.text).not.toContain('NĐ 159/2025');
  });

  test('a question in English is answered in English', async () => {
    const { person } = await start();
    const citizen = person(507, 'Anna');
    await citizen.say('how much does the state pay for me');
    const [reply] = await citizen.receive();
    expect(reply!.text).toContain('Near-poor households: 40% (132.000 đ)');
    expect(reply!.text).toContain('NĐ 159/2025/NĐ-CP');
  });

  test('the guided flow walks category → province → income → mode with buttons and typed answers', async () => {
    const { harness, person } = await start();
    const citizen = person(503, 'Mai');
    await citizen.say('/hotro');
    const [, category] = await citizen.receive(2);
    expect(category!.text).toContain('1/4');
    await citizen.press(button(category, 'hộ cận nghèo'));
    const [province] = await citizen.receive();
    expect(province!.text).toContain('2/4');
    await citizen.press(button(province, 'Hà Nội'));
    const [income] = await citizen.receive();
    expect(income!.text).toContain('3/4');
    await citizen.say('60tr');
    const [outOfRange] = await citizen.receive();
    // The ceiling is 20 × the 2.530.000 đ reference level.
    expect(outOfRange!.text).toContain('từ 1.500.000 đ đến 50.600.000 đ');
    await citizen.say('3tr5');
    const [mode] = await citizen.receive();
    expect(mode!.text).toContain('4/4');
    await citizen.press(button(mode, '6 tháng'));
    const [result] = await citizen.receive();
    // 22% × 3.500.000 = 770.000; support is on 22% of the poverty line (330.000):
    // State 40% = 132.000, Hà Nội 60% = 198.000; she pays 440.000 a month, 2.640.000 every 6 months.
    expect(result!.text).toContain('770.000 đ');
    expect(result!.text).toContain('132.000 đ');
    expect(result!.text).toContain('198.000 đ');
    expect(result!.text).toContain('440.000 đ');
    expect(result!.text).toContain('2.640.000 đ');
    expect(result!.text).toContain('Hà Nội');
    // The flow is over: a new message is a question again, not an answer to step 4.
    expect(await harness.running.app.repos.chatState.get({ channel, chatId: citizen.chatId })).toBeUndefined();
  });

  test('/tinh answers in one line', async () => {
    const { person } = await start();
    const citizen = person(504, 'Nam');
    await citizen.say('/tinh can ngheo 3tr 6 thang');
    const [reply] = await citizen.receive();
    // 22% × 3.000.000 = 660.000; State 40% × 330.000 = 132.000; 528.000 a month, 3.168.000 every 6 months.
    expect(reply!.text).toContain('660.000 đ');
    expect(reply!.text).toContain('528.000 đ');
    expect(reply!.text).toContain('3.168.000 đ');
  });

  test('an out-of-scope question is not guessed: it is handed to staff and their reply reaches the citizen', async () => {
    const { harness, person, deliver } = await start();
    const citizen = person(505, 'Bình');
    const staff = person(STAFF_ID, 'Cán bộ');
    // The staff member has the bot's chat open (on Zalo, the OA may write only to people who wrote lately).
    await staff.say('/trogiup');
    await staff.receive();
    await citizen.say('cho tôi hỏi thời tiết Hà Nội ngày mai thế nào');
    const [fallback] = await citizen.receive();
    expect(fallback!.text).toContain('chưa chắc hiểu đúng');
    expect(fallback!.text).not.toMatch(/\d{3}\.000 đ/);
    expect(fallback!.buttons.length).toBeGreaterThan(1);
    await citizen.press(button(fallback, 'Chuyển câu hỏi cho cán bộ BHXH'));
    const [forwarded] = await citizen.receive();
    expect(forwarded!.text).toContain('Đã chuyển câu hỏi');
    const questionId = /số (\d+)/.exec(forwarded!.text)![1]!;

    await deliver();
    const [toStaff] = await staff.receive();
    expect(toStaff!.text).toContain('thời tiết Hà Nội ngày mai');
    expect(toStaff!.text).toContain(`/traloi ${questionId}`);

    await staff.say(`/traloi ${questionId} Chào anh, bot chỉ trả lời về BHXH tự nguyện. Anh xem dự báo thời tiết nhé.`);
    expect((await staff.receive())[0]!.text).toContain(`câu hỏi số ${questionId}`);
    await deliver();
    const [answer] = await citizen.receive();
    expect(answer!.text).toContain('Cán bộ BHXH trả lời');
    expect(answer!.text).toContain('Anh xem dự báo thời tiết nhé.');

    const listed = await cli(['questions', 'unanswered'], harness.databaseUrl);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`#${questionId}\\t.*cán bộ đã trả lời.*thời tiết Hà Nội`));
  });

  test('only the staff chat may reply, and a citizen cannot hand off twice', async () => {
    const { person, deliver } = await start();
    const staff = person(STAFF_ID, 'Cán bộ');
    // The staff member has the bot's chat open (on Zalo, the OA may write only to people who wrote lately).
    await staff.say('/trogiup');
    await staff.receive();
    const citizen = person(506, 'Lan');
    await citizen.say('/traloi 1 xin chào');
    expect((await citizen.receive())[0]!.text).toBe('Lệnh này chỉ dùng trong nhóm cán bộ trả lời câu hỏi.');
    await citizen.say('giá vàng hôm nay bao nhiêu');
    const [fallback] = await citizen.receive();
    const handOff = button(fallback, 'Chuyển câu hỏi cho cán bộ BHXH');
    await citizen.press(handOff);
    await citizen.receive();
    await citizen.press(handOff);
    expect((await citizen.receive())[0]!.text).toContain('đã được chuyển');
    await deliver();
    expect((await staff.receive()).filter((m) => m.text.includes('giá vàng'))).toHaveLength(1);
  });
});
