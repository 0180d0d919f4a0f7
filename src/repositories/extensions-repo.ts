import type { Db } from '../db/connect.js';
import type { LocalDate } from '../domain/calendar/local-time.js';
import { readInChunks } from '../db/chunks.js';

export type ExtensionStatus = 'pending' | 'approved' | 'declined';

export interface ExtensionRecord {
  id: number;
  occurrenceKey: string;
  taskId: number;
  agencyId: number;
  originalDueOn: LocalDate;
  requestedDueOn: LocalDate;
  reason: string;
  requestedById: number;
  requestedAt: Date;
  status: ExtensionStatus;
  decidedById: number | null;
  decidedAt: Date | null;
  declineReason: string | null;
}

const toRecord = (row: Omit<ExtensionRecord, 'status'> & { status: string }): ExtensionRecord => ({ ...row, status: row.status as ExtensionStatus });

/** Requests for more time on a deadline, and their answers. */
export function createExtensionsRepo(db: Db) {
  return {
    async request(input: { occurrenceKey: string; taskId: number; agencyId: number; originalDueOn: LocalDate; requestedDueOn: LocalDate; reason: string; requestedById: number; now: Date }): Promise<ExtensionRecord> {
      const { now, ...data } = input;
      return toRecord(await db.extension.create({ data: { ...data, requestedAt: now } }));
    },
    async byId(id: number): Promise<ExtensionRecord | undefined> {
      const row = await db.extension.findUnique({ where: { id } });
      return row ? toRecord(row) : undefined;
    },
    /** Answers a pending request; false when it was answered already (by another supervisor, say). */
    async decide(id: number, decision: { status: 'approved' | 'declined'; byPersonId: number; now: Date; declineReason?: string }): Promise<boolean> {
      const { count } = await db.extension.updateMany({ where: { id, status: 'pending' }, data: { status: decision.status, decidedById: decision.byPersonId, decidedAt: decision.now, declineReason: decision.declineReason ?? null } });
      return count === 1;
    },
    /** The approved due date of each occurrence that has one (the latest approved, if several). */
    async approvedDueDates(keys: readonly string[]): Promise<Map<string, LocalDate>> {
      const rows = await readInChunks(keys, (slice) => db.extension.findMany({ where: { occurrenceKey: { in: [...slice] }, status: 'approved' }, orderBy: { decidedAt: 'asc' } }));
      return new Map(rows.map((r) => [r.occurrenceKey, r.requestedDueOn]));
    },
    /** Approved extensions whose new date is on or after `from`: occurrences the planner keeps beyond their first reach. */
    async approvedFrom(from: LocalDate): Promise<ExtensionRecord[]> {
      return (await db.extension.findMany({ where: { status: 'approved', requestedDueOn: { gte: from } } })).map(toRecord);
    },
    /** Every request about these occurrences, oldest first. */
    async forOccurrences(keys: readonly string[]): Promise<ExtensionRecord[]> {
      return (await readInChunks(keys, (slice) => db.extension.findMany({ where: { occurrenceKey: { in: [...slice] } }, orderBy: { id: 'asc' } }))).map(toRecord);
    },
  };
}

export type ExtensionsRepo = ReturnType<typeof createExtensionsRepo>;
