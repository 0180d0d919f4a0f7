import type { Channel } from './channel.js';
import type { OutgoingMessage } from './message.js';

/** `undeliverable`: the platform will not take a message to this chat now (Zalo's interaction window). */
export type DeliveryFailure = 'rate_limited' | 'blocked' | 'undeliverable' | 'temporary' | 'permanent';

export interface ChannelErrorOptions {
  retryAfterSeconds?: number;
  /** Part of the message had already gone out (a text before its file): sending it again would repeat that part. */
  partial?: boolean;
  cause?: unknown;
}

/** What a platform said when a send failed, in the terms the outbox acts on. */
export class ChannelError extends Error {
  readonly retryAfterSeconds?: number;
  readonly partial: boolean;

  constructor(
    readonly kind: DeliveryFailure,
    message: string,
    options: ChannelErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ChannelError';
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.partial = options.partial ?? false;
  }

  /**
   * Any failure in the outbox's terms. A ChannelError keeps its kind; anything else (a network error, a bug) is
   * temporary, because a message retried late is better than a message lost. The original error is the `cause`.
   */
  static from(e: unknown, options: { partial?: boolean } = {}): ChannelError {
    const base = e instanceof ChannelError ? e : new ChannelError('temporary', e instanceof Error ? e.message : String(e), { cause: e });
    if (options.partial === undefined || options.partial === base.partial) return base;
    return new ChannelError(base.kind, base.message, { retryAfterSeconds: base.retryAfterSeconds, partial: options.partial, cause: base.cause ?? base });
  }
}

/** What the service sends on its own (a reminder, an escalation…), for platforms that send those differently. */
export interface Notice {
  kind: 'reminder' | 'escalation' | 'blocked' | 'notice';
  language: 'vi' | 'en';
}

export interface ChannelSender {
  channel: Channel;
  /** How long after a user's last message the platform still lets the service write to them; unset: no limit. */
  windowMs?: number;
  send(chatId: string, message: OutgoingMessage, notice?: Notice): Promise<void>;
}
