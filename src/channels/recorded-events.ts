import type { Channel } from '../messaging/channel.js';
import type { InboundEventRepo } from '../repositories/inbound-event-repo.js';

/**
 * What a webhook needs to keep the platform's events it answered 200: they are recorded before the answer, processed
 * after it, and taken up again at start when a process stopped in between.
 */
export interface RecordedEvents<E> {
  events: InboundEventRepo;
  process: (event: E) => Promise<void>;
  now: () => Date;
  onError?: (e: unknown) => void;
}

/**
 * Processes a recorded event and marks it done. One that failed stays unprocessed with its error: the recovery takes
 * it up again (a person's message is not dropped for a passing fault). True when it succeeded.
 */
export async function processRecorded<E>(channel: Channel, opts: RecordedEvents<E>, id: string, event: E): Promise<boolean> {
  try {
    await opts.process(event);
    await opts.events.markProcessed(channel, id, opts.now());
    return true;
  } catch (e) {
    await opts.events.markFailed(channel, id, e instanceof Error ? e.message : String(e)).catch(() => undefined);
    opts.onError?.(e);
    return false;
  }
}

// Processing an event takes seconds; one left unprocessed longer than this was dropped by a process that died, or failed.
const ORPHAN_AFTER_MS = 2 * 60_000;
// An event that has failed for a day is left with its error: an operator's matter, not retried every minute for ever.
const RETRY_FOR_MS = 24 * 3_600_000;

/**
 * Processes the events that were recorded and answered 200 but never processed (the process stopped in between, or
 * the work failed), so a person's message is not lost to a restart or a passing fault. Run at start and every minute. Each is claimed first, so two instances do not both take it.
 */
export async function recoverRecorded<E>(channel: Channel, opts: RecordedEvents<E>): Promise<number> {
  let recovered = 0;
  const now = opts.now().getTime();
  for (const orphan of await opts.events.orphans(channel, new Date(now - ORPHAN_AFTER_MS), new Date(now - RETRY_FOR_MS))) {
    if (!(await opts.events.claimOrphan(channel, orphan.eventId, opts.now()))) continue;
    if (await processRecorded(channel, opts, orphan.eventId, JSON.parse(orphan.body) as E)) recovered++;
  }
  return recovered;
}
