import { normaliseName } from './metrics.js';
import { periodCode, type PeriodCode } from './period.js';
import { parsePeriodText } from './period-text.js';

export type ReportFormat = 'xlsx' | 'csv' | 'chart';

export interface SummaryArgs {
  period?: PeriodCode;
  formats: ReportFormat[];
  /** What is left: an agency or province name or code, for the caller to look up. */
  scopeText: string;
}

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
  return { ...(found ? { period: found.period } : {}), formats, scopeText: scopeWords.join(' ') };
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
