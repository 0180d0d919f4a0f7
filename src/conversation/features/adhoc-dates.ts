import { formatLocalDate, isValidLocalDate, localDateOf } from '../../domain/calendar/local-time.js';
import { assumedDay, assumedDayLine, decideDay, recurrenceLine } from '../../domain/plans/task-day.js';
import { isSupervisor, say, supervises, type Feature, type Turn } from '../context.js';
import type { MessagePayload, TextLine } from '../../messaging/message.js';
import type { ScheduledTask } from '../../domain/reminders/occurrence.js';

/** "10/7/2026" → "2026-07-10". */
function parseVietnameseDate(text: string): string | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (!m) return undefined;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isValidLocalDate(iso) ? iso : undefined;
}

const HISTORY = ['lichsu', 'history'];

async function dayHistory(turn: Turn, task: ScheduledTask): Promise<MessagePayload> {
  const changes = await turn.deps.plans.dayHistory(task.taskId);
  const when = recurrenceLine(task.recurrence);
  if (!changes.length) return say('dates:day.noHistory', { task: task.title, when });
  const names = new Map<number, string>();
  for (const id of new Set(changes.flatMap((c) => (c.byPersonId ? [c.byPersonId] : [])))) names.set(id, (await turn.deps.people.person(id))?.name ?? `#${id}`);
  const lines: TextLine[] = [{ key: 'dates:day.history', params: { task: task.title, when } }];
  for (const c of changes) {
    const who: TextLine | string = c.byPersonId ? names.get(c.byPersonId)! : { key: 'dates:day.byCli' };
    lines.push({ key: 'dates:day.historyItem', params: { at: formatLocalDate(localDateOf(c.at)), who, kind: { key: `dates:day.kind.${c.kind}` }, before: recurrenceLine(c.before), after: recurrenceLine(c.after) } });
  }
  return { lines };
}

/**
 * /datngay lists the province's tasks whose dates are set each year (the People's Council session…) and those
 * whose day the system chose; /datngay <plan>/<task> <dd/mm/yyyy> sets an ad hoc one's date, /datngay <ref> xacnhan
 * confirms an assumed day, /datngay <ref> <day> changes a day, /datngay <ref> lichsu shows who did what.
 */
export const adhocDates: Feature = {
  commands: ['setdate', 'datngay'],
  async handle(turn) {
    const { person, args, deps, now } = turn;
    if (!isSupervisor(person)) return [say('common:role.needSupervisor')];
    const mine = (await deps.plans.scheduledTasks()).filter((t) => supervises(person, t.province));
    const info = await deps.plans.taskInfo(mine.map((t) => t.taskId));
    const ref = (id: number) => `${info.get(id)!.planCode}/${info.get(id)!.code}`;
    const adhoc = mine.filter((t) => 'adhoc' in t.recurrence);
    if (!args.length) {
      const lines: TextLine[] = [{ key: adhoc.length ? 'reminders:adhoc.title' : 'reminders:adhoc.none' }];
      for (const t of adhoc) lines.push({ key: 'reminders:adhoc.item', params: { ref: ref(t.taskId), task: t.title, dates: t.adhocDates.map(formatLocalDate).join(', ') || '—' } });
      const assumed = mine.filter((t) => assumedDay(t.recurrence));
      if (assumed.length) lines.push({ key: 'dates:day.title' });
      for (const t of assumed) lines.push({ key: 'dates:day.item', params: { ref: ref(t.taskId), task: t.title, when: recurrenceLine(t.recurrence), assumed: assumedDayLine(assumedDay(t.recurrence)!) } });
      if (assumed.length) lines.push({ key: 'dates:day.usage' });
      return [{ lines }];
    }
    const task = mine.find((t) => ref(t.taskId) === args[0]);
    if (!task) return [say(args.length > 1 && !parseVietnameseDate(args[1]!) ? 'dates:day.unknownTask' : 'reminders:adhoc.unknownTask', { ref: args[0]! })];
    const answer = args.slice(1).join(' ');
    if (HISTORY.includes(answer.toLowerCase())) return [await dayHistory(turn, task)];
    if (!('adhoc' in task.recurrence)) {
      const decision = decideDay(task.recurrence, answer);
      const when = recurrenceLine(task.recurrence);
      if ('error' in decision) return [say(`dates:day.${decision.error}`, { task: task.title, when, value: answer })];
      await deps.plans.setDay({ taskId: task.taskId, kind: decision.kind, after: decision.after, byPersonId: person.id, now });
      return decision.kind === 'confirmed'
        ? [say('dates:day.confirmed', { task: task.title, when: recurrenceLine(decision.after) })]
        : [say('dates:day.changed', { task: task.title, before: when, after: recurrenceLine(decision.after) })];
    }
    const dueOn = parseVietnameseDate(args[1] ?? '');
    if (!dueOn) return [say('reminders:adhoc.badDate', { value: args[1] ?? '' })];
    if (dueOn < localDateOf(now)) return [say('reminders:adhoc.pastDate', { date: formatLocalDate(dueOn) })];
    await deps.plans.setAdhocDate({ taskId: task.taskId, dueOn, setBy: person.id });
    return [say('reminders:adhoc.set', { task: task.title, date: formatLocalDate(dueOn) })];
  },
};
