import type { Regime } from './rules-schema.js';
import type { Basis, Category, Confidence, LocalDate, Sourced } from './types.js';

// What goes into and comes out of the calculator, in a file of their own: notes.ts writes the
// notes from a result and the calculator adds them to it, so neither imports the other's types.

export interface CalcInput {
  /** The date the payment is made; the rules in force then apply to the whole payment. */
  date: LocalDate;
  /** Chosen monthly income in đồng; default the lowest allowed (the rural poverty line). */
  income?: number;
  /** One category, or several of which the highest rate counts; default `other`. */
  category?: string | readonly string[];
  /** Province code (see provinces.ts) for provincial top-ups. */
  province?: string;
  /** Months paid at once: 1, 3, 6, 12, or whole years in advance (24 … 60); default 1. */
  months?: number;
  /** Months already supported by the State, for the 120-month limit; default 0. */
  supportedMonths?: number;
}

export type CalcError =
  | { code: 'invalid_date'; date: string }
  | { code: 'date_out_of_range'; date: LocalDate; min: LocalDate }
  | { code: 'unknown_category'; category: string; allowed: readonly Category[] }
  | { code: 'unknown_province'; province: string }
  | { code: 'income_out_of_range'; income: number; min: number; max: number; date: LocalDate }
  | { code: 'invalid_payment_mode'; months: number; allowed: number[] };

export const CALC_ERROR_CODES = ['invalid_date', 'date_out_of_range', 'unknown_category', 'unknown_province', 'income_out_of_range', 'invalid_payment_mode'] as const satisfies readonly CalcError['code'][];

export interface SupportPart {
  percent: number;
  /** Per month, in đồng. */
  amount: number;
  source: Sourced;
}

export interface CalcResult {
  date: LocalDate;
  category: Category;
  province?: string;
  income: number;
  minIncome: number;
  maxIncome: number;
  povertyLine: number;
  referenceLevel: number;
  contributionPercent: number;
  /** 22% of the income, per month. */
  contribution: number;
  /** 22% of the poverty line: every support is a share of this, never of the income. */
  supportBase: number;
  regime: Regime;
  state: SupportPart;
  provinceTopUp?: SupportPart;
  /** What the person pays in a supported month. */
  pays: number;
  months: number;
  mode: 'period' | 'advance';
  /** What the person pays for the whole payment (discounted when paying years ahead). */
  perPayment: number;
  /** Months of this payment still within the State's support limit. */
  supportedMonthsInPayment: number;
  advance?: { years: number; monthlyRatePercent?: number; undiscounted: number };
  basis: Basis[];
  notes: Note[];
  /** The least certain of the values used. */
  confidence: Confidence;
}

export type CalcOutcome = { ok: true; result: CalcResult } | { ok: false; error: CalcError };

/** Remarks a calculation can carry; each is the i18n key `subsidy:note.<code>`. */
export const NOTE_CODES = [
  'support_on_poverty_line', 'support_max_months', 'support_used_up', 'support_ends_in_payment',
  'highest_category_only', 'category_assumed', 'province_residents_only', 'province_no_topup',
  'advance_discounted', 'advance_rate_missing', 'unconfirmed', 'rules_change_within_payment', 'province_topup_later',
] as const;
export type NoteCode = (typeof NOTE_CODES)[number];

/** A remark to show with the figures; `params` are ready for display. */
export interface Note {
  code: NoteCode;
  params?: Record<string, string | number>;
}
