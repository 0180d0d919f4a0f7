import { fold } from '../text/fold.js';

/**
 * Vietnam's administrative levels since the two-tier reform of 2025: communes (xã, phường,
 * đặc khu) under 34 provinces, under the country. An agency's level says where its figures
 * sit in a roll-up; an agency named in a provincial plan is provincial unless the plan says so.
 */
export const AGENCY_LEVELS = ['commune', 'province', 'country'] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];
export const DEFAULT_LEVEL: AgencyLevel = 'province';

export const isAgencyLevel = (value: string): value is AgencyLevel => (AGENCY_LEVELS as readonly string[]).includes(value);

// What people type for a level, folded (no diacritics, single spaces).
const WORDS: Readonly<Record<string, AgencyLevel>> = {
  xa: 'commune',
  'cap xa': 'commune',
  commune: 'commune',
  communes: 'commune',
  tinh: 'province',
  'cap tinh': 'province',
  province: 'province',
  'quoc gia': 'country',
  'trung uong': 'country',
  country: 'country',
  national: 'country',
};

/** `xã`, `cấp xã`, `commune` → commune; `tỉnh`, `cấp tỉnh` → province; `trung ương`, `quốc gia` → country. */
export function parseLevel(text: string): AgencyLevel | undefined {
  const folded = fold(text).trim().replace(/\s+/g, ' ');
  return isAgencyLevel(folded) ? folded : WORDS[folded];
}
