import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, atLocalTime, formatLocalDateTime, localDateOf, localIsoString, startOfLocalDay, weekday, ZONE } from '../../../src/domain/calendar/local-time.js';

// The scheduler's local time is arithmetic at UTC+7; the zone database is the reference it must agree with.
describe('local time in Vietnam', () => {
  const days = Array.from({ length: 366 * 12 }, (_, i) => addDays('2020-01-01', i));

  it('agrees with the zone database on every day from 2020 to 2031', () => {
    for (const date of days) {
      const zoned = DateTime.fromISO(date, { zone: ZONE });
      expect(startOfLocalDay(date).getTime()).toBe(zoned.startOf('day').toMillis());
      expect(atLocalTime(date, '08:30').getTime()).toBe(zoned.set({ hour: 8, minute: 30 }).toMillis());
      expect(weekday(date)).toBe(zoned.weekday);
    }
  });

  it('shows instants on the Vietnamese clock as the zone database does', () => {
    for (const iso of ['2026-06-29T16:59:59.999Z', '2026-06-29T17:00:00.000Z', '2026-12-31T23:30:05.250Z', '2024-02-28T20:15:00.000Z']) {
      const zoned = DateTime.fromISO(iso, { zone: ZONE });
      expect(formatLocalDateTime(new Date(iso))).toBe(zoned.toFormat('dd/MM/yyyy HH:mm'));
      expect(localIsoString(new Date(iso))).toBe(zoned.startOf('second').toISO({ suppressMilliseconds: true }));
    }
  });

  it('adds months as luxon does, a missing day becoming the month\'s last, from 2020 to 2031', () => {
    const ends = days.filter((date, i) => /-(?:29|30|31)$/.test(date) || i % 29 === 0);
    for (const date of ends) {
      for (const months of [1, 6, 13, 120]) expect(addMonths(date, months)).toBe(DateTime.fromISO(date).plus({ months }).toISODate());
    }
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
  });

  it('takes the local date of an instant across midnight in Hanoi', () => {
    expect(localDateOf(new Date('2026-06-29T16:59:59.999Z'))).toBe('2026-06-29');
    expect(localDateOf(new Date('2026-06-29T17:00:00.000Z'))).toBe('2026-06-30');
  });
});
