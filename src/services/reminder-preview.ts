import type { WorkCalendar } from '../domain/calendar/work-calendar.js';
import { dueSteps, recordKey, type DueStep, type OccurrenceToRemind } from '../domain/reminders/due-steps.js';
import { stepsFor } from '../domain/reminders/ladder.js';

/**
 * Every step the engine would send between two instants, in order, assuming the
 * service runs throughout and nobody presses a button: the engine itself, run
 * at each instant a step fires.
 */
export function previewSteps(input: { from: Date; to: Date; occurrences: OccurrenceToRemind[]; recorded: Set<string>; calendar: WorkCalendar }): DueStep[] {
  const instants = new Set<number>();
  for (const o of input.occurrences) {
    for (const s of stepsFor(o.dueOn, o.ladder, input.calendar)) if (s.fireAt >= input.from && s.fireAt <= input.to) instants.add(s.fireAt.getTime());
  }
  const recorded = new Set(input.recorded);
  const out: DueStep[] = [];
  for (const at of [...instants].sort((a, b) => a - b)) {
    for (const step of dueSteps({ now: new Date(at), occurrences: input.occurrences, recorded, calendar: input.calendar })) {
      recorded.add(recordKey(step.occurrenceKey, step.personId, step.step));
      out.push(step);
    }
  }
  return out;
}
