import { insertRows, readInChunks, updateRows } from '../db/chunks.js';
import type { Db } from '../db/connect.js';
import { DEFAULT_LEVEL, type AgencyLevel } from '../domain/agencies/levels.js';
import type { Scope } from '../domain/progress/types.js';
import { markPlansChanged } from './planner-repo.js';
import { createAgencyCatalog, STAMP_COLUMNS, stampOf, type StampRow } from './agency-catalog.js';
import type { AgencyDef } from '../domain/plans/types.js';
import type { Prisma } from '../generated/sqlite/client.js';
import { withScope } from './scope-sql.js';

export type { AgencyInfo, ProvinceInfo } from './agency-catalog.js';

/** The setting that holds which reorganisation file was applied, and over what. */
const REORGANISED = 'reorganisation.applied';

/** Why a parent was refused: an agency cannot sit under itself or under one of its own. */
export type ParentRefusal = 'self' | 'cycle';

export function createAgenciesRepo(db: Db) {
  const catalog = createAgencyCatalog(db);

  return {
    list: catalog.list,
    byIds: catalog.byIds,
    byCode: catalog.byCode,
    survivor: catalog.survivor,
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
    provinceNow: catalog.provinceNow,
    /**
     * One province merged into another (NQ 202/2025/QH15: Bình Phước into Đồng Nai from 1/7/2025): its agencies (codes
     * kept), plans (codes and targets kept), supervisors and open invites move to the surviving province, which is
     * created or given today's `name`; the old row keeps its own name (`was`, when given) and records the merge with its
     * date and basis, and each moved agency's history says so. Provinces merged into the old one follow. Agencies and
     * plans imported later under the old code land in the survivor (plans-repo).
     */
    async mergeProvince(input: { from: string; into: string; name: string; was?: string; effectiveOn: string; basis: string; byPersonId?: number; now: Date }): Promise<void> {
      const { from, into } = input;
      await db.$transaction(async (tx) => {
        const survivor = await tx.province.findUnique({ where: { code: into } });
        if (!survivor) await tx.province.create({ data: { code: into, name: input.name } });
        else if (survivor.name !== input.name) {
          await tx.province.update({ where: { code: into }, data: { name: input.name } });
          const ids = (await tx.agency.findMany({ where: { provinceCode: into }, select: { id: true } })).map((a) => a.id);
          await insertRows(tx, 'AgencyEvent', ['agencyId', 'kind', 'detail', 'effectiveOn', 'byPersonId', 'at'], ids.map((id) => [id, 'province-renamed', `${survivor.name} → ${input.name}`, input.effectiveOn, input.byPersonId ?? null, input.now]));
        }
        const merged = { mergedIntoCode: into, mergedOn: input.effectiveOn, mergeBasis: input.basis };
        await tx.province.upsert({ where: { code: from }, create: { code: from, name: input.was ?? from, ...merged }, update: { ...(input.was ? { name: input.was } : {}), ...merged } });
        await tx.province.updateMany({ where: { mergedIntoCode: from }, data: { mergedIntoCode: into } });
        const moved = (await tx.agency.findMany({ where: { provinceCode: from }, select: { id: true } })).map((a) => a.id);
        await tx.agency.updateMany({ where: { provinceCode: from }, data: { provinceCode: into } });
        await insertRows(tx, 'AgencyEvent', ['agencyId', 'kind', 'detail', 'effectiveOn', 'byPersonId', 'at'], moved.map((id) => [id, 'province-merged', `${from} → ${into} (${input.basis})`, input.effectiveOn, input.byPersonId ?? null, input.now]));
        await tx.plan.updateMany({ where: { provinceCode: from }, data: { provinceCode: into } });
        // A supervisor of both keeps one role; the others' scope follows the province.
        const both = (await tx.role.findMany({ where: { kind: 'supervisor', provinceCode: into }, select: { personId: true } })).map((r) => r.personId);
        await tx.role.deleteMany({ where: { kind: 'supervisor', provinceCode: from, personId: { in: both } } });
        await tx.role.updateMany({ where: { kind: 'supervisor', provinceCode: from }, data: { provinceCode: into } });
        await tx.invite.updateMany({ where: { provinceCode: from }, data: { provinceCode: into } });
      });
      await markPlansChanged(db);
    },
    /**
     * What was in place when a reorganisation file was last applied (`applied`, as stored by `setReorganised`) and what
     * is in place now (`now`): every change to agencies or provinces writes history, so the count and last id of the
     * events and the number of provinces and of merged ones tell. One query, whatever the number of agencies.
     */
    async reorganisationState(): Promise<{ applied: string | null; now: string }> {
      const [row] = await db.$queryRaw<(StampRow & { applied: string | null })[]>`
        SELECT (SELECT "value" FROM "SchedulerSetting" WHERE "name" = ${REORGANISED}) AS "applied", ${STAMP_COLUMNS}`;
      return { applied: row?.applied ?? null, now: stampOf(row) };
    },
    async setReorganised(value: string): Promise<void> {
      await db.schedulerSetting.upsert({ where: { name: REORGANISED }, create: { name: REORGANISED, value }, update: { value } });
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
    /** Active agencies of a scope that nobody answers for: no focal point has been invited for them. */
    async withoutFocal(scope: Scope): Promise<{ id: number; name: string; code: string; province: string }[]> {
      const rows = await db.$queryRaw<{ id: number; name: string; code: string; province: string }[]>`${withScope(scope)}
        SELECT s."id", s."name", s."code", s."province" FROM "scope" s JOIN "Agency" a ON a."id" = s."id"
        WHERE a."endedOn" IS NULL AND NOT EXISTS (SELECT 1 FROM "Role" r WHERE r."agencyId" = s."id" AND r."kind" = 'focal')`;
      return rows.map((r) => ({ ...r, id: Number(r.id) }));
    },
    /** Whether active agencies sit under this one: a summary of it is then a summary of the group. */
    async hasChildren(id: number): Promise<boolean> {
      return (await db.agency.count({ where: { parentId: id, mergedIntoId: null } })) > 0;
    },
    async setLevel(id: number, level: AgencyLevel, byPersonId?: number): Promise<void> {
      await db.$transaction(async (tx) => {
        const before = await tx.agency.findUniqueOrThrow({ where: { id } });
        await tx.agency.update({ where: { id }, data: { level } });
        await tx.agencyEvent.create({ data: { agencyId: id, kind: 'level', detail: `${before.level} → ${level}`, byPersonId } });
      });
    },
    /**
     * Puts an agency under another (or under none): it then belongs to the parent's province, as a
     * commune moved by a change of boundaries does. Refused when the parent is the agency or one of its own.
     */
    async setParent(id: number, parentId: number | null, byPersonId?: number): Promise<ParentRefusal | undefined> {
      if (parentId === id) return 'self';
      return db.$transaction(async (tx) => {
        for (let at = parentId; at !== null; at = (await tx.agency.findUniqueOrThrow({ where: { id: at } })).parentId) if (at === id) return 'cycle';
        const before = await tx.agency.findUniqueOrThrow({ where: { id }, include: { parent: true } });
        const parent = parentId === null ? null : await tx.agency.findUniqueOrThrow({ where: { id: parentId } });
        await tx.agency.update({ where: { id }, data: { parentId, ...(parent ? { provinceCode: parent.provinceCode } : {}) } });
        await tx.agencyEvent.create({ data: { agencyId: id, kind: 'parent', detail: `${before.parent?.code ?? '–'} → ${parent?.code ?? '–'}`, byPersonId } });
        return undefined;
      });
    },
  };
}

export type AgenciesRepo = ReturnType<typeof createAgenciesRepo>;

/**
 * Copies what people did about `fromId`'s deadlines to the same deadlines of `intoId` (occurrence keys name the
 * agency): states field by field, the survivor's own kept where it has one, and the record of every step sent, so
 * the planner sees them done, acknowledged or snoozed, and already sent. The old rows stay as history. The log and extensions move.
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
  // The log and extensions move rather than copy: the log stays whole under the survivor, a pending extension is
  // answered for the survivor's deadline, an approved one keeps moving its ladder, and nothing is counted twice.
  await tx.$executeRaw`UPDATE "DeadlineEvent" SET "occurrenceKey" = REPLACE("occurrenceKey", ${from}, ${into}), "agencyId" = ${intoId} WHERE "agencyId" = ${fromId}`;
  await tx.$executeRaw`UPDATE "Extension" SET "occurrenceKey" = REPLACE("occurrenceKey", ${from}, ${into}), "agencyId" = ${intoId} WHERE "agencyId" = ${fromId}`;
}

/** The history kind of a name a plan file changed; a person's rename is `renamed`. */
const PLAN_RENAMED = 'plan-renamed';
/** The history kinds of a level or parent a plan file changed; a person's are `level` and `parent`. */
const PLAN_LEVEL = 'plan-level';
const PLAN_PARENT = 'plan-parent';

/**
 * Brings the agencies a plan names into the database, inside the import's transaction, in sets: one read of the
 * rows there are, multi-row inserts of the new ones and their history, and a write for each agency whose kind,
 * note or name the file changed. Agencies belong to the province, not the plan: a name a person gave (a `renamed`
 * event) wins over the file's. Returns every named agency's id by code.
 */
export async function savePlanAgencies(tx: Prisma.TransactionClient, plan: { code: string; province: string; agencies: AgencyDef[] }): Promise<Map<string, number>> {
  const rows = await tx.agency.findMany({ where: { code: { in: plan.agencies.map((a) => a.code) } }, select: { id: true, code: true, name: true, kind: true, note: true, level: true, parentId: true } });
  const stored = new Map(rows.map((r) => [r.code, r]));
  const ids = new Map(rows.map((r) => [r.code, r.id]));
  // Dates given, not left to the column default: Prisma stores SQLite's as milliseconds, the default as text.
  const now = new Date();

  const fresh = plan.agencies.filter((a) => !stored.has(a.code));
  if (fresh.length) {
    const created = await insertRows<{ id: number; code: string }>(tx, 'Agency', ['code', 'name', 'kind', 'note', 'level', 'provinceCode', 'createdAt'],
      fresh.map((a) => [a.code, a.name, a.kind, a.note ?? null, a.level ?? DEFAULT_LEVEL, plan.province, now]), ['id', 'code']);
    for (const c of created) ids.set(c.code, Number(c.id));
    await insertRows(tx, 'AgencyEvent', ['agencyId', 'kind', 'detail', 'at'], created.map((c) => [Number(c.id), 'created', `plan ${plan.code}`, now]));
  }
  await savePlanLevels(tx, plan, { stored, ids, now });

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

/**
 * The level and parent the plan gives each agency: a level or parent a person set (a `level` or `parent` event) is
 * kept, one nobody changed follows the plan (so a plan updated with levels gives them to agencies created before).
 * Agencies that move to the same level and parent are updated together: a plan of a province's communes is a few
 * statements. A change to an agency that was there before is written to its history, which the agency catalog
 * watches.
 */
async function savePlanLevels(
  tx: Prisma.TransactionClient,
  plan: { code: string; agencies: AgencyDef[] },
  known: { stored: Map<string, { id: number; level: string; parentId: number | null }>; ids: Map<string, number>; now: Date },
): Promise<void> {
  const { stored, ids, now } = known;
  const wanted = plan.agencies.flatMap((a) => {
    const id = ids.get(a.code)!;
    const row = stored.get(a.code) ?? { id, level: a.level ?? DEFAULT_LEVEL, parentId: null };
    const level = a.level ?? row.level;
    const parentId = a.parent === undefined ? row.parentId : ids.get(a.parent)!;
    return level === row.level && parentId === row.parentId ? [] : [{ row, fresh: !stored.has(a.code), level, parentId }];
  });
  if (!wanted.length) return;
  const before = wanted.filter((w) => !w.fresh).map((w) => w.row.id);
  const events = await readInChunks(before, (slice) => tx.agencyEvent.findMany({ where: { agencyId: { in: slice }, kind: { in: ['level', 'parent'] } }, select: { agencyId: true, kind: true } }));
  const edited = new Set(events.map((e) => `${e.kind}:${e.agencyId}`));
  const codeOf = new Map([...ids].map(([code, id]) => [id, code]));
  const parentCode = (id: number | null) => (id === null ? '–' : (codeOf.get(id) ?? String(id)));
  const moves = new Map<string, { level: string; parentId: number | null; ids: number[] }>();
  const history: [number, string, string, Date][] = [];
  for (const w of wanted) {
    const level = edited.has(`level:${w.row.id}`) ? w.row.level : w.level;
    const parentId = edited.has(`parent:${w.row.id}`) ? w.row.parentId : w.parentId;
    if (level === w.row.level && parentId === w.row.parentId) continue;
    const key = `${level}:${parentId}`;
    (moves.get(key) ?? moves.set(key, { level, parentId, ids: [] }).get(key)!).ids.push(w.row.id);
    if (w.fresh) continue;
    if (level !== w.row.level) history.push([w.row.id, PLAN_LEVEL, `plan ${plan.code}: ${w.row.level} → ${level}`, now]);
    if (parentId !== w.row.parentId) history.push([w.row.id, PLAN_PARENT, `plan ${plan.code}: ${parentCode(w.row.parentId)} → ${parentCode(parentId)}`, now]);
  }
  for (const move of moves.values()) {
    await readInChunks(move.ids, async (slice) => [await tx.agency.updateMany({ where: { id: { in: slice } }, data: { level: move.level, parentId: move.parentId } })]);
  }
  await insertRows(tx, 'AgencyEvent', ['agencyId', 'kind', 'detail', 'at'], history);
}
