import { DateTime } from 'luxon';

/** Every deadline and reminder hour in the plans is Vietnamese local time. */
export const ZONE = 'Asia/Ho_Chi_Minh';

/** A calendar date in Vietnam, written YYYY-MM-DD. */
export type LocalDate = string;

export function localDateOf(instant: Date): LocalDate {
  return DateTime.fromJSDate(instant, { zone: ZONE }).toISODate()!;
}

export function startOfLocalDay(date: LocalDate): Date {
  return DateTime.fromISO(date, { zone: ZONE }).startOf('day').toJSDate();
}

/** The instant at which the local clock shows `time` (HH:mm) on `date`. */
export function atLocalTime(date: LocalDate, time: string): Date {
  const [hour, minute] = time.split(':').map(Number);
  return DateTime.fromISO(date, { zone: ZONE }).set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
}

// Calendar dates need no time zone: plain UTC arithmetic, much cheaper than luxon's zone lookups.
export function addDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

export function weekday(date: LocalDate): number {
  return DateTime.fromISO(date, { zone: ZONE }).weekday; // 1 = Monday … 7 = Sunday
}

export function isValidLocalDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const [y, m, d] = date.split('-').map(Number);
  const utc = new Date(Date.UTC(y!, m! - 1, d!));
  return utc.getUTCFullYear() === y && utc.getUTCMonth() === m! - 1 && utc.getUTCDate() === d;
}

/** DD/MM/YYYY, the way Vietnamese documents write dates. */
export function formatLocalDate(date: LocalDate): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** DD/MM/YYYY HH:mm on the Vietnamese clock: how a person is shown an instant. */
export function formatLocalDateTime(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: ZONE }).toFormat('dd/MM/yyyy HH:mm');
}

/** ISO 8601 with the +07:00 offset, for machines (`--json`) that should still see the local clock. */
export function localIsoString(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: ZONE }).startOf('second').toISO({ suppressMilliseconds: true })!;
}
