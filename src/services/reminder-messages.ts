import { addDays, formatLocalDate, startOfLocalDay, type LocalDate } from '../domain/calendar/local-time.js';
import type { DueStep } from '../domain/reminders/due-steps.js';
import { encodeButton } from '../messaging/buttons.js';
import type { MessagePayload, TextLine } from '../messaging/message.js';

const DAY_MS = 86_400_000;
const daysBetween = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / DAY_MS);

export interface ReminderView {
  title: string;
  agency: string;
  dueOn: LocalDate;
  document: string;
}

/** A focal point's reminder of one deadline, with its three buttons. */
export function reminderPayload(step: DueStep, view: ReminderView, now: Date): MessagePayload {
  const due = startOfLocalDay(view.dueOn);
  const params = { task: view.title, agency: view.agency, due: formatLocalDate(view.dueOn), lastDay: formatLocalDate(addDays(view.dueOn, -1)), document: view.document };
  const headline: TextLine = step.step.startsWith('overdue')
    ? { key: 'reminders:overdue', params: { ...params, days: Math.max(1, Math.ceil((now.getTime() - due.getTime()) / DAY_MS)) } }
    : step.step === 'before-0'
      ? { key: 'reminders:lastDay', params }
      : now >= due
        ? { key: 'reminders:overdue', params: { ...params, days: Math.max(1, daysBetween(due, now)) } }
        : { key: 'reminders:before', params: { ...params, days: Math.max(1, Math.ceil((due.getTime() - now.getTime()) / DAY_MS) - 1) } };
  const key = step.occurrenceKey;
  return {
    lines: [headline, { key: 'reminders:details', params }, { key: 'reminders:typedHint' }],
    buttons: [[{ key: 'reminders:button.done', data: encodeButton('reminder.done', { key }) }], [{ key: 'reminders:button.ack', data: encodeButton('reminder.ack', { key }) }, { key: 'reminders:button.snooze', data: encodeButton('reminder.snooze', { key }) }]],
  };
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
