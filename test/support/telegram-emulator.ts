import { createServer } from 'node:net';
import TelegramServer from 'telegram-test-api';

export const BOT_TOKEN = 'test-bot-token';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** telegram-test-api on a loopback port: the Bot API for the bot, a client API for the test's "people". */
export type { TelegramServer };

export async function startTelegramEmulator(): Promise<TelegramServer> {
  const server = new TelegramServer({ port: await freePort(), host: '127.0.0.1', storeTimeout: 600 });
  await server.start();
  return server;
}

export interface BotMessage {
  text: string;
  buttons: { text: string; data: string }[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A person talking to the bot through the emulator, over HTTP. */
export function person(server: TelegramServer, id: number, firstName: string) {
  const client = server.getClient(BOT_TOKEN, { userId: id, chatId: id, firstName, userName: `user${id}`, type: 'private' });
  const inbox: BotMessage[] = [];

  // The emulator's client API, called directly: TelegramClient.getUpdates() keeps polling in the background after it times out.
  async function fetchNew(): Promise<BotMessage[]> {
    const response = await fetch(`${server.config.apiURL}/getUpdates`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: BOT_TOKEN, chatId: id }) });
    const updates = (await response.json()) as { result: { message: { text?: string; reply_markup?: unknown } }[] };
    const messages = updates.result.map((u) => {
      const markup = u.message.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined;
      return { text: String(u.message.text), buttons: (markup?.inline_keyboard ?? []).flat().map((b) => ({ text: b.text, data: b.callback_data })) };
    });
    inbox.push(...messages);
    return messages;
  }

  return {
    inbox,
    async say(text: string): Promise<void> {
      await client.sendMessage(client.makeMessage(text));
    },
    async press(data: string): Promise<void> {
      await client.sendCallback(client.makeCallbackQuery(data));
    },
    /** Waits until `count` new messages arrived (or the time is up) and returns the new ones. */
    async receive(count = 1, timeoutMs = 10_000): Promise<BotMessage[]> {
      const got: BotMessage[] = [];
      const until = Date.now() + timeoutMs;
      while (got.length < count && Date.now() < until) {
        got.push(...(await fetchNew()));
        if (got.length < count) await sleep(50);
      }
      return got;
    },
    /** What arrives within a quiet period: for checking that nothing does. */
    async receiveAll(quietMs = 800): Promise<BotMessage[]> {
      await sleep(quietMs);
      return fetchNew();
    },
  };
}
