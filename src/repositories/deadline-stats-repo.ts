import type { Db } from '../db/connect.js';
import type { LocalDate } from '../domain/calendar/local-time.js';
import { DEADLINE_CATEGORIES, type DeadlineCategory } from '../domain/progress/deadlines.js';
import type { Scope } from '../domain/progress/types.js';
import type { Recurrence } from '../domain/plans/recurrence.js';
import { Prisma } from '../generated/sqlite/client.js';
import { instant, int, list, num, text, values, withScope } from './scope-sql.js';

/** A task's due dates come from its recurrence, the same for every agency that owes it. */
export interface TaskSchedule {
  taskId: number;
  province: string;
  recurrence: Recurrence;
  adhocDates: LocalDate[];
}

/** One due date of one task, with the instant it falls due. */
export interface DueDate {
  taskId: number;
  dueOn: LocalDate;
  dueAt: Date;
  /** The day is the plan author's, not the document's, and no supervisor has confirmed it: past it is `unconfirmed`. */
  assumed: boolean;
}

/** One agency's occurrence of a task as counted: what happened to it is decided by its category. */
export interface DeadlineRow {
  key: string;
  taskId: number;
  taskTitle: string;
  agencyId: number;
  agencyName: string;
  dueAt: Date;
  doneAt: Date | null;
}

const timestamp = (d: Date) => Prisma.sql`CAST(${d} AS TIMESTAMP(3))`;

/**
 * Deadlines are computed, never stored, and the same for every agency sharing a task: the due
 * dates come in as a short list, the database pairs them with the agencies that owe them (merged
 * agencies' work going to the survivor, as the reminders do) and with their state, found by its
 * key (taskId:agencyId:dueOn, see occurrenceKey), and counts.
 */
function occurrencesSql(scope: Scope, due: readonly DueDate[], now: Date): Prisma.Sql {
  const dueRows = due.map((d) => [int(d.taskId), text(d.dueOn), timestamp(d.dueAt), int(d.assumed ? 1 : 0)]);
  const tasks = [...new Set(due.map((d) => d.taskId))];
  return withScope(
    scope,
    Prisma.sql`"due"("taskId", "dueOn", "dueAt", "assumed") AS (${values(dueRows)})`,
    // Who owes each task, once, as the reminders see it (plans-repo scheduledTasks): an agency merged into another
    // that owes it too is the same one; an ended body's duties go to the successors a supervisor named, or to nobody.
    Prisma.sql`"owes" AS (SELECT DISTINCT ta."taskId", COALESCE(n."mergedIntoId", n."id") AS "agencyId"
      FROM "TaskAgency" ta JOIN "Agency" a ON a."id" = ta."agencyId"
      LEFT JOIN "AgencySuccessor" su ON a."endedOn" IS NOT NULL AND su."fromId" = a."id"
      JOIN "Agency" n ON n."id" = CASE WHEN a."endedOn" IS NULL THEN a."id" ELSE su."toId" END
      WHERE ta."role" = 'lead' AND ta."taskId" IN (${Prisma.join(tasks.map(int))}))`,
    // Done counts only once stamped before `now`; an assumed day that has passed (done or not) is `unconfirmed`,
    // as domain/progress/deadlines.ts categorise says.
    Prisma.sql`"st" AS MATERIALIZED (SELECT d."taskId", d."dueOn", d."dueAt", o."agencyId", s."doneAt",
        CASE WHEN d."assumed" = 1 AND (CASE WHEN s."doneAt" IS NOT NULL AND s."doneAt" <= ${timestamp(now)} THEN s."doneAt" ELSE ${timestamp(now)} END) >= d."dueAt" THEN 'unconfirmed'
          WHEN s."doneAt" IS NOT NULL AND s."doneAt" <= ${timestamp(now)} THEN CASE WHEN s."doneAt" < d."dueAt" THEN 'done_on_time' ELSE 'done_late' END
          WHEN ${timestamp(now)} >= d."dueAt" THEN 'overdue' ELSE 'in_time' END AS "category"
      FROM "due" d JOIN "owes" o ON o."taskId" = d."taskId" JOIN "scope" sc ON sc."id" = o."agencyId"
      LEFT JOIN "OccurrenceState" s ON s."key" = CAST(d."taskId" AS TEXT) || ':' || CAST(o."agencyId" AS TEXT) || ':' || d."dueOn")`,
  );
}

type ItemRow = { taskId: number; dueOn: string; dueAt: unknown; agencyId: number; name: string; doneAt: unknown; title: string; category: string };

// A count beside the categories' own, in the same statement.
const OPEN_UNCONFIRMED = 'unconfirmed_open';

// Due dates go in as parameters: a national year of them is split so no statement carries too many.
const CHUNK = 1000;

export function createDeadlineStatsRepo(db: Db) {
  const toRow = (r: ItemRow): DeadlineRow => ({ key: `${r.taskId}:${r.agencyId}:${r.dueOn}`, taskId: Number(r.taskId), taskTitle: r.title, agencyId: Number(r.agencyId), agencyName: r.name, dueAt: instant(r.dueAt), doneAt: r.doneAt === null ? null : instant(r.doneAt) });
  // No due dates, no statement: an empty VALUES list is not SQL.
  const chunks = (due: readonly DueDate[]) => Array.from({ length: Math.ceil(due.length / CHUNK) }, (_, i) => due.slice(i * CHUNK, (i + 1) * CHUNK));

  return {
    /** Every task's recurrence in force, without its agencies: what due dates are computed from. */
    async schedules(): Promise<TaskSchedule[]> {
      const tasks = await db.task.findMany({ select: { id: true, recurrence: true, confirmedRecurrence: true, plan: { select: { provinceCode: true } }, adhocDates: { select: { dueOn: true } } }, orderBy: { id: 'asc' } });
      // A supervisor's confirmed or changed day wins over the plan file's, as for the reminders.
      return tasks.map((t) => ({ taskId: t.id, province: t.plan.provinceCode, recurrence: JSON.parse(t.confirmedRecurrence ?? t.recurrence) as Recurrence, adhocDates: t.adhocDates.map((d) => d.dueOn) }));
    },

    /**
     * How many occurrences fall in each category and, of the `listed` ones, the first `limit` by due
     * date with every other one due the same day: the database orders names byte by byte, so the
     * caller picks the first by the Vietnamese alphabet among those. `openUnconfirmed`: the unconfirmed ones not
     * done yet, the ones /overdue asks a supervisor to look at.
     */
    async counts(input: { scope: Scope; due: readonly DueDate[]; now: Date; limit: number; listed: readonly DeadlineCategory[] }): Promise<{ counts: Record<DeadlineCategory, number>; openUnconfirmed: number; first: (DeadlineRow & { category: DeadlineCategory })[] }> {
      const counts = Object.fromEntries(DEADLINE_CATEGORIES.map((c) => [c, 0])) as Record<DeadlineCategory, number>;
      const first: (DeadlineRow & { category: DeadlineCategory })[] = [];
      let openUnconfirmed = 0;
      const listed = input.listed.length ? input.listed : ['none'];
      for (const due of chunks(input.due)) {
        const rows = await db.$queryRaw<(ItemRow & { total: unknown })[]>`${occurrencesSql(input.scope, due, input.now)},
          "ranked" AS (SELECT st.*, sc."name", ROW_NUMBER() OVER (PARTITION BY st."category" ORDER BY st."dueOn", sc."name", st."taskId") AS "rn"
            FROM "st" JOIN "scope" sc ON sc."id" = st."agencyId" WHERE st."category" IN (${list(listed)})),
          "cut" AS (SELECT "category", MAX("dueOn") AS "cutoff" FROM "ranked" WHERE "rn" <= ${int(input.limit)} GROUP BY "category")
          SELECT r."category", r."taskId", r."dueOn", r."dueAt", r."agencyId", r."name", r."doneAt", t."title", 0 AS "total"
          FROM "ranked" r JOIN "cut" c ON c."category" = r."category" JOIN "Task" t ON t."id" = r."taskId" WHERE r."dueOn" <= c."cutoff"
          UNION ALL
          SELECT st."category", NULL, NULL, NULL, NULL, NULL, NULL, NULL, COUNT(*) FROM "st" GROUP BY st."category"
          UNION ALL
          SELECT ${text(OPEN_UNCONFIRMED)}, NULL, NULL, NULL, NULL, NULL, NULL, NULL, COUNT(*) FROM "st"
            WHERE st."category" = 'unconfirmed' AND (st."doneAt" IS NULL OR st."doneAt" > ${timestamp(input.now)})`;
        for (const r of rows) {
          if (r.category === OPEN_UNCONFIRMED) openUnconfirmed += num(r.total);
          else if (r.taskId === null) counts[r.category as DeadlineCategory] += num(r.total);
          else first.push({ ...toRow(r), category: r.category as DeadlineCategory });
        }
      }
      return { counts, openUnconfirmed, first };
    },

    /** Every occurrence of one category, for a file. */
    async list(input: { scope: Scope; due: readonly DueDate[]; now: Date; category: DeadlineCategory }): Promise<DeadlineRow[]> {
      const out: DeadlineRow[] = [];
      for (const due of chunks(input.due)) {
        const rows = await db.$queryRaw<ItemRow[]>`${occurrencesSql(input.scope, due, input.now)}
          SELECT st.*, sc."name", t."title" FROM "st" JOIN "scope" sc ON sc."id" = st."agencyId" JOIN "Task" t ON t."id" = st."taskId" WHERE st."category" = ${text(input.category)}`;
        out.push(...rows.map(toRow));
      }
      return out;
    },
  };
}

export type DeadlineStatsRepo = ReturnType<typeof createDeadlineStatsRepo>;
