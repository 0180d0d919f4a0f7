import { baseParams, unconfirmedLines, type AnswerContext } from './answer-context.js';
import type { TextKey } from '../text/line.js';
import type { Answer, AnswerLine, Params } from './answer-types.js';
import { discountRateFor } from './advance.js';
import { allowedMonths } from './calculator.js';
import { formatPercent } from './format.js';
import type { Intent, TopicId } from './topics.js';
import type { Basis, Confidence } from './types.js';

function info(ctx: AnswerContext, a: { intent: Intent; key: TextKey; params?: Params; lines?: AnswerLine[]; basis: Basis[]; confidence: Confidence; suggestions: TopicId[] }): Answer {
  return {
    kind: 'answer',
    intent: a.intent,
    key: a.key,
    params: { ...baseParams(a.basis, ctx.date), ...a.params },
    lines: a.lines ?? [],
    basis: a.basis,
    date: ctx.date,
    confidence: a.confidence,
    suggestions: a.suggestions,
  };
}

export function whoCanJoinAnswer(ctx: AnswerContext): Answer {
  const { eligibility } = ctx.rules;
  return info(ctx, { intent: 'who_can_join', key: 'subsidy:answer.who_can_join', params: { min_age: eligibility.minAge }, basis: [eligibility.basis], confidence: eligibility.confidence, suggestions: ['how_to_register', 'monthly_payment'] });
}

export function paymentModesAnswer(ctx: AnswerContext): Answer {
  const modes = ctx.on.paymentModes;
  const { advanceDiscount } = ctx.rules;
  const rate = discountRateFor(ctx.rules, Number(ctx.date.slice(0, 4)));
  const asked = ctx.understood.slots.months;
  const lines: AnswerLine[] = [
    ...(asked ? [{ key: allowedMonths(ctx.on).includes(asked) ? 'subsidy:answer.payment_mode_allowed' : 'subsidy:answer.payment_mode_not_allowed', params: { months: asked } } satisfies AnswerLine] : []),
    { key: rate ? 'subsidy:answer.payment_modes_discount' : 'subsidy:answer.payment_modes_discount_unknown', params: rate ? { rate: formatPercent(rate.percent), year: rate.year } : {} },
    ...(modes.remainingPeriod ? [{ key: 'subsidy:answer.payment_modes_remaining', params: {} } satisfies AnswerLine] : []),
    ...unconfirmedLines([advanceDiscount, ...(rate ? [rate] : [])]),
  ];
  return info(ctx, {
    intent: 'payment_modes',
    key: 'subsidy:answer.payment_modes',
    params: { periods: modes.periodMonths.join(', '), max_years: modes.advanceMaxYears },
    lines,
    basis: [modes.basis, advanceDiscount.basis],
    confidence: modes.confidence,
    suggestions: ['calculator', 'how_to_register'],
  });
}

export function registerAnswer(ctx: AnswerContext): Answer {
  const { registration, hotline } = ctx.rules;
  return info(ctx, { intent: 'how_to_register', key: 'subsidy:answer.how_to_register', params: { hotline: hotline.number }, basis: [registration.basis], confidence: registration.confidence, suggestions: ['who_can_join', 'payment_modes', 'hotline'] });
}

export function pensionAnswer(ctx: AnswerContext): Answer {
  const p = ctx.on.pension;
  return info(ctx, {
    intent: 'pension_basics',
    key: 'subsidy:answer.pension_basics',
    params: { min_years: p.minYears, base_rate: formatPercent(p.baseRatePercent), per_year: formatPercent(p.perYearPercent), max_rate: formatPercent(p.maxRatePercent) },
    basis: [p.basis],
    confidence: p.confidence,
    suggestions: ['monthly_payment', 'who_can_join'],
  });
}

export function hotlineAnswer(ctx: AnswerContext): Answer {
  const { hotline } = ctx.rules;
  return info(ctx, { intent: 'hotline', key: 'subsidy:answer.hotline', params: { hotline: hotline.number }, basis: [hotline.basis], confidence: hotline.confidence, suggestions: ['how_to_register'] });
}

export function greetingAnswer(ctx: AnswerContext): Answer {
  const { hotline } = ctx.rules;
  return info(ctx, { intent: 'greeting', key: 'subsidy:answer.greeting', params: { hotline: hotline.number }, basis: [hotline.basis], confidence: 'high', suggestions: ['monthly_payment', 'rate_by_category', 'how_to_register'] });
}
