import { describe, expect, test } from 'vitest';
import { createWorkCalendar } from '../../../src/domain/calendar/work-calendar.js';
import { DEFAULT_LADDER, stepsFor } from '../../../src/domain/reminders/ladder.js';

// Tết Bính Ngọ: 14–22/2/2026 off (a Saturday to the next Sunday).
const calendar = createWorkCalendar({ holidays: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'], workingWeekends: [] });
const local = (d: Date) => d.toLocaleString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' }).slice(0, 16);
const ladderOf = (dueOn: string) => Object.fromEntries(stepsFor(dueOn, DEFAULT_LADDER, calendar).map((s) => [s.id, local(s.fireAt)]));

describe('the default ladder', () => {
  test('"before 30/6" counts back from 29/6, the last day on time, at 08:00 Vietnamese time', () => {
    expect(ladderOf('2026-06-30')).toEqual({
      'before-14': '2026-06-15 08:00',
      'before-7': '2026-06-22 08:00',
      'before-3': '2026-06-26 08:00',
      'before-1': '2026-06-26 08:00', // 28/6 is a Sunday: the Friday before
      'before-0': '2026-06-29 08:00',
      'overdue-0': '2026-06-30 08:00',
      'overdue-3': '2026-07-03 08:00',
      'overdue-7': '2026-07-07 08:00',
      'overdue-14': '2026-07-14 08:00',
      'overdue-30': '2026-07-30 08:00',
      'escalate-1': '2026-07-01 08:00',
      'escalate-7': '2026-07-07 08:00',
    });
  });

  test('08:00 in Hà Nội is 01:00 UTC', () => {
    const [first] = stepsFor('2026-06-30', DEFAULT_LADDER, calendar);
    expect(first!.fireAt.toISOString()).toBe('2026-06-15T01:00:00.000Z');
  });

  test('a deadline whose last day is a Sunday is reminded on the Friday before', () => {
    // Before 10/12/2027 (a Friday): last day Thursday 9/12; 1 day before is Wednesday 8/12.
    expect(ladderOf('2027-12-10')['before-0']).toBe('2027-12-09 08:00');
    // Before 15/3/2027 (a Monday): the last day is Sunday 14/3 → Friday 12/3.
    expect(ladderOf('2027-03-15')['before-0']).toBe('2027-03-12 08:00');
    expect(ladderOf('2027-03-15')['overdue-0']).toBe('2027-03-15 08:00');
  });

  test('around Tết the reminders move before the break and overdue notices after it', () => {
    const steps = ladderOf('2026-02-20');
    expect(steps['before-0']).toBe('2026-02-13 08:00'); // 19/2 is in the break: Friday 13/2
    expect(steps['before-3']).toBe('2026-02-13 08:00');
    expect(steps['overdue-0']).toBe('2026-02-23 08:00'); // 20/2 in the break: Monday 23/2
    expect(steps['escalate-1']).toBe('2026-02-23 08:00');
  });

  test('a plan may set its own ladder and hour', () => {
    const steps = stepsFor('2026-06-30', { before: [3], overdue: [], escalate: [2], hour: '07:30' }, calendar);
    expect(steps.map((s) => [s.id, local(s.fireAt)])).toEqual([
      ['before-3', '2026-06-26 07:30'],
      ['escalate-2', '2026-07-02 07:30'],
    ]);
  });
});
