import { addDays, isValidLocalDate } from '../calendar/local-time.js';
import type { LocalDate } from './types.js';

/** A date as written in a question, not yet tied to today. */
export type WhenSlot =
  | { kind: 'day'; date: LocalDate; before: boolean }
  | { kind: 'month'; year: number; month: number; before: boolean }
  | { kind: 'year'; year: number; before: boolean }
  | { kind: 'relative_year'; offset: number; before: false };

export interface FoundWhen {
  when: WhenSlot;
  start: number;
  end: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAME = String.raw`(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*`;
const monthOf = (name: string): number => MONTHS.indexOf(name) + 1;
const pad = (n: number | string): string => String(n).padStart(2, '0');
const iso = (y: number | string, m: number | string, d: number | string): string => `${y}-${pad(m)}-${pad(d)}`;

/** A WhenSlot before the "before" mark is known (Omit that keeps the union apart). */
type Read = WhenSlot extends infer W ? (W extends WhenSlot ? Omit<W, 'before'> : never) : never;
type Reading = { re: RegExp; read: (m: RegExpExecArray) => Read | undefined };

const day = (y: string, m: string | number, d: string): Read | undefined => {
  const date = iso(y, m, d);
  return isValidLocalDate(date) ? { kind: 'day', date } : undefined;
};
const month = (y: string, m: string | number): Read | undefined =>
  Number(m) >= 1 && Number(m) <= 12 ? { kind: 'month', year: Number(y), month: Number(m) } : undefined;

// Order matters: a full date before the month and year inside it.
const READINGS: Reading[] = [
  { re: /\b(?:ngay )?(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b/g, read: (m) => day(m[3]!, m[2]!, m[1]!) },
  { re: /\bngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})\b/g, read: (m) => day(m[3]!, m[2]!, m[1]!) },
  { re: new RegExp(String.raw`\b(\d{1,2}) ${MONTH_NAME},? (\d{4})\b`, 'g'), read: (m) => day(m[3]!, monthOf(m[2]!), m[1]!) },
  { re: new RegExp(String.raw`\b${MONTH_NAME} (\d{1,2}),? (\d{4})\b`, 'g'), read: (m) => day(m[3]!, monthOf(m[1]!), m[2]!) },
  { re: /\b(?:thang )?(\d{1,2})[/-](\d{4})\b/g, read: (m) => month(m[2]!, m[1]!) },
  { re: /\bthang (\d{1,2}) (?:nam )?(\d{4})\b/g, read: (m) => month(m[2]!, m[1]!) },
  { re: new RegExp(String.raw`\b${MONTH_NAME} (\d{4})\b`, 'g'), read: (m) => month(m[2]!, monthOf(m[1]!)) },
  { re: /\b(?:nam|in|year) (\d{4})\b/g, read: (m) => ({ kind: 'year', year: Number(m[1]) }) },
  { re: /\b(20\d{2})\b(?![.,/]\d)/g, read: (m) => ({ kind: 'year', year: Number(m[1]) }) },
  { re: /\b(?:nam nay|this year)\b/g, read: () => ({ kind: 'relative_year', offset: 0 }) },
  { re: /\b(?:nam sau|nam toi|sang nam|next year)\b/g, read: () => ({ kind: 'relative_year', offset: 1 }) },
  { re: /\b(?:nam ngoai|nam truoc|last year)\b/g, read: () => ({ kind: 'relative_year', offset: -1 }) },
];

/** Dates, months and years in folded text; "trước" / "before" just ahead marks the time before. */
export function findWhens(text: string): FoundWhen[] {
  const found: FoundWhen[] = [];
  for (const { re, read } of READINGS) {
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end && end > f.start)) continue;
      const reading = read(m as RegExpExecArray);
      if (!reading) continue;
      const before = reading.kind !== 'relative_year' && /\b(?:truoc|before)(?: ngay)? $/.test(text.slice(Math.max(0, start - 12), start));
      found.push({ when: { ...reading, before } as WhenSlot, start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * The date a question is about. A whole year means today in the current year, its last day
 * in the past (the rule people lived under at the end of it) and its first day in the future.
 */
export function resolveWhen(when: WhenSlot | undefined, today: LocalDate): LocalDate {
  if (!when) return today;
  if (when.kind === 'day') return when.before ? addDays(when.date, -1) : when.date;
  if (when.kind === 'month') {
    const first = iso(when.year, when.month, 1);
    return when.before ? addDays(first, -1) : first;
  }
  const year = when.kind === 'year' ? when.year : Number(today.slice(0, 4)) + when.offset;
  if (when.before) return addDays(iso(year, 1, 1), -1);
  const current = Number(today.slice(0, 4));
  if (year === current) return today;
  return year < current ? iso(year, 12, 31) : iso(year, 1, 1);
}

/** The calendar year the question names as a whole, if it does. */
export function wholeYear(when: WhenSlot | undefined, today: LocalDate): number | undefined {
  if (when?.kind === 'year' && !when.before) return when.year;
  if (when?.kind === 'relative_year') return Number(today.slice(0, 4)) + when.offset;
  return undefined;
}
