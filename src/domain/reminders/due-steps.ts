import { startOfLocalDay, type LocalDate } from '../calendar/local-time.js';
import type { WorkCalendar } from '../calendar/work-calendar.js';
import { stepsFor, type Audience, type Ladder, type Step } from './ladder.js';
import type { Occurrence } from './occurrence.js';

export interface OccurrenceState {
  acknowledgedAt?: Date | null;
  snoozedUntil?: Date | null;
  doneAt?: Date | null;
}

export interface OccurrenceToRemind extends Occurrence {
  ladder: Ladder;
  /** The ladder's steps for this due date, when the caller has them (they are the same for every agency of a task). */
  steps?: Step[];
  state?: OccurrenceState;
  focalIds: number[];
  supervisorIds: number[];
  /** The agency ended on this local day (the district level on 1/7/2025): from then on nobody is reminded about it. */
  endedOn?: LocalDate;
}

export interface DueStep {
  occurrenceKey: string;
  personId: number;
  step: string;
  audience: Audience;
  fireAt: Date;
}

export const recordKey = (occurrenceKey: string, personId: number, step: string) => `${occurrenceKey}|${personId}|${step}`;

/** The steps one audience of an occurrence can still receive, given what people did. */
function track(occurrence: OccurrenceToRemind, audience: Audience, calendar: WorkCalendar): Step[] {
  const state = occurrence.state ?? {};
  if (state.doneAt) return [];
  const steps = (occurrence.steps ?? stepsFor(occurrence.dueOn, occurrence.ladder, calendar)).filter((s) => s.audience === audience);
  if (audience === 'supervisor') return steps;
  // Acknowledging silences the countdown but not the last-day call or overdue notices.
  const ackAt = state.acknowledgedAt;
  const kept = ackAt ? steps.filter((s) => !(s.expiresAt && s.id !== 'before-0' && s.fireAt > ackAt)) : steps;
  const snoozed = state.snoozedUntil;
  if (!snoozed) return kept;
  // A snooze postpones whatever falls inside it to one reminder when it ends.
  return [{ id: `snooze-${snoozed.getTime()}`, audience, fireAt: snoozed }, ...kept.filter((s) => s.fireAt > snoozed)];
}

/**
 * What to send at `now`. For each occurrence and recipient only the latest step
 * that has fired counts: after downtime the service sends that one, once, and
 * never the stale steps it missed. `recorded` holds recordKey()s already sent.
 */
export function dueSteps(input: { now: Date; occurrences: OccurrenceToRemind[]; recorded: Set<string>; calendar: WorkCalendar }): DueStep[] {
  const { now, recorded, calendar } = input;
  const out: DueStep[] = [];
  for (const occurrence of input.occurrences) {
    if (occurrence.endedOn && now >= startOfLocalDay(occurrence.endedOn)) continue;
    for (const audience of ['focal', 'supervisor'] as const) {
      const fired = track(occurrence, audience, calendar).filter((s) => s.fireAt <= now);
      const latest = fired[fired.length - 1];
      if (!latest || (latest.expiresAt && now >= latest.expiresAt)) continue;
      const people = audience === 'focal' ? occurrence.focalIds : occurrence.supervisorIds;
      for (const personId of people) {
        if (recorded.has(recordKey(occurrence.key, personId, latest.id))) continue;
        out.push({ occurrenceKey: occurrence.key, personId, step: latest.id, audience, fireAt: latest.fireAt });
      }
    }
  }
  return out;
}

/**
 * When this occurrence can next have something to send after `after`: its next step for either audience, given
 * what people did; undefined once nothing is left (done, or the ladder has run out). The scheduler stores it and
 * looks at the occurrence again only then.
 */
export function nextFireAfter(occurrence: OccurrenceToRemind, after: Date, calendar: WorkCalendar): Date | undefined {
  let next: Date | undefined;
  for (const audience of ['focal', 'supervisor'] as const) {
    const step = track(occurrence, audience, calendar).find((s) => s.fireAt > after);
    if (step && (!next || step.fireAt < next)) next = step.fireAt;
  }
  return next;
}
