import type { Db } from '../db/connect.js';
import { DEFAULT_LEVEL, isAgencyLevel, type AgencyLevel } from '../domain/agencies/levels.js';

export interface AgencyInfo {
  id: number;
  code: string;
  name: string;
  province: string;
  provinceName: string;
  mergedIntoId: number | null;
  /** The local date the body ended (the district level on 2025-07-01), if it did. */
  endedOn: string | null;
  level: AgencyLevel;
  parentId: number | null;
}

export interface ProvinceInfo {
  code: string;
  name: string;
}

interface Catalog {
  stamp: string;
  /** By province, then code. */
  agencies: AgencyInfo[];
  byId: Map<number, AgencyInfo>;
  byCode: Map<string, AgencyInfo>;
  /** By code. */
  provinces: ProvinceInfo[];
}

/**
 * The agencies and provinces, kept in memory: staff commands read them on every turn and they change a few times a
 * year. Every change to an agency writes its history (AgencyEvent: created, renamed, merged…) in the same
 * transaction, events are never deleted, and provinces are only ever added; so the number of events, the last one's
 * id and the number of provinces, read in one small query, tell whether what is kept is current. Another instance's
 * change, or one made by the CLI in its own process, shows in the next read.
 */
export function createAgencyCatalog(db: Db) {
  let kept: Catalog | undefined;
  let loading: { stamp: string; catalog: Promise<Catalog> } | undefined;

  async function load(stamp: string): Promise<Catalog> {
    const [rows, provinces] = await Promise.all([
      db.agency.findMany({ select: { id: true, code: true, name: true, provinceCode: true, mergedIntoId: true, endedOn: true, level: true, parentId: true }, orderBy: [{ provinceCode: 'asc' }, { code: 'asc' }] }),
      db.province.findMany({ select: { code: true, name: true }, orderBy: { code: 'asc' } }),
    ]);
    const names = new Map(provinces.map((p) => [p.code, p.name]));
    // Shared by every caller: frozen, so that none can change another's.
    const agencies = rows.map((a) => Object.freeze({ id: a.id, code: a.code, name: a.name, province: a.provinceCode, provinceName: names.get(a.provinceCode) ?? a.provinceCode, mergedIntoId: a.mergedIntoId, endedOn: a.endedOn,
      level: isAgencyLevel(a.level) ? a.level : DEFAULT_LEVEL, parentId: a.parentId }));
    return { stamp, agencies, byId: new Map(agencies.map((a) => [a.id, a])), byCode: new Map(agencies.map((a) => [a.code, a])), provinces: provinces.map((p) => Object.freeze(p)) };
  }

  /** The catalog as the database holds it now: from memory unless something changed since it was read. */
  async function current(): Promise<Catalog> {
    const [row] = await db.$queryRaw<{ events: unknown; last: unknown; provinces: unknown }[]>`
      SELECT (SELECT COUNT(*) FROM "AgencyEvent") AS "events", (SELECT MAX("id") FROM "AgencyEvent") AS "last", (SELECT COUNT(*) FROM "Province") AS "provinces"`;
    const stamp = `${row?.events}:${row?.last}:${row?.provinces}`;
    if (kept?.stamp === stamp) return kept;
    if (loading?.stamp !== stamp) {
      const catalog = load(stamp);
      loading = { stamp, catalog };
      void catalog.then((c) => (kept = c), () => undefined).finally(() => {
        if (loading?.catalog === catalog) loading = undefined;
      });
    }
    return loading.catalog;
  }

  return {
    async list(filter: { province?: string } = {}): Promise<AgencyInfo[]> {
      const { agencies } = await current();
      return agencies.filter((a) => !filter.province || a.province === filter.province);
    },
    async byIds(ids: readonly number[]): Promise<Map<number, AgencyInfo>> {
      const { byId } = await current();
      return new Map(ids.flatMap((id) => (byId.has(id) ? [[id, byId.get(id)!] as const] : [])));
    },
    async byCode(code: string): Promise<AgencyInfo | undefined> {
      return (await current()).byCode.get(code);
    },
    /**
     * The agency as it is now: itself, or the one it was merged into (whose province may differ). Authority over a
     * merged agency's work is judged on this one.
     */
    async survivor(agency: AgencyInfo): Promise<AgencyInfo> {
      const { byId } = await current();
      let now = agency;
      // A merge repoints what was merged into the old record, so one step suffices; the bound guards bad data.
      for (let hops = 0; now.mergedIntoId !== null && hops < 10; hops++) now = byId.get(now.mergedIntoId) ?? now;
      return now;
    },
    async provinces(): Promise<ProvinceInfo[]> {
      return [...(await current()).provinces];
    },
    async province(code: string): Promise<ProvinceInfo | undefined> {
      return (await current()).provinces.find((p) => p.code === code);
    },
  };
}
