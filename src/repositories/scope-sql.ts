import type { Scope } from '../domain/progress/types.js';
import { Prisma } from '../generated/sqlite/client.js';

/**
 * Agencies whose figures already stand for the whole province: the provincial social-insurance
 * office and the statistics office. Summaries use them instead of adding up the districts.
 */
export const PROVINCE_WIDE_KINDS = ['insurance', 'statistics'] as const;

/**
 * The SQL both databases run for summaries is written once: double-quoted identifiers, CASTs on
 * every parameter whose type PostgreSQL could not infer, window functions and recursive CTEs,
 * which SQLite has had since 3.25 and 3.8.3.
 */
export const int = (n: number) => Prisma.sql`CAST(${n} AS INTEGER)`;
export const text = (s: string | null) => Prisma.sql`CAST(${s} AS TEXT)`;

/** `VALUES (…), (…)` of typed rows, for a CTE with named columns. */
export function values(rows: readonly Prisma.Sql[][]): Prisma.Sql {
  return Prisma.sql`VALUES ${Prisma.join(rows.map((cells) => Prisma.sql`(${Prisma.join(cells)})`))}`;
}

export const list = (items: readonly string[]) => Prisma.join(items.map(text));

/**
 * `WITH RECURSIVE … scope AS (…)`: the active agencies a scope covers, with their name, code,
 * province and whether they speak for the whole province (`wide`), followed by `more` CTEs.
 * Merged agencies are left out: their duties moved to the agency they were merged into.
 */
export function withScope(scope: Scope, ...more: Prisma.Sql[]): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`a."mergedIntoId" IS NULL`];
  if (scope.province !== undefined) conditions.push(Prisma.sql`a."provinceCode" = ${text(scope.province)}`);
  if (scope.level !== undefined) conditions.push(Prisma.sql`a."level" = ${text(scope.level)}`);
  if (scope.agencyIds !== undefined) conditions.push(scope.agencyIds.length ? Prisma.sql`a."id" IN (${Prisma.join(scope.agencyIds.map(int))})` : Prisma.sql`1 = 0`);
  if (scope.under !== undefined) conditions.push(Prisma.sql`a."id" IN (SELECT "id" FROM "tree")`);
  const tree = scope.under === undefined ? [] : [Prisma.sql`"tree"("id") AS (SELECT "id" FROM "Agency" WHERE "id" = ${int(scope.under)} UNION SELECT c."id" FROM "Agency" c JOIN "tree" t ON c."parentId" = t."id")`];
  const wide = Prisma.sql`CASE WHEN a."kind" IN (${list(PROVINCE_WIDE_KINDS)}) THEN 1 ELSE 0 END`;
  const scopeCte = Prisma.sql`"scope" AS (SELECT a."id", a."name", a."code", a."provinceCode" AS "province", ${wide} AS "wide" FROM "Agency" a WHERE ${Prisma.join(conditions, ' AND ')})`;
  return Prisma.sql`WITH RECURSIVE ${Prisma.join([...tree, scopeCte, ...more], ',\n')}`;
}

/** Raw results: counts come back as bigint, aggregated instants as numbers on SQLite. */
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

export function instant(v: unknown): Date {
  if (v instanceof Date) return v;
  if (typeof v === 'bigint' || typeof v === 'number') return new Date(Number(v));
  return new Date(String(v));
}
