import { addDays, formatLocalDate, startOfLocalDay, type LocalDate } from '../domain/calendar/local-time.js';
import type { DueStep } from '../domain/reminders/due-steps.js';
import { stepKind } from '../domain/reminders/ladder.js';
import { encodeButton } from '../messaging/buttons.js';
import type { MessagePayload, TextLine } from '../messaging/message.js';
import { assumedDay, assumedDayLine, basisOf, type AssumedDay } from '../domain/plans/task-day.js';
import type { Recurrence } from '../domain/plans/recurrence.js';

const DAY_MS = 86_400_000;
const daysBetween = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / DAY_MS);

export interface ReminderView {
  title: string;
  agency: string;
  dueOn: LocalDate;
  /** The document's number, or its title and date when it has none. */
  basis: string | TextLine;
  /** Set while the day is the plan author's choice: every reminder says so, and none calls it overdue. */
  assumed?: AssumedDay;
  /** plan/task, for the supervisor's /datngay. */
  ref?: string;
  /** The first due date, when an extension moved it to `dueOn`. */
  extendedFrom?: LocalDate;
}

/**
 * What a reminder says of a task's occurrence: its basis from the plan, and whether its day is assumed. An
 * extended occurrence is due on the day a supervisor approved, so it is no longer the plan author's choice.
 */
export function reminderView(task: { title: string; recurrence: Recurrence }, info: { planCode: string; code: string; document: string; planTitle: string; issuedOn: string } | undefined, agency: string, dueOn: LocalDate, extendedFrom?: LocalDate): ReminderView {
  const assumed = extendedFrom ? undefined : assumedDay(task.recurrence);
  return {
    title: task.title,
    agency,
    dueOn,
    basis: info ? basisOf({ document: info.document, title: info.planTitle, issuedOn: info.issuedOn }) : '',
    ...(assumed ? { assumed } : {}),
    ...(info ? { ref: `${info.planCode}/${info.code}` } : {}),
    ...(extendedFrom ? { extendedFrom } : {}),
  };
}

/** What a reminder says first about one deadline: days left, the last day, or days overdue (never for an assumed day). */
function headline(step: DueStep, view: ReminderView, now: Date): TextLine {
  const due = startOfLocalDay(view.dueOn);
  const params = { task: view.title, agency: view.agency, due: formatLocalDate(view.dueOn), lastDay: formatLocalDate(addDays(view.dueOn, -1)) };
  const past = step.step.startsWith('overdue') || (stepKind(step.step) !== 'before-0' && now >= due);
  if (past && view.assumed) return { key: 'dates:reminder.pastAssumed', params: { ...params, days: Math.max(1, Math.ceil((now.getTime() - due.getTime()) / DAY_MS)) } };
  return step.step.startsWith('overdue')
    ? { key: 'reminders:overdue', params: { ...params, days: Math.max(1, Math.ceil((now.getTime() - due.getTime()) / DAY_MS)) } }
    : stepKind(step.step) === 'before-0'
      ? { key: 'reminders:lastDay', params }
      : now >= due
        ? { key: 'reminders:overdue', params: { ...params, days: Math.max(1, daysBetween(due, now)) } }
        : { key: 'reminders:before', params: { ...params, days: Math.max(1, Math.ceil((due.getTime() - now.getTime()) / DAY_MS) - 1) } };
}

/** Agency, due date (saying when the system chose it, or the first date of an extended one) and legal basis. */
function details(view: ReminderView): TextLine {
  const due = formatLocalDate(view.dueOn);
  const params = { agency: view.agency, document: view.basis, due: view.assumed ? ({ key: 'dates:dueAssumed', params: { due, assumed: assumedDayLine(view.assumed) } } satisfies TextLine) : due };
  return view.extendedFrom ? { key: 'reminders:detailsExtended', params: { ...params, original: formatLocalDate(view.extendedFrom) } } : { key: 'reminders:details', params };
}

/** A focal point's reminder of one deadline, with its buttons. */
export function reminderPayload(step: DueStep, view: ReminderView, now: Date): MessagePayload {
  const first = headline(step, view, now);
  const key = step.occurrenceKey;
  return {
    lines: [first, details(view), { key: 'reminders:typedHint' }],
    buttons: [[{ key: 'reminders:button.done', data: encodeButton('reminder.done', { key }) }], [{ key: 'reminders:button.ack', data: encodeButton('reminder.ack', { key }) }, { key: 'reminders:button.snooze', data: encodeButton('reminder.snooze', { key }) }], [{ key: 'reminders:button.extend', data: encodeButton('extension.request', { key }) }]],
  };
}

/**
 * Deadlines one message lists at most: four buttons each keeps Telegram's keyboard (100 buttons) and Zalo's groups
 * of five short, and the text well under a message's length. More go in further messages.
 */
export const MAX_BUNDLE = 8;

/**
 * A focal point's one reminder of several deadlines due the same morning: each numbered, with its own row of
 * buttons carrying that number, so that a typed "xong 2" (Zalo users often type) answers the second.
 */
export function bundledReminderPayload(items: readonly { step: DueStep; view: ReminderView }[], now: Date): MessagePayload {
  if (items.length === 1) return reminderPayload(items[0]!.step, items[0]!.view, now);
  const lines: TextLine[] = [{ key: 'reminders:bundle.title', params: { count: items.length } }];
  const buttons: MessagePayload['buttons'] = [];
  for (const [i, { step, view }] of items.entries()) {
    const n = i + 1;
    lines.push({ key: 'reminders:bundle.item', params: { n, headline: headline(step, view, now), details: details(view) } });
    const key = step.occurrenceKey;
    buttons.push([
      { key: 'reminders:bundle.done', params: { n }, data: encodeButton('reminder.done', { key }) },
      { key: 'reminders:bundle.ack', params: { n }, data: encodeButton('reminder.ack', { key }) },
      { key: 'reminders:bundle.snooze', params: { n }, data: encodeButton('reminder.snooze', { key }) },
      { key: 'reminders:bundle.extend', params: { n }, data: encodeButton('extension.request', { key }) },
    ]);
  }
  lines.push({ key: 'reminders:bundle.typedHint', params: { count: items.length } });
  return { lines, buttons };
}

/** A supervisor's one message listing every deadline escalated to them at once. */
export function escalationPayload(items: (ReminderView & { hasFocal: boolean })[], now: Date): MessagePayload {
  const overdue = items.filter((i) => !i.assumed);
  const assumed = items.filter((i) => i.assumed);
  const lines: TextLine[] = overdue.length ? [{ key: 'reminders:escalation.title', params: { count: overdue.length } }] : [];
  for (const item of overdue) {
    lines.push({
      key: item.hasFocal ? 'reminders:escalation.item' : 'reminders:escalation.itemNoFocal',
      params: { task: item.title, agency: item.agency, due: formatLocalDate(item.dueOn), days: Math.max(1, daysBetween(startOfLocalDay(item.dueOn), now)) },
    });
  }
  // Past a day the system chose: not overdue until the supervisor confirms the day, which the message asks for.
  if (assumed.length) lines.push({ key: 'dates:escalation.title', params: { count: assumed.length } });
  for (const item of assumed) {
    lines.push({ key: 'dates:escalation.item', params: { task: item.title, agency: item.agency, due: formatLocalDate(item.dueOn), assumed: assumedDayLine(item.assumed!), ref: item.ref ?? '' } });
  }
  return { lines };
}
