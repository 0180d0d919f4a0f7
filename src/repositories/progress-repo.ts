import { randomUUID } from 'node:crypto';
import { readInChunks } from '../db/chunks.js';
import type { Db } from '../db/connect.js';
import { isAgencyLevel } from '../domain/agencies/levels.js';
import { isProgressMetric, TARGET_METRICS, type TargetMetric } from '../domain/progress/metrics.js';
import { monthSpan, parsePeriodCode, periodCode, periodsHolding, type PeriodCode } from '../domain/progress/period.js';
import type { AgencyInfo, TargetRecord, UpdateRecord } from '../domain/progress/types.js';
import { Prisma } from '../generated/sqlite/client.js';
import { PROVINCE_WIDE_KINDS, int, text } from './scope-sql.js';

import { domainPeriod, storedPeriod } from './stored-period.js';
import { FIGURE_COLUMNS, windowFiguresSql } from './figure-sql.js';

export { domainPeriod, storedPeriod };

const WIDE = new Set<string>(PROVINCE_WIDE_KINDS);
const REBUILD_AGENCIES = 500;

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** Recomputes one agency's figures of some metrics for some windows, from its current values. */
async function refreshFigures(tx: Tx, input: { agencyId: number; metrics: readonly string[]; windows: readonly PeriodCode[] }): Promise<void> {
  const windows = input.windows.map((w) => text(storedPeriod(w)));
  const metrics = input.metrics.map(text);
  await tx.$executeRaw`DELETE FROM "ProgressFigure" WHERE "agencyId" = ${int(input.agencyId)} AND "metric" IN (${Prisma.join(metrics)}) AND "window" IN (${Prisma.join(windows)})`;
  await tx.$executeRaw`INSERT INTO "ProgressFigure" ${FIGURE_COLUMNS} ${windowFiguresSql(input.windows, Prisma.sql`c."agencyId" = ${int(input.agencyId)} AND c."metric" IN (${Prisma.join(metrics)})`)}`;
}

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
WHERE "rank" = 1
-- Stored period by period, the way summaries read them.
ORDER BY "period", "agencyId";`;

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

  /**
   * Recomputes every current value and figure from the history: after rows were written around
   * `save` (a bulk load, a repair), and on the first start over a history kept before figures were.
   */
  async function rebuild(): Promise<void> {
    // A whole history (a million rows nationally) takes a while: the transaction is given it.
    await db.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe('DELETE FROM "ProgressCurrent"');
        await tx.$executeRawUnsafe(REBUILD_CURRENT_SQL);
        await tx.$executeRawUnsafe('DELETE FROM "ProgressFigure"');
        const periods = (await tx.progressCurrent.findMany({ distinct: ['period'], select: { period: true } })).flatMap((c) => domainPeriod(c.period) ?? []);
        const windows = [...new Set(periods.flatMap((p) => periodsHolding(parsePeriodCode(p)!).map(periodCode)))];
        const { _min, _max } = await tx.progressCurrent.aggregate({ _min: { agencyId: true }, _max: { agencyId: true } });
        // A few hundred agencies at a time: each statement sorts what it computes, in bounded memory.
        for (let from = _min.agencyId ?? 0; from <= (_max.agencyId ?? -1); from += REBUILD_AGENCIES) {
          await tx.$executeRaw`INSERT INTO "ProgressFigure" ${FIGURE_COLUMNS} ${windowFiguresSql(windows, Prisma.sql`c."agencyId" >= ${int(from)} AND c."agencyId" < ${int(from + REBUILD_AGENCIES)}`)}`;
        }
      },
      { timeout: 30 * 60_000, maxWait: 60_000 },
    );
  }

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
      // One transaction: a failure stores none of the values, and the current values and the figures move with the history.
      await db.$transaction(async (tx) => {
        const rows = await tx.progressUpdate.createManyAndReturn({ data, select: { id: true, agencyId: true, period: true, metric: true, value: true, text: true, receivedAt: true } });
        for (const row of rows) await tx.$executeRaw(upsertCurrent(row));
        // The figures of the periods these values count towards: the period, its quarter, half-year and year.
        for (const key of new Set(records.map((r) => `${r.agencyId}|${r.period}`))) {
          const [agencyId, period] = key.split('|') as [string, PeriodCode];
          const metrics = records.filter((r) => r.agencyId === Number(agencyId) && r.period === period).map((r) => r.metric);
          await refreshFigures(tx, { agencyId: Number(agencyId), metrics, windows: periodsHolding(parsePeriodCode(period)!).map(periodCode) });
        }
      });
      return batch;
    },

    rebuild,

    /** On a start over a history kept before the figures were: rebuilds them once. */
    async ensureFigures(): Promise<boolean> {
      const [figure, update] = await Promise.all([db.progressFigure.findFirst({ select: { agencyId: true } }), db.progressUpdate.findFirst({ select: { id: true } })]);
      if (figure || !update) return false;
      await rebuild();
      return true;
    },

    /**
     * Every stored value (corrections included) of some agencies: their whole history. Summaries
     * never read it (they aggregate the current values); it is for looking at a few agencies.
     */
    async list(filter: { agencyIds: readonly number[] }): Promise<StoredUpdate[]> {
      const read = (agencyIds: number[]) =>
        db.progressUpdate.findMany({
          where: { agencyId: { in: agencyIds } },
          select: { batch: true, agencyId: true, period: true, metric: true, value: true, text: true, personId: true, receivedAt: true },
          orderBy: { id: 'asc' },
        });
      return (await readInChunks(filter.agencyIds, read)).flatMap(toRecord);
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
