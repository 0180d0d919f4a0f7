import { describe, expect, test } from 'vitest';
import { atLocalTime } from '../../../src/domain/calendar/local-time.js';
import { createWorkCalendar } from '../../../src/domain/calendar/work-calendar.js';
import { dueSteps, recordKey, type OccurrenceToRemind } from '../../../src/domain/reminders/due-steps.js';
import { DEFAULT_LADDER } from '../../../src/domain/reminders/ladder.js';

const calendar = createWorkCalendar({ holidays: [], workingWeekends: [] });
const FOCAL = 7;
const SUPERVISOR = 9;
const at = (date: string, time = '08:00') => atLocalTime(date, time);

function june30(state?: OccurrenceToRemind['state']): OccurrenceToRemind {
  return { key: '1:2:2026-06-30', taskId: 1, agencyId: 2, dueOn: '2026-06-30', ladder: DEFAULT_LADDER, state, focalIds: [FOCAL], supervisorIds: [SUPERVISOR] };
}

const due = (now: Date, occurrence: OccurrenceToRemind, recorded: string[] = []) =>
  dueSteps({ now, occurrences: [occurrence], recorded: new Set(recorded), calendar }).map((s) => `${s.step}→${s.personId}`);

describe('which reminder steps are due', () => {
  test('nothing before the first step, the 14-day step at 08:00 on 15/6', () => {
    expect(due(at('2026-06-15', '07:59'), june30())).toEqual([]);
    expect(due(at('2026-06-15'), june30())).toEqual([`before-14→${FOCAL}`]);
  });

  test('a step already recorded is not due again', () => {
    expect(due(at('2026-06-15', '09:00'), june30(), [recordKey('1:2:2026-06-30', FOCAL, 'before-14')])).toEqual([]);
  });

  test('after downtime only the latest step is sent, not the ones missed', () => {
    const recorded = [recordKey('1:2:2026-06-30', FOCAL, 'before-14')];
    expect(due(at('2026-06-29', '10:00'), june30(), recorded)).toEqual([`before-0→${FOCAL}`]);
  });

  test('a countdown step missed until the deadline passed is dropped', () => {
    expect(due(at('2026-06-30', '03:00'), june30())).toEqual([]);
  });

  test('overdue notices go to the focal point and escalation to the supervisor', () => {
    expect(due(at('2026-06-30'), june30())).toEqual([`overdue-0→${FOCAL}`]);
    expect(due(at('2026-07-01'), june30(), [recordKey('1:2:2026-06-30', FOCAL, 'overdue-0')])).toEqual([`escalate-1→${SUPERVISOR}`]);
  });

  test('an agency that ended (the district level on 1/7/2025) is reminded until its last day, nobody about it after', () => {
    const ended = { ...june30(), endedOn: '2026-07-01' };
    expect(due(at('2026-06-30'), ended)).toEqual([`overdue-0→${FOCAL}`]);
    expect(due(at('2026-07-01'), ended, [recordKey('1:2:2026-06-30', FOCAL, 'overdue-0')])).toEqual([]);
    expect(due(at('2026-07-07'), ended, [recordKey('1:2:2026-06-30', FOCAL, 'overdue-0')])).toEqual([]);
  });

  test('done stops every step, escalation included', () => {
    const done = june30({ doneAt: at('2026-06-20') });
    expect(due(at('2026-06-22'), done)).toEqual([]);
    expect(due(at('2026-07-07'), done)).toEqual([]);
  });

  test('acknowledging silences the countdown but not the last day or overdue', () => {
    // Acknowledged at 09:00 on 15/6, after receiving the 14-day reminder.
    const acked = june30({ acknowledgedAt: at('2026-06-15', '09:00') });
    const received = [recordKey('1:2:2026-06-30', FOCAL, 'before-14')];
    expect(due(at('2026-06-22'), acked, received)).toEqual([]);
    expect(due(at('2026-06-26'), acked, received)).toEqual([]);
    expect(due(at('2026-06-29'), acked, received)).toEqual([`before-0→${FOCAL}`]);
    expect(due(at('2026-06-30'), acked)).toEqual([`overdue-0→${FOCAL}`]);
  });

  test('a one-day snooze postpones the next reminder to when it ends', () => {
    const until = at('2026-06-23', '08:05');
    const snoozed = june30({ snoozedUntil: until });
    const recorded = [recordKey('1:2:2026-06-30', FOCAL, 'before-7')];
    expect(due(at('2026-06-22', '20:00'), snoozed, recorded)).toEqual([]);
    expect(due(until, snoozed, recorded)).toEqual([`snooze-${until.getTime()}→${FOCAL}`]);
    // The regular steps take over again after it.
    expect(due(at('2026-06-26'), snoozed, [...recorded, recordKey('1:2:2026-06-30', FOCAL, `snooze-${until.getTime()}`)])).toEqual([`before-1→${FOCAL}`]);
  });

  test('a snooze does not hold back the escalation', () => {
    const snoozed = june30({ snoozedUntil: at('2026-07-02') });
    expect(due(at('2026-07-01'), snoozed)).toEqual([`escalate-1→${SUPERVISOR}`]);
  });

  test('every focal point of the agency is reminded', () => {
    expect(due(at('2026-06-15'), { ...june30(), focalIds: [FOCAL, 8] })).toEqual([`before-14→${FOCAL}`, 'before-14→8']);
  });
});
