import { addDays, formatLocalDate, localDateOf } from '../../domain/calendar/local-time.js';
import type { DeadlineView } from '../../services/reminder-service.js';
import { focalAgencyIds, isEveryProvince, isFocal, isSupervisor, say, supervisedProvinces, type Feature } from '../context.js';
import type { MessagePayload, TextLine } from '../../messaging/message.js';
import { encodeButton } from '../../messaging/buttons.js';

const AHEAD_DAYS = 60;
const BEHIND_DAYS = 90;
const MAX_ITEMS = 25;

/** The due date as a list shows it: an extended one with its new date, and whether that was met. */
function dueOf(d: DeadlineView): string | TextLine {
  if (!d.extendedTo) return formatLocalDate(d.dueOn);
  const key = d.metExtension === undefined ? 'reminders:deadline.extended' : d.metExtension ? 'reminders:deadline.extendedMet' : 'reminders:deadline.extendedMissed';
  return { key, params: { due: formatLocalDate(d.dueOn), to: formatLocalDate(d.extendedTo) } };
}

function listing(title: TextLine, items: DeadlineView[], withButtons: boolean): MessagePayload {
  const shown = items.slice(0, MAX_ITEMS);
  const lines: TextLine[] = [title, ...shown.map((d): TextLine => ({ key: `reminders:deadline.${d.status}`, params: { task: d.title, agency: d.agency, due: dueOf(d) } }))];
  if (items.length > shown.length) lines.push({ key: 'reminders:deadline.more', params: { count: items.length - shown.length } });
  // Buttons only for what the reader can still act on, and few enough to fit a phone screen.
  const open = withButtons ? shown.filter((d) => d.status !== 'done').slice(0, 5) : [];
  return { lines, buttons: open.map((d) => [{ key: 'reminders:button.doneFor', params: { due: formatLocalDate(d.dueOn), task: d.title.slice(0, 30) }, data: encodeButton('reminder.done', { key: d.key }) }]) };
}

/** Upcoming deadlines: a focal point's own agency, a supervisor's province; overdue ones first. */
export const deadlines: Feature = {
  commands: ['deadlines', 'hanchot'],
  async handle({ person, now, deps }) {
    const today = localDateOf(now);
    const range = { from: addDays(today, -BEHIND_DAYS), to: addDays(today, AHEAD_DAYS), now };
    const relevant = (d: DeadlineView) => (d.extendedTo ?? d.dueOn) > today || d.status === 'overdue';
    const out: MessagePayload[] = [];
    if (isFocal(person)) {
      const items = (await deps.reminders.deadlines({ ...range, agencyIds: focalAgencyIds(person) })).filter(relevant);
      out.push(items.length ? listing({ key: 'reminders:deadlines.focal', params: { days: AHEAD_DAYS } }, items, true) : say('reminders:deadlines.none', { days: AHEAD_DAYS }));
    }
    if (isSupervisor(person)) {
      for (const province of supervisedProvinces(person)) {
        const items = (await deps.reminders.deadlines({ ...range, province })).filter(relevant);
        const name = isEveryProvince(province) ? 'common:allProvinces' : (await deps.agencies.province(province))?.name ?? province;
        out.push(items.length ? listing({ key: 'reminders:deadlines.province', params: { province: name, days: AHEAD_DAYS } }, items, false) : say('reminders:deadlines.none', { days: AHEAD_DAYS }));
      }
    }
    return out.length ? out : [say('common:role.needFocalOrSupervisor')];
  },
};
