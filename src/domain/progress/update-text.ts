import { derivedCoverage, METRICS, type MetricValues } from './metrics.js';
import { NOTE_MAX_LENGTH, readMetricValue, type ParsedUpdate, type UpdateError } from './parse-update.js';
import type { ProgressMetric } from './metrics.js';
import type { LineParam, TextLine } from '../text/line.js';
import { metricName, periodName } from './text-line.js';

/** The reply to an update that was stored: each value as understood, rates derived from counts marked. */
export function updateSavedLines(update: ParsedUpdate, options: { agencyName: string; corrected: boolean }): TextLine[] {
  const head: TextLine = { key: options.corrected ? 'progress:update.corrected' : 'progress:update.saved', params: { period: periodName(update.period), agency: options.agencyName } };
  return [head, ...valueLines(update.values)];
}

function valueLines(values: MetricValues): TextLine[] {
  const derived = derivedCoverage(values);
  return METRICS.flatMap((m): TextLine[] => {
    const name = metricName(m.id);
    const given = values[m.id];
    if (given !== undefined) return [{ key: `progress:update.${typeof given === 'string' ? 'text' : m.kind === 'percent' ? 'percent' : 'count'}`, params: { name, value: given } }];
    const rate = derived[m.id];
    return rate === undefined ? [] : [{ key: 'progress:update.derived', params: { name, value: rate } }];
  });
}

/**
 * A value of a guided update not saved yet, as it will be stored: a rate with its %, a count with its
 * thousands separators; what cannot be read (it is refused at saving) as it was typed.
 */
export function draftValueLine(metric: ProgressMetric, raw: string): TextLine {
  const read = readMetricValue(metric, raw);
  if ('code' in read) return { key: 'progress:flow.enteredItem', params: { name: metricName(metric), value: raw } };
  return valueLines({ [read.metric]: read.value })[0]!;
}

/** The reply to a refused update: every problem, then an example of the right form. */
export function updateErrorLines(errors: readonly UpdateError[]): TextLine[] {
  return [{ key: 'progress:update.failed', params: { count: errors.length } }, ...errors.map(errorLine), { key: 'progress:update.example' }];
}

export function errorLine(error: UpdateError): TextLine {
  const params: Record<string, LineParam> = {
    field: error.field ?? '',
    value: error.value ?? '',
    name: error.metric ? metricName(error.metric) : (error.field ?? ''),
    known: { key: 'progress:metricNames' },
    max: NOTE_MAX_LENGTH,
  };
  if (error.code === 'future_period' && error.value) params.period = periodName(error.value);
  if (error.code === 'unknown_metric' && error.suggestion) return { key: 'progress:error.unknown_metric_suggest', params: { ...params, suggestion: error.suggestion } };
  return { key: `progress:error.${error.code}`, params };
}

