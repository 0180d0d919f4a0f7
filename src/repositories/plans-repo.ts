import type { Db } from '../db/connect.js';
import { DEFAULT_LEVEL } from '../domain/agencies/levels.js';
import type { PlanDef } from '../domain/plans/types.js';
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
  province: string;
  recurrence: Recurrence;
  source: string;
}

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

const IMPORT_TIMEOUT_MS = 120_000;

/**
 * Agencies belong to the province, not the plan: the plan creates those it names for the first
 * time; a name, level or parent a supervisor changed is kept, while a level or parent the plan
 * gives and nobody changed follows the plan (so a plan updated with levels gives them to agencies
 * created before).
 */
async function importAgencies(tx: Tx, plan: PlanDef): Promise<Map<string, number>> {
  const codes = plan.agencies.map((a) => a.code);
  const known = new Set((await tx.agency.findMany({ where: { code: { in: codes } }, select: { code: true } })).map((a) => a.code));
  const created = await tx.agency.createManyAndReturn({
    data: plan.agencies.filter((a) => !known.has(a.code)).map((a) => ({ code: a.code, name: a.name, kind: a.kind, note: a.note, level: a.level ?? DEFAULT_LEVEL, provinceCode: plan.province })),
    select: { id: true },
  });
  await tx.agencyEvent.createMany({ data: created.map((a) => ({ agencyId: a.id, kind: 'created', detail: `plan ${plan.code}` })) });
  const rows = await tx.agency.findMany({ where: { code: { in: codes } }, select: { id: true, code: true, level: true, parentId: true } });
  const ids = new Map(rows.map((a) => [a.code, a.id]));
  const edited = new Set((await tx.agencyEvent.findMany({ where: { agencyId: { in: rows.map((a) => a.id) }, kind: { in: ['level', 'parent'] } }, select: { agencyId: true, kind: true } })).map((e) => `${e.kind}:${e.agencyId}`));
  // Agencies that move to the same level and parent are updated together.
  const moves = new Map<string, { level: string; parentId: number | null; ids: number[] }>();
  const byCode = new Map(rows.map((a) => [a.code, a]));
  for (const a of plan.agencies) {
    const row = byCode.get(a.code)!;
    const level = a.level === undefined || edited.has(`level:${row.id}`) ? row.level : a.level;
    const parentId = a.parent === undefined || edited.has(`parent:${row.id}`) ? row.parentId : ids.get(a.parent)!;
    if (level === row.level && parentId === row.parentId) continue;
    const key = `${level}:${parentId}`;
    const move = moves.get(key) ?? { level, parentId, ids: [] };
    move.ids.push(row.id);
    moves.set(key, move);
  }
  for (const move of moves.values()) await tx.agency.updateMany({ where: { id: { in: move.ids } }, data: { level: move.level, parentId: move.parentId } });
  return ids;
}

export function createPlansRepo(db: Db, defaults: { ladder: Partial<Ladder> }) {
  async function importPlan(plan: PlanDef, contentHash: string): Promise<ImportOutcome> {
    const existing = await db.plan.findUnique({ where: { code: plan.code } });
    if (existing?.contentHash === contentHash) return 'unchanged';
    // Statements per kind of row, not per row: a plan naming every commune of a province (hundreds) stays one short transaction.
    await db.$transaction(async (tx) => {
      await tx.province.upsert({ where: { code: plan.province }, create: { code: plan.province, name: plan.provinceName }, update: {} });
      const agencyIds = await importAgencies(tx, plan);
      const fields = { title: plan.title, document: plan.document, issuedOn: plan.issuedOn, issuer: plan.issuer, provinceCode: plan.province, seed: plan.seed, notes: plan.notes ?? null, ladder: plan.ladder ? JSON.stringify(plan.ladder) : null, contentHash };
      const saved = await tx.plan.upsert({ where: { code: plan.code }, create: { code: plan.code, ...fields }, update: fields });
      for (const t of plan.tasks) {
        const data = { title: t.title, recurrence: JSON.stringify(t.recurrence), ladder: t.ladder ? JSON.stringify(t.ladder) : null, source: t.source, reportTo: JSON.stringify(t.reportTo) };
        const task = await tx.task.upsert({ where: { planId_code: { planId: saved.id, code: t.code } }, create: { planId: saved.id, code: t.code, ...data }, update: data });
        await tx.taskAgency.deleteMany({ where: { taskId: task.id } });
        const links = [...t.lead.map((c) => ({ c, role: 'lead' })), ...t.coordinating.map((c) => ({ c, role: 'coordinating' }))];
        await tx.taskAgency.createMany({ data: links.map(({ c, role }) => ({ taskId: task.id, agencyId: agencyIds.get(c)!, role })) });
      }
      await tx.target.deleteMany({ where: { planId: saved.id } });
      await tx.target.createMany({ data: plan.targets.map((t) => ({ planId: saved.id, ...t })) });
      // Prisma's 5 s default is short for a province's every commune on a busy server; the import runs at start, once.
    }, { timeout: IMPORT_TIMEOUT_MS, maxWait: IMPORT_TIMEOUT_MS });
    return existing ? 'updated' : 'created';
  }

  /** Every task with the agencies that owe it, ready for the reminder engine. Merged agencies' work goes to the survivor. */
  async function scheduledTasks(): Promise<ScheduledTask[]> {
    const tasks = await db.task.findMany({
      include: { plan: true, adhocDates: true, agencies: { where: { role: 'lead' }, include: { agency: true } } },
      orderBy: { id: 'asc' },
    });
    return tasks.map((t) => ({
      taskId: t.id,
      title: t.title,
      planCode: t.plan.code,
      province: t.plan.provinceCode,
      recurrence: JSON.parse(t.recurrence) as Recurrence,
      ladder: resolveLadder(defaults.ladder, parse(t.plan.ladder), parse(t.ladder)),
      agencyIds: [...new Set(t.agencies.map((a) => a.agency.mergedIntoId ?? a.agencyId))],
      adhocDates: t.adhocDates.map((d) => d.dueOn),
    }));
  }

  async function taskInfo(ids: number[]): Promise<Map<number, TaskInfo>> {
    const rows = await db.task.findMany({ where: { id: { in: ids } }, include: { plan: true } });
    return new Map(rows.map((t) => [t.id, { id: t.id, code: t.code, title: t.title, planCode: t.plan.code, document: t.plan.document, province: t.plan.provinceCode, recurrence: JSON.parse(t.recurrence) as Recurrence, source: t.source }]));
  }

  return {
    importPlan,
    scheduledTasks,
    taskInfo,
    listPlans: () => db.plan.findMany({ orderBy: { code: 'asc' }, include: { _count: { select: { tasks: true, targets: true } } } }),
    findTask: (planCode: string, taskCode: string) => db.task.findFirst({ where: { code: taskCode, plan: { code: planCode } }, include: { plan: true } }),
    setAdhocDate: (input: { taskId: number; dueOn: string; note?: string; setBy?: number }) =>
      db.adhocDate.upsert({ where: { taskId_dueOn: { taskId: input.taskId, dueOn: input.dueOn } }, create: input, update: { note: input.note } }),
  };
}

function parse(json: string | null): Partial<Ladder> | undefined {
  return json ? (JSON.parse(json) as Partial<Ladder>) : undefined;
}

export type PlansRepo = ReturnType<typeof createPlansRepo>;
