import { isValidLocalDate } from '../calendar/local-time.js';
import { discountRateFor, discountedSum } from './advance.js';
import type { CalcError, CalcInput, CalcOutcome, CalcResult, SupportPart } from './calc-types.js';
import { calculationNotes } from './notes.js';
import { provinceByCode } from './provinces.js';
import type { ProvinceTopUp, Regime, Rules } from './rules-schema.js';
import { firstDate, rulesOn, topUpOn, type RulesOn } from './rules-on-date.js';
import { CATEGORIES, isCategory, type Basis, type Category, type Confidence, type Sourced } from './types.js';

export { CALC_ERROR_CODES, type CalcError, type CalcInput, type CalcOutcome, type CalcResult, type Note, type NoteCode, type SupportPart } from './calc-types.js';

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

interface Valid {
  on: RulesOn;
  category: Category;
  income: number;
  months: number;
}

function validate(input: CalcInput, rules: Rules): Valid | { error: CalcError } {
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
  const amount = Math.max(0, Math.min(shareOf(base, percent), room));
  return { percent, amount, source: topUp };
}

/** 22% of the poverty line: the base of every support, State or province. */
export function supportBaseOn(on: RulesOn): number {
  return Math.round((on.povertyLine.amount * on.contributionRate.percent) / 100);
}

/** A share of the support base, in đồng. */
export function shareOf(base: number, percent: number): number {
  return Math.round((base * percent) / 100);
}

/** The month's figures: contribution and each support, in đồng. */
function monthly(v: Valid, input: CalcInput, rules: Rules) {
  const percent = v.on.contributionRate.percent;
  const contribution = Math.round((v.income * percent) / 100);
  const supportBase = supportBaseOn(v.on);
  const statePercent = v.on.regime.rates[v.category];
  const state: SupportPart = { percent: statePercent, amount: shareOf(supportBase, statePercent), source: v.on.regime };
  const topUp = input.province ? topUpOn(rules, input.province, input.date) : undefined;
  const provinceTopUp = provincePart(topUp, v.category, supportBase, contribution - state.amount);
  return { percent, contribution, supportBase, state, provinceTopUp, support: state.amount + (provinceTopUp?.amount ?? 0) };
}

/** The whole payment: support runs out after the regime's limit; years ahead are discounted. */
function payment(v: Valid, m: ReturnType<typeof monthly>, input: CalcInput, rules: Rules) {
  const supported = Math.max(0, Math.min(v.months, v.on.regime.maxSupportMonths - Math.max(0, input.supportedMonths ?? 0)));
  const mode: CalcResult['mode'] = v.months > 12 ? 'advance' : 'period';
  const rate = mode === 'advance' ? discountRateFor(rules, Number(input.date.slice(0, 4))) : undefined;
  const gross = rate ? discountedSum(m.contribution, v.months, rate.percent) : m.contribution * v.months;
  const undiscounted = m.contribution * v.months - supported * m.support;
  return {
    supported,
    mode,
    rate,
    pays: supported > 0 ? m.contribution - m.support : m.contribution,
    perPayment: Math.max(0, gross - supported * m.support),
    advance: mode === 'advance' ? { years: v.months / 12, ...(rate ? { monthlyRatePercent: rate.percent } : {}), undiscounted } : undefined,
  };
}

/** Each legal text once, in the order used. */
function citations(sources: Sourced[]): Basis[] {
  return [...new Map(sources.map((s) => [`${s.basis.document}|${s.basis.article ?? ''}`, s.basis])).values()];
}

/** The voluntary-insurance payment for one person on one date. Amounts in đồng. */
export function calculate(input: CalcInput, rules: Rules): CalcOutcome {
  const v = validate(input, rules);
  if ('error' in v) return { ok: false, error: v.error };
  const m = monthly(v, input, rules);
  const p = payment(v, m, input, rules);
  const { on } = v;
  const advanceSources = p.mode === 'advance' ? [rules.advanceDiscount, ...(p.rate ? [p.rate] : [])] : [];
  const sources: Sourced[] = [on.regime, on.contributionRate, on.povertyLine, on.income, ...(m.provinceTopUp ? [m.provinceTopUp.source] : []), ...advanceSources];
  const result: CalcResult = {
    date: input.date,
    category: v.category,
    ...(input.province ? { province: input.province } : {}),
    income: v.income,
    minIncome: on.minIncome,
    maxIncome: on.maxIncome,
    povertyLine: on.povertyLine.amount,
    referenceLevel: on.referenceLevel.amount,
    contributionPercent: m.percent,
    contribution: m.contribution,
    supportBase: m.supportBase,
    regime: on.regime,
    state: m.state,
    ...(m.provinceTopUp ? { provinceTopUp: m.provinceTopUp } : {}),
    pays: p.pays,
    months: v.months,
    mode: p.mode,
    perPayment: p.perPayment,
    supportedMonthsInPayment: p.supported,
    ...(p.advance ? { advance: p.advance } : {}),
    basis: citations(sources),
    notes: [],
    // The reference level only sets the ceiling: it is not cited, but its certainty counts.
    confidence: weakest([...sources, on.referenceLevel]),
  };
  result.notes = calculationNotes(result, { input, rules, sources });
  return { ok: true, result };
}
