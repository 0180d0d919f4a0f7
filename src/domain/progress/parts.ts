import { agencyFigure, windowOf, type FigureIndex } from './figures.js';
import { METRICS, metricDef, type MetricKind, type ProgressMetric } from './metrics.js';
import { toPeriod, type PeriodCode } from './period.js';
import type { AgencyInfo } from './types.js';

/** What the rows of a report stand for: each province (a national view), or each agency. */
export type Grouping = 'province' | 'agency';

/**
 * The sums a roll-up needs from the agencies of one group for one metric and period: what the
 * database aggregates, so that a summary reads a few rows per province, never the figures of
 * every agency. Province-wide agencies (BHXH tỉnh, the statistics office) are a part of their own.
 */
export interface FigurePart {
  period: PeriodCode;
  province: string;
  /** The province code, or the agency id when grouped by agency. */
  group: string;
  /** The part of the province-wide agencies, whose figures stand for the whole province. */
  wide: boolean;
  metric: ProgressMetric;
  /** Agencies with a figure. */
  reporters: number;
  /** Of those, how many had their coverage computed from participants and labour force. */
  derived: number;
  /** The figures added up. */
  total: number;
  /** Rates: reporters whose labour force is known, the sum of those labour forces, and Σ rate × labour force (for coverage, 100 × participants). */
  weighed: number;
  labourForce: number;
  weighted: number;
  /** Newest update the figures rest on. */
  receivedAt: Date;
}

/** A figure for several agencies. A rate is undefined when some agency's labour force is unknown: it is never averaged. */
export interface Aggregate {
  value?: number;
  reporters: number;
  /** Reporters without a labour force to weigh their rate by. */
  unweighed: number;
  derived: number;
  receivedAt: Date;
}

export const NUMERIC_METRICS: readonly ProgressMetric[] = METRICS.filter((m) => m.kind !== 'text').map((m) => m.id);

/**
 * One figure for the parts given (one period, one metric, any provinces and groups):
 * - within a province, the province-wide agencies' part if they reported the metric, else
 *   the other agencies': adding the districts or communes to BHXH tỉnh would count people twice;
 * - counts add up;
 * - a rate is recomputed from its numerator and denominator: Σ (rate × labour force) / Σ labour
 *   force, which for coverage is total participants / total labour force. A single figure is
 *   itself; several without the labour force of each have no honest total and give none.
 */
export function rollUp(parts: readonly FigurePart[], kind: MetricKind): Aggregate | undefined {
  const wideProvinces = new Set(parts.filter((p) => p.wide && p.reporters > 0).map((p) => p.province));
  const used = parts.filter((p) => p.reporters > 0 && p.wide === wideProvinces.has(p.province));
  if (used.length === 0) return undefined;
  const sum = (field: 'reporters' | 'derived' | 'total' | 'weighed' | 'labourForce' | 'weighted') => used.reduce((n, p) => n + p[field], 0);
  const reporters = sum('reporters');
  const weighed = sum('weighed');
  const receivedAt = used.reduce((d, p) => (p.receivedAt > d ? p.receivedAt : d), used[0]!.receivedAt);
  const aggregate: Aggregate = { reporters, unweighed: kind === 'percent' ? reporters - weighed : 0, derived: sum('derived'), receivedAt };
  const value = kind !== 'percent' || reporters === 1 ? sum('total') : weighed === reporters && sum('labourForce') > 0 ? sum('weighted') / sum('labourForce') : undefined;
  return value === undefined ? aggregate : { ...aggregate, value };
}

/**
 * The parts computed from updates held in memory, by the rules of {@link agencyFigure}. The
 * database computes the same from its current values (repositories/progress-figures-repo.ts);
 * this is the definition it is tested against, and what the domain's own tests build on.
 */
export function partsFromIndex(input: { index: FigureIndex; agencies: readonly AgencyInfo[]; periods: readonly PeriodCode[]; grouping: Grouping }): FigurePart[] {
  const parts = new Map<string, FigurePart>();
  for (const period of input.periods) {
    const window = windowOf(toPeriod(period));
    for (const agency of input.agencies) {
      for (const metric of NUMERIC_METRICS) {
        const figure = agencyFigure(input.index, agency.id, metric, window);
        if (!figure || typeof figure.value !== 'number') continue;
        const wide = agency.kind === 'province';
        const group = input.grouping === 'province' ? agency.province : String(agency.id);
        const key = `${period}|${group}|${wide}|${metric}`;
        let part = parts.get(key);
        if (!part) parts.set(key, (part = { period, province: agency.province, group, wide, metric, reporters: 0, derived: 0, total: 0, weighed: 0, labourForce: 0, weighted: 0, receivedAt: figure.receivedAt }));
        part.reporters++;
        part.total += figure.value;
        if (figure.derived) part.derived++;
        if (figure.receivedAt > part.receivedAt) part.receivedAt = figure.receivedAt;
        const labourForce = metricDef(metric).kind === 'percent' ? input.index.labourAt(agency.id, window.end) : undefined;
        if (labourForce !== undefined && labourForce > 0) {
          part.weighed++;
          part.labourForce += labourForce;
          part.weighted += figure.value * labourForce;
        }
      }
    }
  }
  return [...parts.values()];
}
