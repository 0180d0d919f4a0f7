import { createHash } from 'node:crypto';
import { addDays, localDateOf, type LocalDate } from '../domain/calendar/local-time.js';
import type { WorkCalendar } from '../domain/calendar/work-calendar.js';
import { dueSteps, nextFireAfter, type DueStep, type OccurrenceToRemind } from '../domain/reminders/due-steps.js';
import { extendedSteps, ladderReach, stepsFor, type Step } from '../domain/reminders/ladder.js';
import { endedFor, occurrenceKey, ownersOn, parseOccurrenceKey, type ScheduledTask } from '../domain/reminders/occurrence.js';
import { dueDatesBetween } from '../domain/plans/recurrence.js';
import { readInChunks } from '../db/chunks.js';
import type { Logger } from '../logger.js';
import type { AgenciesRepo } from '../repositories/agencies-repo.js';
import type { OutboxDraft } from '../repositories/outbox-repo.js';
import type { PeopleRepo } from '../repositories/people-repo.js';
import type { PlannedRow, PlannerRepo } from '../repositories/planner-repo.js';
import type { PlansRepo } from '../repositories/plans-repo.js';
import type { RemindersRepo, StepClaim } from '../repositories/reminders-repo.js';
import type { ExtensionsRepo } from '../repositories/extensions-repo.js';
import { bundledReminderPayload, escalationPayload, MAX_BUNDLE, reminderView } from './reminder-messages.js';
import { LAST_RUN_SETTING } from '../repositories/operations-repo.js';

export interface PlannerDeps {
  plans: PlansRepo;
  planner: PlannerRepo;
  reminders: RemindersRepo;
  extensions: ExtensionsRepo;
  people: PeopleRepo;
  agencies: AgenciesRepo;
  calendar: WorkCalendar;
  /** Changes when the holiday data does: every date is planned again. */
  calendarVersion: string;
  instanceId: string;
  logger: Logger;
  /** Messages were queued (the outbox wakes up). */
  onQueued?: () => void;
  /** Wall-clock time for the lease: it is physical, not the scheduler's clock. */
  wallClock?: () => Date;
}

/** The instance that plans holds this lease and renews it every tick; another takes over when it lapses. */
const LEASE = 'planner';
const LEASE_MS = 90_000;
/** Due occurrences read at a time. */
const BATCH = 5_000;
/** Occurrences are planned this many days beyond the furthest a ladder reaches before its due date. */
const AHEAD_DAYS = 1;
/** Further back than any ladder reaches after its due date (a year of overdue notices). */
const MAX_DAYS_AFTER = 400;

/**
 * Plans reminders by the time each occurrence next needs looking at. Occurrences come into the planner's table a
 * day at a time as their ladders come into reach, each with the time of its first step; a tick reads only the rows
 * whose time has come (one indexed read), sends what is due, and writes each row's next time. Anything that can
 * change what is due (a button, a new focal point, new plans or holidays) sets the rows concerned to "now".
 */
export function createReminderPlanner(deps: PlannerDeps) {
  const wall = deps.wallClock ?? (() => new Date());
  let known: { version: string; tasks: ScheduledTask[]; byId: Map<number, ScheduledTask> } | undefined;
  let roleWatermark: number | undefined;

  async function tasksNow(): Promise<{ tasks: ScheduledTask[]; byId: Map<number, ScheduledTask>; changed: boolean }> {
    const version = (await deps.planner.setting('plans.version')) ?? '0';
    if (known?.version === version) return { ...known, changed: false };
    const tasks = await deps.plans.scheduledTasks();
    known = { version, tasks, byId: new Map(tasks.map((t) => [t.taskId, t])) };
    return { ...known, changed: true };
  }

  const fingerprint = (tasks: ScheduledTask[]) =>
    createHash('sha256').update(deps.calendarVersion).update(JSON.stringify(tasks.map((t) => [t.taskId, t.recurrence, t.ladder, t.agencyIds, t.bounded ?? [], t.adhocDates, t.province]))).digest('base64url');

  /** The occurrences of each task due from `from` to `to`, each with when it first needs looking at. */
  function occurrencesDue(tasks: ScheduledTask[], range: (t: ScheduledTask) => { from: LocalDate; to: LocalDate }, firstLook: (steps: Step[]) => Date): PlannedRow[] {
    const rows: PlannedRow[] = [];
    for (const task of tasks) {
      const { from, to } = range(task);
      if (from > to) continue;
      for (const dueOn of dueDatesBetween(task.recurrence, { from, to, adhocDates: task.adhocDates })) {
        const at = firstLook(stepsFor(dueOn, task.ladder, deps.calendar));
        for (const agencyId of ownersOn(task, dueOn)) rows.push({ key: occurrenceKey(task.taskId, agencyId, dueOn), taskId: task.taskId, agencyId, dueOn, nextFireAt: at });
      }
    }
    return rows;
  }

  const reachOf = (task: ScheduledTask, today: LocalDate) => {
    const reach = ladderReach(task.ladder);
    return { from: addDays(today, -reach.daysAfter), to: addDays(today, reach.daysBefore + AHEAD_DAYS) };
  };

  /** Everything planned again, each occurrence to be looked at now: after new plans, holidays, or a first start. */
  async function replan(tasks: ScheduledTask[], now: Date, today: LocalDate): Promise<void> {
    const wanted = occurrencesDue(tasks, (t) => reachOf(t, today), () => now);
    // An extended occurrence stays planned while its new date is in reach, whatever its first date.
    const byKey = new Map(wanted.map((r) => [r.key, r]));
    for (const x of await deps.extensions.approvedFrom(addDays(today, -MAX_DAYS_AFTER))) {
      const task = tasks.find((t) => t.taskId === x.taskId);
      if (task && x.requestedDueOn >= reachOf(task, today).from) byKey.set(x.occurrenceKey, { key: x.occurrenceKey, taskId: x.taskId, agencyId: x.agencyId, dueOn: x.requestedDueOn, nextFireAt: now });
    }
    wanted.splice(0, wanted.length, ...byKey.values());
    const keep = new Set(wanted.map((r) => r.key));
    await deps.planner.remove((await deps.planner.keys()).filter((k) => !keep.has(k)));
    await deps.planner.add(wanted);
    await deps.planner.touchAll(now);
    deps.logger.info('reminders planned', { occurrences: wanted.length, through: today });
  }

  /** The days since the last planned one: occurrences whose ladders came into reach, and those that left it. */
  async function extend(tasks: ScheduledTask[], from: LocalDate, today: LocalDate): Promise<void> {
    const added = occurrencesDue(
      tasks,
      (t) => {
        const before = reachOf(t, from).to;
        return { from: addDays(before, 1), to: reachOf(t, today).to };
      },
      (steps) => steps[0]!.fireAt,
    );
    await deps.planner.add(added);
    const oldest = tasks.reduce((min, t) => (reachOf(t, today).from < min ? reachOf(t, today).from : min), today);
    await deps.planner.removeDueBefore(oldest);
  }

  async function ensurePlanned(now: Date): Promise<Map<number, ScheduledTask>> {
    const { tasks, byId, changed } = await tasksNow();
    const today = localDateOf(now);
    const day = await deps.planner.setting('planner.day');
    const print = changed ? fingerprint(tasks) : undefined;
    if (!day || day > today || (print && print !== (await deps.planner.setting('planner.fingerprint')))) {
      await replan(tasks, now, today);
      if (print) await deps.planner.setSetting('planner.fingerprint', print);
      await deps.planner.setSetting('planner.day', today);
    } else if (day < today) {
      await extend(tasks, day, today);
      await deps.planner.setSetting('planner.day', today);
    }
    return byId;
  }

  /** New focal points and supervisors get the step that has fired for them, as if they had been there. */
  async function watchRoles(now: Date): Promise<void> {
    const { last, agencyIds, provinces } = await deps.people.rolesSince(roleWatermark ?? Number((await deps.planner.setting('planner.roles')) ?? 0));
    if (last === roleWatermark) return;
    if (agencyIds.length) await deps.planner.touch({ agencyIds }, now);
    if (provinces.length) {
      const all = provinces.includes('*');
      const taskIds = known!.tasks.filter((t) => all || provinces.includes(t.province)).map((t) => t.taskId);
      await deps.planner.touch({ taskIds }, now);
    }
    roleWatermark = last;
    await deps.planner.setSetting('planner.roles', String(last));
  }

  /** Looks at due occurrences: queues what they owe, and sets when each needs looking at next. */
  async function fire(rows: PlannedRow[], byId: Map<number, ScheduledTask>, now: Date): Promise<number> {
    const gone = rows.filter((r) => !byId.has(r.taskId)).map((r) => r.key);
    if (gone.length) await deps.planner.remove(gone);
    const live = rows.filter((r) => byId.has(r.taskId));
    const keys = live.map((r) => r.key);
    const states = await deps.reminders.states(keys);
    const recorded = await deps.reminders.recorded(keys);
    const extended = await deps.extensions.approvedDueDates(keys);
    const agencyIds = [...new Set(live.map((r) => r.agencyId))];
    const focal = await deps.people.focalPoints(agencyIds);
    const supervisors = new Map<string, number[]>();
    for (const province of new Set(live.map((r) => byId.get(r.taskId)!.province))) supervisors.set(province, await deps.people.supervisors(province));
    // The steps are the same for every agency that owes a task on a date: computed once for them all.
    const steps = new Map<string, Step[]>();
    const toRemind: OccurrenceToRemind[] = live.map((r) => {
      const task = byId.get(r.taskId)!;
      // An approved extension moves the ladder to the new date; its steps are new steps, sent even where the first
      // ladder's of the same name went.
      const dueOn = extended.get(r.key) ?? r.dueOn;
      const memo = `${r.taskId}|${dueOn}|${extended.has(r.key)}`;
      if (!steps.has(memo)) steps.set(memo, extended.has(r.key) ? extendedSteps(dueOn, task.ladder, deps.calendar) : stepsFor(dueOn, task.ladder, deps.calendar));
      const endedOn = endedFor(task, r.agencyId);
      return { key: r.key, taskId: r.taskId, agencyId: r.agencyId, dueOn, ladder: task.ladder, steps: steps.get(memo), state: states.get(r.key), focalIds: focal.get(r.agencyId) ?? [], supervisorIds: supervisors.get(task.province) ?? [], ...(endedOn ? { endedOn } : {}) };
    });
    const due = dueSteps({ now, occurrences: toRemind, recorded, calendar: deps.calendar });
    const queued = due.length ? await queue(due, toRemind, byId, focal, now) : 0;
    await deps.planner.setNext(new Map(toRemind.map((o) => [o.key, nextFireAfter(o, now, deps.calendar) ?? null])));
    return queued;
  }

  async function queue(due: DueStep[], occurrences: OccurrenceToRemind[], byId: Map<number, ScheduledTask>, focal: Map<number, number[]>, now: Date): Promise<number> {
    const byKey = new Map(occurrences.map((o) => [o.key, o]));
    const agencies = new Map((await readInChunks([...new Set(due.map((d) => byKey.get(d.occurrenceKey)!.agencyId))], async (ids) => [...(await deps.agencies.byIds(ids))])));
    const info = await deps.plans.taskInfo([...new Set(due.map((d) => byKey.get(d.occurrenceKey)!.taskId))]);
    const addresses = await deps.people.addressesOf([...new Set(due.map((d) => d.personId))]);
    const view = (key: string) => {
      const o = byKey.get(key)!;
      const first = parseOccurrenceKey(key)!.dueOn;
      return reminderView(byId.get(o.taskId)!, info.get(o.taskId), agencies.get(o.agencyId)?.name ?? '', o.dueOn, first !== o.dueOn ? first : undefined);
    };
    const messages: { claims: StepClaim[]; message: OutboxDraft }[] = [];
    const add = (steps: DueStep[], personId: number, kind: 'reminder' | 'escalation', payload: OutboxDraft['payload']) => {
      const address = addresses.get(personId);
      if (!address) return;
      const claims = steps.map((s) => ({ occurrenceKey: s.occurrenceKey, personId, step: s.step }));
      const dedupeKey = `${kind}:${personId}:${createHash('sha256').update(claims.map((c) => `${c.occurrenceKey}/${c.step}`).join(',')).digest('base64url')}`;
      messages.push({ claims, message: { dedupeKey, kind, personId, channel: address.channel, chatId: address.chatId, payload, notBefore: now } });
    };
    // One message per person for the steps due at once (a morning's), each deadline still its own step.
    for (const [personId, steps] of bundles(due.filter((d) => d.audience === 'focal'))) {
      add(steps, personId, 'reminder', bundledReminderPayload(steps.map((step) => ({ step, view: view(step.occurrenceKey) })), now));
    }
    // Supervisors get one message per tick listing every escalated deadline, not one each.
    const escalations = new Map<number, DueStep[]>();
    for (const step of due.filter((d) => d.audience === 'supervisor')) escalations.set(step.personId, [...(escalations.get(step.personId) ?? []), step]);
    for (const [personId, steps] of escalations) {
      const items = steps.map((s) => ({ ...view(s.occurrenceKey), hasFocal: !!focal.get(byKey.get(s.occurrenceKey)!.agencyId)?.length }));
      add(steps, personId, 'escalation', escalationPayload(items, now));
    }
    const queued = await deps.reminders.claimAndQueueMany(messages, now);
    if (queued < messages.length) deps.logger.info('reminder steps already recorded elsewhere', { skipped: messages.length - queued });
    if (queued) deps.onQueued?.();
    return queued;
  }

  return {
    /** Decides what is due at `now`, records it and queues the messages. Returns how many messages were queued. */
    async tick(now: Date): Promise<number> {
      const at = wall();
      if (!(await deps.planner.lease(LEASE, deps.instanceId, at, new Date(at.getTime() + LEASE_MS)))) return 0;
      const byId = await ensurePlanned(now);
      await watchRoles(now);
      await deps.planner.setSetting(LAST_RUN_SETTING, now.toISOString());
      let queued = 0;
      for (;;) {
        const rows = await deps.planner.due(now, BATCH);
        if (rows.length) queued += await fire(rows, byId, now);
        if (rows.length < BATCH) return queued;
      }
    },
    /** An extension was approved: the occurrence is planned for its new date (in reach or not yet) and looked at now. */
    async extended(row: { key: string; taskId: number; agencyId: number; dueOn: string }, now: Date): Promise<void> {
      await deps.planner.add([{ ...row, nextFireAt: now }]);
      await deps.planner.moveDue(row.key, row.dueOn, now);
    },
    /** Someone acted on an occurrence: look at it again at the next tick. */
    changed: (keys: string[], now: Date) => deps.planner.touch({ keys }, now),
    /** Lets another instance plan at once (a clean stop). */
    release: () => deps.planner.release(LEASE, deps.instanceId),
  };
}

/** Each person's steps, earliest deadline first, in groups of at most MAX_BUNDLE. */
export function bundles(steps: readonly DueStep[]): [personId: number, steps: DueStep[]][] {
  const byPerson = new Map<number, DueStep[]>();
  for (const step of steps) {
    const mine = byPerson.get(step.personId);
    if (mine) mine.push(step);
    else byPerson.set(step.personId, [step]);
  }
  const out: [number, DueStep[]][] = [];
  for (const [personId, mine] of byPerson) {
    const order = (s: DueStep) => parseOccurrenceKey(s.occurrenceKey)!;
    mine.sort((a, b) => order(a).dueOn.localeCompare(order(b).dueOn) || order(a).taskId - order(b).taskId || order(a).agencyId - order(b).agencyId);
    for (let i = 0; i < mine.length; i += MAX_BUNDLE) out.push([personId, mine.slice(i, i + MAX_BUNDLE)]);
  }
  return out;
}

export type ReminderPlanner = ReturnType<typeof createReminderPlanner>;
