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
    provinces: catalog.provinces,
    province: catalog.province,
    async rename(id: number, name: string, byPersonId?: number, effectiveOn?: string): Promise<void> {
      await db.$transaction(async (tx) => {
        const before = await tx.agency.findUniqueOrThrow({ where: { id } });
        await tx.agency.update({ where: { id }, data: { name } });
        await tx.agencyEvent.create({ data: { agencyId: id, kind: 'renamed', detail: `${before.name} → ${name}`, byPersonId, effectiveOn: effectiveOn ?? null } });
      });
    },
    /**
     * A province takes today's name (NQ 202/2025/QH15 merged provinces); its code, plans and targets stay. Each of its
     * agencies' history says so, which also tells every instance's catalog that names changed.
     */
    async renameProvince(code: string, name: string, effectiveOn?: string): Promise<void> {
      await db.$transaction(async (tx) => {
        const before = await tx.province.findUniqueOrThrow({ where: { code } });
        await tx.province.update({ where: { code }, data: { name } });
        const ids = (await tx.agency.findMany({ where: { provinceCode: code }, select: { id: true } })).map((a) => a.id);
        await insertRows(tx, 'AgencyEvent', ['agencyId', 'kind', 'detail', 'effectiveOn', 'at'], ids.map((id) => [id, 'province-renamed', `${before.name} → ${name}`, effectiveOn ?? null, new Date()]));
      });
    },
    /** Agencies that ended with nobody named to take over their duties (a supervisor names them with /donvi giao). */
    async endedWithoutSuccessor(province?: string): Promise<{ id: number; code: string; name: string; endedOn: string }[]> {
      const rows = await db.agency.findMany({ where: { endedOn: { not: null }, ...(province ? { provinceCode: province } : {}) }, select: { id: true, code: true, name: true, endedOn: true }, orderBy: { code: 'asc' } });
      const taken = new Set((await db.agencySuccessor.findMany({ where: { fromId: { in: rows.map((r) => r.id) } }, select: { fromId: true } })).map((r) => r.fromId));
      return rows.filter((r) => !taken.has(r.id)).map((r) => ({ id: r.id, code: r.code, name: r.name, endedOn: r.endedOn! }));
    },
    /**
     * Folds `fromId` into `intoId`: the old record stays for history, its duties and focal points move, and so does
     * what people did about its deadlines (done, acknowledged, snoozed, steps sent), so nothing reopens or repeats.
     */
    async merge(fromId: number, intoId: number, byPersonId?: number, effectiveOn?: string): Promise<void> {
      await db.$transaction(async (tx) => {
        const into = await tx.agency.findUniqueOrThrow({ where: { id: intoId } });
        await tx.agency.update({ where: { id: fromId }, data: { mergedIntoId: intoId } });
        await tx.agency.updateMany({ where: { mergedIntoId: fromId }, data: { mergedIntoId: intoId } });
        await tx.role.updateMany({ where: { agencyId: fromId, kind: 'focal' }, data: { agencyId: intoId } });
        await carryOver(tx, fromId, intoId);
        await tx.agencyEvent.create({ data: { agencyId: fromId, kind: 'merged', detail: `→ ${into.code}`, byPersonId, effectiveOn: effectiveOn ?? null } });
      });
      await markPlansChanged(db);
    },
    /**
     * A body that ended (the district level on 1/7/2025) hands its duties to the bodies a supervisor names, each of
     * which takes over its deadlines with what people did about them. With none named, its reminders stop.
     */
    async reassign(fromId: number, toIds: readonly number[], options: { effectiveOn: string; byPersonId?: number; now: Date }): Promise<void> {
      await db.$transaction(async (tx) => {
        const to = await tx.agency.findMany({ where: { id: { in: [...toIds] } }, select: { id: true, code: true } });
        await tx.agency.update({ where: { id: fromId }, data: { endedOn: options.effectiveOn } });
        for (const t of to) {
          await tx.agencySuccessor.upsert({
            where: { fromId_toId: { fromId, toId: t.id } },
            create: { fromId, toId: t.id, effectiveOn: options.effectiveOn, byPersonId: options.byPersonId ?? null, at: options.now },
            update: { effectiveOn: options.effectiveOn },
          });
          await carryOver(tx, fromId, t.id);
        }
        const detail = to.length ? `→ ${to.map((t) => t.code).join(', ')}` : '';
        await tx.agencyEvent.create({ data: { agencyId: fromId, kind: to.length ? 'reassigned' : 'ended', detail, byPersonId: options.byPersonId, effectiveOn: options.effectiveOn, at: options.now } });
      });
      await markPlansChanged(db);
    },
    /** The bodies that took over each ended agency's duties. */
    async successors(): Promise<Map<number, number[]>> {
      const rows = await db.agencySuccessor.findMany({ orderBy: [{ fromId: 'asc' }, { toId: 'asc' }] });
      const out = new Map<number, number[]>();
      for (const r of rows) out.set(r.fromId, [...(out.get(r.fromId) ?? []), r.toId]);
      return out;
    },
    history: (id: number) => db.agencyEvent.findMany({ where: { agencyId: id }, orderBy: { id: 'asc' } }),
  };
}

export type AgenciesRepo = ReturnType<typeof createAgenciesRepo>;

/**
 * Copies what people did about `fromId`'s deadlines to the same deadlines of `intoId` (occurrence keys name the
 * agency): states field by field, the survivor's own kept where it has one, and the record of every step sent, so
 * the planner sees them done, acknowledged or snoozed, and already sent. The old rows stay as history.
 */
async function carryOver(tx: Prisma.TransactionClient, fromId: number, intoId: number): Promise<void> {
  const from = `:${fromId}:`;
  const into = `:${intoId}:`;
  const like = `%${from}%`;
  // Keys are taskId:agencyId:YYYY-MM-DD: the agency is the only number between two colons.
  await tx.$executeRaw`INSERT INTO "OccurrenceState" ("key", "taskId", "agencyId", "dueOn", "acknowledgedAt", "snoozedUntil", "doneAt", "byPersonId", "updatedAt")
    SELECT REPLACE(s."key", ${from}, ${into}), s."taskId", ${intoId}, s."dueOn", s."acknowledgedAt", s."snoozedUntil", s."doneAt", s."byPersonId", s."updatedAt"
    FROM "OccurrenceState" s WHERE s."agencyId" = ${fromId}
    ON CONFLICT ("key") DO UPDATE SET
      "acknowledgedAt" = COALESCE("OccurrenceState"."acknowledgedAt", excluded."acknowledgedAt"),
      "snoozedUntil" = COALESCE("OccurrenceState"."snoozedUntil", excluded."snoozedUntil"),
      "doneAt" = COALESCE("OccurrenceState"."doneAt", excluded."doneAt")`;
  await tx.$executeRaw`INSERT INTO "ReminderStep" ("occurrenceKey", "personId", "step", "outboxId", "recordedAt")
    SELECT REPLACE(r."occurrenceKey", ${from}, ${into}), r."personId", r."step", r."outboxId", r."recordedAt"
    FROM "ReminderStep" r WHERE r."occurrenceKey" LIKE ${like}
    ON CONFLICT ("occurrenceKey", "personId", "step") DO NOTHING`;
}

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
