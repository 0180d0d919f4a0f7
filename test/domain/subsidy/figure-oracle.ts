import { calculate, type CalcOutcome } from '../../../src/domain/subsidy/calculator.js';
import type { Answer, AnswerLine } from '../../../src/domain/subsidy/answer-types.js';
import type { LineParam } from '../../../src/domain/text/line.js';
import { formatDate, formatDong, formatPercent } from '../../../src/domain/subsidy/format.js';
import type { Rules } from '../../../src/domain/subsidy/rules-schema.js';
import { CATEGORIES, type Category } from '../../../src/domain/subsidy/types.js';

/** What a question really says, read by a person: the reading every figure must agree with. */
export interface Truth {
  category?: Category;
  province?: string;
  /** The income the figures must be for (the ceiling or floor when the question's is outside the range). */
  income?: number;
  months?: number;
  /** The date the question is about; default today. */
  date?: string;
}

/** A value as shown; undefined for a nested line, a text to translate that is never a figure, so never right. */
const figure = (value: LineParam): string | undefined => (typeof value === 'object' ? undefined : String(value));

/**
 * Every figure an answer states that differs from what the calculator gives for the question's
 * real category, province, income, mode and date, as "name: stated, should be". A figure that
 * is not stated is never wrong; declining and asking are never wrong.
 */
export function wrongFigures(answers: readonly Answer[], truth: Truth, rules: Rules, today: string): string[] {
  const date = truth.date ?? today;
  const calc = (input: { category?: Category; income?: number; months?: number; province?: string | undefined }): CalcOutcome =>
    calculate({ date, ...(input.category ? { category: input.category } : {}), ...(input.income !== undefined ? { income: input.income } : {}), ...(input.months ? { months: input.months } : {}), ...(input.province ? { province: input.province } : {}) }, rules);
  const wrong: string[] = [];
  for (const a of answers) {
    if (a.kind !== 'answer') continue;
    const stated = (name: string, expected: string | undefined, where: AnswerLine['params']) => {
      if (!(name in where) || expected === undefined) return;
      const value = figure(where[name]!);
      if (value !== expected) wrong.push(`${a.key} ${name}: stated ${value ?? JSON.stringify(where[name])}, should be ${expected}`);
    };
    const lines = (key: string) => a.lines.filter((l) => l.key === key).map((l) => l.params);
    const byCategory = (c: Category, income?: number) => calc({ category: c, province: truth.province, ...(income !== undefined ? { income } : {}) });
    if (a.intent !== 'rate_history') stated('date', formatDate(date), a.params);
    if (a.key === 'subsidy:answer.calculation') {
      const o = calc({ category: truth.category ?? 'other', income: truth.income, months: truth.months, province: truth.province });
      if (!o.ok) {
        wrong.push(`${a.key}: figures stated where the rules allow none (${o.error.code})`);
        continue;
      }
      const r = o.result;
      stated('category', r.category, a.params);
      stated('income', formatDong(r.income), a.params);
      stated('contribution', formatDong(r.contribution), a.params);
      stated('state_rate', formatPercent(r.state.percent), a.params);
      stated('state_support', formatDong(r.state.amount), a.params);
      for (const p of lines('subsidy:answer.calculation_pays')) stated('pays', formatDong(r.pays), p);
      for (const p of lines('subsidy:answer.calculation_province')) {
        stated('province_rate', r.provinceTopUp ? formatPercent(r.provinceTopUp.percent) : '(none)', p);
        stated('province_support', r.provinceTopUp ? formatDong(r.provinceTopUp.amount) : '(none)', p);
      }
      if (r.provinceTopUp && !lines('subsidy:answer.calculation_province').length) wrong.push(`${a.key}: the province top-up is left out`);
      for (const p of [...lines('subsidy:answer.calculation_period'), ...lines('subsidy:answer.calculation_advance')]) {
        stated('months', String(r.months), p);
        stated('per_payment', formatDong(r.perPayment), p);
      }
    }
    if (a.key === 'subsidy:answer.rate_one') {
      const o = byCategory(truth.category ?? 'other');
      if (o.ok) {
        stated('category', o.result.category, a.params);
        stated('rate', formatPercent(o.result.state.percent), a.params);
        stated('support', formatDong(o.result.state.amount), a.params);
        for (const p of lines('subsidy:answer.rate_province_one')) {
          stated('province_rate', o.result.provinceTopUp ? formatPercent(o.result.provinceTopUp.percent) : '(none)', p);
          stated('province_support', o.result.provinceTopUp ? formatDong(o.result.provinceTopUp.amount) : '(none)', p);
          stated('total_support', formatDong(o.result.state.amount + (o.result.provinceTopUp?.amount ?? 0)), p);
        }
        if (o.result.provinceTopUp && !lines('subsidy:answer.rate_province_one').length) wrong.push(`${a.key}: the province top-up is left out`);
      }
    }
    if (a.key === 'subsidy:answer.rate_all' || a.key === 'subsidy:answer.monthly_all') {
      for (const c of CATEGORIES) {
        const o = byCategory(c);
        if (!o.ok) continue;
        stated(`rate_${c}`, formatPercent(o.result.state.percent), a.params);
        stated(`support_${c}`, formatDong(o.result.state.amount), a.params);
        stated(`pays_${c}`, formatDong(o.result.pays), a.params);
        for (const p of lines('subsidy:answer.province_parts')) {
          stated(`province_rate_${c}`, o.result.provinceTopUp ? formatPercent(o.result.provinceTopUp.percent) : '(none)', p);
          stated(`province_support_${c}`, o.result.provinceTopUp ? formatDong(o.result.provinceTopUp.amount) : '(none)', p);
        }
        if (o.result.provinceTopUp && !lines('subsidy:answer.province_parts').length) wrong.push(`${a.key}: the province top-up is left out`);
      }
      if (a.key === 'subsidy:answer.monthly_all') {
        const highest = calc({ income: Number.MAX_SAFE_INTEGER });
        const ceiling = highest.ok ? undefined : highest.error.code === 'income_out_of_range' ? highest.error.max : undefined;
        const top = ceiling ? calc({ income: ceiling }) : undefined;
        if (top?.ok) {
          stated('max_income', formatDong(top.result.income), a.params);
          stated('max_contribution', formatDong(top.result.contribution), a.params);
          stated('min_contribution', formatDong(top.result.supportBase), a.params);
        }
      }
    }
  }
  return wrong;
}
