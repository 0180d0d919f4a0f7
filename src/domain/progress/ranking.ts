import { TARGET_METRICS, metricDef, type TargetMetric } from './metrics.js';
import { rollUp, type FigurePart } from './parts.js';
import { monthPosition, monthSpan, toPeriod, type PeriodCode } from './period.js';
import { compareNames } from './scope.js';
import { evaluateTargets, type TargetEvaluation } from './targets.js';
import type { TargetRecord } from './types.js';

export interface RankedProvince {
  province: string;
  name: string;
  value: number;
  /** The province's first plan's milestone for the period's year, evaluated. */
  target: TargetEvaluation;
  /** Where it should stand now: the point on the line to the milestone, or the milestone itself without a line. */
  mark: number;
  /** value − mark: percentage points ahead (positive) or behind. */
  gap: number;
}

export interface Ranking {
  metric: TargetMetric;
  /** Best first. */
  ranked: RankedProvince[];
  /** Provinces with a figure but no target for the year, or a target but no figure yet. */
  unranked: number;
}

/**
 * Each province against its own plan's target, per target metric: how far its figure stands
 * above or below where the plan's line puts it for the period (a national view: provinces set
 * different targets, so their rates alone would not compare). Ties go by name.
 */
export function rankProvinces(input: { parts: readonly FigurePart[]; period: PeriodCode; targets: readonly TargetRecord[]; provinces: readonly string[]; names?: ReadonlyMap<string, string>; now: Date }): Ranking[] {
  const period = toPeriod(input.period);
  const position = Math.min(monthSpan(period).end, monthPosition(input.now));
  const previousYear = String(period.year - 1);
  return TARGET_METRICS.flatMap((metric) => {
    const kind = metricDef(metric).kind;
    const ranked: RankedProvince[] = [];
    let unranked = 0;
    for (const province of input.provinces) {
      const of = (code: PeriodCode) => rollUp(input.parts.filter((p) => p.province === province && p.metric === metric && p.period === code), kind)?.value;
      const targets = input.targets.filter((t) => t.province === province && t.metric === metric);
      const value = of(input.period);
      const target = evaluateTargets({ targets, year: period.year, position, actual: value, previousYearActual: () => of(previousYear) })[0];
      if (value === undefined && !target) continue;
      if (value === undefined || !target) {
        unranked++;
        continue;
      }
      const mark = target.expected ?? target.value;
      ranked.push({ province, name: input.names?.get(province) ?? province, value, target, mark, gap: value - mark });
    }
    ranked.sort((a, b) => b.gap - a.gap || compareNames(a.name, b.name));
    return ranked.length || unranked ? [{ metric, ranked, unranked }] : [];
  });
}

/** The ranking a message shows: the metric most provinces can be ranked on (the catalogue's order among equals). */
export function mainRanking(rankings: readonly Ranking[]): Ranking | undefined {
  return rankings.reduce<Ranking | undefined>((best, r) => (r.ranked.length > (best?.ranked.length ?? 0) ? r : best), undefined);
}
