import type { WorkCalendar } from '../domain/calendar/work-calendar.js';
import { dueSteps, nextFireAfter, recordKey, type DueStep, type OccurrenceToRemind } from '../domain/reminders/due-steps.js';

/**
 * Every step the engine would send between two instants, in order, assuming the service runs throughout and
 * nobody presses a button: each occurrence followed from one next-fire time to the next, as the scheduler does.
 */
export function previewSteps(input: { from: Date; to: Date; occurrences: OccurrenceToRemind[]; recorded: Set<string>; calendar: WorkCalendar }): DueStep[] {
  const recorded = new Set(input.recorded);
  const out: DueStep[] = [];
  for (const occurrence of input.occurrences) {
    for (let at = nextFireAfter(occurrence, new Date(input.from.getTime() - 1), input.calendar); at && at <= input.to; at = nextFireAfter(occurrence, at, input.calendar)) {
      for (const step of dueSteps({ now: at, occurrences: [occurrence], recorded, calendar: input.calendar })) {
        // At the range's first instants the latest step of one audience may have fired before it: that one went then.
        if (step.fireAt < input.from) continue;
        recorded.add(recordKey(step.occurrenceKey, step.personId, step.step));
        out.push(step);
      }
    }
  }
  return out.sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime());
}
