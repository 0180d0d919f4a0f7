import type { AnswerContext } from './answer-context.js';
import type { AnswerLine } from './answer-types.js';
import { formatDong } from './format.js';

/**
 * An income asked about outside the allowed range is answered at the nearest limit, with why:
 * above the ceiling one can contribute at most on 20 × the reference level; below the floor the
 * lowest income one may choose is the poverty line (anyone may choose it, whatever they earn).
 */
export function incomeWithinLimits(ctx: AnswerContext, asked: number | undefined): { income?: number; lines: AnswerLine[] } {
  if (asked === undefined) return { lines: [] };
  const { minIncome, maxIncome, referenceLevel, income } = ctx.on;
  if (asked > maxIncome) {
    const params = { asked: formatDong(asked), max: formatDong(maxIncome), multiple: income.ceilingMultiple, reference: formatDong(referenceLevel.amount) };
    return { income: maxIncome, lines: [{ key: 'subsidy:note.income_above_ceiling', params }] };
  }
  if (asked < minIncome) return { income: minIncome, lines: [{ key: 'subsidy:note.income_below_floor', params: { asked: formatDong(asked), min: formatDong(minIncome) } }] };
  return { income: asked, lines: [] };
}
