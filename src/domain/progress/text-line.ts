import { formatLocalDate, localDateOf } from '../calendar/local-time.js';
import type { TextLine } from '../text/line.js';
import type { ProgressMetric } from './metrics.js';
import { toPeriod, type PeriodCode } from './period.js';

/** A metric's name, put into a text as a line of its own so it is said in the reader's language. */
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
