import { onTestFinished } from 'vitest';
import { ZALO_WEBHOOK_PATH } from '../../src/channels/zalo/zalo-channel.js';
import type { InboundEventRepo } from '../../src/repositories/inbound-event-repo.js';
import type { Clock } from '../../src/services/clock.js';
import { freshDatabaseUrl, type DatabaseKind, type Seed } from './databases.js';
import { Signal } from './signal.js';
import { startTelegramEmulator, telegramPerson, type BotMessage, type TelegramEmulator } from './telegram-emulator.js';
import { SEED_PLANS, startApp, type RunningApp } from './test-app.js';
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
  /**
   * Waits until `count` new messages arrived and the service has finished what it was doing, and returns every new
   * one. Fails, with what did arrive, as soon as the service is idle with fewer: nothing more can come then.
   */
  receive(count?: number): Promise<BotMessage[]>;
  /** What has arrived once the service has nothing left to do: for checking that nothing does. */
  receiveAll(): Promise<BotMessage[]>;
  /**
   * The files the service sent this user so far, as they would open them: a document or photo on Telegram,
   * downloaded from its link on Zalo.
   */
  files(): Promise<{ filename: string; data: Buffer }[]>;
}

export interface Harness {
  channel: ChatChannel;
  databaseUrl: string;
  running: RunningApp;
  telegram?: TelegramEmulator;
  zalo?: ZaloEmulator;
  user(id: number, name: string): ChatUser;
  /** With `alsoTelegram`, the same service's Telegram side: someone who uses both. */
  telegramUser?(id: number, name: string): ChatUser;
  /** Resolves once the service has handled everything people sent it, and sent all it had to say. */
  settled(): Promise<void>;
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

/** The service on one channel, with that channel's emulator. */
export async function startHarness(channel: ChatChannel, options: HarnessOptions): Promise<Harness> {
  return channel === 'telegram' ? startTelegram(options) : startZalo(options);
}

/**
 * The service on one channel for the running test alone, over a fresh database of `kind` holding `plans` (by
 * default the plans the service ships with) and `seed`; stopped when the test ends. No test sees another's state.
 */
export async function harnessForTest(channel: ChatChannel, kind: DatabaseKind, options: Omit<HarnessOptions, 'databaseUrl'> & { plans?: string; seed?: Seed }): Promise<Harness> {
  const { plans = SEED_PLANS, seed, ...rest } = options;
  const databaseUrl = await freshDatabaseUrl(kind, { plans, seed });
  const harness = await startHarness(channel, { ...rest, databaseUrl, config: { PLANS_DIR: plans, ...rest.config } });
  onTestFinished(() => harness.stop());
  return harness;
}

/** What a platform's side of one user gives the harness: how to write, and the bot's new messages to them. */
interface Mailbox {
  chatId: string;
  say(text: string): Promise<void>;
  press(data: string): Promise<void>;
  take(): BotMessage[] | Promise<BotMessage[]>;
  files(inbox: readonly BotMessage[]): Promise<{ filename: string; data: Buffer }[]>;
}

function chatUser(mailbox: Mailbox, arrivals: Signal, settled: () => Promise<void>): ChatUser {
  const inbox: BotMessage[] = [];
  const take = async () => {
    const fresh = await mailbox.take();
    inbox.push(...fresh);
    return fresh;
  };
  return {
    chatId: mailbox.chatId,
    inbox,
    say: (text) => mailbox.say(text),
    press: (data) => mailbox.press(data),
    async receive(count = 1) {
      const got: BotMessage[] = [];
      for (;;) {
        const seen = arrivals.seen;
        got.push(...(await take()));
        if (got.length >= count) break;
        const idle = await Promise.race([arrivals.after(seen).then(() => false), settled().then(() => true)]);
        if (!idle) continue;
        got.push(...(await take()));
        if (got.length >= count) break;
        throw new Error(`chat ${mailbox.chatId} expected ${count} message(s) but the service is idle after ${got.length}: ${JSON.stringify(got.map((m) => m.text))}`);
      }
      // The last message may come in parts (Zalo's long button lists): what the service is still sending belongs to it.
      await settled();
      return [...got, ...(await take())];
    },
    async receiveAll() {
      await settled();
      return take();
    },
    async files() {
      await settled();
      await take();
      return mailbox.files(inbox);
    },
  };
}

/** The harness around a service `start` can (re)start, and the emulators to stop with it. */
async function assemble(
  options: HarnessOptions,
  start: () => Promise<RunningApp>,
  emulators: { stop(): Promise<unknown> }[],
  fields: (harness: Harness) => Omit<Harness, 'databaseUrl' | 'running' | 'settled' | 'restart' | 'stop'>,
  idle: (harness: Harness) => Promise<void>,
): Promise<Harness> {
  const harness = {
    databaseUrl: options.databaseUrl,
    running: await start(),
    settled: () => idle(harness),
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

const telegramUser = (emulator: TelegramEmulator, settled: () => Promise<void>, id: number, name: string): ChatUser =>
  chatUser(
    { ...telegramPerson(emulator, id, name), files: async () => emulator.files.filter((f) => f.chatId === String(id)).map(({ filename, data }) => ({ filename, data })) },
    emulator.botMessages,
    settled,
  );

async function startTelegram(options: HarnessOptions): Promise<Harness> {
  const emulator = await startTelegramEmulator();
  return assemble(
    options,
    () => startApp({ ...options, telegramApiRoot: emulator.apiURL }),
    [emulator],
    (h) => ({ channel: 'telegram', telegram: emulator, user: (id, name) => telegramUser(emulator, h.settled, id, name) }),
    // Handlers wake the outbox (a reply queued for someone else) before the bot asks for more.
    async (h) => {
      await emulator.botIdle();
      await h.running.app.outbox.idle();
    },
  );
}

async function startZalo(options: HarnessOptions): Promise<Harness> {
  const emulator = new ZaloEmulator('zalo-app-1', 'zalo-app-secret', 'zalo-oa-secret');
  // One time line: the OA's window and token expiry follow the service's clock.
  emulator.now = () => options.clock.now().getTime();
  await emulator.start();
  const telegram = options.alsoTelegram ? await startTelegramEmulator() : undefined;
  const events = new WeakMap<RunningApp, () => Promise<void>>();
  const start = async () => {
    const running = await startApp({ ...options, zalo: emulator, ...(telegram ? { telegramApiRoot: telegram.apiURL } : {}) });
    events.set(running, watchZaloEvents(running.app.repos.inboundEvents));
    return running;
  };
  const harness = await assemble(
    options,
    start,
    telegram ? [emulator, telegram] : [emulator],
    (h) => ({
      channel: 'zalo',
      zalo: emulator,
      telegram,
      user: (id, name) => zaloUser(h, emulator, String(id), name),
      ...(telegram ? { telegramUser: (id: number, name: string) => telegramUser(telegram, h.settled, id, name) } : {}),
    }),
    async (h) => {
      await events.get(h.running)!();
      await telegram?.botIdle();
      await h.running.app.outbox.idle();
    },
  );
  await harness.running.app.repos.channelTokens.setRefreshToken('zalo', emulator.issueRefreshToken());
  return harness;
}

/**
 * The webhook answers Zalo's 200 before it handles an event (Zalo wants a quick answer), so the HTTP reply does not
 * tell when the service is done with it. The service records each event in its inbound-event log and marks it
 * processed when done: watching those two calls on the running service's log tells when nothing is in hand.
 */
export function watchZaloEvents(events: InboundEventRepo): () => Promise<void> {
  const inHand = new Set<string>();
  const finished = new Signal();
  const { record, markProcessed } = events;
  events.record = async (channel, eventId, ...rest) => {
    const fresh = await record(channel, eventId, ...rest);
    if (fresh) inHand.add(eventId);
    return fresh;
  };
  events.markProcessed = async (channel, eventId, ...rest) => {
    try {
      await markProcessed(channel, eventId, ...rest);
    } finally {
      inHand.delete(eventId);
      finished.notify();
    }
  };
  return async () => {
    for (;;) {
      const seen = finished.seen;
      if (!inHand.size) return;
      await finished.after(seen);
    }
  };
}

// Zalo shows a long list of buttons as several messages of five (the service sends "(6–10)" and so on):
// to the reader they are one list, so they are read as one message here, as on Telegram.
const CONTINUATION = /^\(\d+–\d+\)$/;

const cursors = new WeakMap<ZaloEmulator, Map<string, number>>();

function zaloUser(harness: Harness, emulator: ZaloEmulator, userId: string, name: string): ChatUser {
  emulator.names.set(userId, name);
  // Like a Telegram client, a second handle on the same user sees what the first did not read.
  const readUpTo = cursors.get(emulator) ?? new Map<string, number>();
  cursors.set(emulator, readUpTo);
  let read = readUpTo.get(userId) ?? 0;
  let last: BotMessage | undefined;
  const send = async (text: string) => {
    const status = await emulator.deliver(`${harness.running.httpUrl}${ZALO_WEBHOOK_PATH}`, emulator.userText(userId, text));
    if (status !== 200) throw new Error(`webhook answered ${status}`);
  };
  return chatUser(
    {
      chatId: userId,
      say: send,
      // Pressing an oa.query.show button sends its payload as the user's message.
      press: send,
      take() {
        const fresh = emulator.sent.slice(read).filter((s) => s.userId === userId);
        read = emulator.sent.length;
        readUpTo.set(userId, read);
        const messages: BotMessage[] = [];
        for (const m of fresh) {
          const buttons = m.buttons.map((b) => ({ text: b.title, data: b.payload }));
          if (CONTINUATION.test(m.text ?? '') && last) last.buttons.push(...buttons);
          else messages.push((last = { text: m.text ?? '', buttons }));
        }
        return messages;
      },
      // Zalo takes no documents: the service sends a link to each file, under its public address.
      async files(inbox) {
        const links = inbox.flatMap((m) => [...m.text.matchAll(/^📎 (\S+): (http\S+)$/gm)].map((l) => ({ filename: l[1]!, url: l[2]! })));
        return Promise.all(links.map(async ({ filename, url }) => ({ filename, data: Buffer.from(await (await fetch(url)).arrayBuffer()) })));
      },
    },
    emulator.messages,
    () => harness.settled(),
  );
}
