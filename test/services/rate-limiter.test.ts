import { expect, test } from 'vitest';
import { createRateLimiter, localBudget, MARGIN, type SharedBudget, type Timing } from '../../src/services/rate-limiter.js';

/** Time that passes only when the limiter waits: every call's start is known exactly. */
function fakeTime(): Timing & { at: number } {
  const time = { at: 1_000_000, now: () => time.at, sleep: async (ms: number) => void (time.at += ms) };
  return time;
}

/** The most calls in any window of `ms` starting at a call. */
function mostInWindow(starts: number[], ms: number): number {
  let most = 0;
  for (let i = 0, j = 0; i < starts.length; i++) {
    while (starts[j]! <= starts[i]! - ms) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

test('one chat gets at most one message per interval, with the margin', async () => {
  const time = fakeTime();
  const limiter = createRateLimiter({ perSecond: 1000, perChatMs: 1000 }, { timing: time });
  const starts: number[] = [];
  for (let i = 0; i < 3; i++) {
    await limiter.acquire('a');
    starts.push(time.at);
  }
  expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(1000 / MARGIN);
  expect(starts[2]! - starts[1]!).toBeGreaterThanOrEqual(1000 / MARGIN);
});

test('different chats share the overall rate: no second ever holds more than 30 calls', async () => {
  const time = fakeTime();
  const limiter = createRateLimiter({ perSecond: 30, perChatMs: 1000 }, { timing: time });
  const starts: number[] = [];
  for (let i = 0; i < 300; i++) {
    await limiter.acquire(`chat-${i}`);
    starts.push(time.at);
  }
  expect(mostInWindow(starts, 1000)).toBeLessThanOrEqual(30);
  // …and it still uses most of the limit: 300 calls take about 300 / (30 × margin) seconds.
  expect(starts.at(-1)! - starts[0]!).toBeLessThan((300 / (30 * MARGIN)) * 1000 + 100);
});

test('a call that comes late takes a later slot rather than crowding the next second', async () => {
  const time = fakeTime();
  const limiter = createRateLimiter({ perSecond: 30, perChatMs: 0 }, { timing: time });
  const starts: number[] = [];
  for (let i = 0; i < 200; i++) {
    await limiter.acquire(`c${i}`);
    starts.push(time.at);
    // Every fifth call, the process was busy for a while before the next one asked.
    if (i % 5 === 0) time.at += 50;
  }
  expect(mostInWindow(starts, 1000)).toBeLessThanOrEqual(30);
});

test('a call woken a little late still takes its slot: a busy host keeps the rate, and no second holds more than the limit', async () => {
  // Every other wait ends 20 ms after it should, as timers do on a loaded machine.
  let waits = 0;
  const time = { at: 1_000_000, now: () => time.at, sleep: async (ms: number) => void (time.at += ms + (waits++ % 2 ? 0 : 20)) };
  const limiter = createRateLimiter({ perSecond: 30, perChatMs: 0 }, { timing: time });
  const starts: number[] = [];
  for (let i = 0; i < 300; i++) {
    await limiter.acquire(`c${i}`);
    starts.push(time.at);
  }
  expect(mostInWindow(starts, 1000)).toBeLessThanOrEqual(30);
  expect(starts.at(-1)! - starts[0]!).toBeLessThan((300 / (30 * MARGIN)) * 1000 + 100);
});

test('after a 429 nothing goes out until retry_after has passed, from this instance or another', async () => {
  const time = fakeTime();
  const budget = localBudget();
  const one = createRateLimiter({ perSecond: 30, perChatMs: 0 }, { timing: time, budget });
  const two = createRateLimiter({ perSecond: 30, perChatMs: 0 }, { timing: time, budget });
  const pausedAt = time.at;
  await one.pause(5000);
  await two.acquire('b');
  expect(time.at - pausedAt).toBeGreaterThanOrEqual(5000);
});

test('instances sharing one budget keep the limit together', async () => {
  const time = fakeTime();
  const bookings: number[] = [];
  const shared = localBudget();
  const budget: SharedBudget = { reserve: async (...args) => { bookings.push(args[0]); return shared.reserve(...args); }, pauseUntil: shared.pauseUntil };
  const limiters = [0, 1, 2].map(() => createRateLimiter({ perSecond: 30, perChatMs: 0 }, { timing: time, budget }));
  const starts: number[] = [];
  for (let i = 0; i < 300; i++) {
    await limiters[i % 3]!.acquire(`chat-${i}`);
    starts.push(time.at);
  }
  expect(mostInWindow(starts.sort((a, b) => a - b), 1000)).toBeLessThanOrEqual(30);
  expect(bookings.length).toBeGreaterThan(0);
});
