import { z } from 'zod';
import { isValidLocalDate } from '../calendar/local-time.js';
import { CONFIDENCES } from './types.js';

const date = z.string().refine(isValidLocalDate, 'a date written YYYY-MM-DD');
const percent = z.number().min(0).max(100);
const amount = z.number().int('a whole number of đồng').positive();
const basis = z.strictObject({ document: z.string().min(1), article: z.string().min(1).optional() });
const sourced = { basis, confidence: z.enum(CONFIDENCES), note: z.string().min(1).optional() };
const period = { from: date, until: date.optional() };

const categoryRates = z.strictObject({ poor: percent, near_poor: percent, ethnic_minority: percent, island: percent, other: percent });

export const rulesSchema = z.strictObject({
  contributionRate: z.array(z.strictObject({ ...period, percent, ...sourced })).min(1),
  regimes: z.array(z.strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/, 'lowercase letters, digits and "-"'),
    ...period,
    rates: categoryRates,
    maxSupportMonths: z.number().int().positive(),
    ...sourced,
  })).min(1),
  povertyLine: z.array(z.strictObject({ ...period, amount, ...sourced })).min(1),
  referenceLevel: z.array(z.strictObject({ ...period, amount, ...sourced })).min(1),
  income: z.array(z.strictObject({ ...period, floor: z.literal('poverty_line'), ceilingMultiple: z.number().positive(), ...sourced })).min(1),
  paymentModes: z.array(z.strictObject({
    ...period,
    periodMonths: z.array(z.number().int().min(1).max(12)).min(1),
    advanceMaxYears: z.number().int().min(0).max(10),
    remainingPeriod: z.boolean(),
    ...sourced,
  })).min(1),
  advanceDiscount: z.strictObject({
    formula: z.string().min(1),
    ...sourced,
    monthlyRates: z.array(z.strictObject({ year: z.number().int().min(2000).max(2100), percent: z.number().min(0).max(5), ...sourced })),
  }),
  provinceTopUps: z.array(z.strictObject({
    province: z.string().regex(/^[a-z0-9-]+$/, 'a province code such as ha-noi'),
    ...period,
    rates: categoryRates.partial().required({ other: true }),
    residentsOnly: z.boolean().default(true),
    ...sourced,
  })).default([]),
  pension: z.array(z.strictObject({
    ...period,
    minYears: z.number().int().positive(),
    baseRatePercent: percent,
    perYearPercent: percent,
    maxRatePercent: percent,
    ...sourced,
  })).min(1),
  eligibility: z.strictObject({ minAge: z.number().int().positive(), ...sourced }),
  hotline: z.strictObject({ number: z.string().min(1), ...sourced }),
  registration: z.strictObject({ ...sourced }),
});

export type Rules = z.infer<typeof rulesSchema>;
export type Regime = Rules['regimes'][number];
export type ProvinceTopUp = Rules['provinceTopUps'][number];
