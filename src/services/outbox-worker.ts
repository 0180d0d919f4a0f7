import type { i18n } from 'i18next';
import { ChannelError, type ChannelSender } from '../messaging/sender.js';
import { render } from '../messaging/render.js';
import { translatorFor } from '../i18n.js';
import { focalAgencyIds, isEveryProvince, supervisedProvinces } from '../domain/people/roles.js';
import type { Logger } from '../logger.js';
import type { OutboxItem, OutboxRepo } from '../repositories/outbox-repo.js';
import type { Channel } from '../messaging/channel.js';
import type { ChatAddress, PeopleRepo } from '../repositories/people-repo.js';
import type { Clock } from './clock.js';

export interface OutboxWorkerDeps {
  outbox: OutboxRepo;
  people: PeopleRepo;
  i18n: i18n;
  clock: Clock;
  logger: Logger;
  /** Each platform's sender; each keeps its platform's rate limit and pauses it after a 429. */
  senders: Map<Channel, ChannelSender>;
  maxAttempts?: number;
  /** The first retry's wait after a temporary failure (default 30 s); each next one doubles it. */
  retryBaseMs?: number;
  /** The longest wait between two tries (default an hour). */
  retryMaxMs?: number;
  /** Jitter's source, 0 ≤ x < 1 (default Math.random). */
  random?: () => number;
  /** Called when sends end, for metrics. */
  onOutcome?: (channel: Channel, outcome: 'sent' | 'failed' | 'rate_limited') => void;
}

/** Messages claimed in one statement; the next claim is made while these are still going out. */
const CLAIM = 200;
/** Platform calls in flight at once, each to a different chat: the rate limiter, not this, sets the pace. */
const IN_FLIGHT = 64;
/** A claim lasts this long and is renewed while its messages wait their turn: a killed instance's are free soon. */
const LOCK_MS = 15_000;
const RENEW_EVERY_MS = 5_000;
/** Sent messages are marked in one statement this often: a process killed in between sends them again. */
const MARK_EVERY_MS = 100;

/**
 * Exponential backoff for temporary failures (a 5xx, a call that timed out): 30 s, 1 min, 2 min … capped at an hour,
 * each less up to half of it at random, so that the messages of one outage do not all come back in the same second.
 */
export function backoffMs(attempts: number, baseMs = 30_000, random = 0, maxMs = 3_600_000): number {
  const ceiling = Math.min(baseMs * 2 ** attempts, maxMs);
  return Math.round(ceiling * (1 - random / 2));
}

export function createOutboxWorker(deps: OutboxWorkerDeps) {
  const maxAttempts = deps.maxAttempts ?? 8;
  const random = deps.random ?? Math.random;

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
    await deps.outbox.fail(item.id, 'undeliverable', reason, now);
    deps.onOutcome?.(item.channel, 'failed');
    for (const other of await deps.people.addresses(item.personId)) {
      const entry = deps.senders.get(other.channel);
      if (other.blocked || (other.channel === item.channel && other.chatId === item.chatId) || !entry || !withinWindow(entry, other, now)) continue;
      await deps.outbox.enqueue({ dedupeKey: `${item.dedupeKey}>${other.channel}`, kind: item.kind, personId: item.personId, payload: item.payload, channel: other.channel, chatId: other.chatId, notBefore: now });
      deps.logger.info('message sent on another channel', { outboxId: item.id, from: item.channel, to: other.channel });
      return;
    }
    deps.logger.warn('message undeliverable and no other channel', { outboxId: item.id, channel: item.channel, personId: item.personId });
  }

  async function deliver(item: OutboxItem, context: ClaimContext): Promise<void> {
    const sender = deps.senders.get(item.channel);
    if (!sender) return void (await deps.outbox.retryLater(item.id, { notBefore: new Date(deps.clock.now().getTime() + 3_600_000), error: `channel ${item.channel} is not running`, countAttempt: false }));
    if (sender.windowMs && !withinWindow(sender, context.chats.get(`${item.channel}:${item.chatId}`), deps.clock.now())) {
      return undeliverable(item, 'outside the interaction window');
    }
    const language = context.languages.get(item.personId) === 'en' ? 'en' : 'vi';
    const message = render(translatorFor(deps.i18n, language), item.payload);
    try {
      await sender.send(item.chatId, message, { kind: item.kind, language });
      marks.add(item.id);
      deps.onOutcome?.(item.channel, 'sent');
    } catch (e) {
      await handleFailure(item, e);
    }
  }

  async function handleFailure(item: OutboxItem, e: unknown): Promise<void> {
    const error = ChannelError.from(e);
    const now = deps.clock.now();
    deps.logger.warn('delivery failed', { outboxId: item.id, channel: item.channel, kind: error.kind, error: error.message });
    if (error.kind === 'rate_limited') {
      deps.onOutcome?.(item.channel, 'rate_limited');
      // The sender has paused its platform already; this message waits as long.
      const ms = (error.retryAfterSeconds ?? 1) * 1000;
      return retryAt(item, new Date(now.getTime() + ms), error.message, false);
    }
    if (error.kind === 'undeliverable') return undeliverable(item, error.message);
    if (error.kind === 'blocked') {
      await deps.outbox.fail(item.id, 'blocked', error.message, now);
      deps.onOutcome?.(item.channel, 'failed');
      await deps.people.markBlocked(item.channel, item.chatId, now);
      return reportBlocked(item);
    }
    if (error.kind === 'temporary' && item.attempts + 1 < maxAttempts) {
      return retryAt(item, new Date(now.getTime() + backoffMs(item.attempts, deps.retryBaseMs, random(), deps.retryMaxMs)), error.message, true);
    }
    await deps.outbox.fail(item.id, 'failed', error.message, now);
    deps.onOutcome?.(item.channel, 'failed');
  }

  async function retryAt(item: OutboxItem, notBefore: Date, error: string, countAttempt: boolean): Promise<void> {
    await deps.outbox.retryLater(item.id, { notBefore, error, countAttempt });
    retries.at(notBefore);
  }

  const marks = createMarks(deps);
  // A retry due within the minute is drained when it is due; later ones by the scheduler's minute.
  const retries = createAlarm(deps.clock, () => wake());

  /** Claims and sends until nothing is due: a claim ahead while the last one goes out, one chat's messages in order. */
  async function drainAll(): Promise<number> {
    let handled = 0;
    const waiting = new Map<string, OutboxItem[]>(); // per chat, in claim order
    const contexts = new Map<number, ClaimContext>();
    let running = 0; // chat runs under way
    // Wakes the loop below when a run ends. One waiter, not Promise.race over the runs: a race adds a reaction to
    // every run still going each time round, and at thousands of messages a second their garbage and microtasks
    // were a seventh of the pipeline's CPU.
    let runEnded: (() => void) | undefined;
    let claimed = 0; // claimed and not yet finished
    let exhausted = false;
    const renewing = setInterval(() => {
      const ids = [...contexts.keys()];
      if (ids.length) deps.outbox.renew(ids, new Date(deps.clock.now().getTime() + LOCK_MS)).catch((e: unknown) => deps.logger.warn('outbox claims not renewed', { error: String(e) }));
    }, RENEW_EVERY_MS);

    const runChat = async (chat: string): Promise<void> => {
      for (let item = waiting.get(chat)?.shift(); item; item = waiting.get(chat)?.shift()) {
        try {
          await deliver(item, contexts.get(item.id)!);
        } catch (e) {
          deps.logger.error('outbox delivery crashed', { outboxId: item.id, error: String((e as Error)?.stack ?? e) });
        }
        contexts.delete(item.id);
        claimed--;
        handled++;
      }
      waiting.delete(chat);
    };
    const ready: string[] = []; // chats with messages and no run yet
    const start = () => {
      while (running < IN_FLIGHT && ready.length) {
        running++;
        void runChat(ready.shift()!).finally(() => {
          running--;
          runEnded?.();
        });
      }
    };

    try {
      for (;;) {
        // Something was queued since the last claim came back short: look again.
        if (again) [exhausted, again] = [false, false];
        if (!exhausted && claimed < CLAIM / 2) {
          const batch = await deps.outbox.claim(deps.clock.now(), CLAIM, LOCK_MS);
          exhausted = batch.length < CLAIM;
          const context = await claimContext(batch);
          for (const item of batch) {
            const chat = `${item.channel}:${item.chatId}`;
            contexts.set(item.id, context);
            claimed++;
            const queue = waiting.get(chat);
            if (queue) queue.push(item);
            else {
              waiting.set(chat, [item]);
              ready.push(chat);
            }
          }
        }
        start();
        if (!running) break;
        // One waiter, woken when a chat's run ends or by a wake-up (something queued, the next minute's run): a
        // wake-up is acted on at once, not when a slow chat ends.
        await new Promise<void>((resolve) => (runEnded = nudge = resolve));
        runEnded = nudge = undefined;
      }
    } finally {
      clearInterval(renewing);
      await marks.flush();
    }
    // What comes due before the next minute (a retry, a stopped instance's claim running out) is sent then.
    const next = await deps.outbox.nextDue(deps.clock.now());
    if (next) retries.at(next);
    return handled;
  }

  /** What the messages of one claim need besides themselves, read in two statements rather than two per message. */
  async function claimContext(batch: OutboxItem[]): Promise<ClaimContext> {
    const languages = await deps.people.languages([...new Set(batch.map((i) => i.personId))]);
    const windowed = batch.filter((i) => deps.senders.get(i.channel)?.windowMs);
    const chats = windowed.length ? await deps.people.chats(windowed.map((i) => ({ channel: i.channel, chatId: i.chatId }))) : new Map<string, ChatAddress>();
    return { languages, chats };
  }

  let draining: Promise<number> | undefined;
  let again = false;
  let nudge: (() => void) | undefined;
  /** One drain at a time; a wake-up during one makes it claim again. */
  function drain(): Promise<number> {
    if (draining) {
      again = true;
      nudge?.();
      return draining;
    }
    draining = (async () => {
      let handled = 0;
      do {
        again = false;
        handled += await drainAll();
      } while (again);
      return handled;
    })().finally(() => (draining = undefined));
    return draining;
  }

  function wake(): void {
    drain().catch((e: unknown) => deps.logger.error('outbox drain failed', { error: String((e as Error)?.stack ?? e) }));
  }

  return {
    /** Sends everything due now; returns how many messages it handled. */
    drain,
    /** Something was queued: send it now rather than at the next minute. */
    wake,
    /** No more drains of its own (the app is closing); waits for the one running. */
    async stop(): Promise<void> {
      retries.stop();
      while (draining) await draining.catch(() => undefined);
    },
    /** Resolves when no drain is running (tests wait for it before concluding that nothing more will come). */
    async idle(): Promise<void> {
      while (draining) await draining.catch(() => undefined);
    },
  };
}

/** One timer for the earliest time asked for, within the next minute. */
function createAlarm(clock: Clock, ring: () => void) {
  const WITHIN_MS = 60_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let due = Infinity;
  let stopped = false;
  return {
    at(when: Date): void {
      const ms = when.getTime() - clock.now().getTime();
      if (stopped || ms > WITHIN_MS || when.getTime() >= due) return;
      clearTimeout(timer);
      due = when.getTime();
      timer = setTimeout(() => {
        [timer, due] = [undefined, Infinity];
        ring();
      }, Math.max(0, ms));
      timer.unref();
    },
    stop(): void {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

interface ClaimContext {
  languages: Map<number, string>;
  chats: Map<string, ChatAddress>;
}

/** Sent messages waiting to be marked, written in one statement at most every MARK_EVERY_MS. */
function createMarks(deps: Pick<OutboxWorkerDeps, 'outbox' | 'clock' | 'logger'>) {
  let ids: number[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();
  const flush = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    const batch = ids;
    ids = [];
    if (batch.length) {
      writing = writing.then(() => deps.outbox.markSentMany(batch, deps.clock.now())).catch((e: unknown) => deps.logger.error('marking sent messages failed', { count: batch.length, error: String(e) }));
    }
    return writing;
  };
  return {
    add(id: number): void {
      ids.push(id);
      if (ids.length >= CLAIM) void flush();
      else timer ??= setTimeout(() => void flush(), MARK_EVERY_MS);
    },
    flush,
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
