import { addDays } from '../calendar/local-time.js';
import type { Rules, Regime, ProvinceTopUp } from './rules-schema.js';
import type { LocalDate, Period } from './types.js';

/** The entry in force on `date`. An entry without `until` runs until the next one starts. */
export function inForce<T extends Period>(entries: readonly T[], date: LocalDate): T | undefined {
  let found: T | undefined;
  for (const e of entries) if (e.from <= date && (!e.until || date <= e.until)) found = e;
  return found;
}

type Entry<K extends keyof Rules> = Rules[K] extends readonly (infer E)[] ? E : never;

/** Every value that applies on one date. */
export interface RulesOn {
  date: LocalDate;
  regime: Regime;
  contributionRate: Entry<'contributionRate'>;
  povertyLine: Entry<'povertyLine'>;
  referenceLevel: Entry<'referenceLevel'>;
  income: Entry<'income'>;
  paymentModes: Entry<'paymentModes'>;
  pension: Entry<'pension'>;
  /** Lowest and highest monthly income one may choose, in đồng. */
  minIncome: number;
  maxIncome: number;
}

/** The first date the rules answer for: support for voluntary insurance began then. */
export function firstDate(rules: Rules): LocalDate {
  return rules.regimes[0]!.from;
}

/** undefined before the first regime; the loader guarantees every series covers the rest. */
export function rulesOn(rules: Rules, date: LocalDate): RulesOn | undefined {
  const regime = inForce(rules.regimes, date);
  const contributionRate = inForce(rules.contributionRate, date);
  const povertyLine = inForce(rules.povertyLine, date);
  const referenceLevel = inForce(rules.referenceLevel, date);
  const income = inForce(rules.income, date);
  const paymentModes = inForce(rules.paymentModes, date);
  const pension = inForce(rules.pension, date);
  if (!regime || !contributionRate || !povertyLine || !referenceLevel || !income || !paymentModes || !pension) return undefined;
  const maxIncome = Math.round(income.ceilingMultiple * referenceLevel.amount);
  return { date, regime, contributionRate, povertyLine, referenceLevel, income, paymentModes, pension, minIncome: povertyLine.amount, maxIncome };
}

export function topUpOn(rules: Rules, province: string, date: LocalDate): ProvinceTopUp | undefined {
  return inForce(rules.provinceTopUps.filter((t) => t.province === province), date);
}

/** The next top-up of a province that starts after `date`, if one is known. */
export function nextTopUp(rules: Rules, province: string, date: LocalDate): ProvinceTopUp | undefined {
  return rules.provinceTopUps.find((t) => t.province === province && t.from > date);
}

/** The regime in force just before the one in force on `date`. */
export function previousRegime(rules: Rules, date: LocalDate): Regime | undefined {
  const current = inForce(rules.regimes, date);
  const i = current ? rules.regimes.indexOf(current) : -1;
  return i > 0 ? rules.regimes[i - 1] : undefined;
}

/**
 * Dates on which a payment's figures change: regime, rate, poverty line, top-ups. The reference
 * level is left out: it only moves the ceiling, which a payment already made within stays under.
 */
export function changeDates(rules: Rules, province?: string): LocalDate[] {
  // Rules do not change while loaded, and date arithmetic in the zone is slow: work it out once.
  const known = changeDatesCache.get(rules) ?? new Map<string, LocalDate[]>();
  changeDatesCache.set(rules, known);
  const cached = known.get(province ?? '');
  if (cached) return cached;
  const dates = computeChangeDates(rules, province);
  known.set(province ?? '', dates);
  return dates;
}

const changeDatesCache = new WeakMap<Rules, Map<string, LocalDate[]>>();

function computeChangeDates(rules: Rules, province?: string): LocalDate[] {
  const start = firstDate(rules);
  const topUps = rules.provinceTopUps.filter((t) => t.province === province);
  const series: readonly Period[][] = [rules.regimes, rules.contributionRate, rules.povertyLine, topUps];
  const dates = series.flatMap((s) => s.flatMap((e) => [e.from, ...(e.until ? [addDays(e.until, 1)] : [])]));
  return [...new Set(dates.filter((d) => d > start))].sort();
}
