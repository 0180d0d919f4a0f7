import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest';
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

describe('a kept-alive connection the Bot API closed', () => {
  /** A Bot API that answers ok, and drops the connection on the calls `drop` picks (by the call's number on its connection). */
  async function serverThatDrops(drop: (callOnConnection: number) => boolean) {
    const calls: { connection: number; call: number; dropped: boolean }[] = [];
    const connections = new WeakMap<object, { id: number; calls: number }>();
    let opened = 0;
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        let seen = connections.get(req.socket);
        if (!seen) connections.set(req.socket, (seen = { id: ++opened, calls: 0 }));
        const call = ++seen.calls;
        const dropped = drop(call);
        calls.push({ connection: seen.id, call, dropped });
        if (dropped) return void req.socket.destroy();
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"result":{"message_id":1}}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    return { apiRoot: `http://127.0.0.1:${port}`, calls };
  }

  test('is taken again on a new connection, once, when it was closed as the next call went out', async () => {
    const api = await serverThatDrops((call) => call === 2);
    const client = createBotApiClient(TOKEN, api.apiRoot);
    await client.send('sendMessage', { chat_id: '1', text: 'một' });
    await client.send('sendMessage', { chat_id: '1', text: 'hai' });
    expect(api.calls).toEqual([
      { connection: 1, call: 1, dropped: false },
      { connection: 1, call: 2, dropped: true },
      { connection: 2, call: 1, dropped: false },
    ]);
  });

  test('a new connection dropped is a failure, not tried again', async () => {
    const api = await serverThatDrops(() => true);
    const client = createBotApiClient(TOKEN, api.apiRoot);
    expect(await outcome(() => client.send('sendMessage', { chat_id: '1', text: 'x' }))).toEqual({ error: expect.stringContaining('socket hang up') });
    expect(api.calls).toHaveLength(1);
  });
});
