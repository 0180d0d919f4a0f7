import { fold } from '../text/fold.js';
import { currentPeriod, isFuturePeriod, parsePeriodCode, previousPeriod, type Period, type PeriodKind } from './period.js';

/**
 * Reads a period the way people write it, in Vietnamese (with or without diacritics) or
 * English: `thang 11/2026`, `tháng 11`, `quý III/2026`, `Q3 2026`, `6 tháng đầu năm 2026`,
 * `năm 2026`, `11/2026`, `2026-Q3`, `tháng này`, `last quarter`.
 *
 * Without a year, the latest such period that has started is meant: "tháng 12" written
 * in January 2027 is December 2026, the month being reported on, not one still to come.
 */
export function parsePeriodText(text: string, options: { now: Date }): Period | undefined {
  const s = simplify(text);
  const code = parsePeriodCode(s.toUpperCase().replace(/\s+/g, ''));
  if (code) return code;
  return relativePeriod(s, options.now) ?? withYear(explicitPeriod(s), options.now);
}

/**
 * Whether text that is no period was meant as one (`tháng 13/2026`, `quý 5`, `2026-Q7`): a period word with a
 * number, a month/year, or a year. No agency or province is named like that, so the reader is told the period
 * is wrong, not that the agency is unknown.
 */
export function looksLikePeriod(text: string): boolean {
  const s = simplify(text);
  return /^(?:thang|quy|nam|ky|month|quarter|year|q|t|h)\s*[\divx]/.test(s) || /\b\d{1,2}\s*[/-]\s*\d{4}\b/.test(s) || /\b(?:19|20)\d{2}\b/.test(s);
}

function simplify(text: string): string {
  return fold(text).replace(/\s+/g, ' ').trim();
}

interface Loose {
  kind: PeriodKind;
  index: number;
  year?: number;
}

// Separators and filler words between a period and its year: `11/2026`, `Q3 2026`, `quý 3 năm 2026`, `first half of 2026`.
const YEAR = String.raw`[\s/\-.,]*(?:nam|of|year)?[\s/\-.,]*(\d{4})?`;
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const PATTERNS: { re: RegExp; read: (m: RegExpExecArray) => Loose | undefined }[] = [
  { re: new RegExp(`^(?:thang|month|t|m)\\s*(\\d{1,2})${YEAR}$`), read: (m) => month(Number(m[1]), m[2]) },
  { re: /^(\d{1,2})\s*[/\-.]\s*(\d{4})$/, read: (m) => month(Number(m[1]), m[2]) },
  { re: new RegExp(`^(${MONTH_NAMES.join('|')})[a-z]*\\.?${YEAR}$`), read: (m) => month(MONTH_NAMES.indexOf(m[1]!) + 1, m[2]) },
  { re: new RegExp(`^(?:quy|quarter|q)\\s*([1-4]|iv|i{1,3})${YEAR}$`), read: (m) => part('quarter', m[1]!, m[2]) },
  { re: /^(\d{4})\s*[-/ ]?\s*q([1-4])$/, read: (m) => part('quarter', m[2]!, m[1]) },
  { re: new RegExp(`^(?:6\\s*thang|6t|nua nam|sau thang)\\s*(dau|cuoi)${YEAR}$`), read: (m) => part('half', m[1] === 'dau' ? '1' : '2', m[2]) },
  { re: new RegExp(`^(first|second|1st|2nd) half${YEAR}$`), read: (m) => part('half', m[1]!.startsWith('f') || m[1] === '1st' ? '1' : '2', m[2]) },
  { re: new RegExp(`^h([12])${YEAR}$`), read: (m) => part('half', m[1]!, m[2]) },
  { re: /^(\d{4})\s*[-/ ]?\s*h([12])$/, read: (m) => part('half', m[2]!, m[1]) },
  { re: /^(?:ca nam|nam|year|ca nam nam)\s*(\d{4})$/, read: (m) => ({ kind: 'year', index: 1, year: Number(m[1]) }) },
];

function month(index: number, year: string | undefined): Loose | undefined {
  return index >= 1 && index <= 12 ? { kind: 'month', index, year: year ? Number(year) : undefined } : undefined;
}

function part(kind: PeriodKind, index: string, year: string | undefined): Loose {
  return { kind, index: ROMAN[index] ?? Number(index), year: year ? Number(year) : undefined };
}

function explicitPeriod(s: string): Loose | undefined {
  for (const { re, read } of PATTERNS) {
    const m = re.exec(s);
    if (m) return read(m);
  }
  return undefined;
}

function withYear(p: Loose | undefined, now: Date): Period | undefined {
  if (!p) return undefined;
  if (p.year !== undefined) return { kind: p.kind, index: p.index, year: p.year };
  const thisYear: Period = { kind: p.kind, index: p.index, year: currentPeriod(now).year };
  return isFuturePeriod(thisYear, now) ? { ...thisYear, year: thisYear.year - 1 } : thisYear;
}

const RELATIVE_KIND: Record<string, PeriodKind> = { thang: 'month', month: 'month', quy: 'quarter', quarter: 'quarter', nam: 'year', year: 'year' };

/** `tháng này`, `quý trước`, `this month`, `last year`. */
function relativePeriod(s: string, now: Date): Period | undefined {
  const m = /^(?:(thang|quy|nam) (nay|truoc)|(this|last|previous) (month|quarter|year))$/.exec(s);
  if (!m) return undefined;
  const kind = RELATIVE_KIND[m[1] ?? m[4]!]!;
  const current = currentPeriod(now, kind);
  return m[2] === 'nay' || m[3] === 'this' ? current : previousPeriod(current);
}
