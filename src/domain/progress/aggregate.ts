import { agencyFigure, type FigureIndex, type PeriodWindow } from './figures.js';
import { metricDef, type ProgressMetric } from './metrics.js';
import type { AgencyInfo } from './types.js';

/** A figure for a group of agencies, and the labour force behind it when every part knows its own. */
export interface Aggregate {
  value: number;
  reporters: number;
  labourForce?: number;
  /** Newest update the figure rests on. */
  receivedAt: Date;
}

interface Part {
  value: number;
  labourForce?: number;
  reporters: number;
  receivedAt: Date;
}

/**
 * One figure for the agencies in scope, built per province and then across provinces:
 * - within a province, if an agency of kind `province` (BHXH tỉnh, Cục Thống kê) reports the
 *   metric, its figure is the province's: adding the districts to it would count people twice;
 *   otherwise the province's figure combines the agencies that reported;
 * - counts add up;
 * - rates are averaged weighted by labour force when every part's labour force is known
 *   (for coverage that equals total participants / total labour force), else plainly averaged.
 */
export function aggregateMetric(input: { index: FigureIndex; agencies: readonly AgencyInfo[]; metric: ProgressMetric; window: PeriodWindow }): Aggregate | undefined {
  const percent = metricDef(input.metric).kind === 'percent';
  const byProvince = new Map<string, { wide: Part[]; local: Part[] }>();
  for (const agency of input.agencies) {
    const figure = agencyFigure(input.index, agency.id, input.metric, input.window);
    if (!figure || typeof figure.value !== 'number') continue;
    const labourForce = percent ? input.index.labourAt(agency.id, input.window.end) : undefined;
    const part: Part = { value: figure.value, reporters: 1, receivedAt: figure.receivedAt, ...(labourForce !== undefined ? { labourForce } : {}) };
    let group = byProvince.get(agency.province);
    if (!group) byProvince.set(agency.province, (group = { wide: [], local: [] }));
    (agency.kind === 'province' ? group.wide : group.local).push(part);
  }
  const provinces = [...byProvince.values()].map((g) => combine(g.wide.length > 0 ? g.wide : g.local, percent));
  return provinces.length > 0 ? combine(provinces, percent) : undefined;
}

function combine(parts: Part[], percent: boolean): Part {
  const reporters = parts.reduce((n, p) => n + p.reporters, 0);
  const receivedAt = parts.reduce((d, p) => (p.receivedAt > d ? p.receivedAt : d), parts[0]!.receivedAt);
  const weighted = parts.every((p) => p.labourForce !== undefined && p.labourForce > 0);
  const labourForce = weighted ? parts.reduce((n, p) => n + p.labourForce!, 0) : undefined;
  const total = parts.reduce((n, p) => n + p.value * (percent && weighted ? p.labourForce! : 1), 0);
  const value = !percent ? total : weighted ? total / labourForce! : total / parts.length;
  return { value, reporters, receivedAt, ...(labourForce !== undefined ? { labourForce } : {}) };
}
