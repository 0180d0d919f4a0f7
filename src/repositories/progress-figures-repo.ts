import type { Db } from '../db/connect.js';
import { windowOf } from '../domain/progress/figures.js';
import { COVERAGE_OF, METRICS, isProgressMetric, type ProgressMetric } from '../domain/progress/metrics.js';
import type { FigurePart, Grouping } from '../domain/progress/parts.js';
import { toPeriod, type PeriodCode } from '../domain/progress/period.js';
import type { AgencyRef } from '../domain/progress/scope.js';
import type { AgencyNote } from '../domain/progress/summary.js';
import type { SeriesText, SeriesUnit } from '../domain/progress/series.js';
import type { Scope } from '../domain/progress/types.js';
import { Prisma } from '../generated/sqlite/client.js';
import { domainPeriod, storedPeriod } from './progress-repo.js';
import { instant, int, list, num, text, values, withScope } from './scope-sql.js';

const LEVEL_METRICS = METRICS.filter((m) => m.nature === 'level').map((m) => m.id);
const FLOW_METRICS = METRICS.filter((m) => m.nature === 'flow').map((m) => m.id);
const PERCENT_METRICS = METRICS.filter((m) => m.kind === 'percent').map((m) => m.id);
const PARTICIPANTS = Object.keys(COVERAGE_OF) as ProgressMetric[];
const coverageOf = Prisma.sql`CASE g."metric" ${Prisma.join(PARTICIPANTS.map((p) => Prisma.sql`WHEN ${text(p)} THEN ${text(COVERAGE_OF[p]!)}`), ' ')} END`;

/**
 * `"parts"(w, period, pend, ord, pri)`: for window `w`, each period whose figures count towards it
 * (the window itself and every shorter period inside it), with its end month, its place in the
 * window's list (longest first) and its rank for flows (the window itself, then months, quarters,
 * halves); `"wins"(w, wend)`: each window's end month.
 */
function windowsSql(periods: readonly PeriodCode[]): Prisma.Sql[] {
  const windows = periods.map((code) => windowOf(toPeriod(code)));
  const rows = windows.flatMap((window, w) =>
    window.parts.map((part, ord) => [int(w), text(storedPeriod(part.code)), int(part.end), int(ord), int(part.code === window.code ? 0 : ({ month: 1, quarter: 2, half: 3, year: 4 } as const)[part.kind])]),
  );
  return [Prisma.sql`"parts"("w", "period", "pend", "ord", "pri") AS (${values(rows)})`, Prisma.sql`"wins"("w", "wend") AS (${values(windows.map((window, w) => [int(w), int(window.end)]))})`];
}

/**
 * The labour force an agency's rates are weighed by at a window's end: its figure for the
 * latest-starting period that began before then (a yearly figure counts from January).
 */
const labourAt = (agency: Prisma.Sql, end: Prisma.Sql) => Prisma.sql`(SELECT l."value" FROM "ProgressCurrent" l
  WHERE l."agencyId" = ${agency} AND l."metric" = 'labour_force' AND l."value" IS NOT NULL AND l."firstMonth" < ${end}
  ORDER BY l."firstMonth" DESC, l."endMonth" DESC, l."receivedAt" DESC, l."updateId" DESC LIMIT 1)`;

/**
 * Each agency's figure per window, by the rules of domain/progress/figures.ts (agencyFigure),
 * which test/repositories/progress-figures.test.ts holds this to:
 * - a level is the value of the part ending last (the newer on a tie);
 * - a flow is the window's own value, else the sum of its months, else quarters, else halves;
 * - a coverage rate not given is participants / labour force × 100;
 * each with the labour force its rate is weighed by.
 */
function figuresSql(): Prisma.Sql[] {
  return [
    Prisma.sql`"cur" AS (SELECT p."w", c."agencyId", c."metric", c."value", c."receivedAt", p."pend", p."ord", p."pri"
      FROM "parts" p JOIN "ProgressCurrent" c ON c."period" = p."period" JOIN "scope" s ON s."id" = c."agencyId"
      WHERE c."value" IS NOT NULL AND c."metric" IN (${list([...LEVEL_METRICS, ...FLOW_METRICS])}))`,
    Prisma.sql`"lvl" AS (SELECT "w", "agencyId", "metric", "value", "receivedAt" FROM (
      SELECT "w", "agencyId", "metric", "value", "receivedAt", ROW_NUMBER() OVER (PARTITION BY "w", "agencyId", "metric" ORDER BY "pend" DESC, "receivedAt" DESC, "ord") AS "rn"
      FROM "cur" WHERE "metric" IN (${list(LEVEL_METRICS)})) x WHERE "rn" = 1)`,
    Prisma.sql`"flowk" AS (SELECT "w", "agencyId", "metric", "pri", SUM("value") AS "value", MAX("receivedAt") AS "receivedAt"
      FROM "cur" WHERE "metric" IN (${list(FLOW_METRICS)}) GROUP BY "w", "agencyId", "metric", "pri")`,
    Prisma.sql`"flw" AS (SELECT "w", "agencyId", "metric", "value", "receivedAt" FROM (
      SELECT "w", "agencyId", "metric", "value", "receivedAt", ROW_NUMBER() OVER (PARTITION BY "w", "agencyId", "metric" ORDER BY "pri") AS "rn" FROM "flowk") x WHERE "rn" = 1)`,
    // Materialized: both are read several times, and a labour force looked up once per agency and window, only where a rate needs it.
    Prisma.sql`"given" AS MATERIALIZED (SELECT * FROM "lvl" UNION ALL SELECT * FROM "flw")`,
    Prisma.sql`"lab" AS MATERIALIZED (SELECT x."w", x."agencyId", ${labourAt(Prisma.sql`x."agencyId"`, Prisma.sql`wn."wend"`)} AS "lf"
      FROM (SELECT DISTINCT "w", "agencyId" FROM "given" WHERE "metric" IN (${list([...PERCENT_METRICS, ...PARTICIPANTS])})) x JOIN "wins" wn ON wn."w" = x."w")`,
    Prisma.sql`"figs" AS (
      SELECT g."w", g."agencyId", g."metric", g."value", g."receivedAt", 0 AS "derived", CASE WHEN g."metric" IN (${list(PERCENT_METRICS)}) THEN lb."lf" END AS "lf"
      FROM "given" g LEFT JOIN "lab" lb ON lb."w" = g."w" AND lb."agencyId" = g."agencyId"
      UNION ALL
      SELECT g."w", g."agencyId", ${coverageOf}, g."value" / lb."lf" * 100, g."receivedAt", 1, lb."lf"
      FROM "given" g JOIN "lab" lb ON lb."w" = g."w" AND lb."agencyId" = g."agencyId"
      WHERE g."metric" IN (${list(PARTICIPANTS)}) AND lb."lf" > 0
        AND NOT EXISTS (SELECT 1 FROM "given" h WHERE h."w" = g."w" AND h."agencyId" = g."agencyId" AND h."metric" = ${coverageOf}))`,
  ];
}

type PartRow = { w: number | bigint; province: string; agencyId: number | bigint | null; wide: number | bigint; metric: string; reporters: unknown; derived: unknown; total: unknown; weighed: unknown; labourForce: unknown; weighted: unknown; receivedAt: unknown };

/**
 * Summaries computed where the data is: the current value of each figure (ProgressCurrent)
 * selected and added up by the database, so a summary reads a few rows per province and
 * period, however long the history and however many agencies.
 */
export function createProgressFiguresRepo(db: Db) {
  return {
    /** The roll-up sums per window, group (province or agency) and metric: see FigurePart. */
    async parts(input: { scope: Scope; periods: readonly PeriodCode[]; grouping: Grouping }): Promise<FigurePart[]> {
      if (!input.periods.length) return [];
      const byAgency = input.grouping === 'agency';
      const rows = await db.$queryRaw<PartRow[]>`${withScope(input.scope, ...windowsSql(input.periods), ...figuresSql())}
        SELECT f."w", s."province", ${byAgency ? Prisma.sql`s."id"` : Prisma.sql`NULL`} AS "agencyId", s."wide", f."metric",
          COUNT(*) AS "reporters", SUM(f."derived") AS "derived", SUM(f."value") AS "total",
          SUM(CASE WHEN f."lf" > 0 THEN 1 ELSE 0 END) AS "weighed",
          SUM(CASE WHEN f."lf" > 0 THEN f."lf" ELSE 0 END) AS "labourForce",
          SUM(CASE WHEN f."lf" > 0 THEN f."value" * f."lf" ELSE 0 END) AS "weighted",
          MAX(f."receivedAt") AS "receivedAt"
        FROM "figs" f JOIN "scope" s ON s."id" = f."agencyId"
        GROUP BY f."w", s."province", ${byAgency ? Prisma.sql`s."id", ` : Prisma.empty}s."wide", f."metric"`;
      return rows.flatMap((r): FigurePart[] => {
        if (!isProgressMetric(r.metric)) return [];
        const group = byAgency ? String(r.agencyId) : r.province;
        return [{ period: input.periods[Number(r.w)]!, province: r.province, group, wide: num(r.wide) === 1, metric: r.metric, reporters: num(r.reporters), derived: num(r.derived), total: num(r.total), weighed: num(r.weighed), labourForce: num(r.labourForce), weighted: num(r.weighted), receivedAt: instant(r.receivedAt) }];
      });
    },

    /** How many agencies the scope has and how many sent anything for the period, per province or per agency. */
    async reporting(input: { scope: Scope; period: PeriodCode; grouping: Grouping }): Promise<{ group: string; province: string; agencies: number; reported: number }[]> {
      const byAgency = input.grouping === 'agency';
      const rows = await db.$queryRaw<{ province: string; id: number | null; agencies: unknown; reported: unknown }[]>`${withScope(input.scope, ...windowsSql([input.period]))}
        SELECT s."province", ${byAgency ? Prisma.sql`s."id"` : Prisma.sql`NULL`} AS "id", COUNT(*) AS "agencies",
          SUM(CASE WHEN EXISTS (SELECT 1 FROM "ProgressCurrent" c JOIN "parts" p ON p."period" = c."period" WHERE c."agencyId" = s."id") THEN 1 ELSE 0 END) AS "reported"
        FROM "scope" s GROUP BY s."province"${byAgency ? Prisma.sql`, s."id"` : Prisma.empty}`;
      return rows.map((r) => ({ group: byAgency ? String(r.id) : r.province, province: r.province, agencies: num(r.agencies), reported: num(r.reported) }));
    },

    /** Every agency in scope that sent nothing for the period (any figure or note counts), with its code and province. */
    async notReported(input: { scope: Scope; period: PeriodCode }): Promise<(AgencyRef & { code: string; province: string })[]> {
      const rows = await db.$queryRaw<{ id: number; name: string; code: string; province: string }[]>`${withScope(input.scope, ...windowsSql([input.period]))}
        SELECT s."id", s."name", s."code", s."province" FROM "scope" s
        WHERE NOT EXISTS (SELECT 1 FROM "ProgressCurrent" c JOIN "parts" p ON p."period" = c."period" WHERE c."agencyId" = s."id")`;
      return rows.map((r) => ({ id: Number(r.id), name: r.name, code: r.code, province: r.province }));
    },

    /** Notes for the windows, one per agency and window (the part ending last): the newest `limit` (all without), and how many there are. */
    async notes(input: { scope: Scope; periods: readonly PeriodCode[]; limit?: number }): Promise<{ notes: (AgencyNote & { window: PeriodCode; receivedAt: Date })[]; count: number }> {
      if (!input.periods.length) return { notes: [], count: 0 };
      const limit = input.limit === undefined ? Prisma.empty : Prisma.sql` LIMIT ${int(input.limit)}`;
      const rows = await db.$queryRaw<{ w: unknown; agencyId: number; name: string; period: string; text: string; receivedAt: unknown; total: unknown }[]>`${withScope(input.scope, ...windowsSql(input.periods))}
        SELECT x."w", x."agencyId", s."name", x."period", x."text", x."receivedAt", COUNT(*) OVER () AS "total" FROM (
          SELECT p."w", c."agencyId", c."period", c."text", c."receivedAt", ROW_NUMBER() OVER (PARTITION BY p."w", c."agencyId" ORDER BY p."pend" DESC, c."receivedAt" DESC, p."ord") AS "rn"
          FROM "parts" p JOIN "ProgressCurrent" c ON c."period" = p."period" JOIN "scope" s ON s."id" = c."agencyId"
          WHERE c."metric" = 'note' AND c."text" IS NOT NULL) x JOIN "scope" s ON s."id" = x."agencyId"
        WHERE x."rn" = 1 ORDER BY x."receivedAt" DESC, s."name"${limit}`;
      const notes = rows.flatMap((r) => {
        const period = domainPeriod(r.period);
        return period ? [{ window: input.periods[num(r.w)]!, agency: { id: Number(r.agencyId), name: r.name }, period, text: r.text, receivedAt: instant(r.receivedAt) }] : [];
      });
      return { notes, count: rows.length ? num(rows[0]!.total) : 0 };
    },

    /** The notes of a series: per agency and window, for the file's note sheet. */
    async texts(input: { scope: Scope; periods: readonly PeriodCode[] }): Promise<SeriesText[]> {
      const { notes } = await this.notes(input);
      return notes.map((n) => ({ group: String(n.agency.id), period: n.window, text: n.text, receivedAt: n.receivedAt }));
    },

    /** Who sent updates between two instants: each agency with how many updates (batches), in the order they first wrote. */
    async senders(input: { scope: Scope; from: Date; to: Date }): Promise<{ name: string; batches: number }[]> {
      const rows = await db.$queryRaw<{ name: string; batches: unknown }[]>`${withScope(input.scope)}
        SELECT s."name", COUNT(DISTINCT u."batch") AS "batches" FROM "ProgressUpdate" u JOIN "scope" s ON s."id" = u."agencyId"
        WHERE u."receivedAt" >= CAST(${input.from} AS TIMESTAMP(3)) AND u."receivedAt" < CAST(${input.to} AS TIMESTAMP(3))
        GROUP BY s."id", s."name" ORDER BY MIN(u."id")`;
      return rows.map((r) => ({ name: r.name, batches: num(r.batches) }));
    },

    /** The units a report's rows stand for: the provinces in scope, or its agencies. */
    async units(input: { scope: Scope; grouping: Grouping }): Promise<(SeriesUnit & { province: string; code: string })[]> {
      if (input.grouping === 'agency') {
        const rows = await db.$queryRaw<{ id: number; name: string; code: string; province: string }[]>`${withScope(input.scope)} SELECT "id", "name", "code", "province" FROM "scope"`;
        return rows.map((r) => ({ group: String(r.id), name: r.name, agencyId: Number(r.id), province: r.province, code: r.code }));
      }
      const rows = await db.$queryRaw<{ code: string; name: string }[]>`${withScope(input.scope)}
        SELECT p."code", p."name" FROM "Province" p WHERE p."code" IN (SELECT "province" FROM "scope")`;
      return rows.map((r) => ({ group: r.code, name: r.name, province: r.code, code: r.code }));
    },
  };
}

export type ProgressFiguresRepo = ReturnType<typeof createProgressFiguresRepo>;
