import { DateTime } from 'luxon';
import { ZONE } from '../calendar/local-time.js';

/** Reporting periods: a month, a quarter, a half-year (6 tháng) or a year, in Vietnamese local time. */
export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';

export interface Period {
  kind: PeriodKind;
  year: number;
  /** 1-based: month 1–12, quarter 1–4, half 1–2; always 1 for a year. */
  index: number;
}

/** `2026-11`, `2026-Q3`, `2026-H1` or `2026`: how a period is stored and passed around. */
export type PeriodCode = string;

const MONTHS_IN: Record<PeriodKind, number> = { month: 1, quarter: 3, half: 6, year: 12 };
const COUNT_IN_YEAR: Record<PeriodKind, number> = { month: 12, quarter: 4, half: 2, year: 1 };

export function periodCode(p: Period): PeriodCode {
  switch (p.kind) {
    case 'month':
      return `${p.year}-${String(p.index).padStart(2, '0')}`;
    case 'quarter':
      return `${p.year}-Q${p.index}`;
    case 'half':
      return `${p.year}-H${p.index}`;
    case 'year':
      return `${p.year}`;
  }
}

export function parsePeriodCode(code: string): Period | undefined {
  const m = /^(\d{4})(?:-(?:(\d{2})|Q([1-4])|H([12])))?$/.exec(code);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (m[2] !== undefined) return monthPeriod(year, Number(m[2]));
  if (m[3] !== undefined) return { kind: 'quarter', year, index: Number(m[3]) };
  if (m[4] !== undefined) return { kind: 'half', year, index: Number(m[4]) };
  return { kind: 'year', year, index: 1 };
}

/** Like {@link parsePeriodCode} for codes the caller produced itself; a bad one is a bug. */
export function toPeriod(code: PeriodCode): Period {
  const p = parsePeriodCode(code);
  if (!p) throw new Error(`Not a period code: "${code}" (expected 2026-11, 2026-Q3, 2026-H1 or 2026)`);
  return p;
}

function monthPeriod(year: number, month: number): Period | undefined {
  return month >= 1 && month <= 12 ? { kind: 'month', year, index: month } : undefined;
}

/**
 * Months since year 0 at which the period starts, and the (exclusive) month it ends:
 * whole months are the unit every comparison here works in.
 */
export function monthSpan(p: Period): { first: number; end: number } {
  const size = MONTHS_IN[p.kind];
  const first = p.year * 12 + (p.index - 1) * size;
  return { first, end: first + size };
}

export function periodStart(p: Period): Date {
  return localMonthStart(monthSpan(p).first);
}

/** The first instant after the period. */
export function periodEnd(p: Period): Date {
  return localMonthStart(monthSpan(p).end);
}

function localMonthStart(absoluteMonth: number): Date {
  const year = Math.floor(absoluteMonth / 12);
  return DateTime.fromObject({ year, month: (absoluteMonth % 12) + 1, day: 1 }, { zone: ZONE }).toJSDate();
}

/** `now` as fractional months since year 0, in Vietnamese local time. */
export function monthPosition(now: Date): number {
  const local = DateTime.fromJSDate(now, { zone: ZONE });
  const intoMonth = local.diff(local.startOf('month')).as('milliseconds') / local.endOf('month').diff(local.startOf('month')).as('milliseconds');
  return local.year * 12 + local.month - 1 + intoMonth;
}

export function currentPeriod(now: Date, kind: PeriodKind = 'month'): Period {
  const local = DateTime.fromJSDate(now, { zone: ZONE });
  return { kind, year: local.year, index: Math.floor((local.month - 1) / MONTHS_IN[kind]) + 1 };
}

export function previousPeriod(p: Period): Period {
  return shiftPeriod(p, -1);
}

export function nextPeriod(p: Period): Period {
  return shiftPeriod(p, 1);
}

/** The period `by` periods of the same kind after `p` (before it when negative). */
export function shiftPeriod(p: Period, by: number): Period {
  const n = COUNT_IN_YEAR[p.kind];
  const ordinal = p.year * n + p.index - 1 + by;
  return { kind: p.kind, year: Math.floor(ordinal / n), index: (ordinal % n) + 1 };
}

/** A period that has not started yet; the current one is not in the future. */
export function isFuturePeriod(p: Period, now: Date): boolean {
  return periodStart(p).getTime() > now.getTime();
}

export function monthsOf(p: Period): Period[] {
  const { first, end } = monthSpan(p);
  return Array.from({ length: end - first }, (_, i) => ({ kind: 'month' as const, year: Math.floor((first + i) / 12), index: ((first + i) % 12) + 1 }));
}

/** The period itself and every shorter period inside it, longest first. */
export function periodsWithin(p: Period): Period[] {
  const kinds: PeriodKind[] = ['year', 'half', 'quarter', 'month'];
  const { first, end } = monthSpan(p);
  return kinds
    .filter((k) => MONTHS_IN[k] <= MONTHS_IN[p.kind])
    .flatMap((kind) => {
      const size = MONTHS_IN[kind];
      return Array.from({ length: (end - first) / size }, (_, i) => fromAbsoluteMonth(kind, first + i * size));
    });
}

function fromAbsoluteMonth(kind: PeriodKind, absoluteMonth: number): Period {
  return { kind, year: Math.floor(absoluteMonth / 12), index: Math.floor((absoluteMonth % 12) / MONTHS_IN[kind]) + 1 };
}

/** Consecutive periods of `from`'s kind, from `from` to `to` inclusive. */
export function periodRange(from: Period, to: Period): Period[] {
  const out: Period[] = [];
  const stop = monthSpan(to).first;
  for (let p = from; monthSpan(p).first <= stop; p = nextPeriod(p)) out.push(p);
  return out;
}

/** The period itself and every longer period holding it, shortest first: a month counts towards its quarter, half-year and year. */
export function periodsHolding(p: Period): Period[] {
  const kinds: PeriodKind[] = ['month', 'quarter', 'half', 'year'];
  const month = monthSpan(p).first % 12;
  return kinds.filter((k) => MONTHS_IN[k] >= MONTHS_IN[p.kind]).map((kind) => ({ kind, year: p.year, index: Math.floor(month / MONTHS_IN[kind]) + 1 }));
}
