import { fold } from '../text/fold.js';
import { cleanPunctuation } from './punctuation.js';

/** An amount of money found in folded, cleaned text, with where it was written. */
export interface FoundAmount {
  value: number;
  start: number;
  end: number;
}

const NUM = String.raw`\d+(?:[.,]\d+)?`;
const MILLION = String.raw`(?:trieu|tr|cu|millions?|mil)`;
const THOUSAND = String.raw`(?:nghin|ngan|k|thousand)`;
const DONG = String.raw`(?:d|dong|vnd)`;

/** "3,5" and "3.5" are both three and a half; "3.500" alone is not a decimal (see grouped). */
const decimal = (text: string): number => Number(text.replace(',', '.'));

/** Digits after a unit are the next places down: "3tr5" = 3.5 million, "2 triệu 250" = 2.25 million. */
const tail = (digits: string, unit: number): number => Number(digits) * (unit / 10 ** digits.length);

interface Pattern {
  re: RegExp;
  value: (m: RegExpExecArray) => number;
}

// Order matters: longer spoken forms before their prefixes ("3 triệu 2 trăm nghìn" before "3 triệu").
const PATTERNS: Pattern[] = [
  { re: new RegExp(String.raw`\b(${NUM}) ?${MILLION} ?(\d{1,3}) ?${THOUSAND}\b`, 'g'), value: (m) => decimal(m[1]!) * 1e6 + Number(m[2]) * 1e3 },
  { re: new RegExp(String.raw`\b(${NUM}) ?${MILLION} ruoi\b`, 'g'), value: (m) => (decimal(m[1]!) + 0.5) * 1e6 },
  { re: new RegExp(String.raw`\b(\d+) ?${MILLION} ?(\d{1,3})\b(?! ?(?:thang|nam|tuoi|lan|ngay|nguoi|month|year|day|time|people|person|%|[.,/]\d))`, 'g'), value: (m) => Number(m[1]) * 1e6 + tail(m[2]!, 1e6) },
  { re: new RegExp(String.raw`\b(${NUM}) ?(?:${MILLION}|m)\b`, 'g'), value: (m) => decimal(m[1]!) * 1e6 },
  { re: new RegExp(String.raw`\b(${NUM}) ?${THOUSAND}\b`, 'g'), value: (m) => decimal(m[1]!) * 1e3 },
  { re: new RegExp(String.raw`\b(\d{1,3}(?:([.,])\d{3})(?:\2\d{3})*)(?: ?${DONG})?\b(?![.,/]\d)`, 'g'), value: (m) => Number(m[1]!.replace(/[.,]/g, '')) },
  { re: new RegExp(String.raw`\b(\d{4,}) ?${DONG}\b`, 'g'), value: (m) => Number(m[1]) },
  // A bare number counts only when it looks like money: round thousands from 100.000 up.
  // That leaves years, months and the hotline (1900 9068) alone.
  { re: /\b(\d{6,9})\b(?![.,/]\d)/g, value: (m) => (Number(m[1]) % 1000 === 0 ? Number(m[1]) : NaN) },
];

/** Every amount in folded, cleaned text, in the order written; overlapping readings keep the first pattern's. */
export function findAmounts(text: string): FoundAmount[] {
  const found: FoundAmount[] = [];
  for (const { re, value } of PATTERNS) {
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      const amount = Math.round(value(m as RegExpExecArray));
      if (!Number.isFinite(amount) || amount <= 0) continue;
      if (found.some((f) => start < f.end && end > f.start)) continue;
      found.push({ value: amount, start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * An amount of money as people write it: "3 triệu", "3tr", "3tr5", "3.500.000", "3,5 triệu",
 * "500k", "1 triệu rưỡi", "3,000,000 VND". The first one in the text, or null.
 */
export function parseAmount(text: string): number | null {
  return findAmounts(cleanPunctuation(fold(text)))[0]?.value ?? null;
}
