import { calculate, type CalcInput, type CalcResult } from './calculator.js';
import { baseParams, noteLine, unconfirmedLines, yearChangeLines, type AnswerContext } from './answer-context.js';
import { errorAnswer } from './answer-errors.js';
import type { Answer, AnswerLine } from './answer-types.js';
import { formatDong, formatPercent } from './format.js';
import { incomeWithinLimits } from './income-limits.js';
import { provinceLines } from './province-parts.js';
import { provinceByCode } from './provinces.js';
import type { TopicId } from './topics.js';
import { CATEGORIES, type Category } from './types.js';

function calcInput(ctx: AnswerContext, income: number | undefined): CalcInput {
  const { slots } = ctx.understood;
  return {
    date: ctx.date,
    ...(income !== undefined ? { income } : {}),
    ...(slots.categories ? { category: slots.categories } : {}),
    ...(slots.province ? { province: slots.province } : {}),
    ...(slots.months ? { months: slots.months } : {}),
  };
}

/** Support before what is left to pay, and the basis after every figure, so it reads top to bottom. */
function figureLines(r: CalcResult, basis: string): AnswerLine[] {
  const lines: AnswerLine[] = [];
  if (r.provinceTopUp && r.province) {
    lines.push({ key: 'subsidy:answer.calculation_province', params: { province: provinceByCode(r.province)?.name ?? r.province, province_rate: formatPercent(r.provinceTopUp.percent), province_support: formatDong(r.provinceTopUp.amount) } });
  }
  lines.push({ key: 'subsidy:answer.calculation_pays', params: { pays: formatDong(r.pays) } });
  if (r.mode === 'period' && r.months > 1) lines.push({ key: 'subsidy:answer.calculation_period', params: { months: r.months, per_payment: formatDong(r.perPayment) } });
  if (r.advance) lines.push({ key: 'subsidy:answer.calculation_advance', params: { years: r.advance.years, months: r.months, per_payment: formatDong(r.perPayment), undiscounted: formatDong(r.advance.undiscounted) } });
  lines.push({ key: 'subsidy:answer.calculation_basis', params: { basis } });
  return lines;
}

const RELATED: TopicId[] = ['payment_modes', 'how_to_register', 'province_topup'];

/** A calculation shown in full: contribution, each support, what the person pays, then the notes. */
export function calculationAnswer(ctx: AnswerContext, withIncome: boolean): Answer {
  const { intent } = ctx.understood;
  const limited = incomeWithinLimits(ctx, withIncome ? ctx.understood.slots.income : undefined);
  const outcome = calculate(calcInput(ctx, limited.income), ctx.rules);
  if (!outcome.ok) return errorAnswer(outcome.error, { intent, date: ctx.date, basis: [ctx.on.income.basis, ctx.on.regime.basis] });
  const r = outcome.result;
  const params = baseParams(r.basis, r.date);
  return {
    kind: 'answer',
    intent,
    key: 'subsidy:answer.calculation',
    params: {
      ...params,
      category: r.category,
      income: formatDong(r.income),
      contribution: formatDong(r.contribution),
      state_rate: formatPercent(r.state.percent),
      state_support: formatDong(r.state.amount),
    },
    lines: [...limited.lines, ...figureLines(r, String(params.basis)), ...yearChangeLines(ctx), ...r.notes.map(noteLine)],
    basis: r.basis,
    date: r.date,
    confidence: r.confidence,
    suggestions: RELATED,
  };
}

/** The lowest payment for every category and the highest contribution, on one date. */
function paymentTable(ctx: AnswerContext): Answer {
  const { slots } = ctx.understood;
  const results = CATEGORIES.map((category) => calculate({ date: ctx.date, category, ...(slots.province ? { province: slots.province } : {}) }, ctx.rules));
  const highest = calculate({ date: ctx.date, income: ctx.on.maxIncome }, ctx.rules);
  if (!highest.ok) return errorAnswer(highest.error, { intent: 'monthly_payment', date: ctx.date, basis: [ctx.on.income.basis] });
  const pays: Record<string, string> = {};
  results.forEach((o, i) => {
    if (o.ok) pays[`pays_${CATEGORIES[i] as Category}`] = formatDong(o.result.pays);
  });
  const first = results.find((o) => o.ok);
  const basis = first?.ok ? first.result.basis : highest.result.basis;
  const province = slots.province ? provinceByCode(slots.province) : undefined;
  const sources = [ctx.on.regime, ctx.on.povertyLine, ctx.on.referenceLevel, ctx.on.income];
  return {
    kind: 'answer',
    intent: 'monthly_payment',
    key: 'subsidy:answer.monthly_all',
    params: {
      ...baseParams(basis, ctx.date),
      min_income: formatDong(ctx.on.minIncome),
      min_contribution: formatDong(highest.result.supportBase),
      ...pays,
      max_income: formatDong(ctx.on.maxIncome),
      max_contribution: formatDong(highest.result.contribution),
    },
    lines: [
      ...(province ? provinceLines(ctx, results) : []),
      ...yearChangeLines(ctx),
      { key: 'subsidy:note.support_on_poverty_line', params: { base: formatDong(highest.result.supportBase), poverty_line: formatDong(ctx.on.povertyLine.amount) } },
      { key: 'subsidy:note.ask_income', params: {} },
      ...unconfirmedLines(first?.ok && first.result.provinceTopUp ? [...sources, first.result.provinceTopUp.source] : sources),
    ],
    basis,
    date: ctx.date,
    confidence: first?.ok ? first.result.confidence : highest.result.confidence,
    suggestions: ['calculator', 'rate_by_category', 'payment_modes'],
  };
}

/** "How much do I pay": for a category or a payment period, the calculation at the minimum; else the table. */
export function monthlyAnswer(ctx: AnswerContext): Answer {
  const { slots } = ctx.understood;
  return slots.categories || (slots.months ?? 1) > 1 ? calculationAnswer(ctx, false) : paymentTable(ctx);
}
