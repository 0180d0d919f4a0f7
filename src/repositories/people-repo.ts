import type { Db } from '../db/connect.js';
import type { Language } from '../i18n.js';

export type Channel = 'telegram' | 'zalo' | 'console';

export interface RoleInfo {
  kind: 'focal' | 'supervisor';
  agencyId: number | null;
  province: string | null; // "*" for every province
}

export interface PersonInfo {
  id: number;
  name: string;
  language: Language;
  roles: RoleInfo[];
}

export interface ChatAddress {
  channel: Channel;
  chatId: string;
  blocked: boolean;
}

export function createPeopleRepo(db: Db) {
  const toPerson = (p: { id: number; name: string; language: string; roles: { kind: string; agencyId: number | null; provinceCode: string | null }[] }): PersonInfo => ({
    id: p.id,
    name: p.name,
    language: p.language === 'en' ? 'en' : 'vi',
    roles: p.roles.map((r) => ({ kind: r.kind as RoleInfo['kind'], agencyId: r.agencyId, province: r.provinceCode })),
  });

  return {
    /** The person behind a chat, created on first contact with the default language. */
    async personForChat(input: { channel: Channel; chatId: string; name: string; language: Language; at: Date }): Promise<PersonInfo> {
      const chat = await db.chat.findUnique({ where: { channel_chatId: { channel: input.channel, chatId: input.chatId } } });
      if (chat) {
        await db.chat.update({ where: { id: chat.id }, data: { lastInboundAt: input.at, blockedAt: null } });
        return toPerson(await db.person.findUniqueOrThrow({ where: { id: chat.personId }, include: { roles: true } }));
      }
      const person = await db.person.create({
        data: { name: input.name, language: input.language, chats: { create: { channel: input.channel, chatId: input.chatId, lastInboundAt: input.at } } },
        include: { roles: true },
      });
      return toPerson(person);
    },
    /** The person behind a chat the service writes to on its own (a staff group): not an inbound message. */
    async personOfChat(input: { channel: Channel; chatId: string; name: string; language: Language }): Promise<PersonInfo> {
      const chat = await db.chat.findUnique({ where: { channel_chatId: { channel: input.channel, chatId: input.chatId } } });
      if (chat) return toPerson(await db.person.findUniqueOrThrow({ where: { id: chat.personId }, include: { roles: true } }));
      const person = await db.person.create({ data: { name: input.name, language: input.language, chats: { create: { channel: input.channel, chatId: input.chatId } } }, include: { roles: true } });
      return toPerson(person);
    },
    async person(id: number): Promise<PersonInfo | undefined> {
      const p = await db.person.findUnique({ where: { id }, include: { roles: true } });
      return p ? toPerson(p) : undefined;
    },
    setLanguage: (personId: number, language: Language) => db.person.update({ where: { id: personId }, data: { language } }),
    async addRole(personId: number, role: RoleInfo): Promise<void> {
      const exists = await db.role.findFirst({ where: { personId, kind: role.kind, agencyId: role.agencyId, provinceCode: role.province } });
      if (!exists) await db.role.create({ data: { personId, kind: role.kind, agencyId: role.agencyId, provinceCode: role.province } });
    },
    /** Focal points per agency. */
    async focalPoints(agencyIds: number[]): Promise<Map<number, number[]>> {
      const roles = await db.role.findMany({ where: { kind: 'focal', agencyId: { in: agencyIds } } });
      const out = new Map<number, number[]>();
      for (const r of roles) out.set(r.agencyId!, [...(out.get(r.agencyId!) ?? []), r.personId]);
      return out;
    },
    /** Supervisors of a province, including those of every province. */
    async supervisors(province: string): Promise<number[]> {
      const roles = await db.role.findMany({ where: { kind: 'supervisor', provinceCode: { in: [province, '*'] } } });
      return [...new Set(roles.map((r) => r.personId))];
    },
    /** Where to reach a person: the chat they used most recently and have not blocked the bot in. */
    async address(personId: number): Promise<ChatAddress | undefined> {
      const chats = await db.chat.findMany({ where: { personId }, orderBy: [{ lastInboundAt: 'desc' }, { id: 'desc' }] });
      const chat = chats.find((c) => !c.blockedAt) ?? chats[0];
      return chat ? { channel: chat.channel as Channel, chatId: chat.chatId, blocked: !!chat.blockedAt } : undefined;
    },
    async agencyProvinces(agencyIds: number[]): Promise<string[]> {
      const rows = await db.agency.findMany({ where: { id: { in: agencyIds } }, select: { provinceCode: true } });
      return [...new Set(rows.map((r) => r.provinceCode))];
    },
    markBlocked: (channel: Channel, chatId: string, at: Date) => db.chat.updateMany({ where: { channel, chatId }, data: { blockedAt: at } }),
    listPeople: () => db.person.findMany({ include: { roles: { include: { agency: true } }, chats: true }, orderBy: { id: 'asc' } }),
  };
}

export type PeopleRepo = ReturnType<typeof createPeopleRepo>;
