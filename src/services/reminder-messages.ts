import { addDays, formatLocalDate, startOfLocalDay, type LocalDate } from '../domain/calendar/local-time.js';
import type { DueStep } from '../domain/reminders/due-steps.js';
import { stepKind } from '../domain/reminders/ladder.js';
import { encodeButton } from '../messaging/buttons.js';
import type { MessagePayload, TextLine } from '../messaging/message.js';

const DAY_MS = 86_400_000;
const daysBetween = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / DAY_MS);

export interface ReminderView {
  title: string;
  agency: string;
  dueOn: LocalDate;
  document: string;
  /** The first due date, when an extension moved it to `dueOn`. */
  extendedFrom?: LocalDate;
}

/** What a reminder says first about one deadline: days left, the last day, or days overdue. */
function headline(step: DueStep, view: ReminderView, now: Date): { headline: TextLine; params: Record<string, string> } {
  const due = startOfLocalDay(view.dueOn);
  const params = { task: view.title, agency: view.agency, due: formatLocalDate(view.dueOn), lastDay: formatLocalDate(addDays(view.dueOn, -1)), document: view.document };
  const line: TextLine = step.step.startsWith('overdue')
    ? { key: 'reminders:overdue', params: { ...params, days: Math.max(1, Math.ceil((now.getTime() - due.getTime()) / DAY_MS)) } }
    : stepKind(step.step) === 'before-0'
      ? { key: 'reminders:lastDay', params }
      : now >= due
        ? { key: 'reminders:overdue', params: { ...params, days: Math.max(1, daysBetween(due, now)) } }
        : { key: 'reminders:before', params: { ...params, days: Math.max(1, Math.ceil((due.getTime() - now.getTime()) / DAY_MS) - 1) } };
  return { headline: line, params: view.extendedFrom ? { ...params, original: formatLocalDate(view.extendedFrom) } : params };
}

const details = (view: ReminderView, params: Record<string, string>): TextLine => ({ key: view.extendedFrom ? 'reminders:detailsExtended' : 'reminders:details', params });

/** A focal point's reminder of one deadline, with its buttons. */
export function reminderPayload(step: DueStep, view: ReminderView, now: Date): MessagePayload {
  const { headline: first, params } = headline(step, view, now);
  const key = step.occurrenceKey;
  return {
    lines: [first, details(view, params), { key: 'reminders:typedHint' }],
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
    const { headline: first, params } = headline(step, view, now);
    lines.push({ key: 'reminders:bundle.item', params: { n, headline: first, details: details(view, params) } });
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
  const lines: TextLine[] = [{ key: 'reminders:escalation.title', params: { count: items.length } }];
  for (const item of items) {
    lines.push({
      key: item.hasFocal ? 'reminders:escalation.item' : 'reminders:escalation.itemNoFocal',
      params: { task: item.title, agency: item.agency, due: formatLocalDate(item.dueOn), days: Math.max(1, daysBetween(startOfLocalDay(item.dueOn), now)) },
    });
  }
  return { lines };
}
