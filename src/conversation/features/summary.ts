import { currentPeriod, looksLikePeriod, parseSummaryArgs, periodCode, summaryLines } from '../../domain/progress/index.js';
import { reportFiles } from '../../reports/files.js';
import { isFocal, isSupervisor, say, type Feature } from '../context.js';
import type { MessagePayload } from '../../messaging/message.js';
import { translateWith } from '../../messaging/render.js';
import { asAttachments, scopesFor } from '../progress-reply.js';

/**
 * /baocao [period] [agency or province] [xlsx] [csv] [bieudo]: where the scope stands against
 * the plans' targets, as text, and as files when asked. The period defaults to the current
 * month, the one a focal point's /capnhat defaults to.
 */
export const summary: Feature = {
  commands: ['summary', 'baocao'],
  async handle(turn) {
    const { person, now, deps, t, incoming } = turn;
    if (!isSupervisor(person) && !isFocal(person)) return [say('common:role.needFocalOrSupervisor')];
    const args = parseSummaryArgs(incoming.text ?? '', { now });
    const scopes = await scopesFor(turn, args.scopeText);
    // `/baocao tháng 13/2026`: a period it could not read is not the name of an agency.
    if (!scopes?.length) return [say(looksLikePeriod(args.scopeText) ? 'progress:report.badPeriod' : 'progress:report.unknownScope', { text: args.scopeText })];
    const period = args.period ?? periodCode(currentPeriod(now));
    const out: MessagePayload[] = [];
    for (const { scope, name } of scopes) {
      const result = await deps.progress.summary({ scope, period, now });
      const payload: MessagePayload = { lines: summaryLines(result, { scopeName: name }) };
      if (args.formats.length) {
        const series = await deps.progress.history({ scope, period, now });
        const files = await reportFiles({ series, formats: args.formats, t: translateWith(t), scopeName: name, period, locale: person.language === 'en' ? 'en-GB' : 'vi-VN', summary: result });
        if (args.formats.includes('chart') && !files.some((f) => f.kind === 'photo')) payload.lines.push({ key: 'progress:file.noChart' });
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
