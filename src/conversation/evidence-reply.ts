import { addDays, formatLocalDate, localDateOf } from '../domain/calendar/local-time.js';
import { currentPeriod, parseSummaryArgs, periodCode, periodEnd, periodStart, previousPeriod, toPeriod } from '../domain/progress/index.js';
import { fold } from '../domain/text/fold.js';
import type { MessagePayload } from '../messaging/message.js';
import { translateWith } from '../messaging/render.js';
import { fileSlug } from '../reports/files.js';
import { evidenceFile, evidenceScopeOf } from '../services/evidence-log.js';
import { say, type Turn } from './context.js';
import { asAttachments, scopesFor } from './progress-reply.js';

/** `/baocao nhatky …`, `/baocao nhật ký …`, `/summary log …`: the evidence log rather than the summary. */
export function asksForLog(text: string): string | undefined {
  const words = text.replace(/^\s*\/\S+/, '').trim().split(/\s+/);
  if (['nhatky', 'log'].includes(fold(words[0] ?? ''))) return words.slice(1).join(' ');
  if (fold(words.slice(0, 2).join(' ')) === 'nhat ky') return words.slice(2).join(' ');
  return undefined;
}

/**
 * `/baocao nhatky [period] [agency or province]`: every reminder sent for the deadlines due in the period (the last
 * finished month by default), whether it was delivered, and every acknowledgement, snooze, done and extension, as a
 * spreadsheet: a supervisor's province (or the country for `*`), a focal point's agency.
 */
export async function evidenceLogReply(turn: Turn, text: string): Promise<MessagePayload[]> {
  const { now, deps, t } = turn;
  const args = parseSummaryArgs(text, { now });
  const scopes = await scopesFor(turn, { text: args.scopeText, ...(args.national ? { national: true } : {}) });
  if (!scopes?.length) return [say('progress:report.unknownScope', { text: args.scopeText })];
  const period = toPeriod(args.period ?? periodCode(previousPeriod(currentPeriod(now))));
  const from = localDateOf(periodStart(period));
  const to = addDays(localDateOf(periodEnd(period)), -1);
  const translate = translateWith(t);
  const out: MessagePayload[] = [];
  for (const { scope, name } of scopes) {
    const filename = `${fileSlug(t('reminders:log.fileBase'))}-${fileSlug(name)}-${periodCode(period).toLowerCase()}.xlsx`;
    const { file, rows } = await evidenceFile(deps.evidenceLog, { ...(await evidenceScopeOf(deps.agencies, scope)), from, to }, translate, filename);
    const params = { scope: name, from: formatLocalDate(from), to: formatLocalDate(to), count: rows };
    out.push(rows ? { ...say('reminders:log.attached', params), attachments: asAttachments([file]) } : say('reminders:log.empty', params));
  }
  return out;
}
