import { addDays, formatLocalDate, localDateOf, type LocalDate } from '../domain/calendar/local-time.js';
import { focalAgencyIds, supervises } from '../domain/people/roles.js';
import { occurrenceKey, occurrencesBetween, parseOccurrenceKey, type Occurrence, type ScheduledTask } from '../domain/reminders/occurrence.js';
import { encodeButton } from '../messaging/buttons.js';
import type { MessagePayload } from '../messaging/message.js';
import type { AgenciesRepo, AgencyInfo } from '../repositories/agencies-repo.js';
import type { ExtensionRecord, ExtensionsRepo } from '../repositories/extensions-repo.js';
import type { OutboxRepo } from '../repositories/outbox-repo.js';
import type { PeopleRepo } from '../repositories/people-repo.js';
import type { PlansRepo } from '../repositories/plans-repo.js';
import type { RemindersRepo } from '../repositories/reminders-repo.js';
import type { ReminderPlanner } from './reminder-planner.js';

export interface ExtensionServiceDeps {
  plans: PlansRepo;
  people: PeopleRepo;
  agencies: AgenciesRepo;
  reminders: RemindersRepo;
  extensions: ExtensionsRepo;
  outbox: OutboxRepo;
  planner: ReminderPlanner;
}

/** The longest extension a focal point can ask for, counted from the date the deadline has now. */
export const MAX_EXTENSION_DAYS = 60;

/** A deadline someone may ask more time for, as it stands now. */
export interface ExtensionTarget {
  occurrence: Occurrence;
  task: ScheduledTask;
  agency: string;
  /** The province the agency belongs to now: its supervisors decide. */
  province: string;
  /** The date it is due now: its first date, or the one an approved extension gave it. */
  dueOn: LocalDate;
}

export type TargetResult = { ok: true; target: ExtensionTarget } | { ok: false; reason: 'unknown' | 'not_yours' | 'already_done' | 'pending' };
export type DecideResult = { ok: true; extension: ExtensionRecord; task: string; agency: string } | { ok: false; reason: 'unknown' | 'notYours' | 'alreadyDecided' };

/**
 * Deadline extensions: a focal point asks for a later date with a reason; the province's supervisors get the
 * request with approve and decline buttons; an approved one moves the occurrence's ladder to the new date (the
 * occurrence keeps its key, so what people did and what was sent stay with it), a declined one tells the focal
 * point why. Every request and answer is kept, for the evidence log.
 */
export function createExtensionService(deps: ExtensionServiceDeps) {
  /**
   * The occurrence a reminder's key names, as it is now: a reminder sent before its agency was merged carries the old
   * agency's key, and the deadline is the survivor's. With the agency then and now, on which authority is judged.
   */
  async function current(key: string): Promise<{ occurrence: Occurrence; agency: AgencyInfo; now: AgencyInfo } | undefined> {
    const pressed = parseOccurrenceKey(key);
    const agency = pressed && (await deps.agencies.byIds([pressed.agencyId])).get(pressed.agencyId);
    if (!pressed || !agency) return undefined;
    const now = await deps.agencies.survivor(agency);
    return { occurrence: now.id === agency.id ? pressed : { ...pressed, agencyId: now.id, key: occurrenceKey(pressed.taskId, now.id, pressed.dueOn) }, agency, now };
  }

  /** A deadline its agency's focal point may ask more time for (a supervisor decides, so does not ask). */
  async function target(key: string, personId: number): Promise<TargetResult> {
    const found = await current(key);
    if (!found) return { ok: false, reason: 'unknown' };
    const { occurrence } = found;
    const task = (await deps.plans.scheduledTasks()).find((t) => t.taskId === occurrence.taskId);
    if (!task || !occurrencesBetween(task, occurrence.dueOn, occurrence.dueOn).some((o) => o.key === occurrence.key)) return { ok: false, reason: 'unknown' };
    const person = await deps.people.person(personId);
    const focal = person ? focalAgencyIds(person) : [];
    if (!focal.includes(found.agency.id) && !focal.includes(found.now.id)) return { ok: false, reason: 'not_yours' };
    if ((await deps.reminders.states([occurrence.key])).get(occurrence.key)?.doneAt) return { ok: false, reason: 'already_done' };
    const history = await deps.extensions.forOccurrences([occurrence.key]);
    if (history.some((x) => x.status === 'pending')) return { ok: false, reason: 'pending' };
    const dueOn = history.filter((x) => x.status === 'approved').at(-1)?.requestedDueOn ?? occurrence.dueOn;
    return { ok: true, target: { occurrence, task, agency: found.now.name, province: found.now.province, dueOn } };
  }

  /** What a new date can be: after the current one and today, and at most MAX_EXTENSION_DAYS later. */
  function dateProblem(t: ExtensionTarget, dueOn: LocalDate, now: Date): { key: 'notLater' | 'tooLate'; max: LocalDate } | undefined {
    const max = addDays(t.dueOn, MAX_EXTENSION_DAYS);
    if (dueOn <= t.dueOn || dueOn <= localDateOf(now)) return { key: 'notLater', max };
    if (dueOn > max) return { key: 'tooLate', max };
    return undefined;
  }

  async function notify(personIds: readonly number[], dedupe: string, payload: MessagePayload, now: Date): Promise<number> {
    const addresses = await deps.people.addressesOf(personIds);
    let queued = 0;
    for (const personId of personIds) {
      const address = addresses.get(personId);
      if (address && (await deps.outbox.enqueue({ dedupeKey: `${dedupe}:${personId}`, kind: 'notice', personId, channel: address.channel, chatId: address.chatId, payload, notBefore: now }))) queued++;
    }
    return queued;
  }

  /** Records the request and sends it to the province's supervisors; how many it went to (0: nobody to ask, nothing kept). */
  async function request(input: { target: ExtensionTarget; dueOn: LocalDate; reason: string; personId: number; now: Date }): Promise<number> {
    const { occurrence, task, agency, province } = input.target;
    const supervisors = (await deps.people.supervisors(province)).filter((id) => id !== input.personId);
    if (!supervisors.length) return 0;
    const record = await deps.extensions.request({ occurrenceKey: occurrence.key, taskId: occurrence.taskId, agencyId: occurrence.agencyId, originalDueOn: occurrence.dueOn, requestedDueOn: input.dueOn, reason: input.reason, requestedById: input.personId, now: input.now });
    const person = (await deps.people.person(input.personId))?.name ?? '';
    const payload: MessagePayload = {
      lines: [{ key: 'reminders:extension.request', params: { person, agency, task: task.title, due: formatLocalDate(input.target.dueOn), date: formatLocalDate(input.dueOn), reason: { text: input.reason } } }],
      buttons: [[{ key: 'reminders:extension.approve', data: encodeButton('extension.approve', { id: record.id }) }, { key: 'reminders:extension.decline', data: encodeButton('extension.decline', { id: record.id }) }]],
    };
    return notify(supervisors, `extension:${record.id}:request`, payload, input.now);
  }

  /** A request as a supervisor answering it sees it, if they may answer it. */
  async function pending(id: number, personId: number): Promise<DecideResult> {
    const extension = await deps.extensions.byId(id);
    const task = extension && (await deps.plans.scheduledTasks()).find((t) => t.taskId === extension.taskId);
    if (!extension || !task) return { ok: false, reason: 'unknown' };
    const person = await deps.people.person(personId);
    const agency = (await deps.agencies.byIds([extension.agencyId])).get(extension.agencyId);
    const now = agency && (await deps.agencies.survivor(agency));
    // Judged on the agency as it is now (a merge may have moved it to another province), as the plan's province too.
    if (!person || !now || !supervises(person, now.province) || !supervises(person, task.province)) return { ok: false, reason: 'notYours' };
    if (extension.status !== 'pending') return { ok: false, reason: 'alreadyDecided' };
    return { ok: true, extension, task: task.title, agency: now.name };
  }

  /** Approves or declines (with the reason the focal points are told); the first supervisor to answer decides. */
  async function decide(input: { id: number; personId: number; approve: boolean; reason?: string; now: Date }): Promise<DecideResult> {
    const found = await pending(input.id, input.personId);
    if (!found.ok) return found;
    const x = found.extension;
    const current = (await deps.extensions.approvedDueDates([x.occurrenceKey])).get(x.occurrenceKey) ?? x.originalDueOn;
    if (!(await deps.extensions.decide(x.id, { status: input.approve ? 'approved' : 'declined', byPersonId: input.personId, now: input.now, declineReason: input.reason }))) return { ok: false, reason: 'alreadyDecided' };
    if (input.approve) await deps.planner.extended({ key: x.occurrenceKey, taskId: x.taskId, agencyId: x.agencyId, dueOn: x.requestedDueOn }, input.now);
    const focal = (await deps.people.focalPoints([x.agencyId])).get(x.agencyId) ?? [];
    const told = [...new Set([x.requestedById, ...focal])];
    const params = { task: found.task, due: formatLocalDate(input.approve ? x.originalDueOn : current), date: formatLocalDate(x.requestedDueOn) };
    const payload: MessagePayload = input.approve
      ? { lines: [{ key: 'reminders:extension.approvedNotice', params }] }
      : { lines: [{ key: 'reminders:extension.declinedNotice', params: { ...params, reason: { text: input.reason ?? '' } } }] };
    await notify(told, `extension:${x.id}:${input.approve ? 'approved' : 'declined'}`, payload, input.now);
    return { ...found, extension: { ...x, status: input.approve ? 'approved' : 'declined' } };
  }

  return { target, dateProblem, request, pending, decide };
}

export type ExtensionService = ReturnType<typeof createExtensionService>;
