import { randomUUID } from 'node:crypto';
import { readInChunks } from '../db/chunks.js';
import type { Db } from '../db/connect.js';
import { isProgressMetric, TARGET_METRICS, type TargetMetric } from '../domain/progress/metrics.js';
import { parsePeriodCode, periodCode, type PeriodCode } from '../domain/progress/period.js';
import type { AgencyInfo, TargetRecord, UpdateRecord } from '../domain/progress/types.js';

/**
 * The table stores periods as `2026-M06`, `2026-Q2`, `2026-H1`, `2026-Y` (every code the same
 * shape, so they sort and filter by prefix); the domain writes `2026-06` and `2026`.
 */
export function storedPeriod(code: PeriodCode): string {
  const p = parsePeriodCode(code);
  if (!p) throw new Error(`Not a period code: "${code}"`);
  if (p.kind === 'month') return `${p.year}-M${String(p.index).padStart(2, '0')}`;
  if (p.kind === 'year') return `${p.year}-Y`;
  return periodCode(p);
}

export function domainPeriod(stored: string): PeriodCode | undefined {
  const m = /^(\d{4})-(?:M(\d{2})|(Q[1-4])|(H[12])|Y)$/.exec(stored);
  if (!m) return undefined;
  if (m[2]) return `${m[1]}-${m[2]}`;
  if (m[3] || m[4]) return `${m[1]}-${m[3] ?? m[4]}`;
  return m[1]!;
}

/**
 * Agencies whose figures already stand for the whole province: the provincial social-insurance
 * office and the statistics office. The domain uses them instead of adding up the districts.
 */
const PROVINCE_WIDE_KINDS = new Set(['insurance', 'statistics']);

export interface StoredUpdate extends UpdateRecord {
  batch: string;
}

export function createProgressRepo(db: Db) {
  const toRecord = (row: { batch: string; agencyId: number; period: string; metric: string; value: number | null; text: string | null; personId: number; receivedAt: Date }): StoredUpdate[] => {
    const period = domainPeriod(row.period);
    const value = row.value ?? row.text;
    // Rows another version wrote with a metric or period this one does not know are skipped, not guessed at.
    if (!period || !isProgressMetric(row.metric) || value === null) return [];
    return [{ batch: row.batch, agencyId: row.agencyId, period, metric: row.metric, value, personId: row.personId, receivedAt: row.receivedAt }];
  };

  return {
    /** Stores one accepted update, every value or none; returns its batch id. */
    async save(records: readonly UpdateRecord[]): Promise<string> {
      const batch = randomUUID();
      const data = records.map((r) => ({
        batch,
        agencyId: r.agencyId,
        period: storedPeriod(r.period),
        metric: r.metric,
        value: typeof r.value === 'number' ? r.value : null,
        text: typeof r.value === 'string' ? r.value : null,
        personId: r.personId,
        receivedAt: r.receivedAt,
      }));
      // One statement: a failure stores none of the values.
      await db.progressUpdate.createMany({ data });
      return batch;
    },

    /**
     * Every stored value (corrections included) of a province's agencies, of some agencies, or
     * of all, optionally only from a year on.
     */
    async list(filter: { province?: string; agencyIds?: readonly number[]; receivedFrom?: Date; receivedBefore?: Date; fromYear?: number } = {}): Promise<StoredUpdate[]> {
      // Stored codes begin with their year, so "from a year" is a string comparison; the labour
      // force is read whatever its year, since a rate is weighted by the latest one known.
      const years = filter.fromYear ? { OR: [{ period: { gte: String(filter.fromYear) } }, { metric: 'labour_force' }] } : {};
      const received = filter.receivedFrom || filter.receivedBefore ? { receivedAt: { ...(filter.receivedFrom ? { gte: filter.receivedFrom } : {}), ...(filter.receivedBefore ? { lt: filter.receivedBefore } : {}) } } : {};
      const province = filter.province ? { agency: { provinceCode: filter.province } } : {};
      const read = (agencyIds?: number[]) =>
        db.progressUpdate.findMany({
          where: { ...province, ...received, ...years, ...(agencyIds ? { agencyId: { in: agencyIds } } : {}) },
          select: { batch: true, agencyId: true, period: true, metric: true, value: true, text: true, personId: true, receivedAt: true },
          orderBy: { id: 'asc' },
        });
      const rows = filter.agencyIds ? await readInChunks(filter.agencyIds, read) : await read();
      return rows.flatMap(toRecord);
    },

    /** One agency's values for one period, oldest first: the history of its corrections. */
    async history(agencyId: number, period: PeriodCode): Promise<StoredUpdate[]> {
      const rows = await db.progressUpdate.findMany({ where: { agencyId, period: storedPeriod(period) }, orderBy: { id: 'asc' } });
      return rows.flatMap(toRecord);
    },

    /** Agencies as summaries see them; merged ones are left out, since their duties moved. */
    async agencies(filter: { province?: string } = {}): Promise<(AgencyInfo & { code: string })[]> {
      const rows = await db.agency.findMany({ where: { mergedIntoId: null, ...(filter.province ? { provinceCode: filter.province } : {}) }, orderBy: { code: 'asc' } });
      return rows.map((a) => ({ id: a.id, code: a.code, name: a.name, province: a.provinceCode, kind: PROVINCE_WIDE_KINDS.has(a.kind) ? 'province' : a.kind }));
    },

    /** The plans' targets, by province. */
    async targets(filter: { province?: string } = {}): Promise<TargetRecord[]> {
      const rows = await db.target.findMany({ where: filter.province ? { plan: { provinceCode: filter.province } } : {}, include: { plan: true }, orderBy: [{ planId: 'asc' }, { metric: 'asc' }, { year: 'asc' }] });
      return rows.flatMap((t) =>
        (TARGET_METRICS as readonly string[]).includes(t.metric)
          ? [{ planCode: t.plan.code, province: t.plan.provinceCode, metric: t.metric as TargetMetric, year: t.year, value: t.value, comparator: t.comparator === 'gt' ? ('gt' as const) : ('gte' as const) }]
          : [],
      );
    },
  };
}

export type ProgressRepo = ReturnType<typeof createProgressRepo>;
