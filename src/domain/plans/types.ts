import type { AgencyLevel } from '../agencies/levels.js';
import type { LocalDate } from '../calendar/local-time.js';
import type { Ladder } from '../reminders/ladder.js';
import type { Recurrence } from './recurrence.js';

export type MetricId = 'bhxh_coverage' | 'bhtn_coverage' | 'voluntary_coverage' | 'pension_share' | 'satisfaction';

export interface AgencyDef {
  code: string;
  name: string;
  kind: string;
  note?: string;
  /** Provincial when not given. */
  level?: AgencyLevel;
  /** The code of the agency it sits under, defined in the same plan. */
  parent?: string;
}

export interface TaskDef {
  code: string;
  title: string;
  lead: string[];
  coordinating: string[];
  reportTo: string[];
  recurrence: Recurrence;
  ladder?: Partial<Ladder>;
  source: string;
}

export interface TargetDef {
  metric: MetricId;
  year: number;
  value: number;
  comparator: 'gte' | 'gt';
  source: string;
}

/** A provincial plan as its file states it. */
export interface PlanDef {
  code: string;
  title: string;
  document: string;
  issuedOn: LocalDate;
  issuer: string;
  province: string;
  provinceName: string;
  seed: string;
  notes?: string;
  ladder?: Partial<Ladder>;
  agencies: AgencyDef[];
  tasks: TaskDef[];
  targets: TargetDef[];
}
