import { addDays, formatLocalDate, localDateOf } from '../../domain/calendar/local-time.js';
import { isEveryProvince, isSupervisor, say, supervisedProvinces, type Feature } from '../context.js';
import type { MessagePayload, TextLine } from '../../messaging/message.js';
import { silentLine } from '../../domain/progress/index.js';

const LOOKBACK_DAYS = 366;
const MAX_ITEMS = 30;

/** Overdue deadlines of the supervisor's province, grouped by agency, and agencies nobody answers for. */
export const overdue: Feature = {
  commands: ['overdue', 'quahan'],
  async handle({ person, now, deps, t }) {
    if (!isSupervisor(person)) return [say('common:role.needSupervisor')];
    const today = localDateOf(now);
    const out: MessagePayload[] = [];
    // Reminders in a year without holiday data fall on weekdays only: the supervisor should know before trusting them.
    const missing = deps.calendarGaps(now);
    if (missing.length) out.push(say('dates:calendar.missing', { years: missing.join(', ') }));
    for (const province of supervisedProvinces(person)) {
      const found = await deps.reminders.deadlines({ province, from: addDays(today, -LOOKBACK_DAYS), to: today, now });
      const items = found.filter((d) => d.status === 'overdue');
      const unconfirmed = found.filter((d) => d.status === 'unconfirmed').length;
      const name = isEveryProvince(province) ? t('common:allProvinces') : (await deps.agencies.province(province))?.name ?? province;
      const lines: TextLine[] = [{ key: items.length ? 'reminders:overdueList.title' : 'reminders:overdueList.none', params: { province: name, count: items.length } }];
      for (const d of items.slice(0, MAX_ITEMS)) lines.push({ key: 'reminders:overdueList.item', params: { task: d.title, agency: d.agency, due: formatLocalDate(d.dueOn) } });
      if (items.length > MAX_ITEMS) lines.push({ key: 'reminders:deadline.more', params: { count: items.length - MAX_ITEMS } });
      if (unconfirmed) lines.push({ key: 'dates:overdue.unconfirmed', params: { count: unconfirmed } });
      const agencies = await deps.agencies.list(isEveryProvince(province) ? {} : { province });
      const active = agencies.filter((a) => !a.mergedIntoId && !a.endedOn);
      const ended = await deps.agencies.endedWithoutSuccessor(isEveryProvince(province) ? undefined : province);
      if (ended.length) lines.push({ key: 'common:agency.endedNoSuccessor', params: { count: ended.length, agencies: ended.slice(0, 10).map((a) => `${a.code} (${a.name})`).join('; ') + (ended.length > 10 ? '; …' : '') } });
      const focal = await deps.people.focalPoints(active.map((a) => a.id));
      const silent = active.filter((a) => !focal.get(a.id)?.length);
      if (silent.length) lines.push({ key: 'reminders:overdueList.noFocal', params: { count: silent.length, agencies: silent.slice(0, 10).map((a) => a.name).join('; ') + (silent.length > 10 ? '; …' : '') } });
      // Agencies that sent no figures for last month.
      const report = await deps.progress.silent({ scope: isEveryProvince(province) ? {} : { province }, now });
      lines.push(silentLine(report));
      out.push({ lines });
    }
    return out;
  },
};
