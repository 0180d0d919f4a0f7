import { describe, expect, test } from 'vitest';
import { atLocalTime, startOfLocalDay } from '../../../src/domain/calendar/local-time.js';
import { missingHolidayYears } from '../../../src/domain/calendar/work-calendar.js';
import { assumedDay, basisOf, decideDay, withDay } from '../../../src/domain/plans/task-day.js';
import type { Recurrence } from '../../../src/domain/plans/recurrence.js';
import { categorise } from '../../../src/domain/progress/deadlines.js';

const quarterly: Recurrence = { every: 'quarter', day: 15, says: 'Định kỳ hàng quý', assumed: 'The seed gives no day; day 15 was chosen' };

describe('a day the system chose', () => {
  test('is assumed while the plan says why it was chosen, with the document\'s words when the file quotes them', () => {
    expect(assumedDay(quarterly)).toEqual({ says: 'Định kỳ hàng quý' });
    expect(assumedDay({ every: 'year', due: '31/12', assumed: 'no day given' })).toEqual({});
    expect(assumedDay({ every: 'year', due: '30/06' })).toBeUndefined();
  });

  test('"xacnhan" confirms it: the same days, no longer assumed; confirming a day the document gave is refused', () => {
    const decision = decideDay(quarterly, 'xacnhan');
    expect(decision).toEqual({ kind: 'confirmed', after: { every: 'quarter', day: 15, says: 'Định kỳ hàng quý' } });
    expect(assumedDay((decision as { after: Recurrence }).after)).toBeUndefined();
    expect(decideDay({ every: 'year', due: '30/06' }, 'xacnhan')).toEqual({ error: 'alreadyConfirmed' });
  });

  test('a new day changes it in the form the task has, and is confirmed by being given', () => {
    expect(decideDay(quarterly, '20')).toEqual({ kind: 'changed', after: { every: 'quarter', day: 20, says: 'Định kỳ hàng quý' } });
    expect(withDay({ every: 'year', due: '15/01', assumed: 'x' }, '5/2')).toEqual({ every: 'year', due: '05/02' });
    expect(withDay({ once: '2026-07-10', assumed: 'x' }, '1/8/2026')).toEqual({ once: '2026-08-01' });
  });

  test('a day that does not fit the task is refused, never guessed', () => {
    expect(decideDay(quarterly, '20/01')).toEqual({ error: 'badDay' });
    expect(decideDay(quarterly, '32')).toEqual({ error: 'badDay' });
    expect(decideDay({ every: 'year', due: '15/01', assumed: 'x' }, '31/02')).toEqual({ error: 'badDay' });
    expect(decideDay({ every: 'year', due: '15/01', assumed: 'x' }, '29/02')).toEqual({ error: 'badDay' });
    expect(decideDay({ adhoc: 'HĐND session' }, '10')).toEqual({ error: 'badDay' });
  });
});

describe('the Government Office\'s categories and an assumed day', () => {
  const due = startOfLocalDay('2027-01-15');
  const now = atLocalTime('2027-02-01', '09:00');
  test('past an unconfirmed day and not done is not overdue', () => {
    expect(categorise({ taskTitle: 't', agencyId: 1, dueAt: due, doneAt: null, assumed: {} }, now)).toEqual({ category: 'unconfirmed', daysLate: 0 });
    expect(categorise({ taskTitle: 't', agencyId: 1, dueAt: due, doneAt: null }, now).category).toBe('overdue');
  });

  test('done after an unconfirmed day is not "done late"; done before it is on time', () => {
    expect(categorise({ taskTitle: 't', agencyId: 1, dueAt: due, doneAt: atLocalTime('2027-01-20', '10:00'), assumed: {} }, now).category).toBe('unconfirmed');
    expect(categorise({ taskTitle: 't', agencyId: 1, dueAt: due, doneAt: atLocalTime('2027-01-10', '10:00'), assumed: {} }, now).category).toBe('done_on_time');
    expect(categorise({ taskTitle: 't', agencyId: 1, dueAt: due, doneAt: null, assumed: {} }, atLocalTime('2027-01-10', '09:00')).category).toBe('in_time');
  });
});

describe('what a reminder cites', () => {
  test('a numbered document by its number; an unnumbered one by its title and date, never an empty basis', () => {
    expect(basisOf({ document: 'CV 7337/UBND-VX', title: 'Về việc…', issuedOn: '2022-09-26' })).toBe('CV 7337/UBND-VX');
    expect(basisOf({ document: ' ', title: 'Kế hoạch xây dựng chỉ tiêu', issuedOn: '2022-01-01' })).toEqual({ key: 'dates:basis.unnumbered', params: { title: 'Kế hoạch xây dựng chỉ tiêu', date: '01/01/2022' } });
  });
});

describe('holiday data past what the file covers', () => {
  test('this year and the next are in use; a missing one is named, not guessed', () => {
    expect(missingHolidayYears({ years: [2025, 2026, 2027] }, '2026-11-30')).toEqual([]);
    expect(missingHolidayYears({ years: [2025, 2026, 2027] }, '2027-03-01')).toEqual([2028]);
    expect(missingHolidayYears({ years: [2025, 2026, 2027] }, '2029-01-02')).toEqual([2029, 2030]);
  });
});
