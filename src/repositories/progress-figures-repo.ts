import type { Db } from '../db/connect.js';
import { windowOf } from '../domain/progress/figures.js';
import { COVERAGE_OF, METRICS, type ProgressMetric } from '../domain/progress/metrics.js';
import type { FigurePart, Grouping } from '../domain/progress/parts.js';
import { toPeriod, type PeriodCode } from '../domain/progress/period.js';
import type { AgencyRef } from '../domain/progress/scope.js';
import type { AgencyNote } from '../domain/progress/summary.js';
import type { SeriesText, SeriesUnit } from '../domain/progress/series.js';
import type { Scope } from '../domain/progress/types.js';
import { Prisma } from '../generated/sqlite/client.js';
import { domainPeriod, storedPeriod } from './stored-period.js';
import { instant, int, list, num, text, values, withScope } from './scope-sql.js';

const PERCENT_METRICS = METRICS.filter((m) => m.kind === 'percent').map((m) => m.id);
const NUMERIC = METRICS.filter((m) => m.kind !== 'text').map((m) => m.id);
const PARTICIPANTS = Object.keys(COVERAGE_OF) as ProgressMetric[];
const PARTICIPANTS_BEHIND = new Map(PARTICIPANTS.map((p) => [COVERAGE_OF[p]!, p]));
const id = (name: string) => Prisma.raw(`"${name}"`);

/** `"wins"(w, code, wend)`: each window asked for, by its index, stored code and end month. */
function windowsSql(periods: readonly PeriodCode[]): Prisma.Sql {
  const rows = periods.map((code, w) => [int(w), text(storedPeriod(code)), int(windowOf(toPeriod(code)).end)]);
  return Prisma.sql`"wins"("w", "code", "wend") AS (${values(rows)})`;
}

/**
 * The labour force an agency's rates are weighed by at a window's end: its figure for the
 * latest-starting period that began before then (a yearly figure counts from January), read from
 * an index that holds it.
 */
const labourAt = (agency: Prisma.Sql, end: Prisma.Sql) => Prisma.sql`(SELECT l."value" FROM "ProgressCurrent" l
  WHERE l."metric" = 'labour_force' AND l."agencyId" = ${agency} AND l."firstMonth" < ${end} AND l."value" IS NOT NULL
  ORDER BY l."firstMonth" DESC, l."endMonth" DESC, l."receivedAt" DESC, l."updateId" DESC LIMIT 1)`;

/**
 * Each agency's figures per window (ProgressFigure, kept by the rules of domain/progress/figures.ts),
 * one row per agency and window with a value and a date column per metric (`v0`, `r0`…, in
 * NUMERIC's order), a coverage not given computed from participants / labour force × 100 (`d…`
 * marks it), and the labour force its rates are weighed by. The steps read one another in a line,
 * never joined to each other: the planner cannot misjudge their sizes into a nested loop.
 */
function figuresSql(): Prisma.Sql[] {
  const agencyValue = (m: ProgressMetric, column: 'value' | 'receivedAt') => Prisma.sql`MAX(CASE WHEN g."metric" = ${text(m)} THEN g.${id(column)} END)`;
  const needsLabour = Prisma.sql`MAX(CASE WHEN g."metric" IN (${list([...PERCENT_METRICS, ...PARTICIPANTS])}) THEN 1 ELSE 0 END) = 1`;
  const figure = (m: ProgressMetric, i: number) => {
    const participants = PARTICIPANTS_BEHIND.get(m);
    if (!participants) return Prisma.sql`${id(`v${i}`)} AS ${id(`f${i}`)}, ${id(`r${i}`)} AS ${id(`t${i}`)}, 0 AS ${id(`d${i}`)}`;
    const p = NUMERIC.indexOf(participants);
    const derivable = Prisma.sql`${id(`v${i}`)} IS NULL AND ${id(`v${p}`)} IS NOT NULL AND "lf" > 0`;
    return Prisma.sql`CASE WHEN ${derivable} THEN ${id(`v${p}`)} / "lf" * 100 ELSE ${id(`v${i}`)} END AS ${id(`f${i}`)},
      CASE WHEN ${derivable} THEN ${id(`r${p}`)} ELSE ${id(`r${i}`)} END AS ${id(`t${i}`)}, CASE WHEN ${derivable} THEN 1 ELSE 0 END AS ${id(`d${i}`)}`;
  };
  return [
    // One row per agency and window; its labour force looked up once, and only where a rate needs it.
    Prisma.sql`"per" AS (SELECT wn."w", g."agencyId",
        CASE WHEN ${needsLabour} THEN ${labourAt(Prisma.sql`g."agencyId"`, Prisma.sql`wn."wend"`)} END AS "lf",
        ${Prisma.join(NUMERIC.map((m, i) => Prisma.sql`${agencyValue(m, 'value')} AS ${id(`v${i}`)}, ${agencyValue(m, 'receivedAt')} AS ${id(`r${i}`)}`))}
      FROM "wins" wn JOIN "ProgressFigure" g ON g."window" = wn."code" JOIN "scope" s ON s."id" = g."agencyId"
      WHERE g."metric" IN (${list(NUMERIC)}) AND g."value" IS NOT NULL
      GROUP BY wn."w", g."agencyId", wn."wend")`,
    Prisma.sql`"figs" AS (SELECT "w", "agencyId", "lf", ${Prisma.join(NUMERIC.map(figure))} FROM "per")`,
  ];
}

/** Per metric, the sums FigurePart holds, as columns `<sum><i>`. */
function sumsSql(): Prisma.Sql {
  return Prisma.join(
    NUMERIC.map((m, i) => {
      const [f, t, d] = [id(`f${i}`), id(`t${i}`), id(`d${i}`)];
      const weighed = PERCENT_METRICS.includes(m) ? Prisma.sql`${f} IS NOT NULL AND f."lf" > 0` : Prisma.sql`1 = 0`;
      return Prisma.sql`SUM(CASE WHEN ${f} IS NOT NULL THEN 1 ELSE 0 END) AS ${id(`n${i}`)}, SUM(${f}) AS ${id(`s${i}`)}, SUM(${d}) AS ${id(`d${i}`)},
        SUM(CASE WHEN ${weighed} THEN 1 ELSE 0 END) AS ${id(`k${i}`)}, SUM(CASE WHEN ${weighed} THEN f."lf" ELSE 0 END) AS ${id(`l${i}`)},
        SUM(CASE WHEN ${weighed} THEN ${f} * f."lf" ELSE 0 END) AS ${id(`x${i}`)}, MAX(${t}) AS ${id(`t${i}`)}`;
    }),
  );
}

/** Whether the agency `s` sent anything (a figure or a note) counting towards the period. */
const sentAnything = (period: PeriodCode) => Prisma.sql`EXISTS (SELECT 1 FROM "ProgressFigure" f WHERE f."agencyId" = s."id" AND f."window" = ${text(storedPeriod(period))})`;

type PartRow = { w: unknown; province: string; agencyId: number | bigint | null; wide: unknown } & Record<string, unknown>;

/**
 * Summaries computed where the data is: each agency's figure for the period (ProgressFigure, kept
 * as updates are saved) added up by the database, so a summary reads a few rows per province and
 * period, however long the history and however many agencies.
 */
export function createProgressFiguresRepo(db: Db) {
  /** Notes for the windows, one per agency and window (the part ending last): the newest `limit` (all without), and how many there are. */
  async function notes(input: { scope: Scope; periods: readonly PeriodCode[]; limit?: number }): Promise<{ notes: (AgencyNote & { window: PeriodCode; receivedAt: Date })[]; count: number }> {
    if (!input.periods.length) return { notes: [], count: 0 };
    const limit = input.limit === undefined ? Prisma.empty : Prisma.sql` LIMIT ${int(input.limit)}`;
    const rows = await db.$queryRaw<{ w: unknown; agencyId: number; name: string; period: string; text: string; receivedAt: unknown; total: unknown }[]>`${withScope(input.scope, windowsSql(input.periods))}
      SELECT wn."w", f."agencyId", s."name", f."period", f."text", f."receivedAt", COUNT(*) OVER () AS "total"
      FROM "wins" wn JOIN "ProgressFigure" f ON f."window" = wn."code" JOIN "scope" s ON s."id" = f."agencyId"
      WHERE f."metric" = 'note' AND f."text" IS NOT NULL ORDER BY f."receivedAt" DESC, s."name"${limit}`;
    const found = rows.flatMap((r) => {
      const period = domainPeriod(r.period);
      return period ? [{ window: input.periods[num(r.w)]!, agency: { id: Number(r.agencyId), name: r.name }, period, text: r.text, receivedAt: instant(r.receivedAt) }] : [];
    });
    return { notes: found, count: rows.length ? num(rows[0]!.total) : 0 };
  }

  return {
    notes,

    /** The roll-up sums per window, group (province or agency) and metric: see FigurePart. */
    async parts(input: { scope: Scope; periods: readonly PeriodCode[]; grouping: Grouping }): Promise<FigurePart[]> {
      if (!input.periods.length) return [];
      const byAgency = input.grouping === 'agency';
      const rows = await db.$queryRaw<PartRow[]>`${withScope(input.scope, windowsSql(input.periods), ...figuresSql())}
        SELECT f."w", s."province", ${byAgency ? Prisma.sql`s."id"` : Prisma.sql`NULL`} AS "agencyId", s."wide", ${sumsSql()}
        FROM "figs" f JOIN "scope" s ON s."id" = f."agencyId"
        GROUP BY f."w", s."province", ${byAgency ? Prisma.sql`s."id", ` : Prisma.empty}s."wide"`;
      return rows.flatMap((r) =>
        NUMERIC.flatMap((metric, i): FigurePart[] => {
          const reporters = num(r[`n${i}`]);
          if (!reporters) return [];
          const group = byAgency ? String(r.agencyId) : r.province;
          return [{ period: input.periods[num(r.w)]!, province: r.province, group, wide: num(r.wide) === 1, metric, reporters, derived: num(r[`d${i}`]), total: num(r[`s${i}`]), weighed: num(r[`k${i}`]), labourForce: num(r[`l${i}`]), weighted: num(r[`x${i}`]), receivedAt: instant(r[`t${i}`]) }];
        }),
      );
    },

    /** How many agencies the scope has and how many sent anything for the period, per province or per agency. */
    async reporting(input: { scope: Scope; period: PeriodCode; grouping: Grouping }): Promise<{ group: string; province: string; agencies: number; reported: number }[]> {
      const byAgency = input.grouping === 'agency';
      const rows = await db.$queryRaw<{ province: string; id: number | null; agencies: unknown; reported: unknown }[]>`${withScope(input.scope)}
        SELECT s."province", ${byAgency ? Prisma.sql`s."id"` : Prisma.sql`NULL`} AS "id", COUNT(*) AS "agencies",
          SUM(CASE WHEN ${sentAnything(input.period)} THEN 1 ELSE 0 END) AS "reported"
        FROM "scope" s GROUP BY s."province"${byAgency ? Prisma.sql`, s."id"` : Prisma.empty}`;
      return rows.map((r) => ({ group: byAgency ? String(r.id) : r.province, province: r.province, agencies: num(r.agencies), reported: num(r.reported) }));
    },

    /** Every agency in scope that sent nothing for the period (any figure or note counts), with its code and province. */
    async notReported(input: { scope: Scope; period: PeriodCode }): Promise<(AgencyRef & { code: string; province: string })[]> {
      const rows = await db.$queryRaw<{ id: number; name: string; code: string; province: string }[]>`${withScope(input.scope)}
        SELECT s."id", s."name", s."code", s."province" FROM "scope" s WHERE NOT ${sentAnything(input.period)}`;
      return rows.map((r) => ({ id: Number(r.id), name: r.name, code: r.code, province: r.province }));
    },

    /** The notes of a series: per agency and window, for the file's note sheet. */
    async texts(input: { scope: Scope; periods: readonly PeriodCode[] }): Promise<SeriesText[]> {
      const found = await notes(input);
      return found.notes.map((n) => ({ group: String(n.agency.id), period: n.window, text: n.text, receivedAt: n.receivedAt }));
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
