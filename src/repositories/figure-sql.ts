import { windowOf } from '../domain/progress/figures.js';
import { METRICS } from '../domain/progress/metrics.js';
import { toPeriod, type PeriodCode } from '../domain/progress/period.js';
import { Prisma } from '../generated/sqlite/client.js';
import { storedPeriod } from './stored-period.js';
import { int, list, text, values } from './scope-sql.js';

const FLOW_METRICS = METRICS.filter((m) => m.nature === 'flow').map((m) => m.id);
const FLOW_RANK = { month: 1, quarter: 2, half: 3, year: 4 } as const;

/**
 * Each agency's figure for each of `windows` from its current values (those `where` keeps, a
 * condition on ProgressCurrent `c`), by the rules of domain/progress/figures.ts (agencyFigure):
 * - a level (and a note) is the value of the part ending last; on the same end, the newer, then the longer part;
 * - a flow is the window's own value, else the sum of its months, else of its quarters, else of its halves.
 * Rows as ProgressFigure holds them: agencyId, window, metric, value, text, receivedAt, period (all stored codes).
 */
export function windowFiguresSql(windows: readonly PeriodCode[], where: Prisma.Sql): Prisma.Sql {
  const parts = windows.flatMap((code) => {
    const window = windowOf(toPeriod(code));
    return window.parts.map((part, ord) => [text(storedPeriod(code)), text(storedPeriod(part.code)), int(part.end), int(ord), int(part.code === window.code ? 0 : FLOW_RANK[part.kind])]);
  });
  return Prisma.sql`WITH "parts"("window", "period", "pend", "ord", "pri") AS (${values(parts)}),
    "cur" AS (SELECT p."window", p."pend", p."ord", p."pri", c."agencyId", c."metric", c."value", c."text", c."receivedAt", c."period"
      FROM "parts" p JOIN "ProgressCurrent" c ON c."period" = p."period" WHERE ${where})
    SELECT "agencyId", "window", "metric", "value", "text", "receivedAt", "period" FROM (
      SELECT "agencyId", "window", "metric", "value", "text", "receivedAt", "period",
        ROW_NUMBER() OVER (PARTITION BY "agencyId", "window", "metric" ORDER BY "pend" DESC, "receivedAt" DESC, "ord") AS "rn"
      FROM "cur" WHERE "metric" NOT IN (${list(FLOW_METRICS)})) lvl WHERE "rn" = 1
    UNION ALL
    SELECT "agencyId", "window", "metric", "value", NULL, "receivedAt", "window" FROM (
      SELECT "agencyId", "window", "metric", "value", "receivedAt", ROW_NUMBER() OVER (PARTITION BY "agencyId", "window", "metric" ORDER BY "pri") AS "rn" FROM (
        SELECT "agencyId", "window", "metric", "pri", SUM("value") AS "value", MAX("receivedAt") AS "receivedAt"
        FROM "cur" WHERE "metric" IN (${list(FLOW_METRICS)}) AND "value" IS NOT NULL GROUP BY "agencyId", "window", "metric", "pri") k) flw WHERE "rn" = 1`;
}

export const FIGURE_COLUMNS = Prisma.sql`("agencyId", "window", "metric", "value", "text", "receivedAt", "period")`;
