import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Clock } from './clock.js';
import type { OutboxWorker } from './outbox-worker.js';
import type { ReminderService } from './reminder-service.js';

const MINUTE = 60_000;

/**
 * Every minute: decide which reminder steps are due at clock.now(), then send
 * what the outbox holds. Runs never overlap; tests call runOnce() after moving
 * their clock instead of waiting for the timer.
 */
export function createScheduler(deps: { clock: Clock; reminders: ReminderService; outbox: OutboxWorker; logger: Logger; digest?: { tick(now: Date): Promise<number> }; metrics?: Pick<Metrics, 'tickSeconds'>; housekeeping?: { tick(now: Date): void } }) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let due = 0; // the minute boundary the timer is set for
  let running: Promise<void> | undefined;

  async function run(): Promise<void> {
    const end = deps.metrics?.tickSeconds.startTimer();
    try {
      const now = deps.clock.now();
      // Daily chores (the retention purge) start here and run on their own, never holding up reminders.
      deps.housekeeping?.tick(now);
      const queued = (await deps.reminders.tick(now)) + ((await deps.digest?.tick(now)) ?? 0);
      const sent = await deps.outbox.drain();
      if (queued || sent) deps.logger.info('scheduler run', { at: now.toISOString(), queued, sent });
    } finally {
      end?.();
    }
  }

  function runOnce(): Promise<void> {
    running ??= run().finally(() => (running = undefined));
    return running;
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
      await running;
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
