import { addDays, formatLocalDate, localDateOf, type LocalDate } from '../../domain/calendar/local-time.js';
import { assumedDayLine } from '../../domain/plans/task-day.js';
import type { DeadlineView } from '../../services/reminder-service.js';
import { focalAgencyIds, isEveryProvince, isFocal, isSupervisor, say, supervisedProvinces, type Feature, type Turn } from '../context.js';
import { BUTTON_TITLE_LENGTH, type MessagePayload, type TextLine } from '../../messaging/message.js';
import { encodeButton } from '../../messaging/buttons.js';
import { shorten } from '../../domain/text/shorten.js';

const AHEAD_DAYS = 60;
const MAX_ITEMS = 25;
/** Upcoming deadlines get buttons too, the nearest few: a phone screen holds no more. */
const UPCOMING_BUTTONS = 5;

const isPast = (d: DeadlineView) => d.status === 'overdue' || d.status === 'unconfirmed';

/** The due date as a list shows it: an extended one with its new date, and whether that was met. */
function dueOf(d: DeadlineView): string | TextLine {
  if (!d.extendedTo) return formatLocalDate(d.dueOn);
  const key = d.metExtension === undefined ? 'reminders:deadline.extended' : d.metExtension ? 'reminders:deadline.extendedMet' : 'reminders:deadline.extendedMissed';
  return { key, params: { due: formatLocalDate(d.dueOn), to: formatLocalDate(d.extendedTo) } };
}

// A chat message holds 4,096 characters (Telegram): a long list goes in several, each well under it (the
// translated lines are estimated from the names they carry). Past deadlines are shown oldest first up to a few
// dozen, each with its button; once those are marked done, the next come up.
const PAGE_CHARS = 3000;
const MAX_PAST = 40;
const LINE_CHARS = 60;
const NOTE_CHARS = 160;
const EXTENDED_CHARS = 40;

function listing(title: TextLine, items: DeadlineView[]): MessagePayload[] {
  // Every open deadline that is past comes first, however old (a 200-day-old one still waits for its "done"),
  // oldest first; then the coming ones.
  const past = items.filter(isPast);
  const coming = items.filter((d) => !isPast(d));
  const shown = [...past.slice(0, MAX_PAST), ...coming.slice(0, MAX_ITEMS)];
  const buttoned = new Set([...shown.filter(isPast), ...shown.filter((d) => !isPast(d) && d.status !== 'done').slice(0, UPCOMING_BUTTONS)]);
  const pages: MessagePayload[] = [];
  let page: MessagePayload = { lines: [title], buttons: [] };
  let used = LINE_CHARS;
  for (const d of shown) {
    const note = d.assumed && d.status !== 'done';
    const size = d.title.length + d.agency.length + LINE_CHARS + (note ? NOTE_CHARS : 0) + (d.extendedTo ? EXTENDED_CHARS : 0);
    if (used + size > PAGE_CHARS) {
      pages.push(page);
      page = { lines: [], buttons: [] };
      used = 0;
    }
    used += size;
    page.lines.push({ key: `reminders:deadline.${d.status}`, params: { task: d.title, agency: d.agency, due: dueOf(d) } });
    if (note) page.lines.push({ key: 'dates:assumed.note', params: { assumed: assumedDayLine(d.assumed!) } });
    if (buttoned.has(d)) page.buttons!.push([{ key: 'reminders:button.doneFor', params: { due: formatLocalDate(d.dueOn), task: shorten(d.title, BUTTON_TITLE_LENGTH) }, data: encodeButton('reminder.done', { key: d.key }) }]);
  }
  if (past.length > MAX_PAST) page.lines.push({ key: 'reminders:deadline.morePast', params: { count: past.length - MAX_PAST } });
  if (coming.length > MAX_ITEMS) page.lines.push({ key: 'reminders:deadline.more', params: { count: coming.length - MAX_ITEMS } });
  pages.push(page);
  return pages;
}

/** The earliest day any plan can have a deadline on: overdue deadlines are looked for back to it. */
async function firstDay(turn: Turn): Promise<LocalDate> {
  const plans = await turn.deps.plans.listPlans();
  return plans.reduce((min, p) => (p.issuedOn < min ? p.issuedOn : min), localDateOf(turn.now));
}

/** Deadlines of a focal point's agency, of a supervisor's province: every open overdue one, then the next 60 days'. */
export const deadlines: Feature = {
  commands: ['deadlines', 'hanchot'],
  async handle(turn) {
    const { person, now, deps } = turn;
    const today = localDateOf(now);
    const range = { from: await firstDay(turn), to: addDays(today, AHEAD_DAYS), now };
    const relevant = (d: DeadlineView) => (d.extendedTo ?? d.dueOn) > today || isPast(d);
    const out: MessagePayload[] = [];
    if (isFocal(person)) {
      const items = (await deps.reminders.deadlines({ ...range, agencyIds: focalAgencyIds(person) })).filter(relevant);
      out.push(...(items.length ? listing({ key: 'reminders:deadlines.focal', params: { days: AHEAD_DAYS } }, items) : [say('reminders:deadlines.none', { days: AHEAD_DAYS })]));
    }
    if (isSupervisor(person)) {
      for (const province of supervisedProvinces(person)) {
        const items = (await deps.reminders.deadlines({ ...range, province })).filter(relevant);
        const name: TextLine = isEveryProvince(province) ? { key: 'common:allProvinces' } : { text: (await deps.agencies.province(province))?.name ?? province };
        out.push(...(items.length ? listing({ key: 'reminders:deadlines.province', params: { province: name, days: AHEAD_DAYS } }, items) : [say('reminders:deadlines.none', { days: AHEAD_DAYS })]));
      }
    }
    return out.length ? out : [say('common:role.needFocalOrSupervisor')];
  },
};
