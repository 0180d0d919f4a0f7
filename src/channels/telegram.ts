import { Input, Telegraf, TelegramError } from 'telegraf';
import type { InlineKeyboardMarkup } from 'telegraf/types';
import type { Conversation } from '../conversation/core.js';
import type { OutgoingMessage } from '../messaging/message.js';
import type { Logger } from '../logger.js';
import { ChannelError, type ChannelSender } from '../messaging/sender.js';
import type { DeliverReplies } from './replies.js';
import { splitText } from './split-text.js';

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

export function createTelegramChannel(options: { token: string; apiRoot?: string; conversation: Conversation; logger: Logger; replies?: DeliverReplies }) {
  const bot = new Telegraf(options.token, { telegram: options.apiRoot ? { apiRoot: options.apiRoot } : {}, handlerTimeout: 30_000 });
  const { logger } = options;

  async function send(chatId: string, message: OutgoingMessage): Promise<void> {
    const parts = splitText(message.text, TELEGRAM_TEXT_LIMIT);
    let sent = 0;
    try {
      for (const [i, part] of parts.entries()) {
        await bot.telegram.sendMessage(chatId, part, i === parts.length - 1 ? keyboard(message) : {});
        sent++;
      }
      // Files follow the text they belong to: a chart as a photo (shown inline), anything else as a document.
      for (const file of message.attachments ?? []) {
        const upload = Input.fromBuffer(file.data, file.filename);
        if (file.kind === 'photo') await bot.telegram.sendPhoto(chatId, upload);
        else await bot.telegram.sendDocument(chatId, upload);
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

  bot.on('message', async (ctx) => {
    const text = 'text' in ctx.message ? ctx.message.text : undefined;
    const from = ctx.from;
    const replies = await options.conversation.handle({ channel: 'telegram', chatId: String(ctx.chat.id), name: [from.first_name, from.last_name].filter(Boolean).join(' ') || from.username || String(from.id), text });
    await answer(String(ctx.chat.id), replies);
  });

  bot.on('callback_query', async (ctx) => {
    const data = 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined;
    const chatId = String(ctx.chat?.id ?? ctx.from.id);
    // Answer first: Telegram shows a spinner on the button until it is answered.
    await ctx.answerCbQuery().catch((e: unknown) => logger.debug('answerCallbackQuery failed', { error: String(e) }));
    const replies = await options.conversation.handle({ channel: 'telegram', chatId, name: ctx.from.first_name, data });
    await answer(chatId, replies);
  });

  // telegraf's default handler rethrows and would stop polling.
  bot.catch((error, ctx) => logger.error('telegram update failed', { updateId: ctx.update.update_id, error: String((error as Error)?.stack ?? error) }));

  return {
    sender,
    /** Starts long polling; resolves once the bot is known. launch() itself never resolves while polling. */
    async start(): Promise<void> {
      bot.botInfo = await bot.telegram.getMe();
      void bot.launch({ dropPendingUpdates: false }).catch((e: unknown) => logger.error('telegram polling stopped', { error: String(e) }));
      logger.info('telegram polling started', { username: bot.botInfo.username });
    },
    stop(): void {
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
