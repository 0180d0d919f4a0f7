import { createHash } from 'node:crypto';
import { formatLocalDate, addDays, startOfLocalDay, type LocalDate } from '../domain/calendar/local-time.js';
import type { WorkCalendar } from '../domain/calendar/work-calendar.js';
import { isInChargeOf, provinceWithin } from '../domain/people/roles.js';
import { dueSteps, type DueStep, type OccurrenceState, type OccurrenceToRemind } from '../domain/reminders/due-steps.js';
import { occurrencesBetween, occurrencesInReach, parseOccurrenceKey, type Occurrence, type ScheduledTask } from '../domain/reminders/occurrence.js';
import type { MessagePayload, TextLine } from '../messaging/message.js';
import { encodeButton } from '../messaging/buttons.js';
import type { AgenciesRepo, AgencyInfo } from '../repositories/agencies-repo.js';
import type { PeopleRepo } from '../repositories/people-repo.js';
import type { PlansRepo } from '../repositories/plans-repo.js';
import type { RemindersRepo } from '../repositories/reminders-repo.js';
import type { Logger } from '../logger.js';
import { previewSteps } from './reminder-preview.js';

export interface ReminderServiceDeps {
  plans: PlansRepo;
  agencies: AgenciesRepo;
  people: PeopleRepo;
  reminders: RemindersRepo;
  calendar: WorkCalendar;
  logger: Logger;
}

export type OccurrenceAction = 'ack' | 'snooze' | 'done';
export type ActionResult = { ok: true; occurrence: Occurrence; title: string } | { ok: false; reason: 'unknown' | 'not_yours' | 'already_done' };

export interface DeadlineView {
  key: string;
  title: string;
  agency: string;
  /** The agency's province, by name: agencies of different provinces share names ("Sở Nội vụ"). */
  province: string;
  dueOn: LocalDate;
  status: 'open' | 'acknowledged' | 'snoozed' | 'done' | 'overdue';
}

const SNOOZE_MS = 24 * 3_600_000;
const daysBetween = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / 86_400_000);

export function createReminderService(deps: ReminderServiceDeps) {
  async function enrich(tasks: ScheduledTask[], occurrences: (Occurrence & { task: ScheduledTask })[]): Promise<OccurrenceToRemind[]> {
    const keys = occurrences.map((o) => o.key);
    const states = await deps.reminders.states(keys);
    const focal = await deps.people.focalPoints([...new Set(occurrences.map((o) => o.agencyId))]);
    const supervisors = new Map<string, number[]>();
    for (const p of new Set(tasks.map((t) => t.province))) supervisors.set(p, await deps.people.supervisors(p));
    return occurrences.map((o) => ({
      ...o,
      ladder: o.task.ladder,
      state: states.get(o.key),
      focalIds: focal.get(o.agencyId) ?? [],
      supervisorIds: supervisors.get(o.task.province) ?? [],
    }));
  }

  function reminderPayload(step: DueStep, view: { title: string; agency: AgencyInfo; dueOn: LocalDate; document: string }, now: Date): MessagePayload {
    const due = startOfLocalDay(view.dueOn);
    const params = { task: view.title, agency: view.agency.name, due: formatLocalDate(view.dueOn), lastDay: formatLocalDate(addDays(view.dueOn, -1)), document: view.document };
    const headline: TextLine = step.step.startsWith('overdue')
      ? { key: 'reminders:overdue', params: { ...params, days: Math.max(1, Math.ceil((now.getTime() - due.getTime()) / 86_400_000)) } }
      : step.step === 'before-0'
        ? { key: 'reminders:lastDay', params }
        : now >= due
          ? { key: 'reminders:overdue', params: { ...params, days: Math.max(1, daysBetween(due, now)) } }
          : { key: 'reminders:before', params: { ...params, days: Math.max(1, Math.ceil((due.getTime() - now.getTime()) / 86_400_000) - 1) } };
    const key = step.occurrenceKey;
    return {
      lines: [headline, { key: 'reminders:details', params }, { key: 'reminders:typedHint' }],
      buttons: [[{ key: 'reminders:button.done', data: encodeButton('reminder.done', { key }) }], [{ key: 'reminders:button.ack', data: encodeButton('reminder.ack', { key }) }, { key: 'reminders:button.snooze', data: encodeButton('reminder.snooze', { key }) }]],
    };
  }

  /** Decides what is due at `now`, records it and queues the messages. Returns how many messages were queued. */
  async function tick(now: Date): Promise<number> {
    const tasks = await deps.plans.scheduledTasks();
    const occurrences = tasks.flatMap((task) => occurrencesInReach(task, now, now).map((o) => ({ ...o, task })));
    const toRemind = await enrich(tasks, occurrences);
    const due = dueSteps({ now, occurrences: toRemind, recorded: await deps.reminders.recorded(occurrences.map((o) => o.key)), calendar: deps.calendar });
    if (!due.length) return 0;
    const byKey = new Map(occurrences.map((o) => [o.key, o]));
    const agencies = await deps.agencies.byIds([...new Set(occurrences.map((o) => o.agencyId))]);
    const info = await deps.plans.taskInfo([...new Set(due.map((d) => byKey.get(d.occurrenceKey)!.taskId))]);
    let queued = 0;
    for (const step of due.filter((d) => d.audience === 'focal')) {
      const o = byKey.get(step.occurrenceKey)!;
      const view = { title: o.task.title, agency: agencies.get(o.agencyId)!, dueOn: o.dueOn, document: info.get(o.taskId)?.document ?? '' };
      if (await queue([step], step.personId, reminderPayload(step, view, now), now)) queued++;
    }
    // Supervisors get one message per tick listing every escalated deadline, not one each.
    const escalations = new Map<number, DueStep[]>();
    for (const step of due.filter((d) => d.audience === 'supervisor')) escalations.set(step.personId, [...(escalations.get(step.personId) ?? []), step]);
    for (const [personId, steps] of escalations) {
      const focal = await deps.people.focalPoints([...new Set(steps.map((s) => byKey.get(s.occurrenceKey)!.agencyId))]);
      const lines: TextLine[] = [{ key: 'reminders:escalation.title', params: { count: steps.length } }];
      for (const s of steps) {
        const o = byKey.get(s.occurrenceKey)!;
        const noFocal = !(focal.get(o.agencyId)?.length);
        lines.push({ key: noFocal ? 'reminders:escalation.itemNoFocal' : 'reminders:escalation.item', params: { task: o.task.title, agency: agencies.get(o.agencyId)?.name ?? '', due: formatLocalDate(o.dueOn), days: Math.max(1, daysBetween(startOfLocalDay(o.dueOn), now)) } });
      }
      if (await queue(steps, personId, { lines }, now, 'escalation')) queued++;
    }
    return queued;
  }

  async function queue(steps: DueStep[], personId: number, payload: MessagePayload, now: Date, kind: 'reminder' | 'escalation' = 'reminder'): Promise<boolean> {
    const address = await deps.people.address(personId);
    if (!address) return false;
    const claims = steps.map((s) => ({ occurrenceKey: s.occurrenceKey, personId, step: s.step }));
    const claimed = await deps.reminders.claimAndQueue(claims, {
      dedupeKey: `${kind}:${personId}:${createHash('sha256').update(claims.map((c) => `${c.occurrenceKey}/${c.step}`).join(',')).digest('base64url')}`,
      kind, personId, channel: address.channel, chatId: address.chatId, payload, notBefore: now,
    });
    if (!claimed) deps.logger.info('reminder step already recorded elsewhere', { personId, steps: claims.length });
    return claimed;
  }

  /** Acknowledge, snooze or mark done, by a focal point of the occurrence's agency or a supervisor of its province. */
  async function act(input: { key: string; action: OccurrenceAction; personId: number; now: Date }): Promise<ActionResult> {
    const occurrence = parseOccurrenceKey(input.key);
    if (!occurrence) return { ok: false, reason: 'unknown' };
    const [task] = (await deps.plans.scheduledTasks()).filter((t) => t.taskId === occurrence.taskId);
    if (!task || !occurrencesBetween(task, occurrence.dueOn, occurrence.dueOn).some((o) => o.key === occurrence.key)) return { ok: false, reason: 'unknown' };
    const person = await deps.people.person(input.personId);
    const allowed = person && isInChargeOf(person, { id: occurrence.agencyId, province: task.province });
    if (!allowed) return { ok: false, reason: 'not_yours' };
    const state = (await deps.reminders.states([occurrence.key])).get(occurrence.key);
    if (state?.doneAt) return { ok: false, reason: 'already_done' };
    const change: OccurrenceState =
      input.action === 'done' ? { doneAt: input.now }
        : input.action === 'ack' ? { acknowledgedAt: input.now }
          : { snoozedUntil: new Date(input.now.getTime() + SNOOZE_MS) };
    await deps.reminders.setState(occurrence, { ...change, byPersonId: input.personId });
    return { ok: true, occurrence, title: task.title };
  }

  /** Each agency's occurrence of each task due between two local dates, with what people did about it. */
  async function occurrences(input: { agencyIds?: readonly number[]; province?: string; from: LocalDate; to: LocalDate }) {
    const tasks = (await deps.plans.scheduledTasks()).filter((t) => !input.province || provinceWithin(t.province, input.province));
    const wanted = input.agencyIds && new Set(input.agencyIds);
    const found = tasks.flatMap((t) => occurrencesBetween(t, input.from, input.to).map((o) => ({ ...o, title: t.title }))).filter((o) => !wanted || wanted.has(o.agencyId));
    const states = await deps.reminders.states(found.map((o) => o.key));
    return found.map((o) => ({ ...o, state: states.get(o.key) }));
  }

  /** Deadlines of some agencies between two dates, with what people did about them. */
  async function deadlines(input: { agencyIds?: number[]; province?: string; from: LocalDate; to: LocalDate; now: Date }): Promise<DeadlineView[]> {
    const found = await occurrences(input);
    const agencies = await deps.agencies.byIds([...new Set(found.map((o) => o.agencyId))]);
    return found
      .map((o) => ({ key: o.key, title: o.title, agency: agencies.get(o.agencyId)?.name ?? '', province: agencies.get(o.agencyId)?.provinceName ?? '', dueOn: o.dueOn, status: statusOf(o.state, o.dueOn, input.now) }))
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.agency.localeCompare(b.agency) || a.title.localeCompare(b.title));
  }

  /** Every step due between two instants with its recipients (people without a chat included), for `reminders preview`. */
  async function preview(from: Date, to: Date) {
    const tasks = await deps.plans.scheduledTasks();
    const occurrences = tasks.flatMap((task) => occurrencesInReach(task, from, to).map((o) => ({ ...o, task })));
    const toRemind = await enrich(tasks, occurrences);
    const steps = previewSteps({ from, to, occurrences: toRemind, recorded: await deps.reminders.recorded(occurrences.map((o) => o.key)), calendar: deps.calendar });
    // Steps nobody would receive are listed too, against person 0, so the gaps show.
    const nobody = toRemind
      .filter((o) => !o.focalIds.length || !o.supervisorIds.length)
      .map((o) => ({ ...o, focalIds: o.focalIds.length ? [] : [0], supervisorIds: o.supervisorIds.length ? [] : [0] }));
    const withoutRecipient = previewSteps({ from, to, occurrences: nobody, recorded: new Set(), calendar: deps.calendar });
    const byKey = new Map(occurrences.map((o) => [o.key, o]));
    const agencies = await deps.agencies.byIds([...new Set(occurrences.map((o) => o.agencyId))]);
    return [...steps, ...withoutRecipient]
      .sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime() || a.occurrenceKey.localeCompare(b.occurrenceKey) || a.personId - b.personId)
      .map((s) => {
        const o = byKey.get(s.occurrenceKey)!;
        return { ...s, dueOn: o.dueOn, plan: o.task.planCode, task: o.task.title, agency: agencies.get(o.agencyId)?.code ?? String(o.agencyId) };
      });
  }

  return { tick, act, occurrences, deadlines, preview };
}

function statusOf(state: OccurrenceState | undefined, dueOn: LocalDate, now: Date): DeadlineView['status'] {
  if (state?.doneAt) return 'done';
  if (now >= startOfLocalDay(dueOn)) return 'overdue';
  if (state?.snoozedUntil && state.snoozedUntil > now) return 'snoozed';
  if (state?.acknowledgedAt) return 'acknowledged';
  return 'open';
}

export type ReminderService = ReturnType<typeof createReminderService>;
