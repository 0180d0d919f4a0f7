import type { Db } from '../db/connect.js';
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

export function createPlansRepo(db: Db, defaults: { ladder: Partial<Ladder> }) {
  async function importPlan(plan: PlanDef, contentHash: string): Promise<ImportOutcome> {
    const existing = await db.plan.findUnique({ where: { code: plan.code } });
    if (existing?.contentHash === contentHash) return 'unchanged';
    await db.$transaction(async (tx) => {
      await tx.province.upsert({ where: { code: plan.province }, create: { code: plan.province, name: plan.provinceName }, update: {} });
      const agencyIds = new Map<string, number>();
      for (const a of plan.agencies) {
        // Agencies belong to the province, not the plan: names a supervisor changed are kept.
        const row = await tx.agency.findUnique({ where: { code: a.code } })
          ?? await tx.agency.create({ data: { code: a.code, name: a.name, kind: a.kind, note: a.note, provinceCode: plan.province, history: { create: { kind: 'created', detail: `plan ${plan.code}` } } } });
        agencyIds.set(a.code, row.id);
      }
      const fields = { title: plan.title, document: plan.document, issuedOn: plan.issuedOn, issuer: plan.issuer, provinceCode: plan.province, seed: plan.seed, notes: plan.notes ?? null, ladder: plan.ladder ? JSON.stringify(plan.ladder) : null, contentHash };
      const saved = await tx.plan.upsert({ where: { code: plan.code }, create: { code: plan.code, ...fields }, update: fields });
      for (const t of plan.tasks) {
        const data = { title: t.title, recurrence: JSON.stringify(t.recurrence), ladder: t.ladder ? JSON.stringify(t.ladder) : null, source: t.source, reportTo: JSON.stringify(t.reportTo) };
        const task = await tx.task.upsert({ where: { planId_code: { planId: saved.id, code: t.code } }, create: { planId: saved.id, code: t.code, ...data }, update: data });
        await tx.taskAgency.deleteMany({ where: { taskId: task.id } });
        const links = [...t.lead.map((c) => ({ c, role: 'lead' })), ...t.coordinating.map((c) => ({ c, role: 'coordinating' }))];
        for (const { c, role } of links) await tx.taskAgency.create({ data: { taskId: task.id, agencyId: agencyIds.get(c)!, role } });
      }
      await tx.target.deleteMany({ where: { planId: saved.id } });
      for (const t of plan.targets) await tx.target.create({ data: { planId: saved.id, ...t } });
    });
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
