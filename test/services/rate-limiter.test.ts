import { expect, test } from 'vitest';
import { createRateLimiter } from '../../src/services/rate-limiter.js';

/** Records the waits the limiter asks for instead of sleeping, and lets time pass by them. */
function recording() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(Math.round(ms)) };
}

test('one chat gets at most one message per interval', async () => {
  const { waits, sleep } = recording();
  const limiter = createRateLimiter({ perSecond: 1000, perChatMs: 1000 }, sleep);
  await limiter.acquire('a');
  await limiter.acquire('a');
  await limiter.acquire('a');
  expect(waits.length).toBe(2);
  expect(waits[0]).toBeGreaterThanOrEqual(990);
  expect(waits[1]).toBeGreaterThanOrEqual(1990);
});

test('different chats share the overall rate: 30 a second means about 33 ms apart', async () => {
  const { waits, sleep } = recording();
  const limiter = createRateLimiter({ perSecond: 30, perChatMs: 1000 }, sleep);
  for (let i = 0; i < 31; i++) await limiter.acquire(`chat-${i}`);
  // The 31st message, to a chat never written to, still waits its turn: a full second after the first.
  expect(waits.at(-1)).toBeGreaterThanOrEqual(990);
  expect(waits.length).toBe(30);
});

test('after a 429 nothing goes out until retry_after has passed', async () => {
  const { waits, sleep } = recording();
  const limiter = createRateLimiter({ perSecond: 1000, perChatMs: 0 }, sleep);
  limiter.pause(5000);
  await limiter.acquire('b');
  expect(waits[0]).toBeGreaterThanOrEqual(4990);
});
