import type { LocalDate } from '../calendar/local-time.js';

export type { LocalDate };

/** Who gets which State support rate. `island`: island communes and special zones. */
export const CATEGORIES = ['poor', 'near_poor', 'ethnic_minority', 'island', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}

/** How sure we are of a value; anything below `high` carries a note in the rules file. */
export const CONFIDENCES = ['high', 'medium_high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** The legal text a value comes from. */
export interface Basis {
  document: string;
  article?: string;
}

/** A value that can be cited: where it comes from and how sure we are. */
export interface Sourced {
  basis: Basis;
  confidence: Confidence;
  note?: string;
}

/** A value in force from `from` to `until` (both inclusive); no `until` means still in force. */
export interface Period {
  from: LocalDate;
  until?: LocalDate;
}
