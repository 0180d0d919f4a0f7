import { changeDates, rulesOn, type RulesOn } from './rules-on-date.js';
import type { Rules } from './rules-schema.js';
import { formatDate } from './format.js';
import { unconfirmedNotes, type Note } from './notes.js';
import type { AnswerLine, Params } from './answer-types.js';
import type { Understood } from './understand.js';
import type { Basis, LocalDate, Sourced } from './types.js';
import { wholeYear } from './dates.js';

/** Everything an answer for one question needs. */
export interface AnswerContext {
  rules: Rules;
  today: LocalDate;
  /** The date the question is about (today unless it names one). */
  date: LocalDate;
  on: RulesOn;
  understood: Understood;
}

export function citeOne(basis: Basis): string {
  return basis.article ? `${basis.document}, ${basis.article}` : basis.document;
}

/** "NĐ 159/2025/NĐ-CP, Điều 5; Luật BHXH 2024, Điều 36, Điều 31 khoản 2": each document once, with its articles. */
export function cite(bases: Basis[]): string {
  const articles = new Map<string, string[]>();
  for (const b of bases) {
    const list = articles.get(b.document) ?? [];
    if (b.article && !list.includes(b.article)) list.push(b.article);
    articles.set(b.document, list);
  }
  return [...articles].map(([document, list]) => citeOne({ document, ...(list.length ? { article: list.join(', ') } : {}) })).join('; ');
}

export function baseParams(bases: Basis[], date: LocalDate): Params {
  return { basis: cite(bases), date: formatDate(date) };
}

export function noteLine(note: Note): AnswerLine {
  return { key: `subsidy:note.${note.code}`, params: note.params ?? {} };
}

export function unconfirmedLines(sources: Sourced[]): AnswerLine[] {
  return unconfirmedNotes(sources).map(noteLine);
}

/** When the question names a whole year in which the rules changed, say from when the answer holds. */
export function yearChangeLines(ctx: AnswerContext): AnswerLine[] {
  const year = wholeYear(ctx.understood.slots.when, ctx.today);
  if (year === undefined) return [];
  const changes = changeDates(ctx.rules, ctx.understood.slots.province).filter((d) => d.startsWith(`${year}-`) && d !== `${year}-01-01`);
  return changes.map((d) => ({ key: 'subsidy:note.rule_changed_in_year', params: { year, change: formatDate(d), date: formatDate(ctx.date) } }));
}

export function contextFor(rules: Rules, understood: Understood, today: LocalDate, date: LocalDate): AnswerContext | undefined {
  const on = rulesOn(rules, date);
  return on ? { rules, today, date, on, understood } : undefined;
}
