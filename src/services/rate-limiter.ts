import { setTimeout as sleepFor } from 'node:timers/promises';
import type { SharedBudget } from '../repositories/rate-budget-repo.js';

export type { SharedBudget };

/** A platform's published send limits: messages a second overall, and the gap between two messages to one chat. */
export interface RateLimits {
  perSecond: number;
  perChatMs: number;
}

/** What the limiter reads the time from and waits with; tests pass their own. */
export interface Timing {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realTime: Timing = { now: () => performance.timeOrigin + performance.now(), sleep: (ms) => sleepFor(ms) };

/** Sends run at most this share of the published limits, so that ordinary jitter never trips a 429. */
export const MARGIN = 0.96;
/** Limits at or above this are no limits (a test's emulator, a local console). */
const UNLIMITED = 10_000;
/** Of the time the margin leaves in a second, what is kept for calls that reach the platform bunched together. */
const ARRIVAL_SLACK_MS = 10;
/** Slots are booked from the shared budget about this far ahead, in one statement. */
const BOOKING_MS = 100;

/**
 * One per platform, for everything that leaves for it: replies, each part of a long message, files and the outbox.
 *
 * Overall, time is cut into slots `1000 / (perSecond × MARGIN)` ms long, booked from the shared budget a few at a
 * time, and a call may start only a little after its slot does: a call that comes too late takes a later slot
 * rather than crowding the next. So any second holds at most `perSecond` calls, from one instance or many.
 * One chat gets a call at most every `perChatMs / MARGIN` ms, counted from when the last one actually went.
 */
export function createRateLimiter(limits: RateLimits, options: { budget?: SharedBudget; timing?: Timing } = {}) {
  const { now, sleep } = options.timing ?? realTime;
  const unlimited = limits.perSecond >= UNLIMITED;
  const gap = 1000 / (limits.perSecond * MARGIN);
  // How late a call may take its slot. perSecond + 1 slots in a row span 1000 / MARGIN ms; with no call later than
  // that less a second, no window of a second holds more than perSecond calls as they were sent, and ARRIVAL_SLACK_MS
  // of it is kept for calls that arrive bunched. (It was a gap less, keeping one call a second back besides: a
  // timer woken a few ms late on a busy host then lost its slot, 7% of the rate at a load of 8 on two cores.)
  const lateness = Math.max(1, 1000 / MARGIN - 1000 - ARRIVAL_SLACK_MS);
  const chatGap = Math.ceil(limits.perChatMs / MARGIN);
  const bookSize = Math.max(1, Math.round(BOOKING_MS / gap));
  const budget = options.budget ?? localBudget();
  let pausedUntil = 0;
  // The booked slots not used yet, as the start of the next one and how many are left.
  let slotAt = 0;
  let slotsLeft = 0;
  let queue: Promise<void> = Promise.resolve();
  const lastInChat = new Map<string, number>();
  let sweepAt = 1000;

  async function overallSlot(): Promise<void> {
    for (;;) {
      const t = now();
      if (t < pausedUntil) {
        await sleep(pausedUntil - t);
        continue;
      }
      // Slots too far gone are lost, not used late.
      while (slotsLeft > 0 && t > slotAt + lateness) {
        slotAt += gap;
        slotsLeft--;
      }
      if (slotsLeft === 0) {
        slotAt = await budget.reserve(bookSize, gap, Math.max(t, pausedUntil));
        slotsLeft = bookSize;
        continue;
      }
      if (slotAt > t) {
        await sleep(slotAt - t);
        continue;
      }
      slotAt += gap;
      slotsLeft--;
      return;
    }
  }

  function forgetQuietChats(t: number): void {
    // The map holds only chats written to within the last gap: it does not grow with the people served.
    if (lastInChat.size < sweepAt) return;
    for (const [chat, at] of lastInChat) if (at + chatGap <= t) lastInChat.delete(chat);
    sweepAt = Math.max(1000, lastInChat.size * 2);
  }

  return {
    async acquire(chatId: string): Promise<void> {
      if (unlimited && !chatGap) return;
      for (;;) {
        const ready = (lastInChat.get(chatId) ?? -Infinity) + chatGap;
        if (ready > now()) {
          await sleep(ready - now());
          continue;
        }
        if (!unlimited) {
          const turn = queue.then(overallSlot);
          queue = turn.catch(() => undefined);
          await turn;
        }
        // Another call to this chat may have gone while this one waited for its slot: then the slot is lost.
        const t = now();
        if ((lastInChat.get(chatId) ?? -Infinity) + chatGap > t) continue;
        forgetQuietChats(t);
        lastInChat.set(chatId, t);
        return;
      }
    },
    /** After an HTTP 429: nothing more to this platform, from any instance, until retry_after has passed. */
    async pause(ms: number): Promise<void> {
      pausedUntil = Math.max(pausedUntil, now() + ms);
      slotsLeft = 0;
      await budget.pauseUntil(pausedUntil);
    },
  };
}

/** The budget of a single process: the same bookings, kept in memory. */
export function localBudget(): SharedBudget {
  let next = 0;
  return {
    async reserve(count, gapMs, notBefore) {
      const start = Math.max(next, notBefore);
      next = start + count * gapMs;
      return start;
    },
    async pauseUntil(at) {
      next = Math.max(next, at);
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
