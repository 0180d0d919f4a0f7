import { formatLocalDate, localDateOf } from '../calendar/local-time.js';
import type { ProgressMetric } from './metrics.js';
import { toPeriod, type PeriodCode } from './period.js';

/**
 * A line of text as an i18n key and its parameters: the domain decides what to say and the
 * caller's translator says it in the person's language. A parameter may itself be a line
 * (a metric's or a period's name), translated first.
 */
export interface TextLine {
  key: string;
  params?: Record<string, TextParam>;
}

export type TextParam = string | number | TextLine;

export type Translator = (key: string, params?: Record<string, unknown>) => string;

export function renderLine(line: TextLine, t: Translator): string {
  if (!line.params) return t(line.key);
  const params = Object.fromEntries(Object.entries(line.params).map(([k, v]) => [k, typeof v === 'object' ? renderLine(v, t) : v]));
  return t(line.key, params);
}

export function renderLines(lines: readonly TextLine[], t: Translator): string {
  return lines.map((line) => renderLine(line, t)).join('\n');
}

export function metricName(metric: ProgressMetric): TextLine {
  return { key: `progress:metric.${metric}` };
}

export function periodName(code: PeriodCode): TextLine {
  const p = toPeriod(code);
  switch (p.kind) {
    case 'month':
      return { key: 'progress:period.month', params: { month: p.index, year: p.year } };
    case 'quarter':
      return { key: 'progress:period.quarter', params: { index: p.index, year: p.year } };
    case 'half':
      return { key: p.index === 1 ? 'progress:period.half1' : 'progress:period.half2', params: { year: p.year } };
    case 'year':
      return { key: 'progress:period.year', params: { year: p.year } };
  }
}

/** DD/MM/YYYY in Vietnamese local time, the way the reminders write dates. */
export function localDay(instant: Date): string {
  return formatLocalDate(localDateOf(instant));
}
