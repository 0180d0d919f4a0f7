import { formatLocalDate, isValidLocalDate, localDateOf } from '../../domain/calendar/local-time.js';
import { isSupervisor, say, supervises, type Feature } from '../context.js';
import type { TextLine } from '../../messaging/message.js';

/** "10/7/2026" → "2026-07-10". */
function parseVietnameseDate(text: string): string | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (!m) return undefined;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isValidLocalDate(iso) ? iso : undefined;
}

/**
 * /setdate lists the province's tasks whose dates are set each year (the
 * People's Council session…); /setdate <plan>/<task> <dd/mm/yyyy> sets one.
 */
export const adhocDates: Feature = {
  commands: ['setdate', 'datngay'],
  async handle({ person, args, deps, now }) {
    if (!isSupervisor(person)) return [say('common:role.needSupervisor')];
    const tasks = (await deps.plans.scheduledTasks()).filter((t) => 'adhoc' in t.recurrence && supervises(person, t.province));
    const info = await deps.plans.taskInfo(tasks.map((t) => t.taskId));
    const ref = (id: number) => `${info.get(id)!.planCode}/${info.get(id)!.code}`;
    if (!args.length) {
      const lines: TextLine[] = [{ key: tasks.length ? 'reminders:adhoc.title' : 'reminders:adhoc.none' }];
      for (const t of tasks) lines.push({ key: 'reminders:adhoc.item', params: { ref: ref(t.taskId), task: t.title, dates: t.adhocDates.map(formatLocalDate).join(', ') || '—' } });
      return [{ lines }];
    }
    const task = tasks.find((t) => ref(t.taskId) === args[0]);
    if (!task) return [say('reminders:adhoc.unknownTask', { ref: args[0]! })];
    const dueOn = parseVietnameseDate(args[1] ?? '');
    if (!dueOn) return [say('reminders:adhoc.badDate', { value: args[1] ?? '' })];
    if (dueOn < localDateOf(now)) return [say('reminders:adhoc.pastDate', { date: formatLocalDate(dueOn) })];
    await deps.plans.setAdhocDate({ taskId: task.taskId, dueOn, setBy: person.id });
    return [say('reminders:adhoc.set', { task: task.title, date: formatLocalDate(dueOn) })];
  },
};
