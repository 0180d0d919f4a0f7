import { addDays } from '../calendar/local-time.js';
import { baseParams, cite, unconfirmedLines, yearChangeLines, type AnswerContext } from './answer-context.js';
import type { Answer, AnswerLine, Params } from './answer-types.js';
import { highestCategory, shareOf, supportBaseOn } from './calculator.js';
import { formatDate, formatDong, formatPercent } from './format.js';
import type { Regime } from './rules-schema.js';
import { inForce, previousRegime, rulesOn } from './rules-on-date.js';
import { rateProvinceLines } from './province-parts.js';
import { CATEGORIES, type Category, type LocalDate } from './types.js';

/** Support per month for a category under a regime, on a date within it: rate × 22% × poverty line. */
function supportOn(ctx: AnswerContext, regime: Regime, date: LocalDate, category: Category): string {
  return formatDong(shareOf(supportBaseOn(rulesOn(ctx.rules, date) ?? ctx.on), regime.rates[category]));
}

function ratesFor(ctx: AnswerContext, regime: Regime, date: LocalDate, prefix = ''): Params {
  return Object.fromEntries(
    CATEGORIES.flatMap((c) => [
      [`${prefix}rate_${c}`, formatPercent(regime.rates[c])],
      [`${prefix}support_${c}`, supportOn(ctx, regime, date, c)],
    ]),
  );
}

function rateNotes(ctx: AnswerContext): AnswerLine[] {
  const { on } = ctx;
  const base = supportBaseOn(on);
  return [
    ...yearChangeLines(ctx),
    { key: 'subsidy:note.support_on_poverty_line', params: { base: formatDong(base), poverty_line: formatDong(on.povertyLine.amount) } },
    ...(ctx.understood.slots.categories && ctx.understood.slots.categories.length > 1 ? [{ key: 'subsidy:note.highest_category_only', params: {} } satisfies AnswerLine] : []),
    ...unconfirmedLines([on.regime, on.povertyLine]),
  ];
}

/** The State's support rate for a category (or for every category) on the date asked. */
export function rateAnswer(ctx: AnswerContext): Answer {
  const { regime } = ctx.on;
  const categories = ctx.understood.slots.categories;
  const category = categories ? highestCategory(categories, regime) : undefined;
  const basis = [regime.basis, ctx.on.povertyLine.basis];
  const common = { ...baseParams(basis, ctx.date), max_months: regime.maxSupportMonths };
  const params: Params = category
    ? { ...common, category, rate: formatPercent(regime.rates[category]), support: supportOn(ctx, regime, ctx.date, category) }
    : { ...common, ...ratesFor(ctx, regime, ctx.date) };
  return {
    kind: 'answer',
    intent: 'rate_by_category',
    key: category ? 'subsidy:answer.rate_one' : 'subsidy:answer.rate_all',
    params,
    lines: [...rateProvinceLines(ctx, category), ...rateNotes(ctx)],
    basis,
    date: ctx.date,
    confidence: regime.confidence,
    suggestions: ['monthly_payment', 'province_topup', 'rate_history'],
  };
}

/** The regime a "before …" question is about, and the one that replaced it. */
function historyPair(ctx: AnswerContext): { old: Regime; next: Regime } | undefined {
  const before = ctx.understood.slots.when?.before;
  const old = before ? ctx.on.regime : previousRegime(ctx.rules, ctx.date);
  const next = old?.until ? inForce(ctx.rules.regimes, addDays(old.until, 1)) : undefined;
  return old && next ? { old, next } : undefined;
}

/** The rate before the current regime next to the rate now. */
export function historyAnswer(ctx: AnswerContext): Answer {
  const pair = historyPair(ctx);
  if (!pair) return rateAnswer(ctx);
  const { old, next } = pair;
  const oldDate = old.until ?? ctx.date;
  const newDate = ctx.date >= next.from ? ctx.date : next.from;
  const categories = ctx.understood.slots.categories;
  const category = categories ? highestCategory(categories, next) : undefined;
  const basis = [old.basis, next.basis];
  const common = { ...baseParams(basis, oldDate), old_basis: cite([old.basis]), new_basis: cite([next.basis]), old_from: formatDate(old.from), old_until: formatDate(oldDate), new_from: formatDate(next.from) };
  const params: Params = category
    ? { ...common, category, old_rate: formatPercent(old.rates[category]), old_support: supportOn(ctx, old, oldDate, category), new_rate: formatPercent(next.rates[category]), new_support: supportOn(ctx, next, newDate, category) }
    : { ...common, ...ratesFor(ctx, old, oldDate, 'old_'), ...ratesFor(ctx, next, newDate, 'new_') };
  return {
    kind: 'answer',
    intent: 'rate_history',
    key: category ? 'subsidy:answer.rate_history_one' : 'subsidy:answer.rate_history',
    params,
    // The province's part under the rules in force now, beside the State's new rate.
    lines: [...rateProvinceLines({ ...ctx, date: newDate, on: rulesOn(ctx.rules, newDate) ?? ctx.on }, category), { key: 'subsidy:note.support_on_poverty_line_short', params: {} }],
    basis,
    date: oldDate,
    confidence: old.confidence === 'high' && next.confidence === 'high' ? 'high' : 'medium',
    suggestions: ['rate_by_category', 'monthly_payment'],
  };
}
