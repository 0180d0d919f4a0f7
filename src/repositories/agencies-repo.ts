import type { Db } from '../db/connect.js';

export interface AgencyInfo {
  id: number;
  code: string;
  name: string;
  province: string;
  provinceName: string;
  mergedIntoId: number | null;
}

export function createAgenciesRepo(db: Db) {
  const toInfo = (a: { id: number; code: string; name: string; provinceCode: string; mergedIntoId: number | null; province: { name: string } }): AgencyInfo =>
    ({ id: a.id, code: a.code, name: a.name, province: a.provinceCode, provinceName: a.province.name, mergedIntoId: a.mergedIntoId });

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
  };
}

export type AgenciesRepo = ReturnType<typeof createAgenciesRepo>;
