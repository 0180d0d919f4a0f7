import type { TFunction } from 'i18next';
import type { App } from '../app.js';
import { startOfLocalDay, ZONE } from '../domain/calendar/local-time.js';

/** `questions unanswered [--since DATE] [--all]`: what the bot would not answer, for review. */
export async function listUnanswered(app: App, options: { since?: string; all?: boolean }, t: TFunction, out: (line: string) => void): Promise<number> {
  const rows = await app.repos.questions.unanswered({ since: options.since ? startOfLocalDay(options.since) : undefined, includeReviewed: options.all });
  for (const q of rows) {
    const state = q.repliedAt ? t('cli:questions.replied') : q.handedOffAt ? t('cli:questions.handedOff') : t('cli:questions.open');
    const when = q.askedAt.toLocaleString('sv-SE', { timeZone: ZONE }).slice(0, 16);
    out(`#${q.id}\t${when}\t${q.channel}\t${state}\t${q.topic ?? '-'}\t${q.score?.toFixed(2) ?? '-'}\t${q.text.replace(/\s+/g, ' ')}`);
  }
  out(t('cli:count', { count: rows.length }));
  return 0;
}

/** `questions reviewed <id…>`: takes reviewed questions off the list. */
export async function markReviewed(app: App, ids: string[], t: TFunction, out: (line: string) => void): Promise<number> {
  const numbers = ids.map((id) => Number(id.replace(/^#/, '')));
  if (!numbers.length || numbers.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(t('cli:questions.usage'));
  out(t('cli:questions.reviewed', { count: await app.repos.questions.markReviewed(numbers, app.clock.now()) }));
  return 0;
}
