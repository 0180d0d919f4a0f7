import { randomUUID } from 'node:crypto';
import type { MessagePayload, OutgoingMessage } from '../messaging/message.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { OutboxRepo } from '../repositories/outbox-repo.js';
import type { PeopleRepo } from '../repositories/people-repo.js';
import type { Clock } from '../services/clock.js';
import { ChannelError, type ChannelSender } from '../messaging/sender.js';

/** A reply already written out, kept as verbatim lines so the outbox can send it later as it is. */
function asPayload(reply: OutgoingMessage): MessagePayload {
  const summaries = (reply.attachments ?? []).map((a) => a.summary ?? a.filename);
  return {
    lines: [reply.text, ...summaries].map((text) => ({ text })),
    ...(reply.buttons?.length ? { buttons: reply.buttons.map((row) => row.map((b) => ({ text: b.text, data: b.data }))) } : {}),
  };
}

/**
 * Sends the conversation's answers to one message. When the platform does not take one for a passing reason
 * (a server error, a rate limit, no token yet), it and the answers after it are queued in the outbox, in order,
 * which retries them with backoff: what a person was told is not lost.
 */
export function createReplies(deps: { outbox: OutboxRepo; people: PeopleRepo; clock: Clock; logger: Logger; metrics?: Pick<Metrics, 'sent' | 'failed' | 'rateLimited'> }) {
  return async function deliver(sender: ChannelSender, chatId: string, replies: OutgoingMessage[]): Promise<void> {
    const channel = { channel: sender.channel };
    for (const [i, reply] of replies.entries()) {
      try {
        await sender.send(chatId, reply);
        deps.metrics?.sent.inc(channel);
        continue;
      } catch (e) {
        const error = ChannelError.from(e);
        if (error.kind === 'rate_limited') deps.metrics?.rateLimited.inc(channel);
        const chat = await deps.people.chat(sender.channel, chatId);
        if ((error.kind !== 'temporary' && error.kind !== 'rate_limited') || !chat) {
          // What is queued is counted when the outbox sends it or gives it up; this one is given up now.
          deps.metrics?.failed.inc(channel);
          deps.logger.warn('reply not delivered', { channel: sender.channel, kind: error.kind, error: error.message });
          return;
        }
        const notBefore = new Date(deps.clock.now().getTime() + (error.retryAfterSeconds ?? 30) * 1000);
        const batch = randomUUID();
        // A reply that went out in part (its text, not its file) is not sent again: the person has read it.
        for (const [j, later] of replies.slice(error.partial ? i + 1 : i).entries()) {
          await deps.outbox.enqueue({ dedupeKey: `reply:${batch}:${j}`, kind: 'notice', personId: chat.personId, channel: sender.channel, chatId, payload: asPayload(later), notBefore });
        }
        deps.logger.warn('reply queued for retry', { channel: sender.channel, partial: error.partial, error: error.message });
        return;
      }
    }
  };
}

export type DeliverReplies = ReturnType<typeof createReplies>;
