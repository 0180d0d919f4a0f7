import { addDays, formatLocalDate, localDateOf } from '../../domain/calendar/local-time.js';
import { isEveryProvince, isSupervisor, say, supervisedProvinces, type Feature } from '../context.js';
import type { MessagePayload, TextLine } from '../../messaging/message.js';
import { silentLine } from '../../domain/progress/index.js';
import { undeliveredLine } from '../../services/undelivered.js';

const LOOKBACK_DAYS = 366;
const MAX_ITEMS = 30;

/** Overdue deadlines of the supervisor's province, grouped by agency, and agencies nobody answers for. */
export const overdue: Feature = {
  commands: ['overdue', 'quahan'],
  async handle({ person, now, deps, t }) {
    if (!isSupervisor(person)) return [say('common:role.needSupervisor')];
    const today = localDateOf(now);
    const out: MessagePayload[] = [];
    for (const province of supervisedProvinces(person)) {
      const items = (await deps.reminders.deadlines({ province, from: addDays(today, -LOOKBACK_DAYS), to: today, now })).filter((d) => d.status === 'overdue');
      const name = isEveryProvince(province) ? t('common:allProvinces') : (await deps.agencies.province(province))?.name ?? province;
      const lines: TextLine[] = [{ key: items.length ? 'reminders:overdueList.title' : 'reminders:overdueList.none', params: { province: name, count: items.length } }];
      for (const d of items.slice(0, MAX_ITEMS)) lines.push({ key: 'reminders:overdueList.item', params: { task: d.title, agency: d.agency, due: formatLocalDate(d.dueOn) } });
      if (items.length > MAX_ITEMS) lines.push({ key: 'reminders:deadline.more', params: { count: items.length - MAX_ITEMS } });
      const agencies = await deps.agencies.list(isEveryProvince(province) ? {} : { province });
      const active = agencies.filter((a) => !a.mergedIntoId);
      const focal = await deps.people.focalPoints(active.map((a) => a.id));
      const silent = active.filter((a) => !focal.get(a.id)?.length);
      const undelivered = await undeliveredLine(deps, { province, agencyIds: new Set(active.map((a) => a.id)) }, now);
      if (undelivered) lines.push(undelivered);
      if (silent.length) lines.push({ key: 'reminders:overdueList.noFocal', params: { count: silent.length, agencies: silent.slice(0, 10).map((a) => a.name).join('; ') + (silent.length > 10 ? '; …' : '') } });
      // Agencies that sent no figures for last month.
      const report = await deps.progress.silent({ scope: isEveryProvince(province) ? {} : { province }, now });
      lines.push(silentLine(report));
      out.push({ lines });
    }
    return out;
  },
};
