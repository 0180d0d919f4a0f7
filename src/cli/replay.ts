import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TFunction } from 'i18next';
import type { App } from '../app.js';
import { formatLocalDateTime, localDateOf, localIsoString, startOfLocalDay } from '../domain/calendar/local-time.js';
import { shorten } from '../domain/text/shorten.js';
import { answerMessage, loadRules, type Choice, type Rules } from '../domain/subsidy/index.js';
import { changes, digest, type AnswerDigest } from '../conversation/citizen/answer-digest.js';

export interface ReplayOptions {
  since?: string;
  /** A rules file to try instead of the one the service runs with (a correction before it is deployed). */
  rulesFile?: string;
  /** List every question, not only those whose answer would change. */
  all?: boolean;
  json?: boolean;
}

/** How much of a question its heading shows; `--json` has all of it. */
const QUESTION_WIDTH = 100;

/** A one-line calculation is logged with its command; the question is what follows it. */
const withoutCommand = (text: string) => text.replace(/^\/(?:tinh|calc)(?:@\S+)?\s+/i, '');

/** What was logged before answers were kept: the topic and the outcome only. */
function loggedDigest(q: { answer: string | null; topic: string | null; outcome: string }): AnswerDigest[] | undefined {
  return q.answer ? (JSON.parse(q.answer) as AnswerDigest[]) : undefined;
}

/**
 * `questions replay [--since DATE] [--rules FILE] [--all]`: re-answers every logged question
 * with the current rules and understanding (or a rules file not yet deployed), as of the day
 * it was asked, and shows the answers that would change, figure by figure.
 */
export async function replay(app: App, options: ReplayOptions, t: TFunction, out: (line: string) => void, progress: (done: number, total: number) => void = () => {}): Promise<number> {
  const rules: Rules = options.rulesFile ? loadRules(readFileSync(resolve(options.rulesFile), 'utf8'), resolve(options.rulesFile)) : app.subsidy.rules;
  const rows = await app.repos.questions.since({ since: options.since ? startOfLocalDay(options.since) : undefined });
  let changed = 0;
  const listed: { id: number; askedAt: string; text: string; answerLogged: boolean; changes: string[] }[] = [];
  for (const [i, q] of rows.entries()) {
    progress(i, rows.length);
    const choice = q.choice ? (JSON.parse(q.choice) as Choice) : undefined;
    const answers = answerMessage(withoutCommand(q.text), { rules, today: localDateOf(q.askedAt), threshold: app.subsidy.threshold, ...(choice ? { choice } : {}) });
    const now = digest(answers);
    const before = loggedDigest(q);
    const differences = before
      ? changes(before, now)
      : now[0]?.intent !== (q.topic ?? 'out_of_scope') || (q.outcome === 'fallback') !== (now[0]?.kind === 'fallback')
        ? [`${q.outcome} ${q.topic ?? '-'} → ${now.map((a) => `${a.kind} ${a.intent}`).join(' + ')}`]
        : [];
    if (differences.length) changed++;
    if (!differences.length && !options.all) continue;
    if (options.json) {
      listed.push({ id: q.id, askedAt: localIsoString(q.askedAt), text: q.text, answerLogged: !!before, changes: differences });
      continue;
    }
    out(`#${q.id}  ${formatLocalDateTime(q.askedAt)}  ${shorten(q.text, QUESTION_WIDTH)}`);
    if (!before) out(`  ${t('cli:replay.noAnswerLogged')}`);
    for (const d of differences) out(`  ${d}`);
    if (!differences.length) out(`  ${t('cli:replay.same')}`);
  }
  if (options.json) out(JSON.stringify(listed, null, 2));
  else out(t('cli:replay.summary', { count: rows.length, changed }));
  return 0;
}
