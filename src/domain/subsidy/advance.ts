import type { Rules } from './rules-schema.js';

export type MonthlyRate = Rules['advanceDiscount']['monthlyRates'][number];

/**
 * The rate that discounts a payment made in `year`: the fund's average monthly investment
 * rate of the year before (NĐ 159/2025 Điều 6). When that year is not published yet, the
 * latest earlier one stands in; the answer says the rate is not confirmed either way.
 */
export function discountRateFor(rules: Rules, year: number): MonthlyRate | undefined {
  return rules.advanceDiscount.monthlyRates.filter((r) => r.year <= year - 1).sort((a, b) => b.year - a.year)[0];
}

/** Σ_{i=1..months} amount / (1 + r)^(i−1): each month's contribution brought back to the payment date. */
export function discountedSum(monthlyAmount: number, months: number, monthlyPercent: number): number {
  const factor = 1 + monthlyPercent / 100;
  let sum = 0;
  for (let i = 0; i < months; i++) sum += monthlyAmount / factor ** i;
  return Math.round(sum);
}
