import schedule from 'node-schedule';
import type { Logger } from '../logger.js';
import type { Clock } from './clock.js';
import type { OutboxWorker } from './outbox-worker.js';
import type { ReminderService } from './reminder-service.js';

/**
 * Every minute: decide which reminder steps are due at clock.now(), then send
 * what the outbox holds. Runs never overlap; tests call runOnce() after moving
 * their clock instead of waiting for the timer.
 */
export function createScheduler(deps: { clock: Clock; reminders: ReminderService; outbox: OutboxWorker; logger: Logger; digest?: { tick(now: Date): Promise<number> } }) {
  let job: schedule.Job | undefined;
  let running: Promise<void> | undefined;

  async function run(): Promise<void> {
    const now = deps.clock.now();
    const queued = (await deps.reminders.tick(now)) + ((await deps.digest?.tick(now)) ?? 0);
    const sent = await deps.outbox.drain();
    if (queued || sent) deps.logger.info('scheduler run', { at: now.toISOString(), queued, sent });
  }

  function runOnce(): Promise<void> {
    running ??= run().finally(() => (running = undefined));
    return running;
  }

  return {
    runOnce,
    start(): void {
      job = schedule.scheduleJob({ rule: '*/1 * * * *', tz: 'Asia/Ho_Chi_Minh' }, () => {
        runOnce().catch((e: unknown) => deps.logger.error('scheduler run failed', { error: String((e as Error)?.stack ?? e) }));
      });
    },
    async stop(): Promise<void> {
      job?.cancel();
      await running;
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
