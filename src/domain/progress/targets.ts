import type { TargetRecord } from './types.js';

/** The Government Office's wording for a target: met, on track for it, or behind. */
export type TargetStatus = 'met' | 'on_track' | 'behind' | 'no_data';

export interface TargetEvaluation {
  planCode: string;
  /** The milestone year: the plan's first target year not before the period's year. */
  year: number;
  value: number;
  comparator: 'gte' | 'gt';
  /** Where the figure should be by now on the straight line towards the milestone. */
  expected?: number;
  baseline?: { value: number; year: number; source: 'target' | 'actual' };
  status: TargetStatus;
}

// Averages of many agencies' rates land a hair off a round target (19.999999…).
const EPSILON = 1e-9;

export interface EvaluateTargetsInput {
  /** Targets for one metric and one province, any plan, any year. */
  targets: readonly TargetRecord[];
  year: number;
  /** How far into time the figure stands, in months since year 0: the period's end, or now if sooner. */
  position: number;
  actual: number | undefined;
  /** The scope's figure for the whole previous year, asked for only when a plan has no earlier target. */
  previousYearActual: () => number | undefined;
}

/**
 * Per plan, the milestone that applies to the period's year is the first target year not
 * before it (a plan setting 2025 and 2030 targets aims at 2030 during 2026). "On track" means
 * at or above the straight line from a baseline to that milestone at the point of time the
 * figure stands for: the baseline is the plan's previous target (held at the end of its
 * year), else the scope's actual figure for the previous year, else there is none and a
 * figure short of the milestone is behind. For one-year steps and a figure at the end of
 * Q3 this is previous + (target − previous) × 9/12.
 */
export function evaluateTargets(input: EvaluateTargetsInput): TargetEvaluation[] {
  const byPlan = new Map<string, TargetRecord[]>();
  for (const t of input.targets) byPlan.set(t.planCode, [...(byPlan.get(t.planCode) ?? []), t]);
  return [...byPlan.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([, plan]) => {
      const evaluation = evaluatePlan(plan, input);
      return evaluation ? [evaluation] : [];
    });
}

function evaluatePlan(plan: TargetRecord[], input: EvaluateTargetsInput): TargetEvaluation | undefined {
  const milestone = plan.filter((t) => t.year >= input.year).sort((a, b) => a.year - b.year)[0];
  if (!milestone) return undefined;
  const baseline = baselineFor(plan, milestone, input);
  const expected = baseline && alongLine(baseline, milestone, input.position);
  const evaluation: TargetEvaluation = { planCode: milestone.planCode, year: milestone.year, value: milestone.value, comparator: milestone.comparator, status: status(input.actual, milestone, expected) };
  if (baseline) Object.assign(evaluation, { baseline, expected });
  return evaluation;
}

function baselineFor(plan: TargetRecord[], milestone: TargetRecord, input: EvaluateTargetsInput): TargetEvaluation['baseline'] {
  const earlier = plan.filter((t) => t.year < milestone.year).sort((a, b) => b.year - a.year)[0];
  if (earlier) return { value: earlier.value, year: earlier.year, source: 'target' };
  const actual = input.previousYearActual();
  return actual === undefined ? undefined : { value: actual, year: input.year - 1, source: 'actual' };
}

function alongLine(baseline: NonNullable<TargetEvaluation['baseline']>, milestone: TargetRecord, position: number): number {
  const from = (baseline.year + 1) * 12;
  const to = (milestone.year + 1) * 12;
  const fraction = Math.min(1, Math.max(0, (position - from) / (to - from)));
  return baseline.value + (milestone.value - baseline.value) * fraction;
}

function status(actual: number | undefined, milestone: TargetRecord, expected: number | undefined): TargetStatus {
  if (actual === undefined) return 'no_data';
  const met = milestone.comparator === 'gt' ? actual - milestone.value > EPSILON : actual >= milestone.value - EPSILON;
  if (met) return 'met';
  return expected !== undefined && actual >= expected - EPSILON ? 'on_track' : 'behind';
}
