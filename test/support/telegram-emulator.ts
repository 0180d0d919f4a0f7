import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:net';
import TelegramServer from 'telegram-test-api';
import { Signal } from './signal.js';

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

export interface BotMessage {
  text: string;
  buttons: { text: string; data: string }[];
}

/** A file the bot sent (sendDocument, sendPhoto), as it arrived. */
export interface SentFile {
  chatId: string;
  method: string;
  filename: string;
  data: Buffer;
}

/** telegram-test-api on a loopback port: the Bot API for the bot, a client API for the test's "people". */
export interface TelegramEmulator {
  server: TelegramServer;
  apiURL: string;
  /** Fires each time the bot sends a message. */
  botMessages: Signal;
  /** Resolves once the bot has handled every update people sent and waits for the next one. */
  botIdle(): Promise<void>;
  /** Files the bot sent, in order. */
  files: SentFile[];
  stop(): Promise<void>;
}

const USER_UPDATES = ['AddedUserMessage', 'AddedUserCommand', 'AddedUserCallbackQuery'];

/** `updatesPerPoll`: at most this many updates per getUpdates (the Bot API's 100 unless said). */
export async function startTelegramEmulator(options: { updatesPerPoll?: number } = {}): Promise<TelegramEmulator> {
  const server = new TelegramServer({ port: await freePort(), host: '127.0.0.1', storeTimeout: 600 });
  limitUpdates(server, options.updatesPerPoll ?? UPDATES_PER_POLL);
  const polls = longPolling(server);
  const files = acceptUploads(server);
  const botMessages = new Signal();
  server.on('AddedBotMessage', () => botMessages.notify());
  await server.start();
  return {
    server,
    apiURL: server.config.apiURL,
    botMessages,
    botIdle: polls.idle,
    files,
    async stop() {
      polls.releaseAll();
      await server.stop();
    },
  };
}

/** The Bot API's default and largest `limit` of getUpdates. */
const UPDATES_PER_POLL = 100;

/**
 * telegram-test-api hands a bot every unread update at once; the Bot API at most 100 per getUpdates. A burst (a
 * thousand people writing at once) then reaches the bot in batches, as it does from Telegram.
 */
function limitUpdates(server: TelegramServer, limit: number): void {
  const format = TelegramServer['formatUpdate'] as (update: unknown) => ReturnType<TelegramServer['getUpdates']>[number];
  server.getUpdates = (token: string) => {
    const batch = server.storage.userMessages.filter((u) => u.botToken === token && !u.isRead).slice(0, limit);
    for (const update of batch) update.isRead = true;
    return batch.map(format);
  };
}

/**
 * telegram-test-api answers getUpdates at once, so telegraf, which long-polls, would ask again and again and keep a
 * core busy while a test waits. Like the real Bot API, a getUpdates with a `timeout` is held here until someone
 * writes to the bot (or the timeout passes). A held request also tells the test that the bot is idle: telegraf
 * asks for more only once it has handled the updates it got.
 */
function longPolling(server: TelegramServer) {
  const held = new Set<() => void>();
  const parked = new Signal();
  const unread = () => server.storage.userMessages.some((u) => !u.isRead);
  const releaseAll = () => {
    for (const answer of [...held]) answer();
  };
  for (const event of USER_UPDATES) server.on(event, releaseAll);

  // A route parameter's handler runs after the body is parsed and before the library's route: the one public hook.
  type Request = IncomingMessage & { path: string; body?: { timeout?: unknown } };
  const app = server['webServer'] as { param(name: string, handler: (req: Request, res: ServerResponse, next: () => void) => void): void };
  app.param('token', (req, res, next) => {
    const timeoutSeconds = Number(req.body?.timeout ?? 0);
    if (!req.path.endsWith('/getUpdates') || !(timeoutSeconds > 0) || unread()) return next();
    const timer = setTimeout(() => answer(), timeoutSeconds * 1000);
    const forget = () => {
      held.delete(answer);
      clearTimeout(timer);
      res.off('close', forget);
    };
    const answer = () => {
      forget();
      next();
    };
    // The bot stopped polling (its request was aborted): nothing to answer.
    res.on('close', forget);
    held.add(answer);
    parked.notify();
  });

  return {
    releaseAll,
    async idle(): Promise<void> {
      for (;;) {
        const seen = parked.seen;
        if (held.size > 0 && !unread()) return;
        await parked.after(seen);
      }
    },
  };
}

/**
 * telegram-test-api has no sendDocument or sendPhoto: here they are taken like the Bot API takes them (a
 * multipart upload) and kept, so a test reads the spreadsheet a person would have received.
 */
function acceptUploads(server: TelegramServer): SentFile[] {
  const files: SentFile[] = [];
  type Request = IncomingMessage & { path: string; headers: Record<string, string | undefined> };
  const app = server['webServer'] as { param(name: string, handler: (req: Request, res: ServerResponse, next: () => void) => void): void };
  let messageId = 1_000_000;
  app.param('token', (req, res, next) => {
    const method = req.path.split('/').pop() ?? '';
    const type = req.headers['content-type'] ?? '';
    if (!['sendDocument', 'sendPhoto'].includes(method) || !type.startsWith('multipart/form-data')) return next();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        // The multipart body is read by the platform's own Fetch implementation, not by hand.
        const form = await new Response(new Uint8Array(Buffer.concat(chunks)), { headers: { 'content-type': type } }).formData();
        const file = (form.get('document') ?? form.get('photo')) as File;
        const chatId = String(form.get('chat_id') ?? '');
        files.push({ chatId, method, filename: file.name, data: Buffer.from(await file.arrayBuffer()) });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, result: { message_id: messageId++, date: Math.floor(Date.now() / 1000), chat: { id: Number(chatId), type: 'private' } } }));
      })();
    });
  });
  return files;
}

/** Someone writing to the bot through the emulator's client API, over HTTP; `take` returns what the bot sent them since last asked. */
/** A Telegram update as the Bot API posts it to a webhook: someone's text message in their private chat. */
export function telegramTextUpdate(updateId: number, chatId: number, text: string, firstName = 'Lan') {
  const person = { id: chatId, is_bot: false, first_name: firstName };
  return { update_id: updateId, message: { message_id: updateId, date: 1_780_000_000, from: person, chat: { ...person, type: 'private' }, text } };
}

export function telegramPerson(emulator: TelegramEmulator, id: number, firstName: string) {
  const client = emulator.server.getClient(BOT_TOKEN, { userId: id, chatId: id, firstName, userName: `user${id}`, type: 'private' });
  return {
    chatId: String(id),
    async say(text: string): Promise<void> {
      await client.sendMessage(client.makeMessage(text));
    },
    async press(data: string): Promise<void> {
      await client.sendCallback(client.makeCallbackQuery(data));
    },
    // The client API called directly: TelegramClient.getUpdates() keeps polling in the background after it times out.
    async take(): Promise<BotMessage[]> {
      const response = await fetch(`${emulator.apiURL}/getUpdates`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: BOT_TOKEN, chatId: id }) });
      const updates = (await response.json()) as { result: { message: { text?: string; reply_markup?: unknown } }[] };
      return updates.result.map((u) => {
        const markup = u.message.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined;
        return { text: String(u.message.text), buttons: (markup?.inline_keyboard ?? []).flat().map((b) => ({ text: b.text, data: b.callback_data })) };
      });
    },
  };
}
