import { localDateOf } from '../domain/calendar/local-time.js';
import type { Logger } from '../logger.js';
import type { PrivacyRepo, PurgeCounts } from '../repositories/privacy-repo.js';

const DAY_MS = 86_400_000;

/**
 * Personal data is kept RETENTION_DAYS and no longer: once a local day, the first instance to ask purges what is
 * older (`cli privacy purge` does the same at once). A purge runs beside the minute's work, never holding it up.
 */
export function createRetention(deps: { privacy: PrivacyRepo; days: number; logger: Logger }) {
  let running: Promise<void> | undefined;
  const cutoff = (now: Date) => new Date(now.getTime() - deps.days * DAY_MS);

  async function purge(now: Date): Promise<PurgeCounts> {
    const counts = await deps.privacy.purge(cutoff(now));
    if (Object.values(counts).some(Boolean)) deps.logger.info('personal data purged', { before: cutoff(now).toISOString(), ...counts });
    return counts;
  }

  async function daily(now: Date): Promise<void> {
    if (await deps.privacy.claimDay(localDateOf(now))) await purge(now);
  }

  return {
    purge,
    /** Called every minute; starts the day's purge in the background when it is due. */
    tick(now: Date): void {
      running ??= daily(now)
        .catch((e: unknown) => deps.logger.error('retention purge failed', { error: String((e as Error)?.message ?? e) }))
        .finally(() => (running = undefined));
    },
    /** Resolves once a purge in progress has finished. */
    idle: async (): Promise<void> => void (await running),
  };
}

export type Retention = ReturnType<typeof createRetention>;
