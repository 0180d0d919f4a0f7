import { currentPeriod, looksLikePeriod, mainRanking, parseSummaryArgs, periodCode, previousPeriod, summaryLines, type ReportFormat } from '../../domain/progress/index.js';
import { DEFAULT_MAX_ITEMS } from '../../domain/progress/summary-text.js';
import { isFocal, isSupervisor, say, type Feature } from '../context.js';
import type { MessagePayload } from '../../messaging/message.js';
import { translateWith } from '../../messaging/render.js';
import { summaryFiles } from '../../services/summary-files.js';
import { asAttachments, scopesFor } from '../progress-reply.js';
import { asksForLog, evidenceLogReply } from '../evidence-reply.js';

/**
 * /baocao [period] [agency, province or toàn quốc] [cấp xã] [xlsx] [csv] [bieudo]: where the scope
 * stands against the plans' targets, as text, and as files when asked. The period defaults to
 * the last finished month, as /quahan's does: the current one is not over, so nobody has reported
 * for it yet. A message names a few of a
 * long list; the full list then comes in a spreadsheet, and a national view with its ranking
 * drawn as a chart. `/baocao nhatky [period]` sends the deadlines' evidence log instead (evidence-reply.ts).
 */
export const summary: Feature = {
  commands: ['summary', 'baocao'],
  async handle(turn) {
    const { person, now, deps, t, incoming } = turn;
    if (!isSupervisor(person) && !isFocal(person)) return [say('common:role.needFocalOrSupervisor')];
    const log = asksForLog(incoming.text ?? '');
    if (log !== undefined) return evidenceLogReply(turn, log);
    const args = parseSummaryArgs(incoming.text ?? '', { now });
    const scopes = await scopesFor(turn, { text: args.scopeText, ...(args.national ? { national: true } : {}), ...(args.level ? { level: args.level } : {}) });
    // `/baocao tháng 13/2026`: a period it could not read is not the name of an agency.
    if (!scopes?.length) return [say(looksLikePeriod(args.scopeText) ? 'progress:report.badPeriod' : 'progress:report.unknownScope', { text: args.scopeText })];
    const period = args.period ?? periodCode(previousPeriod(currentPeriod(now)));
    const out: MessagePayload[] = [];
    for (const { scope, name } of scopes) {
      const result = await deps.progress.summary({ scope, period, now });
      const payload: MessagePayload = { lines: summaryLines(result, { scopeName: name }) };
      const national = mainRanking(result.rankings) !== undefined;
      const cut = result.notReported.length > DEFAULT_MAX_ITEMS || result.deadlines.counts.overdue > DEFAULT_MAX_ITEMS;
      const formats: ReportFormat[] = cut || national ? [...new Set<ReportFormat>(['xlsx', ...args.formats])] : args.formats;
      if (formats.length) {
        const files = await summaryFiles({ progress: deps.progress, scope, name, period, now, summary: result, formats, history: args.formats.length > 0, t: translateWith(t), language: person.language });
        if (args.formats.includes('chart') && !files.some((f) => f.kind === 'photo' && f.metric)) payload.lines.push({ key: 'progress:file.noChart' });
        if (cut) payload.lines.push({ key: 'progress:file.fullLists' });
        if (files.length) {
          payload.lines.push({ key: 'progress:file.attached', params: { count: files.length } });
          payload.attachments = asAttachments(files);
        }
      }
      out.push(payload);
    }
    return out;
  },
};
