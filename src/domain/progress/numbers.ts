/**
 * Numbers as Vietnamese and English writers type them. The rule, and why:
 * - Vietnamese writes `1.250` for one thousand two hundred fifty and `4,8` for four point
 *   eight; English writes the opposite. The metric decides which reading is meant.
 * - A count of people is whole, so `.` or `,` (or a space) followed by groups of exactly
 *   three digits is a thousands separator in either language: `1.250` = `1,250` = `1 250` = 1250.
 *   `12,5` as a count is not a whole number and is refused rather than guessed.
 * - A rate is at most 100, so it never needs a thousands separator: its single `.` or `,`
 *   is the decimal mark, `4,8%` = `4.8` = 4.8 and `12.5%` = 12.5. The `%` sign is optional.
 */
export type NumberProblem = 'bad_number' | 'not_whole_number';

export type NumberReading = { ok: true; value: number; percent: boolean } | { ok: false; problem: NumberProblem };

// U+2212 minus and the dashes phones substitute for a hyphen.
const SIGNS = /^[-\u2212\u2013\u2014+]/;

export function readCount(raw: string): NumberReading {
  const { body, negative, percent } = prepare(raw);
  let digits: string | undefined;
  if (/^\d+$/.test(body)) digits = body;
  else if (/^\d{1,3}(?:([., ])\d{3})(?:\1\d{3})*$/.test(body)) digits = body.replace(/[., ]/g, '');
  if (digits === undefined) return { ok: false, problem: /^\d+[.,]\d+$/.test(body) ? 'not_whole_number' : 'bad_number' };
  return { ok: true, value: signed(Number(digits), negative), percent };
}

export function readRate(raw: string): NumberReading {
  const { body, negative, percent } = prepare(raw);
  if (!/^\d+(?:[.,]\d+)?$/.test(body)) return { ok: false, problem: 'bad_number' };
  return { ok: true, value: signed(Number(body.replace(',', '.')), negative), percent };
}

function prepare(raw: string): { body: string; negative: boolean; percent: boolean } {
  // No-break and narrow no-break spaces are what French-style number formatting pastes in.
  let body = raw.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
  const percent = body.endsWith('%');
  if (percent) body = body.slice(0, -1).trimEnd();
  const sign = SIGNS.exec(body)?.[0];
  if (sign) body = body.slice(1).trimStart();
  return { body, negative: sign !== undefined && sign !== '+', percent };
}

function signed(value: number, negative: boolean): number {
  return negative && value !== 0 ? -value : value;
}
