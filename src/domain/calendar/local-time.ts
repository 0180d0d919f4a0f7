/** Every deadline and reminder hour in the plans is Vietnamese local time. */
export const ZONE = 'Asia/Ho_Chi_Minh';

/** A calendar date in Vietnam, written YYYY-MM-DD. */
export type LocalDate = string;

// Vietnam has kept UTC+7 without daylight saving since 1975, so local time is plain arithmetic: the scheduler
// converts dates for every deadline it plans, and a zone lookup per conversion was most of its time.
// test/domain/calendar/local-time.test.ts checks this against the zone database.
const OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

export function localDateOf(instant: Date): LocalDate {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

export function startOfLocalDay(date: LocalDate): Date {
  return new Date(utcMidnight(date) - OFFSET_MS);
}

/** The instant at which the local clock shows `time` (HH:mm) on `date`. */
export function atLocalTime(date: LocalDate, time: string): Date {
  const [hour, minute] = time.split(':').map(Number);
  return new Date(utcMidnight(date) - OFFSET_MS + (hour! * 60 + minute!) * 60_000);
}

function utcMidnight(date: LocalDate): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!);
}

// Calendar dates need no time zone: plain UTC arithmetic, much cheaper than luxon's zone lookups.
export function addDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/** `months` later; a day the month lacks becomes its last (31 January + 1 month = 28 or 29 February), as luxon does. */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y!, m! - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y!, m! - 1 + months, Math.min(d!, lastDay))).toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday. */
export function weekday(date: LocalDate): number {
  return ((Math.floor(utcMidnight(date) / DAY_MS) + 3) % 7) + 1;
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
  const local = localClockIso(instant);
  return `${formatLocalDate(local.slice(0, 10))} ${local.slice(11, 16)}`;
}

/** ISO 8601 with the +07:00 offset, for machines (`--json`) that should still see the local clock. */
export function localIsoString(instant: Date): string {
  return `${localClockIso(instant).slice(0, 19)}+07:00`;
}

/** The local clock's reading as an ISO string without offset (`2026-06-29T08:00:00.000Z` read as local). */
function localClockIso(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString();
}
