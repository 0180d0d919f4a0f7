import { ZALO_WEBHOOK_PATH } from '../../src/channels/zalo/zalo-channel.js';
import type { Clock } from '../../src/services/clock.js';
import { person, startTelegramEmulator, type BotMessage, type TelegramServer } from './telegram-emulator.js';
import { startApp, type RunningApp } from './test-app.js';
import { ZaloEmulator } from './zalo-emulator.js';

/** Every chat channel a feature must work on. An end-to-end test runs once per channel, so they cannot drift apart. */
export const CHAT_CHANNELS = ['telegram', 'zalo'] as const;
export type ChatChannel = (typeof CHAT_CHANNELS)[number];

/** Someone talking to the service through a platform emulator, over HTTP. */
export interface ChatUser {
  /** The id the platform gives this user's chat (the service's chatId). */
  chatId: string;
  inbox: BotMessage[];
  say(text: string): Promise<void>;
  press(data: string): Promise<void>;
  /** Waits until `count` new messages arrived (or the time is up) and returns the new ones. */
  receive(count?: number, timeoutMs?: number): Promise<BotMessage[]>;
  /** What arrives within a quiet period: for checking that nothing does. */
  receiveAll(quietMs?: number): Promise<BotMessage[]>;
}

export interface Harness {
  channel: ChatChannel;
  running: RunningApp;
  telegram?: TelegramServer;
  zalo?: ZaloEmulator;
  user(id: number, name: string): ChatUser;
  /** With `alsoTelegram`, the same service's Telegram side: someone who uses both. */
  telegramUser?(id: number, name: string): ChatUser;
  /** Stops the service and starts it again on the same database and emulator. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  databaseUrl: string;
  clock: Clock;
  config?: Record<string, string>;
  /** Zalo only: run Telegram too, as a deployment with both channels does. */
  alsoTelegram?: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The service on one channel, with that channel's emulator. */
export async function startHarness(channel: ChatChannel, options: HarnessOptions): Promise<Harness> {
  return channel === 'telegram' ? startTelegram(options) : startZalo(options);
}

/** A Telegram user of the emulator, as a ChatUser. */
const telegramUser = (server: TelegramServer, id: number, name: string): ChatUser => ({ chatId: String(id), ...person(server, id, name) });

/** The harness around a service `start` can (re)start, and the emulators to stop with it. */
async function assemble(start: () => Promise<RunningApp>, emulators: { stop(): Promise<unknown> }[], fields: (harness: Harness) => Omit<Harness, 'running' | 'restart' | 'stop'>): Promise<Harness> {
  const harness = {
    running: await start(),
    async restart() {
      await harness.running.stop();
      harness.running = await start();
    },
    async stop() {
      await harness.running?.stop();
      for (const emulator of emulators) await emulator.stop();
    },
  } as Harness;
  return Object.assign(harness, fields(harness));
}

async function startTelegram(options: HarnessOptions): Promise<Harness> {
  const server = await startTelegramEmulator();
  return assemble(() => startApp({ ...options, telegramApiRoot: server.config.apiURL }), [server], () => ({
    channel: 'telegram',
    telegram: server,
    user: (id, name) => telegramUser(server, id, name),
  }));
}

async function startZalo(options: HarnessOptions): Promise<Harness> {
  const emulator = new ZaloEmulator('zalo-app-1', 'zalo-app-secret', 'zalo-oa-secret');
  // One time line: the OA's window and token expiry follow the service's clock.
  emulator.now = () => options.clock.now().getTime();
  await emulator.start();
  const telegram = options.alsoTelegram ? await startTelegramEmulator() : undefined;
  const start = () => startApp({ ...options, zalo: emulator, ...(telegram ? { telegramApiRoot: telegram.config.apiURL } : {}) });
  const harness = await assemble(start, telegram ? [emulator, telegram] : [emulator], (h) => ({
    channel: 'zalo',
    zalo: emulator,
    telegram,
    user: (id, name) => zaloUser(h, emulator, String(id), name),
    ...(telegram ? { telegramUser: (id: number, name: string) => telegramUser(telegram, id, name) } : {}),
  }));
  await harness.running.app.repos.channelTokens.setRefreshToken('zalo', emulator.issueRefreshToken());
  return harness;
}

// Zalo shows a long list of buttons as several messages of five (the service sends "(6–10)" and so on):
// to the reader they are one list, so they are read as one message here, as on Telegram.
const CONTINUATION = /^\(\d+–\d+\)$/;

const cursors = new WeakMap<ZaloEmulator, Map<string, number>>();

function zaloUser(harness: Harness, emulator: ZaloEmulator, userId: string, name: string): ChatUser {
  emulator.names.set(userId, name);
  const inbox: BotMessage[] = [];
  const pending: BotMessage[] = [];
  // Like a Telegram client, a second handle on the same user sees what the first did not read.
  const readUpTo = cursors.get(emulator) ?? new Map<string, number>();
  cursors.set(emulator, readUpTo);
  let read = readUpTo.get(userId) ?? 0;
  const webhook = () => `${harness.running.httpUrl}${ZALO_WEBHOOK_PATH}`;

  function pull(): void {
    const fresh = emulator.sent.slice(read).filter((s) => s.userId === userId);
    read = emulator.sent.length;
    readUpTo.set(userId, read);
    for (const m of fresh) {
      const buttons = m.buttons.map((b) => ({ text: b.title, data: b.payload }));
      const last = inbox.at(-1);
      if (CONTINUATION.test(m.text ?? '') && last) last.buttons.push(...buttons);
      else {
        const message = { text: m.text ?? '', buttons };
        inbox.push(message);
        pending.push(message);
      }
    }
  }

  async function send(text: string): Promise<void> {
    const status = await emulator.deliver(webhook(), emulator.userText(userId, text));
    if (status !== 200) throw new Error(`webhook answered ${status}`);
  }

  return {
    chatId: userId,
    inbox,
    say: send,
    // Pressing an oa.query.show button sends its payload as the user's message.
    press: send,
    async receive(count = 1, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      for (pull(); pending.length < count && Date.now() < until; pull()) await sleep(30);
      // Continuations of the last message may still be on their way: let them join it.
      await sleep(60);
      pull();
      return pending.splice(0);
    },
    async receiveAll(quietMs = 800) {
      await sleep(quietMs);
      pull();
      return pending.splice(0);
    },
  };
}
