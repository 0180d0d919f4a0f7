import { COVERAGE_OF, PARTICIPANTS_OF, derivedCoverage, findMetric, metricDef, normaliseName, type MetricValues, type ProgressMetric } from './metrics.js';
import { readCount, readRate } from './numbers.js';
import { currentPeriod, isFuturePeriod, periodCode, type PeriodCode } from './period.js';
import { parsePeriodText } from './period-text.js';
import { suggestName } from './suggest.js';
import { splitUpdateLine, type RawPair } from './update-line.js';

export type UpdateErrorCode =
  | 'empty'
  | 'bad_pair'
  | 'missing_value'
  | 'unknown_metric'
  | 'duplicate_metric'
  | 'bad_number'
  | 'not_whole_number'
  | 'unexpected_percent'
  | 'negative_count'
  | 'negative_rate'
  | 'rate_over_100'
  | 'participants_over_labour_force'
  | 'note_too_long'
  | 'bad_period'
  | 'future_period'
  /** Raised by the caller, which knows whose agency it is; named here so every refusal has a text. */
  | 'not_your_agency';

export interface UpdateError {
  code: UpdateErrorCode;
  /** The key as typed. */
  field?: string;
  /** The metric the key names, when it names one. */
  metric?: ProgressMetric;
  value?: string;
  /** For `unknown_metric`: the nearest known name, when one is close. */
  suggestion?: string;
}

export interface ParsedUpdate {
  period: PeriodCode;
  values: MetricValues;
  /** `donvi=` as typed, for a person allowed to report for several agencies; the caller resolves it. */
  agencyCode?: string;
}

export type ParseUpdateResult = { ok: true; update: ParsedUpdate } | { ok: false; errors: UpdateError[] };

export interface ParseUpdateOptions {
  now: Date;
  /** The period when the line names none; the current month otherwise. */
  defaultPeriod?: PeriodCode;
}

export const NOTE_MAX_LENGTH = 1000;
const PERIOD_KEYS = new Set(['ky', 'kybaocao', 'thoiky', 'period']);
const AGENCY_KEYS = new Set(['donvi', 'coquan', 'agency', 'unit']);

/**
 * Reads `/capnhat tunguyen=1250 tyle_tunguyen=4,8% ghichu=…`. Every problem is reported
 * at once, and a line with any problem yields nothing, so nothing is ever stored half.
 */
export function parseUpdateLine(text: string, options: ParseUpdateOptions): ParseUpdateResult {
  const line = splitUpdateLine(text);
  const errors: UpdateError[] = line.stray.map((value) => ({ code: 'bad_pair', value }));
  const values: MetricValues = {};
  let period: PeriodCode | undefined;
  let agencyCode: string | undefined;
  if (line.leading) period = readPeriod(line.leading, options.now, errors);
  for (const pair of line.pairs) {
    const key = normaliseName(pair.key);
    if (!pair.value) errors.push({ code: 'missing_value', field: pair.key });
    else if (PERIOD_KEYS.has(key)) period = readPeriod(pair.value, options.now, errors);
    else if (AGENCY_KEYS.has(key)) agencyCode = pair.value;
    else readMetric(pair, values, errors);
  }
  if (Object.keys(values).length === 0 && errors.length === 0) errors.push({ code: 'empty' });
  errors.push(...checkValues(values));
  if (errors.length > 0) return { ok: false, errors };
  const update: ParsedUpdate = { period: period ?? options.defaultPeriod ?? periodCode(currentPeriod(options.now)), values };
  if (agencyCode !== undefined) update.agencyCode = agencyCode;
  return { ok: true, update };
}

function readPeriod(text: string, now: Date, errors: UpdateError[]): PeriodCode | undefined {
  const period = parsePeriodText(text, { now });
  if (!period) errors.push({ code: 'bad_period', value: text });
  else if (isFuturePeriod(period, now)) errors.push({ code: 'future_period', value: periodCode(period) });
  return period && periodCode(period);
}

function readMetric(pair: RawPair, values: MetricValues, errors: UpdateError[]): void {
  const found = findMetric(pair.key);
  if (!found) {
    const suggestion = suggestName(pair.key);
    errors.push({ code: 'unknown_metric', field: pair.key, value: pair.value, ...(suggestion ? { suggestion } : {}) });
    return;
  }
  const read = readMetricValue(found.id, pair.value);
  if ('code' in read) {
    errors.push({ code: read.code, field: pair.key, metric: read.metric, value: pair.value });
    return;
  }
  if (values[read.metric] !== undefined) errors.push({ code: 'duplicate_metric', field: pair.key, metric: read.metric, value: pair.value });
  else values[read.metric] = read.value;
}

export type MetricValueReading = { metric: ProgressMetric; value: number | string } | { code: UpdateErrorCode; metric: ProgressMetric };

/**
 * One value for one metric, as the one-line form and the guided flow both read it.
 * A participant count written with `%` (`bhxh=35%`) is read as its coverage rate,
 * because that is plainly what the writer meant.
 */
export function readMetricValue(metric: ProgressMetric, raw: string): MetricValueReading {
  const kind = metricDef(metric).kind;
  if (kind === 'text') return raw.length > NOTE_MAX_LENGTH ? { code: 'note_too_long', metric } : { metric, value: raw };
  if (kind === 'count' && raw.trim().endsWith('%')) {
    const coverage = COVERAGE_OF[metric];
    return coverage ? readMetricValue(coverage, raw) : { code: 'unexpected_percent', metric };
  }
  const reading = kind === 'percent' ? readRate(raw) : readCount(raw);
  if (!reading.ok) return { code: reading.problem, metric };
  if (reading.value < 0) return { code: kind === 'percent' ? 'negative_rate' : 'negative_count', metric };
  if (kind === 'percent' && reading.value > 100) return { code: 'rate_over_100', metric };
  return { metric, value: reading.value };
}

/** Checks across the values of one update: more participants than workers is a typo somewhere. */
export function checkValues(values: MetricValues): UpdateError[] {
  return Object.entries(derivedCoverage(values))
    .filter(([, rate]) => rate > 100)
    .map(([coverage]) => {
      const participants = PARTICIPANTS_OF[coverage as ProgressMetric]!;
      return { code: 'participants_over_labour_force' as const, metric: participants, value: String(values[participants]) };
    });
}
