import { insertRows, updateRows } from '../db/chunks.js';
import type { Db } from '../db/connect.js';
import { markPlansChanged } from './planner-repo.js';
import { createAgencyCatalog } from './agency-catalog.js';
import type { AgencyDef } from '../domain/plans/types.js';
import type { Prisma } from '../generated/sqlite/client.js';

export type { AgencyInfo, ProvinceInfo } from './agency-catalog.js';

export function createAgenciesRepo(db: Db) {
  const catalog = createAgencyCatalog(db);

  return {
    list: catalog.list,
    byIds: catalog.byIds,
    byCode: catalog.byCode,
    survivor: catalog.survivor,
    provinces: catalog.provinces,
    province: catalog.province,
    async rename(id: number, name: string, byPersonId?: number): Promise<void> {
      await db.$transaction(async (tx) => {
        const before = await tx.agency.findUniqueOrThrow({ where: { id } });
        await tx.agency.update({ where: { id }, data: { name } });
        await tx.agencyEvent.create({ data: { agencyId: id, kind: 'renamed', detail: `${before.name} → ${name}`, byPersonId } });
      });
    },
    /** Folds `fromId` into `intoId`: the old record stays for history, its duties and focal points move. */
    async merge(fromId: number, intoId: number, byPersonId?: number): Promise<void> {
      await db.$transaction(async (tx) => {
        const into = await tx.agency.findUniqueOrThrow({ where: { id: intoId } });
        await tx.agency.update({ where: { id: fromId }, data: { mergedIntoId: intoId } });
        await tx.agency.updateMany({ where: { mergedIntoId: fromId }, data: { mergedIntoId: intoId } });
        await tx.role.updateMany({ where: { agencyId: fromId, kind: 'focal' }, data: { agencyId: intoId } });
        await tx.agencyEvent.create({ data: { agencyId: fromId, kind: 'merged', detail: `→ ${into.code}`, byPersonId } });
      });
      await markPlansChanged(db);
    },
    history: (id: number) => db.agencyEvent.findMany({ where: { agencyId: id }, orderBy: { id: 'asc' } }),
  };
}

export type AgenciesRepo = ReturnType<typeof createAgenciesRepo>;

/** The history kind of a name a plan file changed; a person's rename is `renamed`. */
const PLAN_RENAMED = 'plan-renamed';

/**
 * Brings the agencies a plan names into the database, inside the import's transaction, in sets: one read of the
 * rows there are, multi-row inserts of the new ones and their history, and a write for each agency whose kind,
 * note or name the file changed. Agencies belong to the province, not the plan: a name a person gave (a `renamed`
 * event) wins over the file's. Returns every named agency's id by code.
 */
export async function savePlanAgencies(tx: Prisma.TransactionClient, plan: { code: string; province: string; agencies: AgencyDef[] }): Promise<Map<string, number>> {
  const rows = await tx.agency.findMany({ where: { code: { in: plan.agencies.map((a) => a.code) } }, select: { id: true, code: true, name: true, kind: true, note: true } });
  const stored = new Map(rows.map((r) => [r.code, r]));
  const ids = new Map(rows.map((r) => [r.code, r.id]));
  // Dates given, not left to the column default: Prisma stores SQLite's as milliseconds, the default as text.
  const now = new Date();

  const fresh = plan.agencies.filter((a) => !stored.has(a.code));
  if (fresh.length) {
    const created = await insertRows<{ id: number; code: string }>(tx, 'Agency', ['code', 'name', 'kind', 'note', 'provinceCode', 'createdAt'],
      fresh.map((a) => [a.code, a.name, a.kind, a.note ?? null, plan.province, now]), ['id', 'code']);
    for (const c of created) ids.set(c.code, Number(c.id));
    await insertRows(tx, 'AgencyEvent', ['agencyId', 'kind', 'detail', 'at'], created.map((c) => [Number(c.id), 'created', `plan ${plan.code}`, now]));
  }

  const changed = plan.agencies.flatMap((a) => {
    const row = stored.get(a.code);
    return row && (row.name !== a.name || row.kind !== a.kind || row.note !== (a.note ?? null)) ? [{ def: a, row }] : [];
  });
  if (!changed.length) return ids;
  const renamedByPerson = new Set((await tx.agencyEvent.findMany({
    where: { agencyId: { in: changed.filter((c) => c.row.name !== c.def.name).map((c) => c.row.id) }, kind: 'renamed' },
    select: { agencyId: true },
  })).map((e) => e.agencyId));
  const updates = changed
    .map(({ def, row }) => ({ row, name: renamedByPerson.has(row.id) ? row.name : def.name, kind: def.kind, note: def.note ?? null }))
    .filter((u) => u.name !== u.row.name || u.kind !== u.row.kind || u.note !== u.row.note);
  // A reorganisation renames every commune at once: one statement per slice, not one per agency.
  await updateRows(tx, 'Agency', 'id', ['name', 'kind', 'note'], updates.map((u) => [u.row.id, u.name, u.kind, u.note]));
  const renames = updates.filter((u) => u.name !== u.row.name);
  await insertRows(tx, 'AgencyEvent', ['agencyId', 'kind', 'detail', 'at'], renames.map((u) => [u.row.id, PLAN_RENAMED, `plan ${plan.code}: ${u.row.name} → ${u.name}`, now]));
  return ids;
}
