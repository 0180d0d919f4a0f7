import { describe, expect, test } from 'vitest';
import { calculate, type CalcInput, type CalcResult } from '../../../src/domain/subsidy/calculator.js';
import type { Rules } from '../../../src/domain/subsidy/rules-schema.js';
import { rules } from './rules.js';

function calc(input: CalcInput, with_: Rules = rules): CalcResult {
  const outcome = calculate(input, with_);
  if (!outcome.ok) throw new Error(`expected a result, got ${JSON.stringify(outcome.error)}`);
  return outcome.result;
}

const figures = (r: CalcResult) => ({ contribution: r.contribution, support: r.state.amount, pays: r.pays });

describe('figures worked by hand from NĐ 134/2015 and NĐ 159/2025', () => {
  test.each(['2022-01-01', '2024-06-15', '2025-06-30'])('%s, minimum income 1,500,000 (NĐ 134/2015)', (date) => {
    expect(figures(calc({ date, category: 'poor' }))).toEqual({ contribution: 330_000, support: 99_000, pays: 231_000 });
    expect(figures(calc({ date, category: 'near_poor' }))).toEqual({ contribution: 330_000, support: 82_500, pays: 247_500 });
    expect(figures(calc({ date, category: 'other' }))).toEqual({ contribution: 330_000, support: 33_000, pays: 297_000 });
    expect(calc({ date, category: 'ethnic_minority' }).state.amount).toBe(33_000);
    expect(calc({ date }).regime.id).toBe('nd134-2015');
  });

  test('from 1/7/2025, minimum income: 50 / 40 / 30 / 20% (NĐ 159/2025)', () => {
    const date = '2025-07-01';
    expect(figures(calc({ date, category: 'poor' }))).toEqual({ contribution: 330_000, support: 165_000, pays: 165_000 });
    expect(figures(calc({ date, category: 'near_poor' }))).toEqual({ contribution: 330_000, support: 132_000, pays: 198_000 });
    expect(figures(calc({ date, category: 'ethnic_minority' }))).toEqual({ contribution: 330_000, support: 99_000, pays: 231_000 });
    expect(figures(calc({ date, category: 'other' }))).toEqual({ contribution: 330_000, support: 66_000, pays: 264_000 });
    expect(figures(calc({ date, category: 'island' }))).toEqual({ contribution: 330_000, support: 165_000, pays: 165_000 });
  });

  test('highest contribution until 30/6/2026: 22% × 46,800,000 = 10,296,000', () => {
    const r = calc({ date: '2026-06-30', income: 46_800_000 });
    expect(r.maxIncome).toBe(46_800_000);
    expect(r.contribution).toBe(10_296_000);
  });

  test('others choosing 5,000,000 from 1/7/2025: 1,100,000 − 66,000 = 1,034,000', () => {
    expect(figures(calc({ date: '2025-07-01', income: 5_000_000 }))).toEqual({ contribution: 1_100_000, support: 66_000, pays: 1_034_000 });
  });

  test.each(['2018-01-01', '2020-05-20', '2021-12-31'])('%s, minimum income 700,000', (date) => {
    expect(calc({ date }).contribution).toBe(154_000);
    expect(calc({ date, category: 'poor' }).state.amount).toBe(46_200);
    expect(calc({ date, category: 'near_poor' }).state.amount).toBe(38_500);
    expect(calc({ date, category: 'other' }).state.amount).toBe(15_400);
  });
});

describe('date boundaries', () => {
  test('30/6/2025 is the last day of NĐ 134/2015, 1/7/2025 the first of NĐ 159/2025', () => {
    expect(calc({ date: '2025-06-30', category: 'poor' }).state).toMatchObject({ percent: 30, amount: 99_000 });
    expect(calc({ date: '2025-07-01', category: 'poor' }).state).toMatchObject({ percent: 50, amount: 165_000 });
    expect(calc({ date: '2025-06-30' }).basis[0]).toEqual({ document: 'NĐ 134/2015/NĐ-CP', article: 'Điều 14' });
    expect(calc({ date: '2025-07-01' }).basis[0]?.document).toContain('NĐ 159/2025/NĐ-CP');
  });

  test('the reference level rises on 1/7/2026 (2,340,000 → 2,530,000): the ceiling goes from 46,800,000 to 50,600,000', () => {
    expect(calc({ date: '2026-06-30' })).toMatchObject({ referenceLevel: 2_340_000, maxIncome: 46_800_000 });
    expect(calc({ date: '2026-07-01', income: 50_600_000 })).toMatchObject({ referenceLevel: 2_530_000, maxIncome: 50_600_000, contribution: 11_132_000 });
    expect(calculate({ date: '2026-06-30', income: 50_600_000 }, rules)).toMatchObject({ ok: false, error: { code: 'income_out_of_range', max: 46_800_000 } });
  });

  test('a Hà Nội resident in 2026: poor and near-poor pay nothing at the minimum, others 231,000', () => {
    const date = '2026-03-15';
    const poor = calc({ date, category: 'poor', province: 'ha-noi' });
    expect(poor.provinceTopUp).toMatchObject({ percent: 50, amount: 165_000 });
    expect(poor.pays).toBe(0);
    const nearPoor = calc({ date, category: 'near_poor', province: 'ha-noi' });
    expect(nearPoor.provinceTopUp).toMatchObject({ percent: 60, amount: 198_000 });
    expect(nearPoor.pays).toBe(0);
    const other = calc({ date, province: 'ha-noi' });
    expect(other.provinceTopUp).toMatchObject({ percent: 10, amount: 33_000 });
    expect(other.pays).toBe(231_000);
    expect(calc({ date, income: 5_000_000, province: 'ha-noi' }).pays).toBe(1_001_000);
    expect(other.notes.map((n) => n.code)).toContain('province_residents_only');
  });

  test('Hà Nội adds nothing before 1/1/2026', () => {
    const r = calc({ date: '2025-12-31', province: 'ha-noi' });
    expect(r.provinceTopUp).toBeUndefined();
    expect(r.pays).toBe(264_000);
    // Not "no information": the top-up is known, from a later date.
    expect(r.notes).toContainEqual({ code: 'province_topup_later', params: { province: 'Hà Nội', from: '01/01/2026' } });
  });

  test('from 2027 the poverty line of NĐ 351/2025 (2,200,000) applies, flagged as not confirmed', () => {
    const r = calc({ date: '2027-01-01' });
    expect(r).toMatchObject({ povertyLine: 2_200_000, minIncome: 2_200_000, contribution: 484_000, pays: 387_200 });
    expect(r.confidence).toBe('medium');
    expect(r.notes).toContainEqual({ code: 'unconfirmed', params: { document: 'NĐ 351/2025/NĐ-CP' } });
    expect(calc({ date: '2026-12-31' }).povertyLine).toBe(1_500_000);
  });
});

describe('support rules', () => {
  test('support is a share of 22% of the poverty line, whatever the income', () => {
    expect(calc({ date: '2025-08-01', income: 20_000_000, category: 'poor' }).state.amount).toBe(165_000);
    expect(calc({ date: '2025-08-01', income: 20_000_000 }).notes[1]).toEqual({ code: 'support_on_poverty_line', params: { base: '330.000 đ', poverty_line: '1.500.000 đ' } });
  });

  test('several categories: only the highest rate', () => {
    expect(calc({ date: '2025-08-01', category: ['ethnic_minority', 'poor'] })).toMatchObject({ category: 'poor', state: { percent: 50 } });
    expect(calc({ date: '2024-08-01', category: ['ethnic_minority', 'near_poor'] })).toMatchObject({ category: 'near_poor', state: { percent: 25 } });
    expect(calc({ date: '2025-08-01', category: ['ethnic_minority', 'poor'] }).notes.map((n) => n.code)).toContain('highest_category_only');
  });

  test('support stops after 120 months', () => {
    const partly = calc({ date: '2025-08-01', months: 12, supportedMonths: 115 });
    expect(partly.supportedMonthsInPayment).toBe(5);
    expect(partly.perPayment).toBe(12 * 330_000 - 5 * 66_000);
    expect(partly.notes).toContainEqual({ code: 'support_ends_in_payment', params: { months: 5 } });
    const done = calc({ date: '2025-08-01', supportedMonths: 120 });
    expect(done.pays).toBe(330_000);
    expect(done.notes.map((n) => n.code)).toContain('support_used_up');
    expect(calc({ date: '2025-08-01' }).notes).toContainEqual({ code: 'support_max_months', params: { months: 120 } });
  });

  test('State and province support together never exceed the contribution', () => {
    const generous = structuredClone(rules);
    generous.provinceTopUps[0]!.rates.near_poor = 90;
    const r = calc({ date: '2026-03-15', category: 'near_poor', province: 'ha-noi' }, generous);
    expect(r.state.amount + (r.provinceTopUp?.amount ?? 0)).toBe(330_000);
    expect(r.provinceTopUp?.amount).toBe(198_000);
    expect(r.pays).toBe(0);
  });
});

describe('payment modes', () => {
  test('every 3, 6 or 12 months: the monthly payment times the months', () => {
    expect(calc({ date: '2026-03-15', income: 5_000_000, months: 3 }).perPayment).toBe(3_102_000);
    expect(calc({ date: '2026-03-15', income: 3_000_000, months: 6 }).perPayment).toBe(3_564_000);
    expect(calc({ date: '2026-03-15', category: 'near_poor', months: 12 }).perPayment).toBe(2_376_000);
  });

  test('years ahead are discounted month by month at the published rate', () => {
    // Σ_{i=1..60} 660.000 / 1,0031^(i−1) = 36.196.296, less 60 × 66.000 of support (computed apart from the code).
    const r = calc({ date: '2026-03-15', income: 3_000_000, months: 60 });
    expect(r).toMatchObject({ mode: 'advance', perPayment: 32_236_296, advance: { years: 5, monthlyRatePercent: 0.31, undiscounted: 35_640_000 } });
    expect(r.confidence).toBe('low');
    expect(r.notes).toContainEqual({ code: 'advance_discounted', params: { rate: '0,31%' } });
    expect(calc({ date: '2026-03-15', category: 'poor', months: 24 }).perPayment).toBe(3_684_801);
  });

  test('without a published rate the amount is not discounted and the answer says so', () => {
    const r = calc({ date: '2025-03-15', income: 3_000_000, months: 24 });
    expect(r.perPayment).toBe(24 * 660_000 - 24 * 33_000);
    expect(r.notes.map((n) => n.code)).toContain('advance_rate_missing');
  });

  test('a payment crossing a change of rules says so', () => {
    expect(calc({ date: '2025-03-01', months: 12 }).notes).toContainEqual({ code: 'rules_change_within_payment', params: { date: '01/07/2025' } });
  });
});

describe('errors state the allowed range', () => {
  test('income out of range', () => {
    expect(calculate({ date: '2026-03-15', income: 1_000_000 }, rules)).toEqual({ ok: false, error: { code: 'income_out_of_range', income: 1_000_000, min: 1_500_000, max: 46_800_000, date: '2026-03-15' } });
    expect(calculate({ date: '2020-03-15', income: 600_000 }, rules)).toMatchObject({ ok: false, error: { min: 700_000, max: 29_800_000 } });
  });

  test('a date before 2018', () => {
    expect(calculate({ date: '2017-12-31' }, rules)).toEqual({ ok: false, error: { code: 'date_out_of_range', date: '2017-12-31', min: '2018-01-01' } });
    expect(calculate({ date: '2018-01-01' }, rules).ok).toBe(true);
    expect(calculate({ date: '2025-02-30' }, rules)).toMatchObject({ ok: false, error: { code: 'invalid_date' } });
  });

  test('an unknown category, province or payment mode', () => {
    expect(calculate({ date: '2026-03-15', category: 'rich' }, rules)).toEqual({ ok: false, error: { code: 'unknown_category', category: 'rich', allowed: ['poor', 'near_poor', 'ethnic_minority', 'island', 'other'] } });
    expect(calculate({ date: '2026-03-15', province: 'atlantis' }, rules)).toMatchObject({ ok: false, error: { code: 'unknown_province' } });
    expect(calculate({ date: '2026-03-15', months: 7 }, rules)).toEqual({ ok: false, error: { code: 'invalid_payment_mode', months: 7, allowed: [1, 3, 6, 12, 24, 36, 48, 60] } });
    expect(calculate({ date: '2026-03-15', months: 72 }, rules)).toMatchObject({ ok: false, error: { code: 'invalid_payment_mode' } });
  });
});
