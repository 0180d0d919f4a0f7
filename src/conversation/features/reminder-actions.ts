import { formatLocalDate } from '../../domain/calendar/local-time.js';
import type { OccurrenceAction } from '../../services/reminder-service.js';
import { say, type Feature } from '../context.js';

const actions: Record<string, OccurrenceAction> = { a: 'ack', s: 'snooze', d: 'done' };

/** The buttons under a reminder: r:<a|s|d>:<occurrence key>. */
export const reminderActions: Feature = {
  buttons: ['r:'],
  async handle({ args, person, now, deps }) {
    const [, code, ...rest] = (args[0] ?? '').split(':');
    const action = actions[code ?? ''];
    if (!action) return [say('common:button.expired')];
    const result = await deps.reminders.act({ key: rest.join(':'), action, personId: person.id, now });
    if (!result.ok) return [say(`reminders:action.${result.reason}`)];
    return [say(`reminders:action.${action}`, { task: result.title, due: formatLocalDate(result.occurrence.dueOn) })];
  },
};
