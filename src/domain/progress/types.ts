import type { AgencyLevel } from '../agencies/levels.js';
import type { ProgressMetric, TargetMetric } from './metrics.js';
import type { PeriodCode } from './period.js';

/** An agency as summaries need it. */
export interface AgencyInfo {
  id: number;
  name: string;
  /** Province code; targets and "province" scopes match on it. */
  province: string;
  /**
   * `province` marks an agency whose figures already cover the whole province (BHXH tỉnh,
   * Cục Thống kê): its figures are used instead of adding up the others, which would count twice.
   */
  kind?: string;
  level?: AgencyLevel;
  /** The agency it sits under (a commune under its province's People's Committee). */
  parentId?: number | null;
}

/** One stored value: an update line becomes one record per metric. Corrections are new records. */
export interface UpdateRecord {
  agencyId: number;
  period: PeriodCode;
  metric: ProgressMetric;
  value: number | string;
  receivedAt: Date;
  personId: number;
}

export interface TargetRecord {
  planCode: string;
  province: string;
  metric: TargetMetric;
  /** The target holds for the end of this year. */
  year: number;
  value: number;
  comparator: 'gte' | 'gt';
}

/** One agency's occurrence of a task. `key` is passed through so the caller can act on it. */
export interface DeadlineRecord {
  key?: string;
  taskTitle: string;
  agencyId: number;
  dueAt: Date;
  doneAt: Date | null;
  /** The day is the plan author's choice, not the document's, and no supervisor has confirmed it (with the document's words). */
  assumed?: { says?: string };
}

/**
 * Which agencies a summary covers: every one when empty, else those matching every field given.
 * The whole country is the empty scope.
 */
export interface Scope {
  province?: string;
  agencyIds?: readonly number[];
  /** Only agencies of this level (the communes of a province). */
  level?: AgencyLevel;
  /** This agency and every agency under it, at any depth: a group of communes. */
  under?: number;
}
