import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { systemClock } from '../../src/services/clock.js';
import type { OutboxWorker } from '../../src/services/outbox-worker.js';
import type { ReminderService } from '../../src/services/reminder-service.js';
import { createScheduler } from '../../src/services/scheduler.js';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-03-01T10:00:25.000Z'));
});
afterEach(() => vi.useRealTimers());

/** A scheduler whose runs record when they start and, when `hold` is set, finish only once released. */
function recorded(hold = false) {
  const starts: string[] = [];
  const waiting: Array<() => void> = [];
  let active = 0;
  let mostAtOnce = 0;
  const reminders = {
    async tick(now: Date) {
      starts.push(now.toISOString());
      mostAtOnce = Math.max(mostAtOnce, ++active);
      if (hold) await new Promise<void>((resolve) => waiting.push(resolve));
      active--;
      return 0;
    },
  } as unknown as ReminderService;
  const outbox = { drain: async () => 0 } as unknown as OutboxWorker;
  const scheduler = createScheduler({ clock: systemClock, reminders, outbox, logger: silentLogger });
  return { scheduler, starts, release: () => waiting.splice(0).forEach((r) => r()), mostAtOnce: () => mostAtOnce };
}

test('start() runs at each whole minute, not a minute after starting', async () => {
  const { scheduler, starts } = recorded();
  scheduler.start();
  await vi.advanceTimersByTimeAsync(34_999);
  expect(starts).toEqual([]);
  await vi.advanceTimersByTimeAsync(1);
  expect(starts).toEqual(['2025-03-01T10:01:00.000Z']);
  await vi.advanceTimersByTimeAsync(2 * 60_000);
  expect(starts).toEqual(['2025-03-01T10:01:00.000Z', '2025-03-01T10:02:00.000Z', '2025-03-01T10:03:00.000Z']);
  await scheduler.stop();
});

test('a run still going at the next minute is not overlapped, and runs resume once it ends', async () => {
  const { scheduler, starts, release, mostAtOnce } = recorded(true);
  scheduler.start();
  await vi.advanceTimersByTimeAsync(35_000 + 3 * 60_000);
  expect(starts).toEqual(['2025-03-01T10:01:00.000Z']);
  release();
  await vi.advanceTimersByTimeAsync(60_000);
  expect(starts).toEqual(['2025-03-01T10:01:00.000Z', '2025-03-01T10:05:00.000Z']);
  expect(mostAtOnce()).toBe(1);
  release();
  await scheduler.stop();
});

test('stop() waits for the run in progress and no run starts after it', async () => {
  const { scheduler, starts, release } = recorded(true);
  scheduler.start();
  await vi.advanceTimersByTimeAsync(35_000);
  let stopped = false;
  const stopping = scheduler.stop().then(() => (stopped = true));
  await vi.advanceTimersByTimeAsync(0);
  expect(stopped).toBe(false);
  release();
  await stopping;
  await vi.advanceTimersByTimeAsync(10 * 60_000);
  expect(starts).toEqual(['2025-03-01T10:01:00.000Z']);
});

test('a drain still going at the next minute does not hold the planning: each minute plans and asks for a drain', async () => {
  const starts: string[] = [];
  const reminders = { tick: async (now: Date) => (starts.push(now.toISOString()), 0) };
  let drains = 0;
  let finish = () => {};
  const held = new Promise<number>((resolve) => (finish = () => resolve(0)));
  // The first drain lasts (a call hanging until its timeout); later ones join it, as the outbox worker's do.
  const outbox = { drain: () => (drains++, held) };
  const scheduler = createScheduler({ clock: systemClock, reminders, outbox, logger: silentLogger });
  scheduler.start();
  await vi.advanceTimersByTimeAsync(35_000 + 2 * 60_000);
  expect(starts).toEqual(['2025-03-01T10:01:00.000Z', '2025-03-01T10:02:00.000Z', '2025-03-01T10:03:00.000Z']);
  expect(drains).toBe(3);
  let stopped = false;
  const stopping = scheduler.stop().then(() => (stopped = true));
  await vi.advanceTimersByTimeAsync(0);
  expect(stopped).toBe(false);
  finish();
  await stopping;
});
