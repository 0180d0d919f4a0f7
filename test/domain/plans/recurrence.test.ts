import { describe, expect, test } from 'vitest';
import { dueDatesBetween } from '../../../src/domain/plans/recurrence.js';

const between = (recurrence: Parameters<typeof dueDatesBetween>[0], from: string, to: string, adhocDates?: string[]) => dueDatesBetween(recurrence, { from, to, adhocDates });

describe('due dates of a recurrence', () => {
  test('yearly "before 15/12"', () => {
    expect(between({ every: 'year', due: '15/12' }, '2025-01-01', '2027-12-31')).toEqual(['2025-12-15', '2026-12-15', '2027-12-15']);
  });

  test('monthly on an assumed day, clipped to short months', () => {
    expect(between({ every: 'month', day: 31, assumed: 'end of month' }, '2026-01-01', '2026-04-30')).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
  });

  test('quarterly and half-yearly fall in the month after the period', () => {
    expect(between({ every: 'quarter', day: 15 }, '2026-01-01', '2026-12-31')).toEqual(['2026-01-15', '2026-04-15', '2026-07-15', '2026-10-15']);
    expect(between({ every: 'half-year', day: 20 }, '2026-01-01', '2027-12-31')).toEqual(['2026-01-20', '2026-07-20', '2027-01-20', '2027-07-20']);
  });

  test('once, and ad hoc dates set by a supervisor', () => {
    expect(between({ once: '2026-12-15' }, '2026-01-01', '2026-12-31')).toEqual(['2026-12-15']);
    expect(between({ once: '2026-12-15' }, '2027-01-01', '2027-12-31')).toEqual([]);
    expect(between({ adhoc: 'Kỳ họp HĐND tỉnh' }, '2026-01-01', '2026-12-31', ['2026-12-08', '2026-07-10'])).toEqual(['2026-07-10', '2026-12-08']);
  });

  test('a recurrence runs only within its own from and until', () => {
    expect(between({ every: 'year', due: '30/06', from: '2022-10-01', until: '2025-12-31' }, '2020-01-01', '2030-12-31')).toEqual(['2023-06-30', '2024-06-30', '2025-06-30']);
  });
});
