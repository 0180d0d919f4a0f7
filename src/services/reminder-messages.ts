import { addDays, formatLocalDate, startOfLocalDay, type LocalDate } from '../domain/calendar/local-time.js';
import type { DueStep } from '../domain/reminders/due-steps.js';
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
}

/** What a reminder says of a task's occurrence: its basis from the plan, and whether its day is assumed. */
export function reminderView(task: { title: string; recurrence: Recurrence }, info: { planCode: string; code: string; document: string; planTitle: string; issuedOn: string } | undefined, agency: string, dueOn: LocalDate): ReminderView {
  const assumed = assumedDay(task.recurrence);
  return {
    title: task.title,
    agency,
    dueOn,
    basis: info ? basisOf({ document: info.document, title: info.planTitle, issuedOn: info.issuedOn }) : '',
    ...(assumed ? { assumed } : {}),
    ...(info ? { ref: `${info.planCode}/${info.code}` } : {}),
  };
}

/** A focal point's reminder of one deadline, with its three buttons. */
export function reminderPayload(step: DueStep, view: ReminderView, now: Date): MessagePayload {
  const due = startOfLocalDay(view.dueOn);
  const params = { task: view.title, agency: view.agency, due: formatLocalDate(view.dueOn), lastDay: formatLocalDate(addDays(view.dueOn, -1)) };
  const details = { ...params, document: view.basis, due: view.assumed ? { key: 'dates:dueAssumed', params: { due: params.due, assumed: assumedDayLine(view.assumed) } } satisfies TextLine : params.due };
  const past = step.step.startsWith('overdue') || (step.step !== 'before-0' && now >= due);
  const headline: TextLine = past && view.assumed
    ? { key: 'dates:reminder.pastAssumed', params: { ...params, days: Math.max(1, Math.ceil((now.getTime() - due.getTime()) / DAY_MS)) } }
    : step.step.startsWith('overdue')
    ? { key: 'reminders:overdue', params: { ...params, days: Math.max(1, Math.ceil((now.getTime() - due.getTime()) / DAY_MS)) } }
    : step.step === 'before-0'
      ? { key: 'reminders:lastDay', params }
      : now >= due
        ? { key: 'reminders:overdue', params: { ...params, days: Math.max(1, daysBetween(due, now)) } }
        : { key: 'reminders:before', params: { ...params, days: Math.max(1, Math.ceil((due.getTime() - now.getTime()) / DAY_MS) - 1) } };
  const key = step.occurrenceKey;
  return {
    lines: [headline, { key: 'reminders:details', params: details }, { key: 'reminders:typedHint' }],
    buttons: [[{ key: 'reminders:button.done', data: encodeButton('reminder.done', { key }) }], [{ key: 'reminders:button.ack', data: encodeButton('reminder.ack', { key }) }, { key: 'reminders:button.snooze', data: encodeButton('reminder.snooze', { key }) }]],
  };
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
