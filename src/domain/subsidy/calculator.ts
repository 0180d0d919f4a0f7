import { addDays, isValidLocalDate } from '../calendar/local-time.js';
import { discountRateFor, discountedSum } from './advance.js';
import { formatDate, formatDong, formatPercent } from './format.js';
import { provinceByCode } from './provinces.js';
import type { ProvinceTopUp, Regime, Rules } from './rules-schema.js';
import { changeDates, firstDate, rulesOn, topUpOn, type RulesOn } from './rules-on-date.js';
import { CATEGORIES, isCategory, type Basis, type Category, type Confidence, type LocalDate, type Sourced } from './types.js';

export interface CalcInput {
  /** The date the payment is made; the rules in force then apply to the whole payment. */
  date: LocalDate;
  /** Chosen monthly income in đồng; default the lowest allowed (the rural poverty line). */
  income?: number;
  /** One category, or several of which the highest rate counts; default `other`. */
  category?: string | readonly string[];
  /** Province code (see provinces.ts) for provincial top-ups. */
  province?: string;
  /** Months paid at once: 1, 3, 6, 12, or whole years in advance (24 … 60); default 1. */
  months?: number;
  /** Months already supported by the State, for the 120-month limit; default 0. */
  supportedMonths?: number;
}

export type CalcError =
  | { code: 'invalid_date'; date: string }
  | { code: 'date_out_of_range'; date: LocalDate; min: LocalDate }
  | { code: 'unknown_category'; category: string; allowed: readonly Category[] }
  | { code: 'unknown_province'; province: string }
  | { code: 'income_out_of_range'; income: number; min: number; max: number; date: LocalDate }
  | { code: 'invalid_payment_mode'; months: number; allowed: number[] };

export type NoteCode =
  | 'support_on_poverty_line' | 'support_max_months' | 'support_used_up' | 'support_ends_in_payment'
  | 'highest_category_only' | 'category_assumed' | 'province_residents_only' | 'province_no_topup'
  | 'advance_discounted' | 'advance_rate_missing' | 'unconfirmed' | 'rules_change_within_payment';

/** A remark to show with the figures; `params` are ready for display. */
export interface Note {
  code: NoteCode;
  params?: Record<string, string | number>;
}

export interface SupportPart {
  percent: number;
  /** Per month, in đồng. */
  amount: number;
  source: Sourced;
}

export interface CalcResult {
  date: LocalDate;
  category: Category;
  province?: string;
  income: number;
  minIncome: number;
  maxIncome: number;
  povertyLine: number;
  referenceLevel: number;
  contributionPercent: number;
  /** 22% of the income, per month. */
  contribution: number;
  /** 22% of the poverty line: every support is a share of this, never of the income. */
  supportBase: number;
  regime: Regime;
  state: SupportPart;
  provinceTopUp?: SupportPart;
  /** What the person pays in a supported month. */
  pays: number;
  months: number;
  mode: 'period' | 'advance';
  /** What the person pays for the whole payment (discounted when paying years ahead). */
  perPayment: number;
  /** Months of this payment still within the State's support limit. */
  supportedMonthsInPayment: number;
  advance?: { years: number; monthlyRatePercent?: number; undiscounted: number };
  basis: Basis[];
  notes: Note[];
  /** The least certain of the values used. */
  confidence: Confidence;
}

export type CalcOutcome = { ok: true; result: CalcResult } | { ok: false; error: CalcError };

const CONFIDENCE_ORDER: Confidence[] = ['low', 'medium', 'medium_high', 'high'];
const weakest = (sources: Sourced[]): Confidence =>
  CONFIDENCE_ORDER[Math.min(...sources.map((s) => CONFIDENCE_ORDER.indexOf(s.confidence)))] ?? 'high';

/** Of several categories, the one with the highest rate in this regime (ties: the first). */
export function highestCategory(categories: readonly Category[], regime: Regime): Category {
  return categories.reduce((best, c) => (regime.rates[c] > regime.rates[best] ? c : best), categories[0] ?? 'other');
}

export function allowedMonths(on: RulesOn): number[] {
  const years = Array.from({ length: Math.max(0, on.paymentModes.advanceMaxYears - 1) }, (_, i) => 12 * (i + 2));
  return [...on.paymentModes.periodMonths, ...years];
}

function resolveCategory(input: CalcInput, regime: Regime): { category: Category } | { error: CalcError } {
  const given = input.category === undefined ? [] : typeof input.category === 'string' ? [input.category] : [...input.category];
  const unknown = given.find((c) => !isCategory(c));
  if (unknown !== undefined) return { error: { code: 'unknown_category', category: unknown, allowed: CATEGORIES } };
  return { category: highestCategory(given as Category[], regime) };
}

function validate(input: CalcInput, rules: Rules): { on: RulesOn; category: Category; income: number; months: number } | { error: CalcError } {
  if (!isValidLocalDate(input.date)) return { error: { code: 'invalid_date', date: input.date } };
  const on = rulesOn(rules, input.date);
  if (!on) return { error: { code: 'date_out_of_range', date: input.date, min: firstDate(rules) } };
  const category = resolveCategory(input, on.regime);
  if ('error' in category) return category;
  if (input.province !== undefined && !provinceByCode(input.province)) return { error: { code: 'unknown_province', province: input.province } };
  const income = input.income ?? on.minIncome;
  if (!(income >= on.minIncome && income <= on.maxIncome)) {
    return { error: { code: 'income_out_of_range', income, min: on.minIncome, max: on.maxIncome, date: input.date } };
  }
  const months = input.months ?? 1;
  if (!allowedMonths(on).includes(months)) return { error: { code: 'invalid_payment_mode', months, allowed: allowedMonths(on) } };
  return { on, category: category.category, income, months };
}

function provincePart(topUp: ProvinceTopUp | undefined, category: Category, base: number, room: number): SupportPart | undefined {
  if (!topUp) return undefined;
  const percent = topUp.rates[category] ?? topUp.rates.other;
  // Together with the State's share, support never exceeds the contribution itself.
  const amount = Math.max(0, Math.min(Math.round((base * percent) / 100), room));
  return { percent, amount, source: topUp };
}

function cite(s: Sourced): Basis {
  return s.basis;
}

/** The voluntary-insurance payment for one person on one date. Amounts in đồng. */
export function calculate(input: CalcInput, rules: Rules): CalcOutcome {
  const valid = validate(input, rules);
  if ('error' in valid) return { ok: false, error: valid.error };
  const { on, category, income, months } = valid;
  const percent = on.contributionRate.percent;
  const contribution = Math.round((income * percent) / 100);
  const supportBase = Math.round((on.povertyLine.amount * percent) / 100);
  const statePercent = on.regime.rates[category];
  const state: SupportPart = { percent: statePercent, amount: Math.round((supportBase * statePercent) / 100), source: on.regime };
  const topUp = input.province ? topUpOn(rules, input.province, input.date) : undefined;
  const provinceTopUp = provincePart(topUp, category, supportBase, contribution - state.amount);
  const monthlySupport = state.amount + (provinceTopUp?.amount ?? 0);
  const already = Math.max(0, input.supportedMonths ?? 0);
  const supportedMonthsInPayment = Math.max(0, Math.min(months, on.regime.maxSupportMonths - already));
  const mode = months > 12 ? 'advance' : 'period';
  const rate = mode === 'advance' ? discountRateFor(rules, Number(input.date.slice(0, 4))) : undefined;
  const gross = mode === 'advance' && rate ? discountedSum(contribution, months, rate.percent) : contribution * months;
  const sources: Sourced[] = [on.regime, on.contributionRate, on.povertyLine, on.referenceLevel, on.income, ...(topUp ? [topUp] : []), ...(mode === 'advance' ? [rules.advanceDiscount, ...(rate ? [rate] : [])] : [])];
  const result: CalcResult = {
    date: input.date,
    category,
    ...(input.province ? { province: input.province } : {}),
    income,
    minIncome: on.minIncome,
    maxIncome: on.maxIncome,
    povertyLine: on.povertyLine.amount,
    referenceLevel: on.referenceLevel.amount,
    contributionPercent: percent,
    contribution,
    supportBase,
    regime: on.regime,
    state,
    ...(provinceTopUp ? { provinceTopUp } : {}),
    pays: supportedMonthsInPayment > 0 ? contribution - monthlySupport : contribution,
    months,
    mode,
    perPayment: Math.max(0, gross - supportedMonthsInPayment * monthlySupport),
    supportedMonthsInPayment,
    ...(mode === 'advance' ? { advance: { years: months / 12, ...(rate ? { monthlyRatePercent: rate.percent } : {}), undiscounted: contribution * months - supportedMonthsInPayment * monthlySupport } } : {}),
    basis: [...new Map(sources.map(cite).map((b) => [`${b.document}|${b.article ?? ''}`, b])).values()],
    notes: [],
    confidence: weakest(sources),
  };
  result.notes = notesFor(result, { input, rules, sources, already });
  return { ok: true, result };
}

function notesFor(r: CalcResult, ctx: { input: CalcInput; rules: Rules; sources: Sourced[]; already: number }): Note[] {
  const notes: Note[] = [];
  const max = r.regime.maxSupportMonths;
  const given = ctx.input.category;
  if (given === undefined) notes.push({ code: 'category_assumed' });
  if (Array.isArray(given) && new Set(given).size > 1) notes.push({ code: 'highest_category_only' });
  notes.push({ code: 'support_on_poverty_line', params: { base: formatDong(r.supportBase), poverty_line: formatDong(r.povertyLine) } });
  if (ctx.already >= max) notes.push({ code: 'support_used_up', params: { months: max } });
  else if (r.supportedMonthsInPayment < r.months) notes.push({ code: 'support_ends_in_payment', params: { months: r.supportedMonthsInPayment } });
  else notes.push({ code: 'support_max_months', params: { months: max } });
  const province = ctx.input.province ? provinceByCode(ctx.input.province) : undefined;
  if (province && r.provinceTopUp) notes.push({ code: 'province_residents_only', params: { province: province.name } });
  if (province && !r.provinceTopUp) notes.push({ code: 'province_no_topup', params: { province: province.name } });
  if (r.advance?.monthlyRatePercent !== undefined) notes.push({ code: 'advance_discounted', params: { rate: formatPercent(r.advance.monthlyRatePercent) } });
  if (r.advance && r.advance.monthlyRatePercent === undefined) notes.push({ code: 'advance_rate_missing' });
  const end = addDays(r.date, 30 * r.months);
  const change = changeDates(ctx.rules, ctx.input.province).find((d) => d > r.date && d < end);
  if (change && r.months > 1) notes.push({ code: 'rules_change_within_payment', params: { date: formatDate(change) } });
  return [...notes, ...unconfirmedNotes(ctx.sources)];
}

/** Values the rules file marks medium or low are shown as not confirmed. */
export function unconfirmedNotes(sources: Sourced[]): Note[] {
  const weak = sources.filter((s) => s.confidence === 'medium' || s.confidence === 'low');
  return [...new Set(weak.map((s) => s.basis.document))].map((document) => ({ code: 'unconfirmed', params: { document } }));
}
