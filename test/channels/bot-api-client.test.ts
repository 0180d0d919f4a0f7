import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Telegraf, TelegramError } from 'telegraf';
import { createBotApiClient } from '../../src/channels/bot-api-client.js';
import { blocked, ok, serverError, startScriptedBotApi, tooMany, type ScriptedReply } from '../support/scripted-bot-api.js';
import { freePort } from '../support/telegram-emulator.js';

const TOKEN = '123456:secret-token';

/** What a call came to: its result, or the failure as the channel reads it. */
async function outcome(call: () => Promise<unknown>): Promise<unknown> {
  try {
    return { result: await call() };
  } catch (e) {
    return e instanceof TelegramError ? { telegramError: e.response } : { error: String(e) };
  }
}

describe("the Bot API client the channel sends text with", () => {
  let api: Awaited<ReturnType<typeof startScriptedBotApi>>;
  beforeAll(async () => {
    api = await startScriptedBotApi();
  });
  afterAll(() => api?.stop());

  // A proxy in front of the Bot API may answer a failure with 200: it is read whole, and fails as telegraf's does.
  const refusedWith200: ScriptedReply = { status: 200, body: { ok: false, error_code: 400, description: 'Bad Request: chat not found' } };
  const answers: [string, ScriptedReply][] = [['sent', ok()], ['429 with retry_after', tooMany(7)], ['blocked', blocked()], ['server error', serverError()], ['a failure with 200', refusedWith200]];
  test.each(answers)('answers %s as telegraf does', async (name, reply) => {
    const bot = new Telegraf(TOKEN, { telegram: { apiRoot: api.apiRoot } });
    const client = createBotApiClient(TOKEN, api.apiRoot);
    const markup = { inline_keyboard: [[{ text: 'Xong', callback_data: 'r:d:1' }]] };
    api.script(`${name}-telegraf`, [reply]);
    api.script(`${name}-lean`, [reply]);
    const telegraf = await outcome(() => bot.telegram.sendMessage(`${name}-telegraf`, 'Nhắc hạn', { reply_markup: markup }));
    const lean = await outcome(() => client.send('sendMessage', { chat_id: `${name}-lean`, text: 'Nhắc hạn', reply_markup: markup }));
    // A message sent is not read back: nothing uses it.
    expect(lean).toEqual('result' in (telegraf as object) ? { result: undefined } : telegraf);
    expect(api.calls.filter((c) => c.chatId.startsWith(name)).map((c) => c.status)).toEqual([reply.status, reply.status]);
  });

  test('a server that cannot be reached fails with an error that does not show the token', async () => {
    const client = createBotApiClient(TOKEN, `http://127.0.0.1:${await freePort()}`);
    const failure = await outcome(() => client.send('sendMessage', { chat_id: '1', text: 'x' }));
    expect(failure).toEqual({ error: expect.stringContaining('ECONNREFUSED') });
    expect(JSON.stringify(failure)).not.toContain('secret-token');
  });
});
