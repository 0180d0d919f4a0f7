import { fold } from '../text/fold.js';

/** What a progress update can carry: the figures the plans set targets for, their inputs, and a note. */
export const PROGRESS_METRICS = [
  'bhxh_participants',
  'bhxh_coverage',
  'bhtn_participants',
  'bhtn_coverage',
  'voluntary_participants',
  'voluntary_coverage',
  'voluntary_new',
  'pension_share',
  'satisfaction',
  'labour_force',
  'note',
] as const;

export type ProgressMetric = (typeof PROGRESS_METRICS)[number];

/** The metrics plans set targets for (the same ids as the plan files' `targets`). */
export const TARGET_METRICS = ['bhxh_coverage', 'bhtn_coverage', 'voluntary_coverage', 'pension_share', 'satisfaction'] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];

export type MetricKind = 'count' | 'percent' | 'text';

/** How figures from several periods combine: a level is read at the end, a flow adds up. */
export type MetricNature = 'level' | 'flow' | 'text';

export interface MetricDef {
  id: ProgressMetric;
  kind: MetricKind;
  nature: MetricNature;
  /** Names people type, Vietnamese first; matched after {@link normaliseName}. */
  aliases: readonly string[];
}

const def = (id: ProgressMetric, kind: MetricKind, aliases: string[], nature: MetricNature = kind === 'text' ? 'text' : 'level'): MetricDef => ({ id, kind, nature, aliases: [id, ...aliases] });

export const METRICS: readonly MetricDef[] = [
  def('bhxh_participants', 'count', ['bhxh', 'thamgia_bhxh', 'tham_gia_bhxh', 'so_bhxh', 'social_insurance', 'si']),
  def('bhxh_coverage', 'percent', ['tyle_bhxh', 'tile_bhxh', 'tl_bhxh', 'baophu_bhxh', 'bhxh_rate', 'bhxh_coverage', 'si_rate', 'si_coverage']),
  def('bhtn_participants', 'count', ['bhtn', 'thamgia_bhtn', 'tham_gia_bhtn', 'so_bhtn', 'unemployment_insurance', 'ui']),
  def('bhtn_coverage', 'percent', ['tyle_bhtn', 'tile_bhtn', 'tl_bhtn', 'baophu_bhtn', 'bhtn_rate', 'ui_rate', 'ui_coverage']),
  def('voluntary_participants', 'count', ['tunguyen', 'tự_nguyện', 'bhxh_tunguyen', 'bhxhtn', 'thamgia_tunguyen', 'voluntary', 'voluntary_si']),
  def('voluntary_coverage', 'percent', ['tyle_tunguyen', 'tile_tunguyen', 'tl_tunguyen', 'tyle_bhxhtn', 'baophu_tunguyen', 'voluntary_rate', 'voluntary_coverage']),
  def('voluntary_new', 'count', ['moi_tunguyen', 'tunguyen_moi', 'tang_moi_tunguyen', 'phattrien_moi', 'new_voluntary', 'voluntary_new'], 'flow'),
  def('pension_share', 'percent', ['huutri', 'hưu_trí', 'tyle_huutri', 'tile_huutri', 'huong_huutri', 'pension', 'pension_share', 'pension_rate']),
  def('satisfaction', 'percent', ['hailong', 'hài_lòng', 'tyle_hailong', 'tile_hailong', 'muc_do_hai_long', 'satisfaction', 'satisfied']),
  def('labour_force', 'count', ['laodong', 'lao_động', 'luc_luong_lao_dong', 'llld', 'labour_force', 'labor_force', 'labour', 'workforce']),
  def('note', 'text', ['ghichu', 'ghi_chú', 'note', 'notes', 'comment']),
];

const byId = new Map(METRICS.map((m) => [m.id, m]));

export function metricDef(id: ProgressMetric): MetricDef {
  return byId.get(id)!;
}

export function isProgressMetric(id: string): id is ProgressMetric {
  return byId.has(id as ProgressMetric);
}

/**
 * Lower case, no diacritics, no separators: people type `tự nguyện`, `tu_nguyen`,
 * `Tu-Nguyen` and `tunguyen` for the same thing, and phones often drop the accents.
 */
export function normaliseName(name: string): string {
  return fold(name).replace(/[\s_\-.]+/g, '');
}

const byAlias = new Map(METRICS.flatMap((m) => m.aliases.map((a) => [normaliseName(a), m] as const)));

export function findMetric(name: string): MetricDef | undefined {
  return byAlias.get(normaliseName(name));
}

/** The coverage each participant count feeds, as a share of the labour force. */
export const COVERAGE_OF: Readonly<Partial<Record<ProgressMetric, ProgressMetric>>> = {
  bhxh_participants: 'bhxh_coverage',
  bhtn_participants: 'bhtn_coverage',
  voluntary_participants: 'voluntary_coverage',
};

/** The participant count behind each coverage rate. */
export const PARTICIPANTS_OF: Readonly<Partial<Record<ProgressMetric, ProgressMetric>>> = Object.fromEntries(
  Object.entries(COVERAGE_OF).map(([participants, coverage]) => [coverage, participants]),
);

/**
 * Coverage = participants / labour force × 100, the definition the plans use
 * ("tỷ lệ … so với lực lượng lao động trong độ tuổi"). Undefined when either is unknown
 * or the labour force is zero.
 */
export function coverageFrom(participants: number | undefined, labourForce: number | undefined): number | undefined {
  if (participants === undefined || labourForce === undefined || labourForce <= 0) return undefined;
  return (participants / labourForce) * 100;
}

export type MetricValues = Partial<Record<ProgressMetric, number | string>>;

/** Coverage rates derivable from the counts in `values` and not given directly. */
export function derivedCoverage(values: MetricValues): Partial<Record<ProgressMetric, number>> {
  const labour = numberOf(values.labour_force);
  const derived: Partial<Record<ProgressMetric, number>> = {};
  for (const [participants, coverage] of Object.entries(COVERAGE_OF) as [ProgressMetric, ProgressMetric][]) {
    if (values[coverage] !== undefined) continue;
    const rate = coverageFrom(numberOf(values[participants]), labour);
    if (rate !== undefined) derived[coverage] = rate;
  }
  return derived;
}

function numberOf(value: number | string | undefined): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
