import type { OutgoingMessage } from '../conversation/message.js';
import type { Channel } from '../repositories/people-repo.js';

export type DeliveryFailure = 'rate_limited' | 'blocked' | 'temporary' | 'permanent';

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
}

export interface ChannelSender {
  channel: Channel;
  send(chatId: string, message: OutgoingMessage): Promise<void>;
}
