import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { CANCEL_WORDS, FLOW_TTL_MS } from '../../src/conversation/flow.js';
import { manualClock } from '../../src/services/clock.js';
import type { OutgoingMessage } from '../../src/messaging/message.js';
import { freshDatabaseUrl } from '../support/databases.js';
import { startApp, type RunningApp } from '../support/test-app.js';

const START = atLocalTime('2026-11-23', '09:00');

describe('guided flows: /hotro and /capnhat on one kit', () => {
  let running: RunningApp;
  let agencyId: number;
  let agencyName: string;
  let chats = 0;
  const clock = manualClock(START);
  const handle = (chatId: string, input: { text: string } | { data: string }) => running.app.conversation.handle({ channel: 'console', chatId, name: chatId, ...input });
  const say = (chatId: string, text: string) => handle(chatId, { text });
  const press = (chatId: string, data: string) => handle(chatId, { data });
  const stored = async (chatId: string) => (await running.app.repos.chatState.get<{ step: string }>({ channel: 'console', chatId }))?.data.step;
  const vi = (key: string) => running.app.i18n.getFixedT('vi')(key as never);
  const buttons = (reply: OutgoingMessage[]) => reply.at(-1)!.buttons!.flat();
  const cancelButton = (reply: OutgoingMessage[]) => buttons(reply).at(-1)!;

  /** A new chat; for /capnhat, a focal point of one agency. */
  async function newChat(command: string): Promise<string> {
    const chatId = `chat-${++chats}`;
    if (command === '/capnhat') {
      const { people } = running.app.repos;
      const person = await people.personForChat({ channel: 'console', chatId, name: chatId, language: 'vi', at: clock.now() });
      await people.addRole(person.id, { kind: 'focal', agencyId, province: null });
    }
    return chatId;
  }

  beforeAll(async () => {
    running = await startApp({ databaseUrl: await freshDatabaseUrl('sqlite'), clock });
    ({ id: agencyId, name: agencyName } = (await running.app.repos.agencies.list({ province: 'binh-phuoc' }))[0]!);
  });
  afterAll(() => running?.stop());

  test('one list of cancel words, folded', () => {
    expect(CANCEL_WORDS).toEqual(['huy', 'thoat', 'dung', 'cancel', 'stop', 'quit']);
  });

  const FLOWS = [
    { command: '/hotro', first: 'category', cancelled: 'citizen:flow.cancelled', expired: 'citizen:flow.expired' },
    { command: '/capnhat', first: 'period', cancelled: 'progress:flow.cancelled', expired: 'progress:flow.expired' },
  ];

  describe.each(FLOWS)('$command', ({ command, first, cancelled, expired }) => {
    test.each(['Huỷ', 'hủy', 'Thoát', 'Dừng', 'dung', 'cancel', 'STOP', 'quit!'])('typing «%s» stops it', async (word) => {
      clock.set(START);
      const chat = await newChat(command);
      await say(chat, command);
      expect(await stored(chat)).toBe(first);
      expect((await say(chat, word)).map((m) => m.text)).toEqual([vi(cancelled)]);
      expect(await stored(chat)).toBeUndefined();
    });

    test('«đúng» ("right"), which folds like «dừng», does not throw the answers away', async () => {
      clock.set(START);
      const chat = await newChat(command);
      await say(chat, command);
      await say(chat, 'Đúng');
      expect(await stored(chat)).toBe(first);
    });

    test('its cancel button stops it, even pressed again once it has', async () => {
      clock.set(START);
      const chat = await newChat(command);
      const cancel = cancelButton(await say(chat, command));
      expect(cancel.text).toContain(command === '/hotro' ? vi('citizen:flow.cancelButton') : vi('progress:flow.cancel'));
      expect((await press(chat, cancel.data)).map((m) => m.text)).toEqual([vi(cancelled)]);
      expect(await stored(chat)).toBeUndefined();
      expect((await press(chat, cancel.data)).map((m) => m.text)).toEqual([vi(cancelled)]);
    });

    test('left waiting a day, it is not resumed: a reply is a new message, a button is stale', async () => {
      clock.set(START);
      const chat = await newChat(command);
      const asked = await say(chat, command);
      const answer = command === '/hotro' ? '2' : '9/2026';
      // A moment before the limit the flow still waits.
      clock.set(new Date(START.getTime() + FLOW_TTL_MS - 60_000));
      const early = await newChat(command);
      await say(early, command);
      clock.set(new Date(START.getTime() + FLOW_TTL_MS + 60_000));
      await say(early, answer);
      expect(await stored(early)).not.toBe(first);

      await say(chat, answer);
      expect(await stored(chat)).toBe(first);
      // The buttons of the first question: for /hotro a category starts over, so press a later step's.
      if (command === '/hotro') {
        clock.set(START);
        const province = buttons(await press(chat, buttons(asked)[0]!.data))[0]!;
        clock.set(new Date(START.getTime() + FLOW_TTL_MS + 60_000));
        expect((await press(chat, province.data)).map((m) => m.text)).toEqual([vi(expired)]);
        expect(await stored(chat)).toBe('province');
      } else {
        expect((await press(chat, buttons(asked)[1]!.data)).map((m) => m.text)).toEqual([vi(expired)]);
        expect(await stored(chat)).toBe(first);
      }
    });
  });

  test('a clarifying question waits for its typed answer as a flow does, and no longer', async () => {
    clock.set(START);
    const chat = await newChat('question');
    const asked = 'hộ nghèo hay cận nghèo thì đóng bao nhiêu một tháng';
    await say(chat, asked);
    // Near-poor (option 2): the State pays 40% × 330.000 = 132.000; 198.000 is left to pay.
    expect((await say(chat, '2'))[0]!.text).toContain('198.000 đ');
    await say(chat, asked);
    clock.set(new Date(START.getTime() + FLOW_TTL_MS + 60_000));
    expect((await say(chat, '2'))[0]!.text).not.toContain('198.000 đ');
  });

  test('/hotro: typed replies and buttons both take each step', async () => {
    clock.set(START);
    const typed = await newChat('/hotro');
    await say(typed, '/hotro');
    for (const [reply, step] of [['2', 'province'], ['Hà Nội', 'income'], ['3tr5', 'months']] as const) {
      await say(typed, reply);
      expect(await stored(typed)).toBe(step);
    }
    expect((await say(typed, '6'))[0]!.text).toContain('Hà Nội');
    expect(await stored(typed)).toBeUndefined();

    const pressed = await newChat('/hotro');
    let reply = await say(pressed, '/hotro');
    for (const step of ['province', 'income', 'months']) {
      reply = await press(pressed, buttons(reply)[0]!.data);
      expect(await stored(pressed)).toBe(step);
    }
    await press(pressed, buttons(reply)[0]!.data);
    expect(await stored(pressed)).toBeUndefined();
  });

  test('/capnhat: typed replies and buttons both take each step, and both save', async () => {
    clock.set(START);
    const typed = await newChat('/capnhat');
    await say(typed, '/capnhat');
    for (const [reply, step] of [['9/2026', 'menu'], ['tunguyen', 'value'], ['25', 'menu']] as const) {
      await say(typed, reply);
      expect(await stored(typed)).toBe(step);
    }
    expect((await say(typed, 'Lưu'))[0]!.text).toContain(agencyName);
    expect(await stored(typed)).toBeUndefined();

    const pressed = await newChat('/capnhat');
    const periods = await say(pressed, '/capnhat');
    const menu = await press(pressed, buttons(periods)[1]!.data);
    expect(await stored(pressed)).toBe('menu');
    await press(pressed, buttons(menu)[0]!.data);
    expect(await stored(pressed)).toBe('value');
    const after = await say(pressed, '30');
    expect(await stored(pressed)).toBe('menu');
    const save = buttons(after).find((b) => b.text === vi('progress:flow.save'))!;
    const saved = await press(pressed, save.data);
    expect(saved[0]!.text).toContain(agencyName);
    expect(await stored(pressed)).toBeUndefined();
  });
});
