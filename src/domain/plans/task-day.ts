import { formatLocalDate, isValidLocalDate, type LocalDate } from '../calendar/local-time.js';
import type { TextLine } from '../text/line.js';
import type { Recurrence } from './recurrence.js';

/** A day the plan's author chose because the document gives none, until a supervisor confirms or changes it. */
export interface AssumedDay {
  /** The document's own words on timing, when the plan file quotes them. */
  says?: string;
}

export function assumedDay(recurrence: Recurrence): AssumedDay | undefined {
  if (recurrence.assumed === undefined) return undefined;
  return recurrence.says ? { says: recurrence.says } : {};
}

/** "ngày do hệ thống đặt, văn bản chỉ ghi «hằng quý»": said beside every assumed date. */
export function assumedDayLine(day: AssumedDay): TextLine {
  return day.says ? { key: 'dates:assumed.says', params: { says: day.says } } : { key: 'dates:assumed.noDay' };
}

/** The recurrence as a supervisor confirmed it: the same days, no longer assumed. */
export function confirmedRecurrence(recurrence: Recurrence): Recurrence {
  const { assumed: _assumed, ...rest } = recurrence;
  return rest;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A supervisor's new day for a task, as typed: "20/01" for a yearly task, "20" (day of the month) for a monthly,
 * quarterly or half-yearly one, "10/7/2027" for a one-off. Undefined when the value does not fit the task.
 * Ad hoc tasks take their dates one by one (/datngay <task> <date>), not here.
 */
export function withDay(recurrence: Recurrence, typed: string): Recurrence | undefined {
  const text = typed.trim();
  const base = confirmedRecurrence(recurrence);
  if ('every' in base) {
    if (base.every === 'year') {
      const m = /^(\d{1,2})\/(\d{1,2})$/.exec(text);
      if (!m) return undefined;
      const day = Number(m[1]);
      const month = Number(m[2]);
      // 29/02 is refused: a yearly deadline that exists three years in four is no deadline.
      if (month < 1 || month > 12 || day < 1 || !isValidLocalDate(`2027-${pad(month)}-${pad(day)}`)) return undefined;
      return { ...base, due: `${pad(day)}/${pad(month)}` };
    }
    if (!/^\d{1,2}$/.test(text) || Number(text) < 1 || Number(text) > 31) return undefined;
    return { ...base, day: Number(text) };
  }
  if ('once' in base) {
    const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
    const iso = m ? `${m[3]}-${pad(Number(m[2]))}-${pad(Number(m[1]))}` : '';
    return isValidLocalDate(iso) ? { ...base, once: iso } : undefined;
  }
  return undefined;
}

/** When a recurrence falls due, in words: "hằng năm, trước ngày 15/01", "hằng quý, trước ngày 15 của tháng sau quý". */
export function recurrenceLine(recurrence: Recurrence): TextLine {
  if ('once' in recurrence) return { key: 'dates:when.once', params: { date: formatLocalDate(recurrence.once as LocalDate) } };
  if ('adhoc' in recurrence) return { key: 'dates:when.adhoc', params: { what: recurrence.adhoc } };
  if (recurrence.every === 'year') return { key: 'dates:when.year', params: { due: recurrence.due } };
  return { key: `dates:when.${recurrence.every}`, params: { day: recurrence.day } };
}

/** What a reminder cites: the document's number, or for a plan issued without one its title and date. */
export function basisOf(plan: { document: string; title: string; issuedOn: LocalDate }): string | TextLine {
  return plan.document.trim() ? plan.document : { key: 'dates:basis.unnumbered', params: { title: plan.title, date: formatLocalDate(plan.issuedOn) } };
}

export const CONFIRM_WORDS = ['xacnhan', 'xác nhận', 'confirm'];

export type DayDecision =
  | { kind: 'confirmed' | 'changed'; after: Recurrence }
  | { error: 'badDay' | 'alreadyConfirmed' };

/** What a supervisor's answer does to a task's day: "xacnhan" keeps the assumed day as confirmed; a day changes it. */
export function decideDay(recurrence: Recurrence, answer: string): DayDecision {
  if (CONFIRM_WORDS.includes(answer.trim().toLowerCase())) {
    return recurrence.assumed === undefined ? { error: 'alreadyConfirmed' } : { kind: 'confirmed', after: confirmedRecurrence(recurrence) };
  }
  const after = withDay(recurrence, answer);
  return after ? { kind: 'changed', after } : { error: 'badDay' };
}
