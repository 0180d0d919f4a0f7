import { type LocalDate } from '../calendar/local-time.js';

/**
 * When a task falls due. Every form yields local dates; a deadline is the start
 * of its date ("trước ngày 30/6" is due at 00:00 on 30/6, Vietnamese time).
 */
export type Recurrence = (
  | { every: 'year'; due: string } // "DD/MM"
  | { every: 'month'; day: number }
  | { every: 'quarter'; day: number } // day of the month after each quarter
  | { every: 'half-year'; day: number } // day of the month after each half
  | { once: LocalDate }
  | { adhoc: string } // dates set by a supervisor, e.g. the People's Council session
) & {
  /** Why the day was chosen by whoever wrote the plan file: the document gives none. Gone once a supervisor confirms. */
  assumed?: string;
  /** What the document itself says of when (e.g. "hằng quý"), shown beside an assumed day. */
  says?: string;
  from?: LocalDate;
  until?: LocalDate;
};

const pad = (n: number) => String(n).padStart(2, '0');

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Day `day` of a month, or its last day when the month is shorter (a "day 31" in April). */
function dateIn(year: number, month: number, day: number): LocalDate {
  return `${year}-${pad(month)}-${pad(Math.min(day, daysInMonth(year, month)))}`;
}

function monthsOf(recurrence: Recurrence): number[] | undefined {
  if (!('every' in recurrence)) return undefined;
  switch (recurrence.every) {
    case 'month': return [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    case 'quarter': return [1, 4, 7, 10];
    case 'half-year': return [1, 7];
    case 'year': return [Number(recurrence.due.split('/')[1])];
  }
}

function candidates(recurrence: Recurrence, fromYear: number, toYear: number, adhocDates: LocalDate[]): LocalDate[] {
  if ('once' in recurrence) return [recurrence.once];
  if ('adhoc' in recurrence) return adhocDates;
  const day = recurrence.every === 'year' ? Number(recurrence.due.split('/')[0]) : recurrence.day;
  const months = monthsOf(recurrence)!;
  const out: LocalDate[] = [];
  for (let y = fromYear; y <= toYear; y++) for (const m of months) out.push(dateIn(y, m, day));
  return out;
}

/** Due dates of a recurrence in [from, to] (inclusive), within its own from/until, sorted. */
export function dueDatesBetween(recurrence: Recurrence, range: { from: LocalDate; to: LocalDate; adhocDates?: LocalDate[] }): LocalDate[] {
  const lower = recurrence.from && recurrence.from > range.from ? recurrence.from : range.from;
  const upper = recurrence.until && recurrence.until < range.to ? recurrence.until : range.to;
  if (lower > upper) return [];
  const all = candidates(recurrence, Number(lower.slice(0, 4)), Number(upper.slice(0, 4)), range.adhocDates ?? []);
  return [...new Set(all)].filter((d) => d >= lower && d <= upper).sort();
}
