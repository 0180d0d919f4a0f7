import { randomUUID } from 'node:crypto';
import { readInChunks } from '../db/chunks.js';
import type { Db } from '../db/connect.js';
import { isAgencyLevel } from '../domain/agencies/levels.js';
import { isProgressMetric, TARGET_METRICS, type TargetMetric } from '../domain/progress/metrics.js';
import { monthSpan, parsePeriodCode, periodCode, type PeriodCode } from '../domain/progress/period.js';
import type { AgencyInfo, TargetRecord, UpdateRecord } from '../domain/progress/types.js';
import { Prisma } from '../generated/sqlite/client.js';
import { PROVINCE_WIDE_KINDS, int, text } from './scope-sql.js';

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

const WIDE = new Set<string>(PROVINCE_WIDE_KINDS);

/**
 * The current values rebuilt from the whole history: the latest row per agency, period and
 * metric (by receivedAt, then id). The migration that created the table ran the same statement;
 * test/repositories/progress-current.test.ts keeps the two the same.
 */
export const REBUILD_CURRENT_SQL = `INSERT INTO "ProgressCurrent" ("agencyId", "period", "metric", "kind", "firstMonth", "endMonth", "value", "text", "receivedAt", "updateId", "versions")
SELECT "agencyId", "period", "metric",
    CASE SUBSTR("period", 6, 1) WHEN 'M' THEN 'month' WHEN 'Q' THEN 'quarter' WHEN 'H' THEN 'half' ELSE 'year' END,
    "firstMonth",
    "firstMonth" + CASE SUBSTR("period", 6, 1) WHEN 'M' THEN 1 WHEN 'Q' THEN 3 WHEN 'H' THEN 6 ELSE 12 END,
    "value", "text", "receivedAt", "id", "versions"
FROM (
    SELECT u."agencyId", u."period", u."metric", u."value", u."text", u."receivedAt", u."id",
        CAST(SUBSTR(u."period", 1, 4) AS INTEGER) * 12 + CASE SUBSTR(u."period", 6, 1)
            WHEN 'M' THEN CAST(SUBSTR(u."period", 7, 2) AS INTEGER) - 1
            WHEN 'Q' THEN (CAST(SUBSTR(u."period", 7, 1) AS INTEGER) - 1) * 3
            WHEN 'H' THEN (CAST(SUBSTR(u."period", 7, 1) AS INTEGER) - 1) * 6
            ELSE 0 END AS "firstMonth",
        ROW_NUMBER() OVER (PARTITION BY u."agencyId", u."period", u."metric" ORDER BY u."receivedAt" DESC, u."id" DESC) AS "rank",
        COUNT(*) OVER (PARTITION BY u."agencyId", u."period", u."metric") AS "versions"
    FROM "ProgressUpdate" u
    WHERE (u."value" IS NOT NULL OR u."text" IS NOT NULL)
      AND (u."period" LIKE '____-M__' OR u."period" LIKE '____-Q_' OR u."period" LIKE '____-H_' OR u."period" = SUBSTR(u."period", 1, 4) || '-Y')
) latest
WHERE "rank" = 1;`;

/** Keeps a figure's current value: the new one wins unless an older update arrived late (its receivedAt is earlier). */
function upsertCurrent(row: { id: number; agencyId: number; period: string; metric: string; value: number | null; text: string | null; receivedAt: Date }): Prisma.Sql {
  const period = parsePeriodCode(domainPeriod(row.period)!)!;
  const span = monthSpan(period);
  const newer = Prisma.sql`excluded."receivedAt" >= "ProgressCurrent"."receivedAt"`;
  const keep = (column: string) => Prisma.sql`${Prisma.raw(`"${column}"`)} = CASE WHEN ${newer} THEN excluded.${Prisma.raw(`"${column}"`)} ELSE "ProgressCurrent".${Prisma.raw(`"${column}"`)} END`;
  return Prisma.sql`INSERT INTO "ProgressCurrent" ("agencyId", "period", "metric", "kind", "firstMonth", "endMonth", "value", "text", "receivedAt", "updateId", "versions")
    VALUES (${int(row.agencyId)}, ${text(row.period)}, ${text(row.metric)}, ${text(period.kind)}, ${int(span.first)}, ${int(span.end)}, CAST(${row.value} AS DOUBLE PRECISION), ${text(row.text)}, CAST(${row.receivedAt} AS TIMESTAMP(3)), ${int(row.id)}, 1)
    ON CONFLICT ("agencyId", "period", "metric") DO UPDATE SET ${Prisma.join([keep('value'), keep('text'), keep('updateId'), keep('receivedAt')])}, "versions" = "ProgressCurrent"."versions" + 1`;
}

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
      // One transaction: a failure stores none of the values, and the current values move with the history.
      await db.$transaction(async (tx) => {
        const rows = await tx.progressUpdate.createManyAndReturn({ data, select: { id: true, agencyId: true, period: true, metric: true, value: true, text: true, receivedAt: true } });
        for (const row of rows) await tx.$executeRaw(upsertCurrent(row));
      });
      return batch;
    },

    /** Recomputes every current value from the history: after rows were written around `save`, by a bulk load or by hand. */
    async rebuildCurrent(): Promise<void> {
      // A whole history (a million rows nationally) takes a while: the transaction is given it.
      await db.$transaction(
        async (tx) => {
          await tx.$executeRawUnsafe('DELETE FROM "ProgressCurrent"');
          await tx.$executeRawUnsafe(REBUILD_CURRENT_SQL);
        },
        { timeout: 30 * 60_000, maxWait: 60_000 },
      );
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
      return rows.map((a) => ({ id: a.id, code: a.code, name: a.name, province: a.provinceCode, kind: WIDE.has(a.kind) ? 'province' : a.kind, level: isAgencyLevel(a.level) ? a.level : undefined, parentId: a.parentId }));
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
