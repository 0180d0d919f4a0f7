import { cite, noteLine, unconfirmedLines, type AnswerContext } from './answer-context.js';
import { noTopUpNote } from './notes.js';
import type { AnswerLine, Params } from './answer-types.js';
import { calculate, type CalcOutcome } from './calculator.js';
import { formatDong, formatPercent } from './format.js';
import { provinceByCode } from './provinces.js';
import { CATEGORIES, type Category } from './types.js';

function noTopUp(ctx: AnswerContext, code: string): AnswerLine {
  return noteLine(noTopUpNote(ctx.rules, provinceByCode(code)!, ctx.date));
}

/**
 * A province's own support, shown beside the State's in every answer about support or payment
 * for someone in that province, so that a top-up is never left out. Amounts come from the
 * calculator at the lowest income (where support is a share of 22% of the poverty line and
 * the two together never exceed the contribution).
 */
function perCategory(outcomes: readonly CalcOutcome[]): Params {
  const params: Params = {};
  outcomes.forEach((o, i) => {
    const c = CATEGORIES[i] as Category;
    if (!o.ok || !o.result.provinceTopUp) return;
    params[`province_rate_${c}`] = formatPercent(o.result.provinceTopUp.percent);
    params[`province_support_${c}`] = formatDong(o.result.provinceTopUp.amount);
  });
  return params;
}

/** Whose support it is, and how sure the figure is. */
function sourceLines(name: string, outcomes: readonly CalcOutcome[]): AnswerLine[] {
  const source = outcomes.map((o) => (o.ok ? o.result.provinceTopUp?.source : undefined)).find((s) => s !== undefined);
  return [{ key: 'subsidy:note.province_residents_only', params: { province: name } }, ...(source ? unconfirmedLines([source]) : [])];
}

const basisOf = (outcomes: readonly CalcOutcome[]): string => {
  const source = outcomes.map((o) => (o.ok ? o.result.provinceTopUp?.source : undefined)).find((s) => s !== undefined);
  return source ? cite([source.basis]) : '';
};

/** Under the table of payments for every category: what the province adds to each. */
export function provinceLines(ctx: AnswerContext, outcomes: readonly CalcOutcome[]): AnswerLine[] {
  const code = ctx.understood.slots.province;
  const name = code ? (provinceByCode(code)?.name ?? code) : undefined;
  if (!name) return [];
  if (!outcomes.some((o) => o.ok && o.result.provinceTopUp)) return [noTopUp(ctx, code!)];
  return [
    { key: 'subsidy:answer.monthly_all_province', params: { province: name } },
    { key: 'subsidy:answer.province_parts', params: { province: name, province_basis: basisOf(outcomes), ...perCategory(outcomes) } },
    ...sourceLines(name, outcomes),
  ];
}

/** Under a support rate: the province's part for the category (or every category), and the two together. */
export function rateProvinceLines(ctx: AnswerContext, category: Category | undefined): AnswerLine[] {
  const code = ctx.understood.slots.province;
  const name = code ? (provinceByCode(code)?.name ?? code) : undefined;
  if (!code || !name) return [];
  const outcomes = CATEGORIES.map((c) => calculate({ date: ctx.date, category: c, province: code }, ctx.rules));
  if (!outcomes.some((o) => o.ok && o.result.provinceTopUp)) return [noTopUp(ctx, code)];
  if (!category) return [{ key: 'subsidy:answer.province_parts', params: { province: name, province_basis: basisOf(outcomes), ...perCategory(outcomes) } }, ...sourceLines(name, outcomes)];
  const one = outcomes[CATEGORIES.indexOf(category)]!;
  if (!one.ok || !one.result.provinceTopUp) return [noTopUp(ctx, code)];
  const { state, provinceTopUp } = one.result;
  return [
    {
      key: 'subsidy:answer.rate_province_one',
      params: {
        province: name,
        province_rate: formatPercent(provinceTopUp.percent),
        province_support: formatDong(provinceTopUp.amount),
        total_support: formatDong(state.amount + provinceTopUp.amount),
        province_basis: basisOf(outcomes),
      },
    },
    ...sourceLines(name, outcomes),
  ];
}
