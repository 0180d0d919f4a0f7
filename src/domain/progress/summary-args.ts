import { parseLevel, type AgencyLevel } from '../agencies/levels.js';
import { fold } from '../text/fold.js';
import { normaliseName } from './metrics.js';
import { periodCode, type PeriodCode } from './period.js';
import { parsePeriodText } from './period-text.js';

export type ReportFormat = 'xlsx' | 'csv' | 'chart';

export interface SummaryArgs {
  period?: PeriodCode;
  formats: ReportFormat[];
  /** What is left: an agency or province name or code, for the caller to look up. */
  scopeText: string;
  /** `toàn quốc`, `cả nước`: the whole country. */
  national?: true;
  /** `cấp xã`, `cấp tỉnh`: only the agencies of that level within the scope. */
  level?: AgencyLevel;
}

// Two-word phrases, folded: a lone "xã" or "tỉnh" begins many agency names and is left to the scope.
const NATIONAL = new Set(['toan quoc', 'ca nuoc', 'whole country', 'nationwide', 'national']);
const LEVEL_PHRASE = /^(cap (xa|tinh)|commune level|communes)$/;

const FORMAT_WORDS: Record<string, ReportFormat> = { xlsx: 'xlsx', excel: 'xlsx', csv: 'csv', chart: 'chart', bieudo: 'chart', png: 'chart' };
const formatOf = (word: string): ReportFormat | undefined => FORMAT_WORDS[normaliseName(word)];
// Long enough for "6 tháng đầu năm 2026", the longest way of writing a period.
const MAX_PERIOD_WORDS = 6;

/**
 * `/baocao quý 3/2026 Lộc Ninh xlsx chart`: the period is the longest run of words that reads
 * as one, the file formats are keywords anywhere, and the rest names the scope.
 */
export function parseSummaryArgs(text: string, options: { now: Date }): SummaryArgs {
  const words = text.replace(/^\s*\/\S+/, '').trim().split(/\s+/).filter(Boolean);
  const formats = [...new Set(words.flatMap((w) => formatOf(w) ?? []))];
  const rest = words.filter((w) => formatOf(w) === undefined);
  const found = longestPeriod(rest, options.now);
  const scopeWords = found ? [...rest.slice(0, found.from), ...rest.slice(found.to)] : rest;
  const national = takePhrase(scopeWords, (p) => NATIONAL.has(p));
  const level = takePhrase(scopeWords, (p) => LEVEL_PHRASE.test(p));
  const parsedLevel = level && parseLevel(level.replace(/ level$/, ''));
  return { ...(found ? { period: found.period } : {}), formats, scopeText: scopeWords.join(' '), ...(national ? { national: true as const } : {}), ...(parsedLevel ? { level: parsedLevel } : {}) };
}

/** Removes from `words` the first one- or two-word phrase `matches` accepts (folded), and returns it. */
function takePhrase(words: string[], matches: (folded: string) => boolean): string | undefined {
  for (const length of [2, 1]) {
    for (let from = 0; from + length <= words.length; from++) {
      const phrase = fold(words.slice(from, from + length).join(' '));
      if (!matches(phrase)) continue;
      words.splice(from, length);
      return phrase;
    }
  }
  return undefined;
}

function longestPeriod(words: string[], now: Date): { period: PeriodCode; from: number; to: number } | undefined {
  for (let length = Math.min(MAX_PERIOD_WORDS, words.length); length > 0; length--) {
    for (let from = 0; from + length <= words.length; from++) {
      const period = parsePeriodText(words.slice(from, from + length).join(' '), { now });
      if (period) return { period: periodCode(period), from, to: from + length };
    }
  }
  return undefined;
}
