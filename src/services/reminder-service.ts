import { startOfLocalDay, type LocalDate } from '../domain/calendar/local-time.js';
import type { WorkCalendar } from '../domain/calendar/work-calendar.js';
import { focalAgencyIds, provinceWithin, supervises } from '../domain/people/roles.js';
import type { PersonInfo } from '../domain/people/person.js';
import { type OccurrenceState, type OccurrenceToRemind } from '../domain/reminders/due-steps.js';
import { endedFor, occurrenceKey, occurrencesBetween, occurrencesInReach, parseOccurrenceKey, type Occurrence, type ScheduledTask } from '../domain/reminders/occurrence.js';
import type { AgenciesRepo, AgencyInfo } from '../repositories/agencies-repo.js';
import type { PeopleRepo } from '../repositories/people-repo.js';
import type { PlansRepo } from '../repositories/plans-repo.js';
import type { RemindersRepo } from '../repositories/reminders-repo.js';
import type { ExtensionsRepo } from '../repositories/extensions-repo.js';
import type { OutboxRepo } from '../repositories/outbox-repo.js';
import { createExtensionService } from './extension-service.js';
import type { Logger } from '../logger.js';
import { previewSteps } from './reminder-preview.js';
import { stepsFor, type Step } from '../domain/reminders/ladder.js';
import type { ReminderPlanner } from './reminder-planner.js';
import { assumedDay, type AssumedDay } from '../domain/plans/task-day.js';

export interface ReminderServiceDeps {
  plans: PlansRepo;
  agencies: AgenciesRepo;
  people: PeopleRepo;
  reminders: RemindersRepo;
  extensions: ExtensionsRepo;
  outbox: OutboxRepo;
  calendar: WorkCalendar;
  logger: Logger;
  planner: ReminderPlanner;
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
  /** `unconfirmed`: past a day the system chose, not done; not overdue until a supervisor confirms the day. */
  status: 'open' | 'acknowledged' | 'snoozed' | 'done' | 'overdue' | 'unconfirmed';
  assumed?: AssumedDay;
  /** The date an approved extension moved it to ("gia hạn"); `status` counts from it. */
  extendedTo?: LocalDate;
  /** Done before the extended date (undefined while not done). */
  metExtension?: boolean;
}

const SNOOZE_MS = 24 * 3_600_000;
/** A preview's window: long enough that an occurrence's ladder (about three months) is walked in few windows. */
const PREVIEW_WINDOW_MS = 92 * 86_400_000;

export function createReminderService(deps: ReminderServiceDeps) {
  async function enrich(occurrences: (Occurrence & { task: ScheduledTask })[]): Promise<OccurrenceToRemind[]> {
    const keys = occurrences.map((o) => o.key);
    const states = await deps.reminders.states(keys);
    const focal = await deps.people.focalPoints([...new Set(occurrences.map((o) => o.agencyId))]);
    const supervisors = new Map<string, number[]>();
    for (const p of new Set(occurrences.map((o) => o.task.province))) supervisors.set(p, await deps.people.supervisors(p));
    // The steps are the same for every agency that owes a task on a date.
    const steps = new Map<string, Step[]>();
    const stepsOf = (o: Occurrence & { task: ScheduledTask }) => {
      const memo = `${o.taskId}|${o.dueOn}`;
      if (!steps.has(memo)) steps.set(memo, stepsFor(o.dueOn, o.task.ladder, deps.calendar));
      return steps.get(memo)!;
    };
    return occurrences.map((o) => {
      const endedOn = endedFor(o.task, o.agencyId);
      return { ...o, ladder: o.task.ladder, steps: stepsOf(o), state: states.get(o.key), focalIds: focal.get(o.agencyId) ?? [], supervisorIds: supervisors.get(o.task.province) ?? [], ...(endedOn ? { endedOn } : {}) };
    });
  }

  /** Acknowledge, snooze or mark done, by a focal point of the occurrence's agency or a supervisor of its province. */
  async function act(input: { key: string; action: OccurrenceAction; personId: number; now: Date; channel?: string }): Promise<ActionResult> {
    const pressed = parseOccurrenceKey(input.key);
    if (!pressed) return { ok: false, reason: 'unknown' };
    // A reminder sent before its agency was merged carries the old agency's key: the deadline is the survivor's now.
    const survivor = (await deps.agencies.byIds([pressed.agencyId])).get(pressed.agencyId)?.mergedIntoId;
    const occurrence = survivor ? { ...pressed, agencyId: survivor, key: occurrenceKey(pressed.taskId, survivor, pressed.dueOn) } : pressed;
    const [task] = (await deps.plans.scheduledTasks()).filter((t) => t.taskId === occurrence.taskId);
    if (!task || !occurrencesBetween(task, occurrence.dueOn, occurrence.dueOn).some((o) => o.key === occurrence.key)) return { ok: false, reason: 'unknown' };
    const person = await deps.people.person(input.personId);
    // Judged on the agency as it is now: after a merge, the survivor's focal points and its province's supervisors.
    const agency = (await deps.agencies.byIds([occurrence.agencyId])).get(occurrence.agencyId);
    const current = agency && (await deps.agencies.survivor(agency));
    const allowed = person && current && supervisesOrFocal(person, agency, current, task.province);
    if (!allowed) return { ok: false, reason: 'not_yours' };
    const state = (await deps.reminders.states([occurrence.key])).get(occurrence.key);
    if (state?.doneAt) return { ok: false, reason: 'already_done' };
    const change: OccurrenceState =
      input.action === 'done' ? { doneAt: input.now }
        : input.action === 'ack' ? { acknowledgedAt: input.now }
          : { snoozedUntil: new Date(input.now.getTime() + SNOOZE_MS) };
    await deps.reminders.setState(occurrence, { ...change, byPersonId: input.personId }, { at: input.now, ...(input.channel ? { channel: input.channel } : {}) });
    await deps.planner.changed([occurrence.key], input.now);
    return { ok: true, occurrence, title: task.title };
  }

  /** Each agency's occurrence of each task due between two local dates, with what people did about it. */
  async function occurrences(input: { agencyIds?: readonly number[]; province?: string; plan?: string; from: LocalDate; to: LocalDate }) {
    const tasks = (await deps.plans.scheduledTasks()).filter((t) => (!input.province || provinceWithin(t.province, input.province)) && (!input.plan || t.planCode === input.plan));
    const wanted = input.agencyIds && new Set(input.agencyIds);
    const found = tasks.flatMap((t) => {
      const assumed = assumedDay(t.recurrence);
      return occurrencesBetween(t, input.from, input.to).map((o) => ({ ...o, title: t.title, ...(assumed ? { assumed } : {}) }));
    }).filter((o) => !wanted || wanted.has(o.agencyId));
    const states = await deps.reminders.states(found.map((o) => o.key));
    return found.map((o) => ({ ...o, state: states.get(o.key) }));
  }

  /** Deadlines of some agencies between two dates, with what people did about them and any extension approved. */
  async function deadlines(input: { agencyIds?: number[]; province?: string; from: LocalDate; to: LocalDate; now: Date }): Promise<DeadlineView[]> {
    const found = await occurrences(input);
    const agencies = await deps.agencies.byIds([...new Set(found.map((o) => o.agencyId))]);
    const extended = await deps.extensions.approvedDueDates(found.map((o) => o.key));
    return found
      .map((o): DeadlineView => {
        const to = extended.get(o.key);
        // An extended deadline is due on the day a supervisor approved: no longer a day the system chose.
        const assumed = to ? undefined : o.assumed;
        const view: DeadlineView = { key: o.key, title: o.title, agency: agencies.get(o.agencyId)?.name ?? '', province: agencies.get(o.agencyId)?.provinceName ?? '', dueOn: o.dueOn, status: statusOf(o.state, to ?? o.dueOn, input.now, !!assumed), ...(assumed ? { assumed } : {}) };
        // Kept beside the first date: whether the extension was met is what a report about it needs.
        return to ? { ...view, extendedTo: to, metExtension: o.state?.doneAt ? o.state.doneAt < startOfLocalDay(to) : undefined } : view;
      })
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.agency.localeCompare(b.agency) || a.title.localeCompare(b.title));
  }

  /** Every step due between two instants with its recipients (people without a chat included), in order. */
  async function previewWindow(tasks: ScheduledTask[], from: Date, to: Date) {
    const occurrences = tasks.flatMap((task) => occurrencesInReach(task, from, to).map((o) => ({ ...o, task })));
    if (!occurrences.length) return [];
    const toRemind = await enrich(occurrences);
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

  /**
   * `reminders preview` a window at a time, in order, so that a long range prints as it goes and holds one window
   * in memory: each window reads only the occurrences whose ladders reach into it.
   */
  async function* previewStream(from: Date, to: Date) {
    const tasks = await deps.plans.scheduledTasks();
    for (let start = from; start <= to; start = new Date(start.getTime() + PREVIEW_WINDOW_MS)) {
      const end = new Date(Math.min(to.getTime(), start.getTime() + PREVIEW_WINDOW_MS - 1));
      yield await previewWindow(tasks, start, end);
    }
  }

  async function preview(from: Date, to: Date) {
    const out = [];
    for await (const chunk of previewStream(from, to)) out.push(...chunk);
    return out;
  }

  return { tick: (now: Date) => deps.planner.tick(now), act, occurrences, deadlines, preview, previewStream, extensions: createExtensionService(deps) };
}

/**
 * In charge of an occurrence: a focal point of its agency or of the one it was merged into, or a supervisor of the
 * province that agency belongs to now who also oversees the plan's province.
 */
function supervisesOrFocal(person: PersonInfo, agency: AgencyInfo, current: AgencyInfo, planProvince: string): boolean {
  const focal = focalAgencyIds(person);
  if (focal.includes(agency.id) || focal.includes(current.id)) return true;
  return supervises(person, current.province) && supervises(person, planProvince);
}

function statusOf(state: OccurrenceState | undefined, dueOn: LocalDate, now: Date, assumed: boolean): DeadlineView['status'] {
  if (state?.doneAt) return 'done';
  if (now >= startOfLocalDay(dueOn)) return assumed ? 'unconfirmed' : 'overdue';
  if (state?.snoozedUntil && state.snoozedUntil > now) return 'snoozed';
  if (state?.acknowledgedAt) return 'acknowledged';
  return 'open';
}

export type ReminderService = ReturnType<typeof createReminderService>;
