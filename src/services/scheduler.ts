import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Clock } from './clock.js';
import type { OutboxWorker } from './outbox-worker.js';
import type { ReminderService } from './reminder-service.js';

const MINUTE = 60_000;

/**
 * Every minute: decide which reminder steps are due at clock.now(), then send what the outbox holds. Plannings never
 * overlap, but a planning does not wait for the last drain: a drain that takes long (a fan-out at the platform's
 * limit, calls that hang until their timeout) keeps taking what new plannings queue. Tests call runOnce() after
 * moving their clock instead of waiting for the timer; it resolves once the drain it started is over.
 */
export function createScheduler(deps: { clock: Clock; reminders: Pick<ReminderService, 'tick'>; outbox: Pick<OutboxWorker, 'drain'>; logger: Logger; digest?: { tick(now: Date): Promise<number> }; metrics?: Pick<Metrics, 'tickSeconds'>; housekeeping?: { tick(now: Date): void } }) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let due = 0; // the minute boundary the timer is set for
  let planning: Promise<number> | undefined;
  const drains = new Set<Promise<unknown>>();

  async function plan(): Promise<number> {
    const end = deps.metrics?.tickSeconds.startTimer();
    try {
      const now = deps.clock.now();
      // Daily chores (the retention purge) start here and run on their own, never holding up reminders.
      deps.housekeeping?.tick(now);
      return (await deps.reminders.tick(now)) + ((await deps.digest?.tick(now)) ?? 0);
    } finally {
      end?.();
    }
  }

  async function runOnce(): Promise<void> {
    planning ??= plan().finally(() => (planning = undefined));
    const queued = await planning;
    const drain = deps.outbox.drain();
    drains.add(drain);
    try {
      const sent = await drain;
      if (queued || sent) deps.logger.info('scheduler run', { at: deps.clock.now().toISOString(), queued, sent });
    } finally {
      drains.delete(drain);
    }
  }

  // Re-armed from the boundary just served rather than from now, so a timer that fires a little early cannot
  // serve the same minute twice; from now when later, so a suspended process does not replay missed minutes.
  function arm(): void {
    due = Math.floor(Math.max(due, Date.now()) / MINUTE) * MINUTE + MINUTE;
    timer = setTimeout(tick, due - Date.now());
  }

  function tick(): void {
    arm();
    runOnce().catch((e: unknown) => deps.logger.error('scheduler run failed', { error: String((e as Error)?.stack ?? e) }));
  }

  return {
    runOnce,
    start(): void {
      clearTimeout(timer);
      arm();
    },
    async stop(): Promise<void> {
      clearTimeout(timer);
      await planning;
      await Promise.allSettled(drains);
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
