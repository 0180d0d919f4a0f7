import type { Db } from '../db/connect.js';
import { DEFAULT_LEVEL, isAgencyLevel, type AgencyLevel } from '../domain/agencies/levels.js';
import type { Scope } from '../domain/progress/types.js';
import { withScope } from './scope-sql.js';

export interface AgencyInfo {
  id: number;
  code: string;
  name: string;
  province: string;
  provinceName: string;
  mergedIntoId: number | null;
  level: AgencyLevel;
  parentId: number | null;
}

/** Why a parent was refused: an agency cannot sit under itself or under one of its own. */
export type ParentRefusal = 'self' | 'cycle';

export function createAgenciesRepo(db: Db) {
  const toInfo = (a: { id: number; code: string; name: string; provinceCode: string; mergedIntoId: number | null; level: string; parentId: number | null; province: { name: string } }): AgencyInfo =>
    ({ id: a.id, code: a.code, name: a.name, province: a.provinceCode, provinceName: a.province.name, mergedIntoId: a.mergedIntoId, level: isAgencyLevel(a.level) ? a.level : DEFAULT_LEVEL, parentId: a.parentId });

  return {
    async list(filter: { province?: string } = {}): Promise<AgencyInfo[]> {
      const rows = await db.agency.findMany({ where: filter.province ? { provinceCode: filter.province } : {}, include: { province: true }, orderBy: [{ provinceCode: 'asc' }, { code: 'asc' }] });
      return rows.map(toInfo);
    },
    async byIds(ids: number[]): Promise<Map<number, AgencyInfo>> {
      const rows = await db.agency.findMany({ where: { id: { in: ids } }, include: { province: true } });
      return new Map(rows.map((a) => [a.id, toInfo(a)]));
    },
    async byCode(code: string): Promise<AgencyInfo | undefined> {
      const row = await db.agency.findUnique({ where: { code }, include: { province: true } });
      return row ? toInfo(row) : undefined;
    },
    provinces: () => db.province.findMany({ orderBy: { code: 'asc' } }),
    province: (code: string) => db.province.findUnique({ where: { code } }),
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
    },
    history: (id: number) => db.agencyEvent.findMany({ where: { agencyId: id }, orderBy: { id: 'asc' } }),
    /** Active agencies of a scope that nobody answers for: no focal point has been invited for them. */
    async withoutFocal(scope: Scope): Promise<{ id: number; name: string; code: string; province: string }[]> {
      const rows = await db.$queryRaw<{ id: number; name: string; code: string; province: string }[]>`${withScope(scope)}
        SELECT s."id", s."name", s."code", s."province" FROM "scope" s WHERE NOT EXISTS (SELECT 1 FROM "Role" r WHERE r."agencyId" = s."id" AND r."kind" = 'focal')`;
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
