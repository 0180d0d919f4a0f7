import type { CalcError } from './calculator.js';
import { formatDate, formatDong } from './format.js';
import type { ErrorAnswer, Params } from './answer-types.js';
import type { Intent } from './topics.js';
import type { Basis, LocalDate } from './types.js';
import { cite } from './answer-context.js';

/** A calculator error as an answer that states what is allowed. */
export function errorAnswer(error: CalcError, ctx: { intent: Intent; date: LocalDate; basis: Basis[] }): ErrorAnswer {
  const common = { basis: cite(ctx.basis), date: formatDate(ctx.date) };
  const params = ((): Params => {
    switch (error.code) {
      case 'income_out_of_range':
        return { income: formatDong(error.income), min: formatDong(error.min), max: formatDong(error.max) };
      case 'date_out_of_range':
        return { min_date: formatDate(error.min), asked: formatDate(error.date) };
      case 'invalid_payment_mode':
        return { months: error.months, allowed: error.allowed.join(', ') };
      case 'unknown_category':
        return { category: error.category, allowed: error.allowed.join(', ') };
      case 'unknown_province':
        return { province: error.province };
      case 'invalid_date':
        return { asked: error.date };
    }
  })();
  return {
    kind: 'error',
    intent: ctx.intent,
    key: `subsidy:error.${error.code}`,
    params: { ...common, ...params },
    lines: [],
    basis: ctx.basis,
    date: ctx.date,
    confidence: 'high',
    suggestions: [],
  };
}
