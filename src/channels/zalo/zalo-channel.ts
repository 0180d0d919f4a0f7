import type { ZaloConfig } from '../../config.js';
import type { RateLimiter } from '../../services/rate-limiter.js';
import type { Conversation } from '../../conversation/core.js';
import type { DeliverReplies } from '../replies.js';
import type { Incoming } from '../../conversation/context.js';
import type { FileLinks } from '../../http/file-links.js';
import type { Logger } from '../../logger.js';
import type { Metrics } from '../../metrics.js';
import type { ChannelTokenRepo } from '../../repositories/channel-token-repo.js';
import type { InboundEventRepo } from '../../repositories/inbound-event-repo.js';
import type { PeopleRepo } from '../../repositories/people-repo.js';
import type { Clock } from '../../services/clock.js';
import type { ChatLock } from '../../db/chat-lock.js';
import { createChatQueue } from '../chat-queue.js';
import { ZaloSender } from './channel.js';
import { ZaloClient } from './client.js';
import { ZaloTokenManager } from './tokens.js';
import { recoverZaloEvents, zaloUserOf, zaloWebhookHandler, type ZaloEvent } from './webhook.js';

export const ZALO_WEBHOOK_PATH = '/zalo/webhook';
/** Zalo allows about 4,000 requests a minute per OA and documents no per-chat limit: a short gap keeps a chat's messages in order. */
export const ZALO_LIMITS = { perSecond: 60, perChatMs: 200 };

export interface ZaloChannelDeps {
  config: ZaloConfig;
  conversation: Conversation;
  people: PeopleRepo;
  tokens: ChannelTokenRepo;
  events: InboundEventRepo;
  clock: Clock;
  logger: Logger;
  files?: FileLinks;
  replies: DeliverReplies;
  timeInbound?: Metrics['timeInbound'];
  limiter?: RateLimiter;
  /** Holds a user's turn against the other instances (PostgreSQL). */
  chatLock?: ChatLock;
  /** Each OA API call's own time limit: one that hangs fails as a server error does and is retried. */
  callTimeoutMs?: number;
}

/**
 * The Zalo OA as a channel: webhook events in, through the one conversation core, replies out through the OA API.
 * A button's payload comes back as the user's text and is handed to the core as the button's data, so a feature
 * cannot tell a Zalo button from a Telegram one.
 */
export function createZaloChannel(deps: ZaloChannelDeps) {
  const { config, conversation, logger } = deps;
  const client = new ZaloClient({ apiRoot: config.apiRoot, oauthRoot: config.oauthRoot, appId: config.appId, appSecret: config.appSecret, timeoutMs: deps.callTimeoutMs });
  const tokens = new ZaloTokenManager(deps.tokens, client, { now: () => deps.clock.now(), logger: deps.logger });
  const sender = new ZaloSender(client, tokens, config.windowMs, deps.files, config.remindersAs, deps.limiter);

  // A new user's name comes from their Zalo profile (the core asks only for a chat it does not know).
  async function nameOf(userId: string): Promise<string> {
    try {
      return (await client.getProfile(await tokens.accessToken(), userId)).displayName;
    } catch (e) {
      logger.warn('zalo profile unavailable', { error: String((e as Error)?.message ?? e) });
      return `Zalo ${userId.slice(-4)}`;
    }
  }

  async function converse(userId: string, incoming: Omit<Incoming, 'channel' | 'chatId' | 'name'>): Promise<void> {
    const work = async () => {
      const replies = await conversation.handle({ channel: 'zalo', chatId: userId, name: () => nameOf(userId), ...incoming });
      await deps.replies(sender, userId, replies);
      // The event is processed once what it logged is stored.
      await conversation.written();
    };
    await (deps.timeInbound ? deps.timeInbound('zalo', work) : work());
  }

  // Zalo posts a user's events concurrently (and, behind a load balancer, to several instances): they are handled one
  // at a time, in the order they were recorded. The webhook takes the turn before recording; the recovery here.
  const inTurn = createChatQueue(deps.chatLock);
  const process = (event: ZaloEvent): Promise<void> => inTurn(zaloUserOf(event) ?? '', () => handleEvent(event));

  async function handleEvent(event: ZaloEvent): Promise<void> {
    const userId = zaloUserOf(event);
    if (!userId) return logger.info('zalo event without a user skipped', { event: event.event_name });
    if (event.event_name === 'user_send_text') {
      const text = event.message?.text?.trim() ?? '';
      return converse(userId, conversation.isButtonData(text) ? { data: text } : { text });
    }
    if (event.event_name === 'follow') return converse(userId, { text: '/start' });
    if (event.event_name === 'unfollow') return void (await deps.people.markBlocked('zalo', userId, deps.clock.now()));
    // A picture, sticker or file still opens the window; the core answers that it reads text only.
    if (event.event_name.startsWith('user_send_')) return converse(userId, {});
    logger.info('zalo event skipped', { event: event.event_name });
  }

  const onError = (e: unknown) => logger.error('zalo event failed', { error: String((e as Error)?.stack ?? e) });
  const now = () => deps.clock.now();
  const webhook = zaloWebhookHandler({ appId: config.appId, oaSecretKey: config.oaSecretKey, events: deps.events, process: handleEvent, inTurn, now, onError, windowMs: config.eventWindowMs });

  return {
    sender, webhook, tokens, client,
    /** At start: the events a stopped process had accepted but not handled. */
    async recover(): Promise<void> {
      const count = await recoverZaloEvents({ events: deps.events, process, now, onError });
      if (count) logger.info('zalo events recovered', { count });
    },
  };
}

export type ZaloChannel = ReturnType<typeof createZaloChannel>;
