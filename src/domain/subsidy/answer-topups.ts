import { baseParams, unconfirmedLines, type AnswerContext } from './answer-context.js';
import type { Answer, AnswerLine, Params } from './answer-types.js';
import { shareOf, supportBaseOn } from './calculator.js';
import { formatDate, formatDong, formatPercent } from './format.js';
import { provinceByCode, PROVINCES } from './provinces.js';
import type { ProvinceTopUp } from './rules-schema.js';
import { nextTopUp, topUpOn } from './rules-on-date.js';
import type { TopicId } from './topics.js';
import { CATEGORIES } from './types.js';

function topUpParams(ctx: AnswerContext, topUp: ProvinceTopUp): Params {
  const base = supportBaseOn(ctx.on);
  return Object.fromEntries(
    CATEGORIES.flatMap((c) => {
      const percent = topUp.rates[c] ?? topUp.rates.other;
      return [[`topup_${c}`, formatPercent(percent)], [`topup_amount_${c}`, formatDong(shareOf(base, percent))]];
    }),
  );
}

/** Categories that pay nothing at the lowest income once State and province support add up. */
function freeCategories(ctx: AnswerContext, topUp: ProvinceTopUp): AnswerLine[] {
  return CATEGORIES.filter((c) => ctx.on.regime.rates[c] + (topUp.rates[c] ?? topUp.rates.other) >= 100).map((category) => ({ key: 'subsidy:answer.province_pays_zero', params: { category } }));
}

function topUpFor(ctx: AnswerContext, code: string): Answer {
  const province = provinceByCode(code)!;
  const topUp = topUpOn(ctx.rules, code, ctx.date);
  const suggestions: TopicId[] = ['monthly_payment', 'rate_by_category'];
  if (!topUp) {
    const next = nextTopUp(ctx.rules, code, ctx.date);
    const basis = next ? [next.basis] : [ctx.on.regime.basis];
    const key = next ? 'subsidy:answer.province_upcoming' : 'subsidy:answer.province_none';
    const params = { ...baseParams(basis, ctx.date), province: province.name, hotline: ctx.rules.hotline.number, ...(next ? { from: formatDate(next.from) } : {}) };
    return { kind: 'answer', intent: 'province_topup', key, params, lines: [], basis, date: ctx.date, confidence: next?.confidence ?? 'high', suggestions };
  }
  return {
    kind: 'answer',
    intent: 'province_topup',
    key: 'subsidy:answer.province_topup',
    params: { ...baseParams([topUp.basis], ctx.date), province: province.name, from: formatDate(topUp.from), ...topUpParams(ctx, topUp) },
    lines: [
      ...freeCategories(ctx, topUp),
      ...(topUp.residentsOnly ? [{ key: 'subsidy:note.province_residents_only', params: { province: province.name } } satisfies AnswerLine] : []),
      { key: 'subsidy:note.province_capped', params: {} },
      ...unconfirmedLines([topUp]),
    ],
    basis: [topUp.basis],
    date: ctx.date,
    confidence: topUp.confidence,
    suggestions,
  };
}

/** Provincial top-ups: for the province named, or which provinces have one. */
export function topUpAnswer(ctx: AnswerContext): Answer {
  const code = ctx.understood.slots.province;
  if (code) return topUpFor(ctx, code);
  const known = PROVINCES.filter((p) => topUpOn(ctx.rules, p.code, ctx.date) || nextTopUp(ctx.rules, p.code, ctx.date));
  const topUpBases = ctx.rules.provinceTopUps.filter((t) => known.some((p) => p.code === t.province)).map((t) => t.basis);
  const basis = topUpBases.length ? topUpBases : [ctx.on.regime.basis];
  return {
    kind: 'answer',
    intent: 'province_topup',
    key: known.length ? 'subsidy:answer.province_list' : 'subsidy:answer.province_none_known',
    params: { ...baseParams(basis, ctx.date), provinces: known.map((p) => p.name).join(', '), hotline: ctx.rules.hotline.number },
    lines: [{ key: 'subsidy:note.province_ask', params: {} }],
    basis,
    date: ctx.date,
    confidence: 'high',
    suggestions: ['rate_by_category', 'monthly_payment'],
  };
}
