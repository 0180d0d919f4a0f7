import { setTimeout } from 'node:timers/promises';

/** A platform's send limits: messages a second overall, and the gap between two messages to one chat. */
export interface RateLimits {
  perSecond: number;
  perChatMs: number;
}

/**
 * Spaces sends to stay inside a platform's limits: at most `perSecond` overall
 * and one message per `perChatMs` in any one chat (Telegram: about 30/s and
 * 1/s per chat). Real time, not the scheduler's clock: limits are physical.
 */
export function createRateLimiter(limits: RateLimits, sleep: (ms: number) => Promise<void> = setTimeout) {
  const gap = 1000 / limits.perSecond;
  let nextGlobal = 0;
  let pausedUntil = 0;
  const nextInChat = new Map<string, number>();
  return {
    async acquire(chatId: string): Promise<void> {
      const now = performance.now();
      const at = Math.max(now, nextGlobal, pausedUntil, nextInChat.get(chatId) ?? 0);
      nextGlobal = at + gap;
      nextInChat.set(chatId, at + limits.perChatMs);
      if (at > now) await sleep(at - now);
      // A timer that fired late (a busy machine) lets this message go late: the chat's next gap counts from now.
      nextInChat.set(chatId, Math.max(nextInChat.get(chatId) ?? 0, performance.now() + limits.perChatMs));
    },
    /** After an HTTP 429: nothing more to this platform until retry_after has passed. */
    pause(ms: number): void {
      pausedUntil = Math.max(pausedUntil, performance.now() + ms);
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
