import { insertRows } from '../db/chunks.js';
import type { Db } from '../db/connect.js';
import { markPlansChanged } from './planner-repo.js';
import type { PlanDef, TargetDef, TaskDef } from '../domain/plans/types.js';
import type { Prisma } from '../generated/sqlite/client.js';
import { savePlanAgencies } from './agencies-repo.js';
import type { Recurrence } from '../domain/plans/recurrence.js';
import { resolveLadder, type Ladder } from '../domain/reminders/ladder.js';
import type { ScheduledTask } from '../domain/reminders/occurrence.js';

export type ImportOutcome = 'created' | 'updated' | 'unchanged';

export interface TaskInfo {
  id: number;
  code: string;
  title: string;
  planCode: string;
  document: string;
  planTitle: string;
  issuer: string;
  issuedOn: string;
  province: string;
  recurrence: Recurrence;
  source: string;
}

export interface DayChange {
  kind: 'confirmed' | 'changed';
  before: Recurrence;
  after: Recurrence;
  byPersonId: number | null;
  at: Date;
}

/** The recurrence in force: a supervisor's confirmed or changed one wins over the plan file's. */
const recurrenceOf = (t: { recurrence: string; confirmedRecurrence: string | null }) => JSON.parse(t.confirmedRecurrence ?? t.recurrence) as Recurrence;

export function createPlansRepo(db: Db, defaults: { ladder: Partial<Ladder> }) {
  async function importPlan(plan: PlanDef, contentHash: string): Promise<ImportOutcome> {
    const existing = await db.plan.findUnique({ where: { code: plan.code }, select: { contentHash: true } });
    if (existing?.contentHash === contentHash) return 'unchanged';
    await db.$transaction(async (tx) => {
      if (!(await tx.province.findUnique({ where: { code: plan.province } }))) await tx.province.create({ data: { code: plan.province, name: plan.provinceName } });
      const agencyIds = await savePlanAgencies(tx, plan);
      const fields = { title: plan.title, document: plan.document, issuedOn: plan.issuedOn, issuer: plan.issuer, provinceCode: plan.province, seed: plan.seed, notes: plan.notes ?? null, ladder: plan.ladder ? JSON.stringify(plan.ladder) : null, contentHash };
      const saved = await tx.plan.upsert({ where: { code: plan.code }, create: { code: plan.code, ...fields }, update: fields });
      await saveTasks(tx, saved.id, plan.tasks, agencyIds);
      await saveTargets(tx, saved.id, plan.targets);
    }, { timeout: IMPORT_TIMEOUT_MS, maxWait: IMPORT_TIMEOUT_MS });
    await markPlansChanged(db);
    return existing ? 'updated' : 'created';
  }

  /**
   * Every task with the agencies that owe it, ready for the reminder engine. Merged agencies' work goes to the
   * survivor. Three reads whatever the plans' size: the tasks (with their plans and ad hoc dates), the lead
   * assignments as bare pairs, and the few merged agencies.
   */
  async function scheduledTasks(): Promise<ScheduledTask[]> {
    const [tasks, leads, changed, successorRows] = await Promise.all([
      db.task.findMany({ include: { plan: true, adhocDates: true }, orderBy: { id: 'asc' } }),
      db.taskAgency.findMany({ where: { role: 'lead' }, select: { taskId: true, agencyId: true }, orderBy: [{ taskId: 'asc' }, { agencyId: 'asc' }] }),
      db.agency.findMany({ where: { OR: [{ mergedIntoId: { not: null } }, { endedOn: { not: null } }] }, select: { id: true, mergedIntoId: true, endedOn: true } }),
      db.agencySuccessor.findMany({ select: { fromId: true, toId: true } }),
    ]);
    const survivor = new Map(changed.flatMap((a) => (a.mergedIntoId ? [[a.id, a.mergedIntoId] as const] : [])));
    const ended = new Set(changed.filter((a) => a.endedOn).map((a) => a.id));
    const successors = new Map<number, number[]>();
    for (const r of successorRows) successors.set(r.fromId, [...(successors.get(r.fromId) ?? []), r.toId]);
    const current = (id: number) => survivor.get(id) ?? id;
    // Who owes a lead's work today: the survivor of a merge, the successors of an ended body (none: nobody).
    const owing = (id: number): number[] => (ended.has(id) ? (successors.get(id) ?? []).map(current) : [current(id)]);
    const owners = new Map<number, Set<number>>();
    for (const l of leads) {
      const set = owners.get(l.taskId) ?? owners.set(l.taskId, new Set()).get(l.taskId)!;
      for (const id of owing(l.agencyId)) set.add(id);
    }
    return tasks.map((t) => ({
      taskId: t.id,
      title: t.title,
      planCode: t.plan.code,
      province: t.plan.provinceCode,
      recurrence: recurrenceOf(t),
      ladder: resolveLadder(defaults.ladder, parse(t.plan.ladder), parse(t.ladder)),
      agencyIds: [...(owners.get(t.id) ?? [])],
      adhocDates: t.adhocDates.map((d) => d.dueOn),
    }));
  }

  async function taskInfo(ids: number[]): Promise<Map<number, TaskInfo>> {
    const rows = await db.task.findMany({ where: { id: { in: ids } }, include: { plan: true } });
    return new Map(rows.map((t) => [t.id, { id: t.id, code: t.code, title: t.title, planCode: t.plan.code, document: t.plan.document, planTitle: t.plan.title, issuer: t.plan.issuer, issuedOn: t.plan.issuedOn, province: t.plan.provinceCode, recurrence: recurrenceOf(t), source: t.source }]));
  }

  return {
    importPlan,
    /** The content hash of every imported plan, with its code: a file whose text is unchanged need not be read again. */
    importedHashes: async (): Promise<Map<string, string>> => new Map((await db.plan.findMany({ select: { code: true, contentHash: true } })).map((p) => [p.contentHash, p.code])),
    scheduledTasks,
    taskInfo,
    listPlans: () => db.plan.findMany({ orderBy: { code: 'asc' }, include: { _count: { select: { tasks: true, targets: true } } } }),
    findTask: (planCode: string, taskCode: string) => db.task.findFirst({ where: { code: taskCode, plan: { code: planCode } }, include: { plan: true } }),
    /**
     * A supervisor confirms a task's day (`after` is the same days, no longer assumed) or changes it: the new
     * recurrence is kept beside the plan file's, so a re-import does not undo it, and the change goes to history.
     */
    async setDay(input: { taskId: number; kind: DayChange['kind']; after: Recurrence; byPersonId?: number; now: Date }): Promise<void> {
      await db.$transaction(async (tx) => {
        const task = await tx.task.findUniqueOrThrow({ where: { id: input.taskId }, select: { recurrence: true, confirmedRecurrence: true } });
        const after = JSON.stringify(input.after);
        await tx.task.update({ where: { id: input.taskId }, data: { confirmedRecurrence: after } });
        await tx.taskDateChange.create({ data: { taskId: input.taskId, kind: input.kind, before: JSON.stringify(recurrenceOf(task)), after, byPersonId: input.byPersonId ?? null, at: input.now } });
      });
      await markPlansChanged(db);
    },
    async dayHistory(taskId: number): Promise<DayChange[]> {
      const rows = await db.taskDateChange.findMany({ where: { taskId }, orderBy: { id: 'asc' } });
      return rows.map((r) => ({ kind: r.kind as DayChange['kind'], before: JSON.parse(r.before) as Recurrence, after: JSON.parse(r.after) as Recurrence, byPersonId: r.byPersonId, at: r.at }));
    },
    async setAdhocDate(input: { taskId: number; dueOn: string; note?: string; setBy?: number }): Promise<void> {
      await db.adhocDate.upsert({ where: { taskId_dueOn: { taskId: input.taskId, dueOn: input.dueOn } }, create: input, update: { note: input.note } });
      await markPlansChanged(db);
    },
  };
}

/**
 * Interactive transactions end after Prisma's 5 s by default, which a plan of thousands of agencies outlived on
 * PostgreSQL when it was written a row at a time. Written in sets, 10,000 agencies take seconds; the margin is for
 * a busy machine.
 */
const IMPORT_TIMEOUT_MS = 120_000;

/** Who owes what: the agencies of each task and role ("lead", "coordinating"), keyed `taskId role`. */
type Owing = Map<string, { taskId: number; role: string; agencyIds: Set<number> }>;

function owe(owing: Owing, taskId: number, role: string, agencyId: number): void {
  const key = `${taskId} ${role}`;
  const entry = owing.get(key) ?? owing.set(key, { taskId, role, agencyIds: new Set() }).get(key)!;
  entry.agencyIds.add(agencyId);
}

/** The plan's tasks and who owes them: only the tasks and assignments the file changed are written. */
async function saveTasks(tx: Prisma.TransactionClient, planId: number, tasks: TaskDef[], agencyIds: Map<string, number>): Promise<void> {
  const stored = new Map((await tx.task.findMany({ where: { planId } })).map((t) => [t.code, t]));
  const wanted: Owing = new Map();
  for (const t of tasks) {
    const data = { title: t.title, recurrence: JSON.stringify(t.recurrence), ladder: t.ladder ? JSON.stringify(t.ladder) : null, source: t.source, reportTo: JSON.stringify(t.reportTo) };
    const row = stored.get(t.code);
    const same = row && (Object.keys(data) as (keyof typeof data)[]).every((k) => row[k] === data[k]);
    const id = row ? row.id : (await tx.task.create({ data: { planId, code: t.code, ...data }, select: { id: true } })).id;
    if (row && !same) await tx.task.update({ where: { id }, data });
    for (const c of t.lead) owe(wanted, id, 'lead', agencyIds.get(c)!);
    for (const c of t.coordinating) owe(wanted, id, 'coordinating', agencyIds.get(c)!);
  }
  const have: Owing = new Map();
  const links = await tx.taskAgency.findMany({ where: { taskId: { in: [...new Set([...wanted.values()].map((w) => w.taskId))] } }, select: { taskId: true, agencyId: true, role: true } });
  for (const l of links) owe(have, l.taskId, l.role, l.agencyId);

  const added: [number, number, string][] = [];
  for (const [key, { taskId, role, agencyIds: ids }] of wanted) {
    const had = have.get(key)?.agencyIds;
    for (const id of ids) if (!had?.has(id)) added.push([taskId, id, role]);
  }
  await insertRows(tx, 'TaskAgency', ['taskId', 'agencyId', 'role'], added);
  for (const [key, { taskId, role, agencyIds: ids }] of have) {
    const still = wanted.get(key)?.agencyIds;
    const gone = [...ids].filter((id) => !still?.has(id));
    if (gone.length) await tx.taskAgency.deleteMany({ where: { taskId, role, agencyId: { in: gone } } });
  }
}

/** The plan's targets by metric and year: new ones added, changed ones updated, dropped ones deleted. */
async function saveTargets(tx: Prisma.TransactionClient, planId: number, targets: TargetDef[]): Promise<void> {
  const key = (t: { metric: string; year: number }) => `${t.metric}/${t.year}`;
  const stored = new Map((await tx.target.findMany({ where: { planId } })).map((t) => [key(t), t]));
  const fresh: TargetDef[] = [];
  for (const t of targets) {
    const row = stored.get(key(t));
    stored.delete(key(t));
    if (!row) fresh.push(t);
    else if (row.value !== t.value || row.comparator !== t.comparator || row.source !== t.source) {
      await tx.target.update({ where: { id: row.id }, data: { value: t.value, comparator: t.comparator, source: t.source } });
    }
  }
  if (stored.size) await tx.target.deleteMany({ where: { id: { in: [...stored.values()].map((t) => t.id) } } });
  if (fresh.length) await tx.target.createMany({ data: fresh.map((t) => ({ planId, ...t })) });
}

function parse(json: string | null): Partial<Ladder> | undefined {
  return json ? (JSON.parse(json) as Partial<Ladder>) : undefined;
}

export type PlansRepo = ReturnType<typeof createPlansRepo>;
