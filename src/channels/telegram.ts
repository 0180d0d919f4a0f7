import { Input, Telegraf, TelegramError } from 'telegraf';
import type { InlineKeyboardMarkup } from 'telegraf/types';
import type { Opts, Telegram } from 'telegraf/types';
import type { TelegramWebhookConfig } from '../config.js';
import type { Conversation } from '../conversation/core.js';
import type { Metrics } from '../metrics.js';
import type { InboundEventRepo } from '../repositories/inbound-event-repo.js';
import type { OutgoingMessage } from '../messaging/message.js';
import type { Logger } from '../logger.js';
import { ChannelError, type ChannelSender } from '../messaging/sender.js';
import type { DeliverReplies } from './replies.js';
import type { RateLimiter } from '../services/rate-limiter.js';
import { recoverRecorded } from './recorded-events.js';
import { splitText } from './split-text.js';
import { createBotApiClient } from './bot-api-client.js';
import { createChatQueue } from './chat-queue.js';
import type { ChatLock } from '../db/chat-lock.js';
import { chatOfUpdate, telegramWebhookHandler } from './telegram-webhook.js';

const TELEGRAM_TEXT_LIMIT = 4096;
/** Bot API limits (its FAQ): about 30 messages a second overall, 1 a second to one chat. */
export const TELEGRAM_LIMITS = { perSecond: 30, perChatMs: 1000 };

function keyboard(message: OutgoingMessage): { reply_markup?: InlineKeyboardMarkup } {
  if (!message.buttons?.length) return {};
  return { reply_markup: { inline_keyboard: message.buttons.map((row) => row.map((b) => ({ text: b.text, callback_data: b.data }))) } };
}

/** Telegram's answer, in the outbox's terms (Bot API documentation: 429 carries parameters.retry_after; 403 means the user blocked the bot). */
export function classify(error: unknown): ChannelError {
  if (!(error instanceof TelegramError)) return ChannelError.from(error);
  const code = error.response.error_code;
  const options = { cause: error };
  if (code === 429) return new ChannelError('rate_limited', error.description, { ...options, retryAfterSeconds: error.response.parameters?.retry_after ?? 1 });
  if (code === 403) return new ChannelError('blocked', error.description, options);
  if (code >= 500) return new ChannelError('temporary', error.description, options);
  return new ChannelError('permanent', error.description, options);
}

export interface TelegramChannelOptions {
  token: string;
  apiRoot?: string;
  conversation: Conversation;
  logger: Logger;
  replies?: DeliverReplies;
  /** Webhook mode: updates come through `webhook` on the service's HTTP server, recorded in `events`. */
  webhook?: TelegramWebhookConfig & { events: InboundEventRepo; now: () => Date };
  timeInbound?: Metrics['timeInbound'];
  /** The platform's limiter, taken before every call that sends; paused by a 429. */
  limiter?: RateLimiter;
  /** A call that has not answered by then is abandoned (telegraf's own limit is 500 s); default 5 s. */
  callTimeoutMs?: number;
  /** Webhook mode: holds a chat's turn against the other instances (PostgreSQL). */
  chatLock?: ChatLock;
}

export function createTelegramChannel(options: TelegramChannelOptions) {
  const bot = new Telegraf(options.token, { telegram: options.apiRoot ? { apiRoot: options.apiRoot } : {}, handlerTimeout: 30_000 });
  const { logger } = options;
  const timeoutMs = options.callTimeoutMs ?? 5_000;
  // Text goes out through a lean client; telegraf keeps polling, webhooks and files.
  const api = createBotApiClient(options.token, options.apiRoot, timeoutMs);

  /**
   * One Bot API call with its own time limit, counted from when it leaves: one that hangs is abandoned and fails as a
   * server error does (the outbox retries it), holding only its own chat meanwhile.
   */
  async function limited<M extends keyof Telegram>(method: M, payload: Opts<M>) {
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      // telegraf types its signal as the abort-controller package's; node-fetch takes Node's own.
      return await bot.telegram.callApi(method, payload, { signal: signal as unknown as NonNullable<Parameters<typeof bot.telegram.callApi>[2]>['signal'] });
    } catch (e) {
      if (signal.aborted) throw new ChannelError('temporary', `Telegram did not answer ${method} within ${timeoutMs} ms`, { cause: e });
      throw e;
    }
  }

  /** One call to the Bot API that sends to a chat: it waits for its slot, and a 429 pauses every call after it. */
  async function call(chatId: string, work: () => Promise<unknown>): Promise<void> {
    await options.limiter?.acquire(chatId);
    try {
      await work();
    } catch (e) {
      const error = classify(e);
      if (error.kind === 'rate_limited') await options.limiter?.pause((error.retryAfterSeconds ?? 1) * 1000);
      throw e;
    }
  }

  async function send(chatId: string, message: OutgoingMessage): Promise<void> {
    const parts = splitText(message.text, TELEGRAM_TEXT_LIMIT);
    let sent = 0;
    try {
      for (const [i, part] of parts.entries()) {
        await call(chatId, () => api.send('sendMessage', { chat_id: chatId, text: part, ...(i === parts.length - 1 ? keyboard(message) : {}) }));
        sent++;
      }
      // Files follow the text they belong to: a chart as a photo (shown inline), anything else as a document.
      for (const file of message.attachments ?? []) {
        const upload = Input.fromBuffer(file.data, file.filename);
        if (file.kind === 'photo') await call(chatId, () => limited('sendPhoto', { chat_id: chatId, photo: upload }));
        else await call(chatId, () => limited('sendDocument', { chat_id: chatId, document: upload }));
      }
    } catch (e) {
      throw ChannelError.from(classify(e), { partial: sent > 0 });
    }
  }

  const sender: ChannelSender = { channel: 'telegram', send };
  async function answer(chatId: string, replies: OutgoingMessage[]): Promise<void> {
    if (options.replies) return options.replies(sender, chatId, replies);
    for (const r of replies) await send(chatId, r);
  }

  // telegraf handles the updates of one poll (or of concurrent webhook posts) at once: one chat's are put in turn.
  const inTurn = createChatQueue();
  bot.use((ctx, next) => {
    const chat = ctx.chat?.id ?? ctx.from?.id;
    return chat === undefined ? next() : inTurn(String(chat), next);
  });

  const timed = (work: () => Promise<void>) => (options.timeInbound ? options.timeInbound('telegram', work) : work());

  bot.on('message', (ctx) => timed(async () => {
    const text = 'text' in ctx.message ? ctx.message.text : undefined;
    const from = ctx.from;
    const replies = await options.conversation.handle({ channel: 'telegram', chatId: String(ctx.chat.id), name: [from.first_name, from.last_name].filter(Boolean).join(' ') || from.username || String(from.id), text });
    await answer(String(ctx.chat.id), replies);
    await options.conversation.written();
  }));

  bot.on('callback_query', (ctx) => timed(async () => {
    const data = 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined;
    const chatId = String(ctx.chat?.id ?? ctx.from.id);
    // Answer first: Telegram shows a spinner on the button until it is answered.
    await limited('answerCallbackQuery', { callback_query_id: ctx.callbackQuery.id }).catch((e: unknown) => logger.debug('answerCallbackQuery failed', { error: String(e) }));
    const replies = await options.conversation.handle({ channel: 'telegram', chatId, name: ctx.from.first_name, data });
    await answer(chatId, replies);
    await options.conversation.written();
  }));

  // telegraf's default handler rethrows and would stop polling.
  bot.catch((error, ctx) => logger.error('telegram update failed', { updateId: ctx.update.update_id, error: String((error as Error)?.stack ?? error) }));

  // Webhook mode: updates being handled, so that stopping waits for them rather than closing the database under them.
  const handling = new Set<Promise<void>>();
  const webhook = options.webhook;
  const recorded = webhook && {
    events: webhook.events,
    now: webhook.now,
    process: (update: Parameters<typeof bot.handleUpdate>[0]) => bot.handleUpdate(update),
    onError: (e: unknown) => logger.error('telegram update failed', { error: String((e as Error)?.stack ?? e) }),
  };
  // Behind a load balancer a chat's updates can reach several instances: the webhook takes the chat's turn (held
  // against the others on PostgreSQL) before recording, and the recovery before handling.
  const turns = createChatQueue(options.chatLock);
  const inTurnOf = (update: Parameters<typeof bot.handleUpdate>[0], work: () => Promise<void>) => {
    const chat = chatOfUpdate(update);
    return chat ? turns(chat, work) : work();
  };
  const handler = recorded && telegramWebhookHandler({ ...recorded, secret: webhook.secret, inTurn: turns });

  return {
    sender,
    /** POST on the webhook's path, in webhook mode. */
    webhook: handler && {
      path: webhook.path,
      handle(req: Parameters<typeof handler>[0], res: Parameters<typeof handler>[1]): Promise<void> {
        const done = handler(req, res).finally(() => handling.delete(done));
        handling.add(done);
        return done;
      },
    },
    /**
     * Webhook mode: registers the webhook with its secret (the HTTP server must already listen: Telegram posts at
     * once). Otherwise removes any webhook a former webhook-mode run left, then long-polls; launch() never resolves
     * while polling. Resolves once the bot is known.
     */
    async start(): Promise<void> {
      bot.botInfo = await bot.telegram.getMe();
      if (webhook) {
        await bot.telegram.setWebhook(webhook.url, { secret_token: webhook.secret, drop_pending_updates: false });
        logger.info('telegram webhook set', { username: bot.botInfo.username, path: webhook.path });
        return;
      }
      await bot.telegram.deleteWebhook({ drop_pending_updates: false });
      void bot.launch({ dropPendingUpdates: false }).catch((e: unknown) => logger.error('telegram polling stopped', { error: String(e) }));
      logger.info('telegram polling started', { username: bot.botInfo.username });
    },
    /** Webhook mode, at start: updates a stopped process answered 200 but never handled. */
    async recover(): Promise<void> {
      const count = recorded ? await recoverRecorded<Parameters<typeof bot.handleUpdate>[0]>('telegram', { ...recorded, process: (update) => inTurnOf(update, () => recorded.process(update)) }) : 0;
      if (count) logger.info('telegram updates recovered', { count });
    },
    /** Stops polling, or waits for the updates the webhook took. The webhook stays set: other instances serve it. */
    async stop(): Promise<void> {
      if (webhook) return void (await Promise.allSettled(handling));
      try {
        bot.stop('shutdown');
      } catch {
        // stop() throws when the bot was never launched; nothing to stop then.
      }
    },
    username: () => bot.botInfo?.username,
  };
}

export type TelegramChannel = ReturnType<typeof createTelegramChannel>;
