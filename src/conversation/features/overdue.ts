import { formatLocalDate, localDateOf } from '../../domain/calendar/local-time.js';
import { silentLine } from '../../domain/progress/index.js';
import { isEveryProvince, isSupervisor, say, supervisedProvinces, type Feature } from '../context.js';
import type { MessagePayload, TextLine } from '../../messaging/message.js';
import { translateWith } from '../../messaging/render.js';
import { overdueFile } from '../../services/summary-files.js';
import { asAttachments } from '../progress-reply.js';
import { undeliveredLine } from '../../services/undelivered.js';

/** How many overdue deadlines, agencies without a focal point and silent agencies a message names; the rest go in a spreadsheet. */
const MAX_ITEMS = 10;
const MAX_NAMES = 8;
// Characters of task and agency names one reply lists: with the rest it stays one message (Telegram takes 4,096).
const MAX_LISTED_CHARS = 2500;

/** The first items, as many as fit in one message. */
function fitting<T extends { taskTitle: string; agencyName: string }>(items: readonly T[]): T[] {
  let used = 0;
  const out: T[] = [];
  for (const d of items) {
    used += d.taskTitle.length + d.agencyName.length + 20;
    if (used > MAX_LISTED_CHARS) break;
    out.push(d);
  }
  return out;
}

/** Overdue deadlines of the supervisor's province, agencies nobody answers for, and agencies that sent no figures for last month. */
export const overdue: Feature = {
  commands: ['overdue', 'quahan'],
  async handle({ person, now, deps, t }) {
    if (!isSupervisor(person)) return [say('common:role.needSupervisor')];
    const out: MessagePayload[] = [];
    // Reminders in a year without holiday data fall on weekdays only: the supervisor should know before trusting them.
    const missing = deps.calendarGaps(now);
    if (missing.length) out.push(say('dates:calendar.missing', { years: missing.join(', ') }));
    for (const province of supervisedProvinces(person)) {
      const scope = isEveryProvince(province) ? {} : { province };
      const name = isEveryProvince(province) ? t('common:allProvinces') : (await deps.agencies.province(province))?.name ?? province;
      const report = await deps.progress.overdue({ scope, now, limit: MAX_ITEMS });
      const lines: TextLine[] = [{ key: report.overdueCount ? 'reminders:overdueList.title' : 'reminders:overdueList.none', params: { province: name, count: report.overdueCount } }];
      const shown = fitting(report.overdue);
      for (const d of shown) lines.push({ key: 'reminders:overdueList.item', params: { task: d.taskTitle, agency: d.agencyName, due: formatLocalDate(localDateOf(d.dueAt)) } });
      if (report.overdueCount > shown.length) lines.push({ key: 'reminders:deadline.more', params: { count: report.overdueCount - shown.length } });
      // Past a day the system chose: not overdue until a supervisor confirms the day (/datngay).
      if (report.unconfirmedCount) lines.push({ key: 'dates:overdue.unconfirmed', params: { count: report.unconfirmedCount } });
      const undelivered = await undeliveredLine(deps, province, now);
      if (undelivered) lines.push(undelivered);
      const ended = await deps.agencies.endedWithoutSuccessor(scope.province);
      if (ended.length) lines.push({ key: 'common:agency.endedNoSuccessor', params: { count: ended.length, agencies: ended.slice(0, MAX_NAMES).map((a) => `${a.code} (${a.name})`).join('; ') + (ended.length > MAX_NAMES ? '; …' : '') } });
      const noFocal = await deps.progress.listed(await deps.agencies.withoutFocal(scope));
      if (noFocal.length) lines.push({ key: 'reminders:overdueList.noFocal', params: { count: noFocal.length, agencies: noFocal.slice(0, MAX_NAMES).map((a) => a.name).join('; ') + (noFocal.length > MAX_NAMES ? '; …' : '') } });
      lines.push(silentLine(report, MAX_NAMES));
      const payload: MessagePayload = { lines };
      if (report.overdueCount > shown.length || noFocal.length > MAX_NAMES || report.silent.length > MAX_NAMES) {
        const file = await overdueFile({ progress: deps.progress, scope, name, now, period: report.period, noFocal, t: translateWith(t) });
        lines.push({ key: 'progress:file.fullLists' }, { key: 'progress:file.attached', params: { count: 1 } });
        payload.attachments = asAttachments([file]);
      }
      out.push(payload);
    }
    return out;
  },
};
