import type { OutgoingMessage } from '../conversation/message.js';
import type { Channel } from '../repositories/people-repo.js';

/** `undeliverable`: the platform will not take a message to this chat now (Zalo's interaction window). */
export type DeliveryFailure = 'rate_limited' | 'blocked' | 'undeliverable' | 'temporary' | 'permanent';

/** What a platform said when a send failed, in the terms the outbox acts on. */
export class ChannelError extends Error {
  constructor(
    readonly kind: DeliveryFailure,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ChannelError';
  }

  /** Part of the message had already gone out (a text before its file): sending it again would repeat that part. */
  partial = false;

  static partly(error: ChannelError, sentSomething: boolean): ChannelError {
    error.partial = sentSomething;
    return error;
  }
}

export interface ChannelSender {
  channel: Channel;
  /** How long after a user's last message the platform still lets the service write to them; unset: no limit. */
  windowMs?: number;
  /** `notice` says what the service sends on its own (a reminder, an escalation…), for platforms that send those differently. */
  send(chatId: string, message: OutgoingMessage, notice?: { kind: 'reminder' | 'escalation' | 'blocked' | 'notice'; language: 'vi' | 'en' }): Promise<void>;
}
