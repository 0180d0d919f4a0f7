import type { TFunction } from 'i18next';
import type { App } from '../app.js';
import { ZONE } from '../domain/calendar/local-time.js';

const localTime = (at: Date | null) => (at ? at.toLocaleString('sv-SE', { timeZone: ZONE }).slice(0, 16) : '');

/** `outbox failed`: the messages given up after their last try, newest first, one a line, with whom they were for. */
export async function listFailed(app: App, t: TFunction, out: (line: string) => void): Promise<number> {
  const failed = await app.repos.deliveryFailures.failed();
  for (const f of failed) out(`#${f.id}\t${localTime(f.failedAt)}\t${f.kind}\t${f.channel}:${f.chatId}\t${f.name}\t${t('cli:outbox.tries', { count: f.attempts })}\t${(f.lastError ?? '').slice(0, 120)}`);
  out(t('cli:outbox.failedCount', { count: failed.length }));
  return 0;
}

/**
 * `outbox retry <id>`: a failed message goes out again from its first try, at the running service's next minute (this
 * process has no channel to send it on: waking its own worker would only put it off). A bad or unknown id, or a
 * message that is not failed, is refused.
 */
export async function retryFailed(app: App, id: string | undefined, t: TFunction, io: { out: (line: string) => void; err: (line: string) => void }): Promise<number> {
  const n = /^#?\d{1,9}$/.test(id ?? '') ? Number(id!.replace('#', '')) : NaN;
  if (!(n > 0)) {
    io.err(t('cli:outbox.badId', { value: id ?? '' }));
    return 2;
  }
  const outcome = await app.repos.deliveryFailures.retry(n, app.clock.now());
  if (outcome === 'missing') {
    io.err(t('cli:outbox.missing', { id: n }));
    return 1;
  }
  if (outcome !== 'retried') {
    io.err(t('cli:outbox.notFailed', { id: n, status: outcome }));
    return 1;
  }
  io.out(t('cli:outbox.retried', { id: n }));
  return 0;
}
