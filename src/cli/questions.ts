import type { TFunction } from 'i18next';
import type { App } from '../app.js';
import { formatLocalDateTime, localIsoString, startOfLocalDay } from '../domain/calendar/local-time.js';
import { UsageError } from './args.js';
import type { CliIo } from './io.js';
import { printRows } from './output.js';

/** How much of a question the table shows; `--json` has all of it. */
const QUESTION_WIDTH = 70;

/** `questions unanswered [--since DATE] [--all]`: what the bot would not answer, for review. */
export async function listUnanswered(app: App, options: { since?: string; all?: boolean; json: boolean }, t: TFunction, io: CliIo): Promise<number> {
  const rows = await app.repos.questions.unanswered({ since: options.since ? startOfLocalDay(options.since) : undefined, includeReviewed: options.all });
  const state = (q: (typeof rows)[number]): 'replied' | 'handedOff' | 'open' => (q.repliedAt ? 'replied' : q.handedOffAt ? 'handedOff' : 'open');
  printRows(
    io,
    { json: options.json, t },
    [
      { header: t('cli:column.number'), cell: (q) => `#${q.id}`, align: 'right' },
      { header: t('cli:column.askedAt'), cell: (q) => formatLocalDateTime(q.askedAt) },
      { header: t('cli:column.channel'), cell: (q) => q.channel },
      { header: t('cli:column.status'), cell: (q) => t(`cli:questions.${state(q)}`) },
      { header: t('cli:column.topic'), cell: (q) => q.topic ?? '—' },
      { header: t('cli:column.score'), cell: (q) => q.score?.toFixed(2) ?? '—', align: 'right' },
      { header: t('cli:column.question'), cell: (q) => q.text, max: QUESTION_WIDTH },
    ],
    rows,
    (q) => ({ id: q.id, askedAt: localIsoString(q.askedAt), channel: q.channel, state: state(q), topic: q.topic, score: q.score, text: q.text, reviewed: q.reviewedAt !== null }),
  );
  return 0;
}

/** `questions reviewed <id…>`: takes reviewed questions off the list; a number that is no question changes nothing. */
export async function markReviewed(app: App, ids: string[], t: TFunction, out: (line: string) => void): Promise<number> {
  const usage = () => new UsageError(t('cli:badArguments', { command: 'questions reviewed', usage: t('cli:commands.questions reviewed') }));
  const numbers = ids.map((id) => Number(id.replace(/^#/, '')));
  if (!numbers.length || numbers.some((n) => !Number.isInteger(n) || n <= 0)) throw usage();
  const found = await app.repos.questions.existing(numbers);
  const missing = numbers.filter((n) => !found.has(n));
  if (missing.length) throw new UsageError(t('cli:questions.unknown', { ids: missing.map((n) => `#${n}`).join(', ') }));
  out(t('cli:questions.reviewed', { count: await app.repos.questions.markReviewed(numbers, app.clock.now()) }));
  return 0;
}
