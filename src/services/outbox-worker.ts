import type { i18n } from 'i18next';
import { ChannelError, type ChannelSender } from '../messaging/sender.js';
import { render } from '../messaging/render.js';
import { focalAgencyIds, isEveryProvince, supervisedProvinces } from '../domain/people/roles.js';
import type { Logger } from '../logger.js';
import type { OutboxItem, OutboxRepo } from '../repositories/outbox-repo.js';
import type { Channel } from '../messaging/channel.js';
import type { ChatAddress, PeopleRepo } from '../repositories/people-repo.js';
import type { Clock } from './clock.js';
import type { RateLimiter } from './rate-limiter.js';

export interface OutboxWorkerDeps {
  outbox: OutboxRepo;
  people: PeopleRepo;
  i18n: i18n;
  clock: Clock;
  logger: Logger;
  senders: Map<Channel, { sender: ChannelSender; limiter: RateLimiter }>;
  maxAttempts?: number;
}

const BATCH = 50;
const LOCK_MS = 120_000;

/** Exponential backoff for temporary failures: 30 s, 1 min, 2 min … capped at an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** attempts, 3_600_000);
}

export function createOutboxWorker(deps: OutboxWorkerDeps) {
  const maxAttempts = deps.maxAttempts ?? 8;

  async function reportBlocked(item: OutboxItem): Promise<void> {
    const person = await deps.people.person(item.personId);
    if (!person) return;
    // Supervisors of every province are among each province's supervisors already.
    const provinces = new Set(supervisedProvinces(person).filter((p) => !isEveryProvince(p)));
    const agencies = await deps.people.agencyProvinces(focalAgencyIds(person));
    agencies.forEach((p) => provinces.add(p));
    const supervisors = new Set<number>();
    for (const p of provinces) for (const id of await deps.people.supervisors(p)) if (id !== person.id) supervisors.add(id);
    const now = deps.clock.now();
    for (const supervisorId of supervisors) {
      const address = await deps.people.address(supervisorId);
      if (!address || address.blocked) continue;
      await deps.outbox.enqueue({
        dedupeKey: `blocked:${item.channel}:${item.chatId}:${supervisorId}`,
        kind: 'blocked',
        personId: supervisorId,
        channel: address.channel,
        chatId: address.chatId,
        payload: { lines: [{ key: 'reminders:blocked', params: { name: person.name, channel: item.channel } }] },
        notBefore: now,
      });
    }
  }

  /** Whether the platform would take a message to this chat now, as far as the service knows. */
  function withinWindow(sender: ChannelSender, address: ChatAddress | undefined, now: Date): boolean {
    if (!sender.windowMs) return true;
    return !!address?.lastInboundAt && now.getTime() - address.lastInboundAt.getTime() <= sender.windowMs;
  }

  /**
   * The platform would refuse this message (Zalo's window has closed): record it as undeliverable rather than
   * retry, and send it on the person's other channel if they have one. The digest names who must write again.
   */
  async function undeliverable(item: OutboxItem, reason: string): Promise<void> {
    const now = deps.clock.now();
    await deps.outbox.fail(item.id, 'undeliverable', reason);
    for (const other of await deps.people.addresses(item.personId)) {
      const entry = deps.senders.get(other.channel);
      if (other.blocked || (other.channel === item.channel && other.chatId === item.chatId) || !entry || !withinWindow(entry.sender, other, now)) continue;
      await deps.outbox.enqueue({ dedupeKey: `${item.dedupeKey}>${other.channel}`, kind: item.kind, personId: item.personId, payload: item.payload, channel: other.channel, chatId: other.chatId, notBefore: now });
      deps.logger.info('message sent on another channel', { outboxId: item.id, from: item.channel, to: other.channel });
      return;
    }
    deps.logger.warn('message undeliverable and no other channel', { outboxId: item.id, channel: item.channel, personId: item.personId });
  }

  async function deliver(item: OutboxItem): Promise<void> {
    const entry = deps.senders.get(item.channel);
    if (!entry) return void (await deps.outbox.retryLater(item.id, { notBefore: new Date(deps.clock.now().getTime() + 3_600_000), error: `channel ${item.channel} is not running`, countAttempt: false }));
    if (entry.sender.windowMs && !withinWindow(entry.sender, await deps.people.chat(item.channel, item.chatId), deps.clock.now())) {
      return undeliverable(item, 'outside the interaction window');
    }
    const person = await deps.people.person(item.personId);
    const message = render(deps.i18n.getFixedT(person?.language ?? 'vi'), item.payload);
    await entry.limiter.acquire(item.chatId);
    try {
      await entry.sender.send(item.chatId, message, { kind: item.kind, language: person?.language ?? 'vi' });
      await deps.outbox.markSent(item.id, deps.clock.now());
    } catch (e) {
      await handleFailure(item, e, entry.limiter);
    }
  }

  async function handleFailure(item: OutboxItem, e: unknown, limiter: RateLimiter): Promise<void> {
    const error = ChannelError.from(e);
    const now = deps.clock.now();
    deps.logger.warn('delivery failed', { outboxId: item.id, channel: item.channel, kind: error.kind, error: error.message });
    if (error.kind === 'rate_limited') {
      const ms = (error.retryAfterSeconds ?? 1) * 1000;
      limiter.pause(ms);
      return void (await deps.outbox.retryLater(item.id, { notBefore: new Date(now.getTime() + ms), error: error.message, countAttempt: false }));
    }
    if (error.kind === 'undeliverable') return undeliverable(item, error.message);
    if (error.kind === 'blocked') {
      await deps.outbox.fail(item.id, 'blocked', error.message);
      await deps.people.markBlocked(item.channel, item.chatId, now);
      return reportBlocked(item);
    }
    if (error.kind === 'temporary' && item.attempts + 1 < maxAttempts) {
      return void (await deps.outbox.retryLater(item.id, { notBefore: new Date(now.getTime() + backoffMs(item.attempts)), error: error.message, countAttempt: true }));
    }
    await deps.outbox.fail(item.id, 'failed', error.message);
  }

  return {
    /** Sends everything due now; returns how many messages it handled. */
    async drain(): Promise<number> {
      let handled = 0;
      for (;;) {
        const batch = await deps.outbox.claim(deps.clock.now(), BATCH, LOCK_MS);
        if (!batch.length) return handled;
        // One chat's messages stay in order; different chats proceed side by side.
        const byChat = new Map<string, OutboxItem[]>();
        for (const item of batch) byChat.set(`${item.channel}:${item.chatId}`, [...(byChat.get(`${item.channel}:${item.chatId}`) ?? []), item]);
        await Promise.all([...byChat.values()].map(async (items) => {
          for (const item of items) await deliver(item);
        }));
        handled += batch.length;
      }
    },
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
