import { join, sqltag as sql } from '@prisma/client/runtime/client';
import type { Db, Provider } from '../db/connect.js';
import { jsonRows } from '../db/json-rows.js';

export interface PlannedRow {
  key: string;
  taskId: number;
  agencyId: number;
  dueOn: string;
  nextFireAt: Date | null;
}

// Prisma refuses `in` lists of more than 999 on SQLite in some queries; a raw insert takes 5 values a row.
const CHUNK = 900;
const INSERT_CHUNK = 2000;
const SET_CHUNK = 1000;

/** Tells every instance's planner that tasks, dates or agencies changed: it plans again at its next tick. */
export async function markPlansChanged(db: Db): Promise<void> {
  const value = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  await db.schedulerSetting.upsert({ where: { name: 'plans.version' }, create: { name: 'plans.version', value }, update: { value } });
}

/**
 * The planner's table: each deadline occurrence in reach with the time it next needs looking at, and the
 * few values the instances share (the planner's lease, how far it has planned, the version of the plans).
 */
export function createPlannerRepo(db: Db, provider: Provider) {
  return {
    /** The occurrences whose time has come, the earliest first: one indexed read. */
    async due(now: Date, limit: number): Promise<PlannedRow[]> {
      return db.plannedOccurrence.findMany({ where: { nextFireAt: { lte: now } }, orderBy: { nextFireAt: 'asc' }, take: limit });
    },
    /** Adds occurrences not planned yet; those already there keep their time. */
    async add(rows: readonly PlannedRow[]): Promise<void> {
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        const values = rows.slice(i, i + INSERT_CHUNK).map((r) => sql`(${r.key}, ${r.taskId}, ${r.agencyId}, ${r.dueOn}, ${r.nextFireAt})`);
        await db.$executeRaw`INSERT INTO "PlannedOccurrence" ("key", "taskId", "agencyId", "dueOn", "nextFireAt") VALUES ${join(values)} ON CONFLICT ("key") DO NOTHING`;
      }
    },
    /** Sets when to look at occurrences next (null: never again), one statement per thousand. */
    async setNext(next: ReadonlyMap<string, Date | null>): Promise<void> {
      const entries = [...next];
      for (let i = 0; i < entries.length; i += SET_CHUNK) {
        const rows = jsonRows(provider, ['text', 'timestamp'], entries.slice(i, i + SET_CHUNK));
        await db.$executeRaw`UPDATE "PlannedOccurrence" SET "nextFireAt" = v.c2 FROM ${rows} AS v WHERE "PlannedOccurrence"."key" = v.c1`;
      }
    },
    /** Look again at once at these occurrences (people, states or plans changed). */
    async touch(where: { keys?: string[]; agencyIds?: number[]; taskIds?: number[] }, now: Date): Promise<void> {
      if (where.keys?.length) await db.plannedOccurrence.updateMany({ where: { key: { in: where.keys } }, data: { nextFireAt: now } });
      if (where.agencyIds?.length) await db.plannedOccurrence.updateMany({ where: { agencyId: { in: where.agencyIds } }, data: { nextFireAt: now } });
      if (where.taskIds?.length) await db.plannedOccurrence.updateMany({ where: { taskId: { in: where.taskIds } }, data: { nextFireAt: now } });
    },
    /** Plans an occurrence for a new due date (an extension), looked at now. */
    moveDue: (key: string, dueOn: string, now: Date) => db.plannedOccurrence.updateMany({ where: { key }, data: { dueOn, nextFireAt: now } }),
    touchAll: (now: Date) => db.plannedOccurrence.updateMany({ data: { nextFireAt: now } }),
    /** Forgets occurrences that went out of reach, or whose task or agency no longer owes them. */
    async remove(keys: readonly string[]): Promise<void> {
      for (let i = 0; i < keys.length; i += CHUNK) await db.plannedOccurrence.deleteMany({ where: { key: { in: keys.slice(i, i + CHUNK) } } });
    },
    removeDueBefore: (dueOn: string) => db.plannedOccurrence.deleteMany({ where: { dueOn: { lt: dueOn } } }),
    async keys(): Promise<string[]> {
      return (await db.plannedOccurrence.findMany({ select: { key: true } })).map((r) => r.key);
    },

    async setting(name: string): Promise<string | undefined> {
      return (await db.schedulerSetting.findUnique({ where: { name } }))?.value;
    },
    setSetting: (name: string, value: string) => db.schedulerSetting.upsert({ where: { name }, create: { name, value }, update: { value } }),
    /**
     * Takes or keeps a lease (the planner's: one instance plans at a time) until `until`; true when this holder has
     * it. One conditional update: two instances cannot both win it.
     */
    async lease(name: string, holder: string, now: Date, until: Date): Promise<boolean> {
      await db.$executeRaw`INSERT INTO "SchedulerSetting" ("name", "value", "holder", "until") VALUES (${name}, '', NULL, NULL) ON CONFLICT ("name") DO NOTHING`;
      const taken = await db.schedulerSetting.updateMany({ where: { name, OR: [{ holder }, { holder: null }, { until: { lt: now } }] }, data: { holder, until } });
      return taken.count === 1;
    },
    release: (name: string, holder: string) => db.schedulerSetting.updateMany({ where: { name, holder }, data: { holder: null, until: null } }),
  };
}

export type PlannerRepo = ReturnType<typeof createPlannerRepo>;
